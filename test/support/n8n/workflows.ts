/** Workflows for the tests: one of our triggers, ready to create through n8n's public API. */
import { randomUUID } from 'node:crypto';

export interface TriggerWorkflowArgs {
	name: string;
	/** e.g. `n8n-nodes-artemis-artisio.artemisCallbackTrigger` */
	nodeType: string;
	parameters?: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	/** Default 1.1, what the editor gives a new node; 1 is what version 0.1.0 of the package saved. */
	typeVersion?: number;
	/** Default `Trigger`. */
	nodeName?: string;
}

export interface WorkflowDefinition {
	name: string;
	nodes: Array<Record<string, unknown>>;
	connections: Record<string, unknown>;
	settings: Record<string, unknown>;
}

/**
 * A workflow with one trigger node. The `webhookId` is set on the node because n8n 1.x's public
 * API does not assign one to custom triggers (the URL would then hold the node name); on 2.x it is
 * kept as given, so the test knows the URL before creating the workflow.
 */
export function triggerWorkflow(args: TriggerWorkflowArgs): {
	workflow: WorkflowDefinition;
	webhookId: string;
} {
	const webhookId = randomUUID();
	const node: Record<string, unknown> = {
		id: randomUUID(),
		name: args.nodeName ?? 'Trigger',
		type: args.nodeType,
		typeVersion: args.typeVersion ?? 1.1,
		position: [0, 0],
		parameters: args.parameters ?? {},
		webhookId,
	};
	if (args.credentials !== undefined) node.credentials = args.credentials;
	return {
		workflow: {
			name: args.name,
			nodes: [node],
			connections: {},
			settings: { executionOrder: 'v1' },
		},
		webhookId,
	};
}
