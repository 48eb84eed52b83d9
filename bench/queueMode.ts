/**
 * Part 4 of the bench: queue mode. One cluster (test/support/queue.ts: PostgreSQL, Redis, an
 * `n8n start` main, two `n8n webhook` processes and an `n8n worker`), the Artemis trigger with each
 * deduplication store (static data; Redis = the cluster's own queue Redis), and the same closed-loop
 * load as part 3 sent to ONE webhook process (A) and, in the same rounds, to the main process.
 *
 * Measured per run as in part 3 (realN8n.ts `runScenario`): answers/s and latency of the entry
 * process, accepted/s = executions finished (by the worker) ÷ time to the last one, CPU of the entry
 * process per answer, and the worker's and Redis' CPU per answer in the same window.
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

import { ensureN8n, triggerWorkflow } from '../test/support/n8n';
import { type EntryPointName, startQueueCluster } from '../test/support/queue';
import { ensureQueueModeServices } from '../test/support/services';
import {
	artemisBytes,
	artemisSeedRecord,
	DEFAULT_RECORDS,
	fresh,
	json,
	n8nVersion,
	type RealConfig,
	redisCredentialData,
	type RunResult,
	runRounds,
	type Scenario,
	seededStaticData,
	seedRedis,
	typeVersionsOf,
} from './realN8n';

const PROJECT_ROOT = resolve(__dirname, '..');
const ARTEMIS_TYPE = 'n8n-nodes-artemis-artisio.artemisCallbackTrigger';

export type QueueConfig = Pick<
	RealConfig,
	| 'rounds'
	| 'durationMs'
	| 'shortDurationMs'
	| 'warmupMs'
	| 'concurrency'
	| 'drainTimeoutMs'
	| 'n8nEnv'
	| 'log'
>;

export type QueueStore = 'staticData' | 'redis';
/** The entry points measured: one webhook process, and the main beside it. */
export const MEASURED_ENTRIES = ['webhookA', 'main'] as const satisfies readonly EntryPointName[];

export interface QueueScenarioInfo {
	key: string;
	label: string;
	store: QueueStore;
	entry: EntryPointName;
	expect: 'accepted' | 'duplicate';
	startsExecutions: boolean;
}

export interface QueueReport {
	n8nVersion: string;
	redisVersion: string;
	postgresVersion: string;
	env: Record<string, string>;
	startupMs: Record<string, number>;
	scenarios: QueueScenarioInfo[];
	runs: RunResult[];
	/** Cluster start to stop, in ms. */
	totalMs: number;
}

export const queueKey = (
	store: QueueStore,
	entry: EntryPointName,
	expect: 'accepted' | 'duplicate',
): string =>
	`queue-${store === 'redis' ? 'redis' : 'static'}-${entry}${expect === 'duplicate' ? '-duplicate' : ''}`;

/** `Redis 7.0.15` from `redis-server --version`, `PostgreSQL 15.18` from `postgres --version`. */
function versionOf(binary: string, name: string, pattern: RegExp): string {
	const result = spawnSync(binary, ['--version'], { encoding: 'utf8' });
	const version = result.status === 0 ? pattern.exec(result.stdout)?.[1] : undefined;
	return `${name} ${version ?? 'unknown'}`;
}

export async function runQueue(config: QueueConfig): Promise<QueueReport> {
	ensureN8n();
	const { postgresBin, redisServer } = ensureQueueModeServices();
	const started = Date.now();
	const cluster = await startQueueCluster({ env: config.n8nEnv, log: config.log });
	const scenarios: Array<Scenario & QueueScenarioInfo> = [];
	let runs: RunResult[] = [];
	try {
		const credential = await cluster.main.createCredential(
			'bench queue Redis',
			'dedupeRedisApi',
			redisCredentialData(cluster.redis),
		);
		const typeVersion = typeVersionsOf(PROJECT_ROOT).artemis;
		for (const store of ['staticData', 'redis'] as const) {
			const { workflow, webhookId } = triggerWorkflow({
				name: `queue artemis ${store}`,
				nodeType: ARTEMIS_TYPE,
				typeVersion,
				parameters: { dedupeStore: store },
				credentials:
					store === 'redis'
						? { dedupeRedisApi: { id: credential.id, name: 'bench queue Redis' } }
						: undefined,
			});
			// Both start with 1,000 records remembered, as in part 3.
			const body =
				store === 'staticData'
					? { ...workflow, staticData: seededStaticData(DEFAULT_RECORDS, artemisSeedRecord) }
					: workflow;
			const { id } = await cluster.main.api<{ id: string }>('POST', '/api/v1/workflows', body);
			if (store === 'redis')
				await seedRedis(
					cluster.redis,
					id,
					String(workflow.nodes[0].id),
					DEFAULT_RECORDS,
					artemisSeedRecord,
				);
			await cluster.activate(id, { webhookPaths: [`${webhookId}/webhook`] });
			const storeName = store === 'redis' ? 'Redis store' : 'static-data store';
			// Webhook A and the main side by side for each kind of answer.
			for (const expect of ['accepted', 'duplicate'] as const) {
				for (const entry of MEASURED_ENTRIES) {
					scenarios.push({
						key: queueKey(store, entry, expect),
						label: `queue mode, ${entry}, Artemis ${storeName}, ${expect}`,
						store,
						entry,
						url: cluster.webhookUrl(webhookId, entry),
						workflowId: id,
						pid: () => cluster.pids()[entry],
						otherPids: { worker: () => cluster.pids().worker, redis: () => cluster.pids().redis },
						expect,
						startsExecutions: expect === 'accepted',
						short: expect === 'duplicate',
						next:
							expect === 'accepted'
								? fresh(artemisBytes, json)
								: () => ({ body: artemisBytes(7), headers: json }),
					});
				}
			}
			// The repeated callback's first delivery, through webhook A: a duplicate already (customer 7 is one
			// of the seeded records), or accepted with one execution, which must finish before the runs count.
			const first = await fetch(cluster.webhookUrl(webhookId, 'webhookA'), {
				method: 'POST',
				headers: json,
				body: artemisBytes(7),
			});
			const answer = (await first.json()) as { status?: string };
			if (first.status !== 200 || (answer.status !== 'accepted' && answer.status !== 'duplicate')) {
				throw new Error(
					`queue mode: the first delivery of the repeated callback got ${first.status} ${JSON.stringify(answer)}`,
				);
			}
			if (answer.status === 'accepted')
				await cluster.main.waitForExecutions(id, 1, { timeoutMs: 60_000, settleMs: 500 });
		}
		runs = await runRounds(cluster.main, scenarios, config);
	} finally {
		await cluster.stop();
	}
	return {
		n8nVersion: n8nVersion(),
		redisVersion: versionOf(redisServer, 'Redis', /v=(\S+)/),
		postgresVersion: versionOf(
			join(postgresBin, 'postgres'),
			'PostgreSQL',
			/PostgreSQL\)? (\d[\d.]*)/,
		),
		env: config.n8nEnv,
		startupMs: { ...cluster.startupMs },
		scenarios: scenarios.map(({ key, label, store, entry, expect, startsExecutions }) => ({
			key,
			label,
			store,
			entry,
			expect,
			startsExecutions,
		})),
		runs,
		totalMs: Date.now() - started,
	};
}
