import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The bearer token Artisio sends with every webhook. Artisio asks for it before it enables
 * webhooks for your account: choose a long random value, give it to Artisio, and store it here.
 * Tested by the node (`testedBy: 'artisioTokenStrengthTest'`): Artisio has no endpoint to call with
 * the token, so the test says whether the token is strong enough.
 */
export class ArtisioWebhookApi implements ICredentialType {
	name = 'artisioWebhookApi';

	displayName = 'Artisio Webhook API';

	icon = { light: 'file:artisio.svg', dark: 'file:artisio.dark.svg' } as const;

	documentationUrl =
		'https://www.npmjs.com/package/n8n-nodes-artemis-artisio#artisio-webhook-trigger';

	properties: INodeProperties[] = [
		{
			displayName:
				'Artisio sends this token with every webhook, as "Authorization: Bearer &lt;token&gt;". Make one with <code>openssl rand -hex 32</code> (64 characters), paste it here, and give Artisio the same value when you ask them to enable webhooks. Test checks that it is strong enough.',
			name: 'notice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Bearer Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The token Artisio sends as "Authorization: Bearer &lt;token&gt;". Give Artisio the same value when you ask them to enable webhooks. Use a long random string (e.g. 32+ characters).',
		},
	];
}
