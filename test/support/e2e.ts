/**
 * Helpers shared by the end-to-end test files: deploy one of our triggers in a real n8n and
 * talk to its production URL.
 */
import type { ExecutionSummary, N8nClient, TriggerWorkflowArgs } from './n8n';
import { triggerWorkflow } from './n8n';
import { send, type SendOptions, type SendResult } from './http';

export interface DeployedTrigger {
	workflowId: string;
	webhookId: string;
	url: string;
	testUrl: string;
	send(options?: SendOptions): Promise<SendResult>;
	/** Waits for exactly `count` executions (and a settle time to catch extra ones). */
	expectExecutions(count: number): Promise<ExecutionSummary[]>;
}

export async function deployTrigger(
	n8n: N8nClient,
	args: TriggerWorkflowArgs & { activate?: boolean },
): Promise<DeployedTrigger> {
	const { workflow, webhookId } = triggerWorkflow(args);
	const { id } = await n8n.createWorkflow(workflow);
	if (args.activate !== false) await n8n.activate(id);
	const url = n8n.webhookUrl(webhookId);
	return {
		workflowId: id,
		webhookId,
		url,
		testUrl: n8n.webhookUrl(webhookId, 'test'),
		send: async (options: SendOptions = {}) => await send(url, { method: 'POST', ...options }),
		async expectExecutions(count: number) {
			const executions = await n8n.waitForExecutions(id, count);
			expect(executions).toHaveLength(count);
			return executions;
		},
	};
}

/** The first item of the first output of an execution. */
export function firstItem(execution: ExecutionSummary | undefined): Record<string, unknown> {
	const item = execution?.items[0]?.[0];
	if (typeof item !== 'object' || item === null) throw new Error('execution has no first item');
	return item as Record<string, unknown>;
}

export const statusOf = (result: SendResult): unknown =>
	(result.json as { status?: unknown } | undefined)?.status;
