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
 * The webhooks of a trigger: one per HTTP method, all at `<webhook id>/webhook`. `onReceived`:
 * answers that start no execution are written by the node; `accepted` is the node's
 * `webhookResponse`, which n8n sends once it has recorded the execution (an empty `responseData`
 * makes n8n send it rather than its `firstEntryJson` default).
 * One description per method, not `'POST,PUT,PATCH'` in one: n8n registers the same webhooks
 * either way, but its editor prints a description's method text in a badge about 40 px wide
 * (NodeWebhooks.vue), which cuts "POST,PUT,PATCH" to "POST,P"; one method per row stays whole.
 */
export function vendorWebhook(...httpMethods: string[]): IWebhookDescription[] {
	return httpMethods.map((httpMethod) => ({
		name: 'default',
		httpMethod,
		responseMode: 'onReceived',
		responseData: '',
		path: 'webhook',
	}));
}

const README = 'https://www.npmjs.com/package/n8n-nodes-artemis-artisio';

/**
 * The node's Docs link: README section `anchor`, with the tracking n8n adds to docs links.
 * n8n 2.41's editor (NodeSettingsTabs, `useNodeDocsUrl`) appends `?utm_…` to the end of a codex
 * `primaryDocumentation` URL, after any `#anchor`, which then matches no heading; a
 * `documentationUrl` that starts with "http" it opens exactly as given. So the node gives one,
 * with n8n's own parameters before the anchor.
 */
export function readmeSection(nodeTypeName: string, anchor: string): string {
	const tracking = `utm_source=n8n_app&utm_medium=node_settings_modal-credential_link&utm_campaign=${nodeTypeName}`;
	return `${README}?${tracking}#${anchor}`;
}

/**
 * The hint under every filter. n8n shows "Select" in an empty multi-select whatever its
 * placeholder, so the hint says that empty means all, and how a value looks in the item, so that
 * an IF node after the trigger compares with the right text.
 */
export function filterHint(example: string): string {
	return `Empty ("Select") means all. The item has the value in upper case: ${example}.`;
}
