import type { INodeType, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { ACCEPTED, UNAUTHORIZED, writeAnswer } from '../../nodes/shared/answers';
import { isValidBearer } from '../../nodes/shared/bearer';
import { bareDescription } from './description';

/**
 * The bare trigger plus one `getCredentials()` per request (bench only): what a credential read per
 * request costs, with nothing else of ours. Compares the bearer token as ours does, answers 401 or
 * accepted, and starts one execution with the body as it came.
 */
export class BareCredentialTrigger implements INodeType {
	description = bareDescription(
		'bareCredentialTrigger',
		'Bench Bare Credential Trigger',
		'Bench only: reads its credential on every request',
		[{ name: 'benchBareApi', required: true }],
	);

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const { token } = await this.getCredentials<{ token: string }>('benchBareApi');
		if (!isValidBearer(this.getHeaderData().authorization, token)) {
			writeAnswer(this, 401, UNAUTHORIZED, { 'WWW-Authenticate': 'Bearer' });
			return { noWebhookResponse: true };
		}
		writeAnswer(this, 200, ACCEPTED);
		return { noWebhookResponse: true, workflowData: [[{ json: this.getBodyData() }]] };
	}
}
