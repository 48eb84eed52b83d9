/**
 * A queue-mode n8n cluster for end-to-end tests and `npm run dev -- --queue`: our own PostgreSQL and
 * Redis (services/), one `n8n start` (main), two `n8n webhook` processes and one `n8n worker`, all
 * with `EXECUTIONS_MODE=queue`, the same database, Redis and `N8N_ENCRYPTION_KEY`, and this package
 * in each process' own user folder. Three processes answer production webhooks: the main and the two
 * webhook processes (the "entry points"); executions run on the worker and land in PostgreSQL, where
 * the main's public API reads them.
 *
 * What we found out about n8n 2.41.1 in queue mode while writing this (re-check when changing the
 * pinned version; see also docs/n8n-behaviour.md):
 * - Startup on 2 cores (5 runs, while nothing else ran): PostgreSQL 1.0–1.6 s (initdb most of it),
 *   Redis 0.1 s, main 17–19 s (migrations of the empty database included), then the webhook
 *   processes 10–15 s and the worker 11–15 s in parallel: 30–35 s for the whole cluster.
 *   `restartProcess`: webhook process 7–9 s, worker 8 s, main 11 s. `stop()` 1.5–2 s.
 * - Every n8n process warns "Postgres 15 is not supported. n8n supports Postgres 17 and newer, with 16
 *   on compatibility support" and works anyway; Debian 12 packages only PostgreSQL 15.
 * - The main warns that running manual executions in the main is deprecated in queue mode
 *   (`OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS`); we keep n8n's default (manual/test executions run on
 *   the main, production ones on the worker).
 * - The main process answers production webhooks too (enqueues them like a webhook process);
 *   `/webhook-test/` works only on the main (webhook processes serve production URLs only).
 * - `n8n webhook` exits at once ("Webhook processes can only run with execution mode as queue")
 *   without `EXECUTIONS_MODE=queue`; `n8n worker` switches to queue mode by itself.
 * - Neither has `/rest/...`. A webhook process answers `/healthz/readiness` on `N8N_PORT` once its
 *   server listens, which is after it loaded the nodes, community packages included (its init does
 *   that first), so "ready" means our triggers can run there. A worker has no server on `N8N_PORT`;
 *   with `QUEUE_HEALTH_CHECK_ACTIVE=true` it serves `/healthz` and `/healthz/readiness` (200 once the
 *   database is connected and migrated and Redis is connected) on `QUEUE_HEALTH_CHECK_PORT`, bound to
 *   `N8N_WORKER_SERVER_ADDRESS`. n8n's default for that port is 5678, the main's default port: a
 *   clash makes the worker exit ("Port 5678 is already in use, possibly by the n8n main process").
 * - Logs show the path of each execution: the process that received the request logs
 *   `Enqueued execution <id> (job <n>)` and later `Execution <id> (job <n>) finished`; the worker
 *   logs `Worker started execution <id> (job <n>)` / `Worker finished execution <id> (job <n>)`.
 * - With `N8N_CACHE_BACKEND` at its default (`auto`), queue mode caches in the queue Redis, webhook
 *   lookups (`webhook:<method>-<path>`) included, so all processes share that cache (source:
 *   webhook.service.js; a failing cache read logs "Failed to query webhook cache" and falls back to
 *   the database). The OPTIONS probe that `activate()` uses reads the webhook table directly, not
 *   the cache; deactivation deletes the cache entries (fire-and-forget) before the rows.
 * - `activate()` (API call plus probes on all three entry points) took about 370 ms here,
 *   `deactivate()` about 250 ms. After `restartProcess('main')` an active workflow answered at once
 *   on the main and on webhook A without re-activation.
 * - A wrong database password makes a process retry 5 times (1+2+4+8+16 s) and exit with code 1
 *   after about 45 s ("There was an error initializing DB"); startup then fails with that log tail.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';

import {
	type ActivationOptions,
	type N8nInstance,
	type N8nProcess,
	startN8n,
	startN8nProcess,
} from './n8n';
import {
	ensureQueueModeServices,
	pidAlive,
	type PostgresServer,
	type RedisServer,
	startPostgres,
	startRedis,
} from './services';
import { errorText, harnessLog, seconds, tailFile } from './util';

export { startRedis, type RedisServer } from './services';

/** The processes that answer production webhooks, in this order. */
export const ENTRY_POINTS = ['main', 'webhookA', 'webhookB'] as const;
export type EntryPointName = (typeof ENTRY_POINTS)[number];
/** The n8n processes of the cluster. */
export const QUEUE_PROCESSES = ['main', 'webhookA', 'webhookB', 'worker'] as const;
export type QueueProcessName = (typeof QUEUE_PROCESSES)[number];
/** Everything the cluster runs, for `logs()`, `pids()` and `startupMs`. */
export type ClusterProcessName = QueueProcessName | 'postgres' | 'redis';

