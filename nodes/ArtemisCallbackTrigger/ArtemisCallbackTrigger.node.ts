import type {
	IDataObject,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { checkOptionsOnActivation } from '../shared/activation';
// <redis-store>
import { dedupeRedisConnectionTest } from '../shared/dedupe/credentialTest';
// </redis-store>
import { readmeSection, TRIGGER_VERSIONS, vendorWebhook } from '../shared/description';
import { itemMeta } from '../shared/item';
import { outputsExpression } from '../shared/options';
import { handleWebhook, type Receipt, type TriggerDefinition } from '../shared/pipeline';
import { artemisProperties, artemisTriggerPanel } from './description';
import { isSelectedCallback } from './filter';
import { type ArtemisCallback, validateArtemisCallback } from './schema';

/**
 * Artemis (Cynopsis) calls back when a customer is onboarded (INSERT) or its status changes
 * (UPDATE). It sends no authentication, never retries, may repeat a callback and does not
 * guarantee order: so the item says exactly what arrived, and repeats of a customer's last
 * state are dropped.
 */
const artemisCallback: TriggerDefinition<ArtemisCallback> = {
	validate: validateArtemisCallback,
	isSelected: isSelectedCallback,
	// The vendor's own advice: dedupe on customerId + action + status + riskRating.
	identify: (callback) => ({
		record: String(callback.customerId),
		fingerprint: `${callback.action}|${callback.status}|${callback.riskRating ?? ''}`,
	}),
	toItem: (callback: ArtemisCallback, receipt: Receipt): IDataObject => ({
		customerId: callback.customerId,
		customerReferenceId: callback.customerReferenceId,
		profileReferenceId: callback.profileReferenceId,
		status: callback.status,
		riskRating: callback.riskRating,
		action: callback.action,
		message: callback.message,
		customerType: callback.customerType,
		...callback.otherFields,
		// Artemis may call with POST, PUT or PATCH: the item says which.
		meta: itemMeta(
			receipt,
			{ unknownValues: callback.unknownValues, warnings: [] },
			{ withMethod: true },
		),
	}),
};

export class ArtemisCallbackTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Artemis Callback Trigger',
		name: 'artemisCallbackTrigger',
		icon: { light: 'file:artemis.svg', dark: 'file:artemis.dark.svg' },
		group: ['trigger'],
		...TRIGGER_VERSIONS,
		subtitle: 'Customer callbacks',
		description:
			'Starts the workflow when Artemis reports a new customer or a customer status change',
		documentationUrl: readmeSection(
			'n8n-nodes-artemis-artisio.artemisCallbackTrigger',
			'artemis-callback-trigger',
		),
		defaults: { name: 'Artemis Callback Trigger' },
		inputs: [],
		outputs: outputsExpression,
		credentials: [
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
		webhooks: vendorWebhook('POST', 'PUT', 'PATCH'),
		triggerPanel: artemisTriggerPanel,
		properties: artemisProperties,
	};

	webhookMethods = checkOptionsOnActivation;

	methods = {
		credentialTest: {
			// <redis-store>
			dedupeRedisConnectionTest,
			// </redis-store>
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleWebhook(this, artemisCallback);
	}
}
