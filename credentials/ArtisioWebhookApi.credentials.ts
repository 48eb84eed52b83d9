import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The bearer token Artisio sends with every webhook. Artisio asks for it before it enables
 * webhooks for your account: choose a long random value, give it to Artisio, and store it here.
 */
// Artisio calls us with this token; there is no Artisio endpoint a credential test could call with it.
// eslint-disable-next-line @n8n/community-nodes/credential-test-required
export class ArtisioWebhookApi implements ICredentialType {
	name = 'artisioWebhookApi';

	displayName = 'Artisio Webhook API';

	icon = { light: 'file:artisio.svg', dark: 'file:artisio.dark.svg' } as const;

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-artemis-artisio#artisio-webhook-trigger';

	properties: INodeProperties[] = [
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
