/**
 * Helpers of the reliability tests: execution counts that do not need execution data
 * (n8n 2.41's API answers 500 for the data of an execution whose items are nested more than a few
 * thousand levels deep), the dedupe state a trigger keeps in workflow static data, a bounded
 * parallel runner, and the summaries the tests print.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';

import { restoreFromStaticData } from '../../nodes/shared/dedupe/savedFormat';
import { executionPages, type N8nClient } from './n8n';
import { connectShared } from './shared';
import { isRecord, sleep } from './util';

export interface LightExecution {
	id: string;
	status: string;
	mode: string;
}

/** Finished executions of a workflow, without their data (all pages). */
export async function lightExecutions(
	n8n: N8nClient,
	workflowId: string,
): Promise<LightExecution[]> {
	const all: LightExecution[] = [];
	for (const execution of await executionPages(n8n, { workflowId, includeData: 'false' })) {
		if (!isRecord(execution)) continue;
		all.push({
			id: String(execution.id),
			status: String(execution.status),
			mode: String(execution.mode),
		});
	}
	return all;
}

/**
 * Waits until at least `count` executions are finished, then `settleMs` more so that an extra one
 * would show; returns them without data. Throws with the count seen after `timeoutMs`.
 */
export async function waitForFinished(
	n8n: N8nClient,
	workflowId: string,
	count: number,
	opts: { timeoutMs?: number; settleMs?: number } = {},
): Promise<LightExecution[]> {
	const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
	for (;;) {
		const seen = await lightExecutions(n8n, workflowId);
		if (seen.length >= count) break;
		if (Date.now() > deadline)
			throw new Error(
				`workflow ${workflowId}: ${seen.length} of ${count} executions finished in time`,
			);
		await sleep(300);
	}
	await sleep(opts.settleMs ?? 2000);
	return await lightExecutions(n8n, workflowId);
}

export interface DedupeState {
	/** `[digest(record), digest(fingerprint)]`, least recently seen first: see nodes/shared/dedupe/. */
	records: Array<[string, string]>;
	/** Bytes of the JSON of `{ version, records }` as n8n stores it. */
	bytes: number;
}

/** What the trigger named `nodeName` keeps in the workflow's static data, read via the public API. */
export async function dedupeState(
	n8n: N8nClient,
	workflowId: string,
	nodeName = 'Trigger',
): Promise<DedupeState> {
	const workflow = await n8n.api<{ staticData?: Record<string, unknown> | null }>(
		'GET',
		`/api/v1/workflows/${workflowId}`,
	);
	const nodeData = workflow.staticData?.[`node:${nodeName}`];
	const dedupe = isRecord(nodeData) ? nodeData.dedupe : undefined;
	if (!isRecord(dedupe)) return { records: [], bytes: 0 };
	if (dedupe.version !== 3 || typeof dedupe.records !== 'string')
		throw new Error(`unexpected dedupe state: ${JSON.stringify(dedupe).slice(0, 300)}`);
	const records = restoreFromStaticData({ dedupe }).map((entry): [string, string] => [
		entry.record,
		entry.fingerprint,
	]);
	// restoreFromStaticData reads a malformed string as an empty memory: here that is a failure.
	if (records.length === 0 && dedupe.records !== '')
		throw new Error(`unreadable dedupe state: ${JSON.stringify(dedupe).slice(0, 300)}`);
	return { records, bytes: Buffer.byteLength(JSON.stringify(dedupe)) };
}

/** Runs `task` over `items` with at most `concurrency` in flight; results in item order. */
export async function mapConcurrent<T, R>(
	items: T[],
	concurrency: number,
	task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
	const results = new Array<R>(items.length);
	let next = 0;
	const worker = async (): Promise<void> => {
		while (next < items.length) {
			const index = next++;
			results[index] = await task(items[index], index);
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, () => worker()));
	return results;
}

/** Counts by key, printed sorted. */
export function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
	return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

