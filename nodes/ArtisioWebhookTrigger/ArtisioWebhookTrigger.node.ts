import type {
	IDataObject,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { checkBearer } from '../shared/bearer';
import { passesFilter } from '../shared/filters';
import { fingerprintOf } from '../shared/fingerprint';
import { checkOptionsOnActivation } from '../shared/activation';
// <redis-store>
import { dedupeRedisConnectionTest } from '../shared/dedupe/credentialTest';
// </redis-store>
import { readmeSection, TRIGGER_VERSIONS, vendorWebhook } from '../shared/description';
import { itemMeta } from '../shared/item';
import { outputsExpression } from '../shared/options';
import { handleWebhook, type Receipt, type TriggerDefinition } from '../shared/pipeline';
import { artisioProperties, artisioTriggerPanel } from './description';
import { artisioTokenStrengthTest } from './tokenStrength';
import { type ArtisioEvent, validateArtisioEvent } from './schemas';

/**
 * Artisio posts `{ action, object, data }` with a bearer token, one request at a time, and tries
 * each request three times in all: so the node answers at once, and the retries of one delivery
 * (identical bodies) start one execution.
 */
const artisioEvent: TriggerDefinition<ArtisioEvent> = {
	authenticate: async (context) =>
		// The credential is read again when the token presented is not the one read less than 2 s ago:
		// a new token works at once, the old one stops within 2 s (see checkBearer).
		await checkBearer({
			header: context.getHeaderData().authorization,
			credentialId: context.getNode().credentials?.artisioWebhookApi?.id ?? undefined,
			readToken: async () =>
				(await context.getCredentials<{ token: string }>('artisioWebhookApi')).token,
			now: Date.now(),
		}),
	validate: validateArtisioEvent,
	isSelected: (context, event) =>
		passesFilter(context.getNodeParameter('objects', []) as string[], event.object) &&
		passesFilter(context.getNodeParameter('actions', []) as string[], event.action),
	identify: (event) => ({
		record: `${event.object}|${event.uuid}`,
		fingerprint: `${event.action}|${fingerprintOf(event.data)}`,
	}),
	toItem: (event: ArtisioEvent, receipt: Receipt): IDataObject => ({
		action: event.action,
		object: event.object,
		uuid: event.uuid,
		data: event.data,
		meta: itemMeta(receipt, event, { withMethod: false }),
	}),
};

export class ArtisioWebhookTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Artisio Webhook Trigger',
		name: 'artisioWebhookTrigger',
		icon: { light: 'file:artisio.svg', dark: 'file:artisio.dark.svg' },
		group: ['trigger'],
		...TRIGGER_VERSIONS,
		subtitle: '={{ ($parameter.objects.length ? $parameter.objects.join(", ") : "All objects") }}',
		description:
			'Starts the workflow when Artisio creates, updates or deletes an auction, lot, customer, invoice or other record',
		documentationUrl: readmeSection(
			'n8n-nodes-artemis-artisio.artisioWebhookTrigger',
			'artisio-webhook-trigger',
		),
		defaults: { name: 'Artisio Webhook Trigger' },
		inputs: [],
		outputs: outputsExpression,
		credentials: [
			// Artisio has no endpoint to call with the token: the test judges the token itself.
			{ name: 'artisioWebhookApi', required: true, testedBy: 'artisioTokenStrengthTest' },
			// <redis-store>
			{
				// Asked for only with the Redis store; n8n's lint wants the test named here, in the node file.
				name: 'dedupeRedisApi',
				required: true,
				displayOptions: { show: { dedupeStore: ['redis'] } },
				testedBy: 'dedupeRedisConnectionTest',
			},
			// </redis-store>
		],
		webhooks: vendorWebhook('POST'),
		triggerPanel: artisioTriggerPanel,
		properties: artisioProperties,
	};

	webhookMethods = checkOptionsOnActivation;

	methods = {
		credentialTest: {
			artisioTokenStrengthTest,
			// <redis-store>
			dedupeRedisConnectionTest,
			// </redis-store>
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleWebhook(this, artisioEvent);
	}
}
