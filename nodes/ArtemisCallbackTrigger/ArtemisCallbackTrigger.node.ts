import type {
	IDataObject,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { checkOptionsOnActivation } from '../shared/activation';
import { outputsExpression } from '../shared/options';
import { handleWebhook, type Receipt, type TriggerDefinition } from '../shared/pipeline';
import { artemisProperties } from './description';
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
		meta: {
			receivedAt: receipt.receivedAt,
			method: receipt.method,
			dedupeKey: receipt.dedupeKey,
			unknownValues: callback.unknownValues as unknown as IDataObject[],
			warnings: receipt.warnings as unknown as IDataObject[],
			...(receipt.headers ? { headers: receipt.headers } : {}),
		},
	}),
};

export class ArtemisCallbackTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Artemis Callback Trigger',
		name: 'artemisCallbackTrigger',
		icon: { light: 'file:artemis.svg', dark: 'file:artemis.dark.svg' },
		group: ['trigger'],
		// 1.1, not 1: for a start node of typeVersion 1, n8n 2.x evaluates `$parameter.options.binaryData`
		// (a Webhook node v1 option) in an expression isolate on every request. Same behaviour in both.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: 'Customer callbacks',
		description: 'Starts the workflow when Artemis reports a new customer or a customer status change',
		defaults: { name: 'Artemis Callback Trigger' },
		inputs: [],
		outputs: outputsExpression,
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST,PUT,PATCH',
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		properties: artemisProperties,
	};

	webhookMethods = checkOptionsOnActivation;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleWebhook(this, artemisCallback);
	}
}
