import type { INodeTypeDescription, IWebhookDescription } from 'n8n-workflow';

/**
 * The type versions both triggers offer. 1.1, not 1, for new nodes: for a start node of
 * typeVersion 1, n8n 2.x evaluates `$parameter.options.binaryData` (a Webhook node v1 option) in an
 * expression isolate on every request. Both versions behave the same; 1 stays for saved workflows.
 */
export const TRIGGER_VERSIONS: Pick<INodeTypeDescription, 'version' | 'defaultVersion'> = {
	version: [1, 1.1],
	defaultVersion: 1.1,
};

/**
 * The one webhook of a trigger: answered by the node itself (`onReceived`, then the node writes
 * the answer and returns `noWebhookResponse`), at `<webhook id>/webhook`.
 */
export function vendorWebhook(httpMethod: string): IWebhookDescription[] {
	return [{ name: 'default', httpMethod, responseMode: 'onReceived', path: 'webhook' }];
}