export function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return 0;
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function latencySummary(millis: number[]): string {
	const sorted = [...millis].sort((a, b) => a - b);
	return `p50 ${percentile(sorted, 50)} ms, p95 ${percentile(sorted, 95)} ms, max ${sorted[sorted.length - 1] ?? 0} ms`;
}

/** One block on stdout, so that the counts stand out in jest's output. */
export function report(title: string, lines: Array<string | [string, unknown]>): void {
	const body = lines.map((line) =>
		typeof line === 'string'
			? `  ${line}`
			: `  ${line[0]}: ${typeof line[1] === 'string' ? line[1] : JSON.stringify(line[1])}`,
	);

	console.log(`[reliability] ${title}\n${body.join('\n')}`);
}

/** Fisher-Yates with a seeded generator, so that a failing order can be replayed. */
export function shuffled<T>(items: T[], seed: number): T[] {
	let state = seed >>> 0 || 1;
	const random = (): number => {
		state ^= state << 13;
		state ^= state >>> 17;
		state ^= state << 5;
		return (state >>> 0) / 4_294_967_296;
	};
	const copy = [...items];
	for (let i = copy.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[copy[i], copy[j]] = [copy[j], copy[i]];
	}
	return copy;
}

/**
 * Waits until n8n serves the production webhook at `url` (after a restart, active workflows are
 * registered again in the background). Probes the way the harness does (see n8n/client.ts): OPTIONS
 * with an `Origin` header lists the registered methods and never runs the node.
 */
export async function waitForWebhook(url: string, timeoutMs = 60_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	const origin = new URL(url).origin;
	for (;;) {
		try {
			const response = await fetch(url, {
				method: 'OPTIONS',
				headers: { origin },
				signal: AbortSignal.timeout(10_000),
			});
			await response.arrayBuffer();
			const methods = (response.headers.get('access-control-allow-methods') ?? '')
				.split(',')
				.map((method) => method.trim())
				.filter((method) => method !== '' && method !== 'OPTIONS');
			if (methods.length > 0) return;
		} catch {
			// Not up yet.
		}
		if (Date.now() > deadline)
			throw new Error(`webhook ${url} not registered within ${timeoutMs} ms`);
		await sleep(200);
	}
}

/**
 * A cheap, idempotent API call, tried up to 6 times, before a file's first real one: on a loaded
 * machine the test process can stall past n8n's keep-alive timeout, and every socket kept from
 * globalSetup is then stale ("SocketError: other side closed"); this uses them up.
 */
export async function warmUp(n8n: N8nClient): Promise<void> {
	let lastError: unknown;
	for (let attempt = 0; attempt < 6; attempt++) {
		try {
			await n8n.api('GET', '/api/v1/workflows?limit=1');
			return;
		} catch (error) {
			lastError = error;
			await sleep(200);
		}
	}
	throw lastError;
}

export interface ReliabilitySuite {
	n8n: N8nClient;
	/** An Artisio credential holding `token`, to attach to triggers. */
	artisioCredentials: Record<'artisioWebhookApi', { id: string; name: string }>;
	/** What n8n has logged since the suite started (empty when n8n logs nowhere we can read). */
	logSinceStart(): string;
}

/**
 * The start of a corpus suite on the shared n8n: warmed-up sockets, an Artisio credential, and the
 * place in n8n's log file from which the suite's own lines (refusals, secrets that must not be
 * there) are read.
 */
export async function startReliabilitySuite(
	credentialName: string,
	token: string,
): Promise<ReliabilitySuite> {
	const n8n = connectShared();
	await warmUp(n8n);
	const { logFile } = n8n.connectionInfo();
	const logOffset = existsSync(logFile) ? statSync(logFile).size : 0;
	const { id } = await n8n.createCredential(credentialName, 'artisioWebhookApi', { token });
	return {
		n8n,
		artisioCredentials: { artisioWebhookApi: { id, name: credentialName } },
		logSinceStart: () =>
			existsSync(logFile) ? readFileSync(logFile).subarray(logOffset).toString('utf8') : '',
	};
}
