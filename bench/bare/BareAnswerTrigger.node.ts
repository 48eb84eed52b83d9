import type {
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { DUPLICATE, writeAnswer } from '../../nodes/shared/answers';
import { TRIGGER_VERSIONS, vendorWebhook } from '../../nodes/shared/description';

/**
 * The floor of an answer that starts nothing (bench only): answers `{"status":"duplicate"}` with the
 * triggers' own writer and returns no workflow data, like a duplicate, an ignored event or a 400.
 */
export class BareAnswerTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bench Bare Answer Trigger',
		name: 'bareAnswerTrigger',
		group: ['trigger'],
		...TRIGGER_VERSIONS,
		description: 'Bench only: answers and starts nothing',
		defaults: { name: 'Bench Bare Answer Trigger' },
		inputs: [],
		outputs: ['main'],
		webhooks: vendorWebhook('POST'),
		properties: [],
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		writeAnswer(this, 200, DUPLICATE);
		return await Promise.resolve({ noWebhookResponse: true });
	}
}
