import type { INodeType, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { DUPLICATE, writeAnswer } from '../../nodes/shared/answers';
import { bareDescription } from './description';

/**
 * The floor of an answer that starts nothing (bench only): answers `{"status":"duplicate"}` with the
 * triggers' own writer and returns no workflow data, like a duplicate, an ignored event or a 400.
 */
export class BareAnswerTrigger implements INodeType {
	description = bareDescription(
		'bareAnswerTrigger',
		'Bench Bare Answer Trigger',
		'Bench only: answers and starts nothing',
	);

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		writeAnswer(this, 200, DUPLICATE);
		return await Promise.resolve({ noWebhookResponse: true });
	}
}