export interface EntryPoint {
	name: EntryPointName;
	/** `http://127.0.0.1:<port>`; stays the same across `restartProcess()`. */
	baseUrl: string;
	port: number;
}

export interface QueueClusterOptions {
	/** Folder with `package.json` and `dist/` to load in every n8n process; `false`: none. Default: the project. */
	packageDir?: string | false;
	/** Extra environment for every n8n process (wins over the harness defaults). */
	env?: Record<string, string>;
	/** Extra environment per process (wins over `env`). */
	processEnv?: Partial<Record<QueueProcessName, Record<string, string>>>;
	/** `N8N_PORT` of the entry points; default free loopback ports. */
	ports?: Partial<Record<EntryPointName, number>>;
	/** Owner login created on the main. Default: the harness' test login. */
	owner?: { email: string; password: string };
	/** Per process. Default: main 240 s (migrations of an empty PostgreSQL), others 180 s. */
	startTimeoutMs?: number;
	/** Keep the n8n user folders after `stop()` (debugging). PostgreSQL's and Redis' are always removed. */
	keepUserFolders?: boolean;
	/** Progress lines (timings). Default: stderr with an `[n8n-harness]` prefix. */
	log?: (line: string) => void;
}

export interface QueueCluster {
	/** The main process: every API call (workflows, credentials, activation, executions) goes here. */
	main: N8nInstance;
	/** The processes that answer production webhooks. */
	entryPoints: Readonly<Record<EntryPointName, EntryPoint>>;
	/** Every n8n process (for ports, user folders, log files, PIDs). */
	processes: Readonly<Record<QueueProcessName, N8nProcess>>;
	/** The queue's Redis (n8n's Bull queue, pub/sub and cache). Stopping it breaks the cluster. */
	redis: RedisServer;
	postgres: PostgresServer;
	/** Shared by every n8n process. */
	encryptionKey: string;
	/** How long each part took to start, in ms (n8n processes: their latest start). */
	startupMs: Record<ClusterProcessName, number>;
	/** `<entry point>/webhook/<webhookId>/webhook`: the production URL of one of our triggers. */
	webhookUrl(webhookId: string, entry: EntryPointName): string;
	/** Activates through the main and waits until EVERY entry point sees the production webhooks. */
	activate(workflowId: string, opts?: Omit<ActivationOptions, 'baseUrls'>): Promise<void>;
	/** Deactivates and waits until no entry point serves them any more. */
	deactivate(workflowId: string, opts?: Omit<ActivationOptions, 'baseUrls'>): Promise<void>;
	/** Stops one n8n process and starts it again on the same ports with the same folder. */
	restartProcess(name: QueueProcessName): Promise<void>;
	/** Tail of one process' log. */
	logs(name: ClusterProcessName, lines?: number): string;
	/** Current PIDs (n8n processes: the latest, also after stop; Redis: undefined while stopped). */
	pids(): Record<ClusterProcessName, number | undefined>;
	/** Every folder the cluster created and still holds (user folders, PostgreSQL's, Redis'). */
	folders(): string[];
	/** Stops everything by PID (n8n processes first, then Redis and PostgreSQL) and removes the folders. Idempotent. */
	stop(): Promise<void>;
}

async function timed<T>(start: () => Promise<T>): Promise<{ value: T; ms: number }> {
	const started = Date.now();
	const value = await start();
	return { value, ms: Date.now() - started };
}

/**
 * Ids of a workflow's executions that have ended, from n8n's `execution_entity` table: what the main's
 * execution list should hold once they finished (the main's public API can leave some out; see
 * `Client.listExecutions` in n8n/client.ts).
 */
async function endedExecutionIds(postgres: PostgresServer, workflowId: string): Promise<string[]> {
	if (!/^[A-Za-z0-9]+$/.test(workflowId)) throw new Error(`not an n8n workflow id: ${workflowId}`);
	const rows = await postgres.query(
		`SELECT id FROM execution_entity WHERE "workflowId" = '${workflowId}' AND "deletedAt" IS NULL AND status NOT IN ('new', 'running') ORDER BY id`,
	);
	return rows.map(([id]) => id);
}

