import type { INodeType, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { ACCEPTED, writeAnswer } from '../../nodes/shared/answers';
import { bareDescription } from './description';

/**
 * The floor every community trigger stands on (bench only, never published): the same webhook
 * description and type versions as ours, answers at once with the same writer, and starts one
 * execution with the body as it came. No validation, no filters, no static data, no credential.
 */
export class BareTrigger implements INodeType {
	description = bareDescription(
		'bareTrigger',
		'Bench Bare Trigger',
		'Bench only: answers accepted and starts an execution',
	);

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		writeAnswer(this, 200, ACCEPTED);
		return await Promise.resolve({
			noWebhookResponse: true,
			workflowData: [[{ json: this.getBodyData() }]],
		});
	}
}
