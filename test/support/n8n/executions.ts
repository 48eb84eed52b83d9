/**
 * Executions as n8n's public API returns them, read into what a test asserts on.
 *
 * - `GET /api/v1/executions` leaves out running executions (`excludeRunning`), returns at most 250
 *   per page and drops the data of executions over `EXECUTIONS_DATA_MAX_DISPLAY_SIZE` unless
 *   `ignoreDataSizeLimit=true` (n8n 1.x has no such parameter and answers 400 to it). Its `data` is
 *   the parsed run data (`resultData.runData`), unflattened on 1.x and 2.x alike.
 * - Public-API executions carry `data.executionData.runtimeData.triggerNode.name`: the node that
 *   started the execution, which is where `items` comes from.
 */
import { isRecord } from '../util';
import { N8N_1 } from './install';
import type { ExecutionSummary, N8nClient } from './types';

/** Every execution `GET /api/v1/executions` lists for `query`, all pages, as the API returns them. */
export async function executionPages(
	client: Pick<N8nClient, 'api'>,
	query: Record<string, string>,
): Promise<unknown[]> {
	const all: unknown[] = [];
	let cursor: string | undefined;
	for (;;) {
		const search = new URLSearchParams({ ...query, limit: '250' });
		if (cursor !== undefined) search.set('cursor', cursor);
		const page = await client.api<unknown>('GET', `/api/v1/executions?${search.toString()}`);
		if (!isRecord(page) || !Array.isArray(page.data)) {
			throw new Error(
				`unexpected answer to GET /api/v1/executions: ${JSON.stringify(page).slice(0, 500)}`,
			);
		}
		all.push(...page.data);
		if (typeof page.nextCursor !== 'string' || page.nextCursor === '' || page.data.length === 0)
			break;
		cursor = page.nextCursor;
	}
	return all;
}

export function compareIds(a: string, b: string): number {
	const na = Number(a);
	const nb = Number(b);
	return Number.isFinite(na) && Number.isFinite(nb) ? na - nb : a.localeCompare(b);
}

/** The query parameters that ask n8n's public API for an execution's data (or not), whole. */
export function executionDataQuery(includeData: boolean): Record<string, string> {
	return {
		includeData: String(includeData),
		// 1.x: the parameter does not exist (no data size limit there) and its OpenAPI
		// validator answers 400 to unknown query parameters.
		...(N8N_1 ? {} : { ignoreDataSizeLimit: 'true' }),
	};
}

/** Reads the output items of every node from an execution returned with `includeData=true`. */
export function summarize(execution: unknown): ExecutionSummary {
	if (!isRecord(execution)) throw new Error(`unexpected execution: ${JSON.stringify(execution)}`);
	const data = isRecord(execution.data) ? execution.data : {};
	const resultData = isRecord(data.resultData) ? data.resultData : {};
	const runData = isRecord(resultData.runData) ? resultData.runData : {};
	const nodes: Record<string, unknown[][]> = {};
	const executionData = isRecord(data.executionData) ? data.executionData : {};
	const runtimeData = isRecord(executionData.runtimeData) ? executionData.runtimeData : {};
	let triggerNode: string | undefined =
		isRecord(runtimeData.triggerNode) && typeof runtimeData.triggerNode.name === 'string'
			? runtimeData.triggerNode.name
			: undefined;
	for (const [name, runs] of Object.entries(runData)) {
		if (!Array.isArray(runs) || runs.length === 0) continue;
		const run: unknown = runs[0];
		if (!isRecord(run)) continue;
		const runOutput = isRecord(run.data) && Array.isArray(run.data.main) ? run.data.main : [];
		nodes[name] = runOutput.map((output: unknown) =>
			Array.isArray(output)
				? output.map((item: unknown) => (isRecord(item) ? item.json : item))
				: [],
		);
		// A start node runs without a source (n8n writes `source: []` or `[null]`).
		const source = Array.isArray(run.source) ? run.source : [];
		if (triggerNode === undefined && source.every((entry: unknown) => entry === null))
			triggerNode = name;
	}
	return {
		id: String(execution.id),
		status: typeof execution.status === 'string' ? execution.status : 'unknown',
		mode: typeof execution.mode === 'string' ? execution.mode : 'unknown',
		workflowId: String(execution.workflowId),
		startedAt: typeof execution.startedAt === 'string' ? execution.startedAt : null,
		stoppedAt: typeof execution.stoppedAt === 'string' ? execution.stoppedAt : null,
		items: triggerNode === undefined ? [] : (nodes[triggerNode] ?? []),
		nodes,
		triggerNode,
		raw: execution,
	};
}