/**
 * Starts PostgreSQL + Redis, then the main (migrations, owner, API key), then both webhook processes
 * and the worker in parallel. `ensureN8n()` (n8n/install.ts) must have run before; PostgreSQL and Redis
 * are installed with apt-get where missing (`ensureQueueModeServices()`). A failure stops whatever
 * started and throws with the log tail of the process that failed.
 */
export async function startQueueCluster(options: QueueClusterOptions = {}): Promise<QueueCluster> {
	const log = options.log ?? harnessLog;
	const started = Date.now();
	ensureQueueModeServices();
	const startupMs: Record<ClusterProcessName, number> = {
		postgres: 0,
		redis: 0,
		main: 0,
		webhookA: 0,
		webhookB: 0,
		worker: 0,
	};
	const stoppers: Array<() => Promise<void>> = [];
	const stopAll = async (): Promise<void> => {
		// Reverse start order: n8n processes before the servers they use.
		for (const stop of [...stoppers].reverse()) await stop().catch(() => undefined);
	};

	try {
		const [pg, redis] = await Promise.all([
			timed(async () => await startPostgres()).then((result) => {
				stoppers.push(async () => await result.value.stop());
				return result;
			}),
			timed(async () => await startRedis()).then((result) => {
				stoppers.push(async () => await result.value.stop());
				return result;
			}),
		]);
		const postgres = pg.value;
		startupMs.postgres = pg.ms;
		startupMs.redis = redis.ms;
		const encryptionKey = randomBytes(24).toString('hex');
		const commonEnv: Record<string, string> = {
			...postgres.n8nEnv(),
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: redis.value.host,
			QUEUE_BULL_REDIS_PORT: String(redis.value.port),
			...(options.env ?? {}),
		};
		const envFor = (name: QueueProcessName): Record<string, string> => ({
			...commonEnv,
			...(options.processEnv?.[name] ?? {}),
		});
		const timeout = options.startTimeoutMs;

		const processes: Partial<Record<QueueProcessName, N8nProcess>> = {};
		const clusterLogs = (lines: number): string =>
			QUEUE_PROCESSES.filter((name) => processes[name] !== undefined)
				.map(
					(name) =>
						`--- ${name} (${processes[name]?.logFile ?? ''}) ---\n${processes[name]?.logs(lines) ?? ''}`,
				)
				.join('\n');

		const mainResult = await timed(
			async () =>
				await startN8n({
					port: options.ports?.main,
					env: envFor('main'),
					encryptionKey,
					owner: options.owner,
					packageDir: options.packageDir,
					startTimeoutMs: timeout ?? 240_000,
					keepUserFolder: options.keepUserFolders,
					failureLogs: clusterLogs,
					endedExecutionIds: async (workflowId) => await endedExecutionIds(postgres, workflowId),
				}),
		);
		const main = mainResult.value;
		stoppers.push(async () => await main.stop());
		processes.main = main.n8nProcess;
		startupMs.main = mainResult.ms;
		log(
			`queue cluster: main (n8n start) ready at ${main.baseUrl} in ${seconds(mainResult.ms)} (pid ${String(main.pid)})`,
		);

		const others = [
			{ name: 'webhookA', command: 'webhook', port: options.ports?.webhookA },
			{ name: 'webhookB', command: 'webhook', port: options.ports?.webhookB },
			{ name: 'worker', command: 'worker', port: undefined },
		] as const;
		const results = await Promise.allSettled(
			others.map(async (spec) => {
				const result = await timed(
					async () =>
						await startN8nProcess({
							command: spec.command,
							name: spec.name,
							port: spec.port,
							env: envFor(spec.name),
							encryptionKey,
							packageDir: options.packageDir,
							startTimeoutMs: timeout ?? 180_000,
							keepUserFolder: options.keepUserFolders,
						}),
				);
				stoppers.push(async () => await result.value.stop());
				processes[spec.name] = result.value;
				startupMs[spec.name] = result.ms;
				log(
					`queue cluster: ${spec.name} (n8n ${spec.command}) ready at ${result.value.baseUrl} in ${seconds(result.ms)} (pid ${String(result.value.pid)})`,
				);
				return result.value;
			}),
		);
		const failures = results.flatMap((result, index) =>
			result.status === 'rejected' ? [`${others[index].name}: ${errorText(result.reason)}`] : [],
		);
		if (failures.length > 0) throw new Error(`queue cluster: ${failures.join('\n\n')}`);
		const [webhookA, webhookB, worker] = results.map((result) => {
			if (result.status !== 'fulfilled') throw new Error('unreachable');
			return result.value;
		});
		const all: Record<QueueProcessName, N8nProcess> = {
			main: main.n8nProcess,
			webhookA,
			webhookB,
			worker,
		};
		log(
			`queue cluster ready in ${seconds(Date.now() - started)}: ` +
				(Object.keys(startupMs) as ClusterProcessName[])
					.map((name) => `${name} ${seconds(startupMs[name])}`)
					.join(', '),
		);
		return new Cluster(main, all, redis.value, postgres, encryptionKey, startupMs, log);
	} catch (error: unknown) {
		await stopAll();
		throw error;
	}
}

