/**
 * A trigger node and n8n-core's real `WebhookContext` for one request, set up the way n8n sets them
 * up, without n8n's server: for the unit harness (webhookHarness.ts) and the in-process bench
 * (bench/inprocess/).
 */
import { WebhookContext } from 'n8n-core';
import type {
	IDataObject,
	INode,
	IWebhookData,
	IWorkflowExecuteAdditionalData,
	Workflow,
	WorkflowExecuteMode,
} from 'n8n-workflow';

/** The trigger's webhook id: its production URL is `/webhook/<WEBHOOK_ID>/webhook`. */
export const WEBHOOK_ID = 'c0ffee00-0000-4000-8000-000000000002';

export interface TriggerNodeOptions {
	id: string;
	/** `<package>.<name>`, as in a saved workflow. */
	typeName: string;
	parameters: IDataObject;
	/** Credential types the node uses (the data is the caller's); each named after its type. */
	credentials?: Record<string, IDataObject>;
	/** Credential ids by type, as a saved workflow names them; default `'1'` for each. */
	credentialIds?: Record<string, string>;
}

/** The node `Trigger` (typeVersion 1) of a one-node workflow, with its webhook id and credentials. */
export function triggerNode(options: TriggerNodeOptions): INode {
	return {
		id: options.id,
		name: 'Trigger',
		type: options.typeName,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters as INode['parameters'],
		webhookId: WEBHOOK_ID,
		credentials: options.credentials
			? Object.fromEntries(
					Object.keys(options.credentials).map((type) => [
						type,
						{ id: options.credentialIds?.[type] ?? '1', name: type },
					]),
				)
			: undefined,
	};
}

export interface WebhookContextOptions {
	workflow: Workflow;
	node: INode;
	/** What n8n hands the node as `req` and `res`. */
	request: unknown;
	response: unknown;
	method: string | undefined;
	mode: WorkflowExecuteMode;
	/** The decrypted data of a credential type, read when the node asks for it. */
	credential: (type: string) => IDataObject | undefined;
}

/** A real `WebhookContext` for one request to the node's webhook `webhook`. */
export function webhookContext(options: WebhookContextOptions): WebhookContext {
	const additionalData = {
		httpRequest: options.request,
		httpResponse: options.response,
		credentialsHelper: {
			getDecrypted: (_data: unknown, _nodeCredentials: unknown, type: string) => {
				const found = options.credential(type);
				return found
					? Promise.resolve(found)
					: Promise.reject(new Error(`No credential of type ${type}`));
			},
			isCredentialUsableByNode: () => true,
		},
	} as unknown as IWorkflowExecuteAdditionalData;
	const webhookData = {
		httpMethod: options.method,
		node: options.node.name,
		path: 'webhook',
		webhookDescription: { name: 'default', httpMethod: options.method, path: 'webhook' },
		workflowId: options.workflow.id,
	} as unknown as IWebhookData;
	return new WebhookContext(
		options.workflow,
		options.node,
		additionalData,
		options.mode,
		webhookData,
		[],
		null,
	);
}
