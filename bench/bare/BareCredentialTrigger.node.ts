import type {
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { ACCEPTED, UNAUTHORIZED, writeAnswer } from '../../nodes/shared/answers';
import { isValidBearer } from '../../nodes/shared/bearer';
import { TRIGGER_VERSIONS, vendorWebhook } from '../../nodes/shared/description';

/**
 * The bare trigger plus one `getCredentials()` per request (bench only): what Artisio's trigger cost
 * before the credential read bound, with nothing else of ours. Compares the bearer token as ours
 * does, answers 401 or accepted, and starts one execution with the body as it came.
 */
export class BareCredentialTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bench Bare Credential Trigger',
		name: 'bareCredentialTrigger',
		group: ['trigger'],
		...TRIGGER_VERSIONS,
		description: 'Bench only: reads its credential on every request',
		defaults: { name: 'Bench Bare Credential Trigger' },
		inputs: [],
		outputs: ['main'],
		credentials: [{ name: 'benchBareApi', required: true }],
		webhooks: vendorWebhook('POST'),
		properties: [],
	};

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