class Cluster implements QueueCluster {
	readonly entryPoints: Readonly<Record<EntryPointName, EntryPoint>>;
	private stopping: Promise<void> | undefined;

	constructor(
		readonly main: N8nInstance,
		readonly processes: Readonly<Record<QueueProcessName, N8nProcess>>,
		readonly redis: RedisServer,
		readonly postgres: PostgresServer,
		readonly encryptionKey: string,
		readonly startupMs: Record<ClusterProcessName, number>,
		private readonly log: (line: string) => void,
	) {
		const entry = (name: EntryPointName): EntryPoint => ({
			name,
			baseUrl: processes[name].baseUrl,
			port: processes[name].port,
		});
		this.entryPoints = {
			main: entry('main'),
			webhookA: entry('webhookA'),
			webhookB: entry('webhookB'),
		};
	}

	webhookUrl(webhookId: string, entry: EntryPointName): string {
		return `${this.entryPoints[entry].baseUrl}/webhook/${webhookId}/webhook`;
	}

	private baseUrls(): string[] {
		return ENTRY_POINTS.map((name) => this.entryPoints[name].baseUrl);
	}

	async activate(
		workflowId: string,
		opts: Omit<ActivationOptions, 'baseUrls'> = {},
	): Promise<void> {
		await this.main.activate(workflowId, { ...opts, baseUrls: this.baseUrls() });
	}

	async deactivate(
		workflowId: string,
		opts: Omit<ActivationOptions, 'baseUrls'> = {},
	): Promise<void> {
		await this.main.deactivate(workflowId, { ...opts, baseUrls: this.baseUrls() });
	}

	async restartProcess(name: QueueProcessName): Promise<void> {
		const started = Date.now();
		if (name === 'main') await this.main.restart();
		else await this.processes[name].restart();
		this.startupMs[name] = Date.now() - started;
		this.log(
			`queue cluster: ${name} restarted in ${seconds(this.startupMs[name])} (pid ${String(this.processes[name].pid)})`,
		);
	}

	logs(name: ClusterProcessName, lines = 150): string {
		if (name === 'postgres') return this.postgres.logs(lines);
		if (name === 'redis') return this.redis.logs(lines);
		return tailFile(this.processes[name].logFile, lines);
	}

	pids(): Record<ClusterProcessName, number | undefined> {
		return {
			main: this.processes.main.pid,
			webhookA: this.processes.webhookA.pid,
			webhookB: this.processes.webhookB.pid,
			worker: this.processes.worker.pid,
			postgres: this.postgres.pid,
			redis: this.redis.pid,
		};
	}

	folders(): string[] {
		const folders = [
			...QUEUE_PROCESSES.map((name) => this.processes[name].userFolder),
			this.postgres.folder,
		];
		if (this.redis.folder !== undefined) folders.push(this.redis.folder);
		return folders.filter((folder) => existsSync(folder));
	}

	async stop(): Promise<void> {
		this.stopping ??= (async () => {
			const started = Date.now();
			const n8nPids = QUEUE_PROCESSES.map((name) => this.processes[name].pid);
			await Promise.allSettled(
				QUEUE_PROCESSES.map(async (name) => await this.processes[name].stop()),
			);
			await Promise.allSettled([this.redis.stop(), this.postgres.stop()]);
			const alive = n8nPids.filter((pid): pid is number => pid !== undefined && pidAlive(pid));
			this.log(
				`queue cluster stopped in ${seconds(Date.now() - started)}${alive.length > 0 ? ` (still alive: ${alive.join(', ')})` : ''}`,
			);
		})();
		await this.stopping;
	}
}
