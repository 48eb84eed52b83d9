/**
 * Real-n8n harness: starts n8n 2.x (pinned, cached by `runtime.ts`) on Node 24 with this package loaded
 * as a community package, sets up an owner and an API key, and offers the few API calls the
 * end-to-end tests need (workflows, credentials, activation, executions).
 *
 * What we found out about n8n 2.41.1 while writing this (re-check when changing the pinned version):
 * - Production-webhook registration lags: `POST /api/v1/workflows/{id}/activate` returns (70–230 ms)
 *   before the webhooks exist; they appear 130–290 ms later (measured 5 times, 2 cores), so a POST
 *   sent right after activate gets 404. We probe with `OPTIONS <webhook URL>` plus an `Origin` header
 *   and no `Access-Control-Request-Method`: n8n then answers 204 with
 *   `Access-Control-Allow-Methods: OPTIONS, <registered methods>` read from the webhook table, and never
 *   runs the node or starts an execution. Without `Origin`, n8n answers 204 to every OPTIONS
 *   (registered or not); with `Access-Control-Request-Method`, an unregistered path gives a 500 HTML
 *   page (an uncaught WebhookNotFoundError). There is no negative cache: once the probe sees the
 *   method, a POST finds the webhook.
 * - `/types/nodes.json` needs the login cookie (401 otherwise); the API key does not work there.
 * - `GET /api/v1/executions` leaves out running executions (`excludeRunning`), returns at most 250 per
 *   page and drops the data of executions over `EXECUTIONS_DATA_MAX_DISPLAY_SIZE` unless
 *   `ignoreDataSizeLimit=true`. Its `data` is the parsed run data (`resultData.runData`).
 * - `N8N_RUNNERS_ENABLED` is obsolete on 2.x (runners are always on; setting it prints a deprecation
 *   warning). The JS runner starts in "internal" mode, which prints a deprecation warning whatever we
 *   set, and n8n also tries a Python runner and warns that its venv is missing: both harmless.
 *   `N8N_UNVERIFIED_PACKAGES_ENABLED` warns when it is *unset*, so we set it (to its default, true).
 * - Startup on 2 cores: about 15–20 s to ready + owner + API key (migrations of a fresh SQLite
 *   database are only ~3 s of it; loading n8n and registering the task runner take the rest).
 *   Disabling ~20 unused modules saved only 1–2 s, so we keep n8n's defaults apart from mcp-registry.
 * - Public-API executions carry `data.executionData.runtimeData.triggerNode.name`: the node that
 *   started the execution, which is where `items` comes from.
 * - `HEAD` and `GET` on a POST-only webhook answer 404 with a hint naming the registered methods
 *   (GET: `This webhook is not registered for GET requests. Did you mean to make a POST request?`).
 * - A community package placed (copied) in `<N8N_USER_FOLDER>/.n8n/nodes/node_modules/n8n-nodes-*`
 *   is loaded by the community-packages module without any `installed_packages` row.
 * - Test webhooks ("Listen for test event" = `POST /rest/workflows/{id}/run` with
 *   `triggerToStartFrom`) serve one request, then are removed asynchronously: a second request
 *   sent immediately can still be accepted, one sent 3 s later gets 404.
 * - Login cookies are issued without a browser id when the login request sends no `browser-id`
 *   header; such a cookie passes the browser-id check on every endpoint.
 * - The task runner child is spawned in n8n's process group, so killing the group ends both.
 *
 * n8n 1.x (`N8N_HARNESS_VERSION=1.123.81` or `N8N_HARNESS_MAJOR=1`; see runtime.ts) runs on the Node
 * that runs the harness. Differences the harness handles (look for `N8N_1`), verified on 1.123.81:
 * - environment: see `N8N_1_ENV`;
 * - `GET /api/v1/executions` has no `ignoreDataSizeLimit` (400 for the unknown query parameter);
 * - `POST /rest/workflows/{id}/run` wants the workflow in the body (`workflowData`).
 * Same as 2.x there: owner setup, login, `/rest/api-keys` (+ `/scopes`, `data.rawApiKey`),
 * `/types/*.json` (cookie only, 401 without), activate/deactivate, the OPTIONS probe, unflattened
 * execution data, test webhooks. Different and visible to tests: activating a workflow whose node
 * throws in `webhookMethods.create` answers 400 `{"message": <the node's error>}` on 1.x (2.41.1:
 * 200, and the workflow never goes live); the workflow stays inactive on both.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { N8N_1, n8nBin, n8nNodeModules, n8nRuntimeEnv, nodeBinDir } from './runtime';
import {
	assertPortFree,
	errorText,
	freePorts,
	GuardedProcess,
	isRecord,
	type LiveProcess,
	LOOPBACK,
	registerLive,
	removeFolder,
	sleep,
	tailFile,
	unregisterLive,
} from './services';

export const PACKAGE_NAME = 'n8n-nodes-artemis-artisio';
/** The project root (this file is test/support/n8n.ts). */
export const PROJECT_ROOT = resolve(__dirname, '..', '..');

/** Node type of n8n's own Webhook node; its production path is its `path` parameter alone. */
const BUILTIN_WEBHOOK = 'n8n-nodes-base.webhook';

// ---------------------------------------------------------------------------------------------------
// Types

export interface StartOptions {
	/** Default: a free loopback port. A given port that is taken fails fast with a clear message. */
	port?: number;
	/** Task-runner broker port; must differ between instances on one machine. Default: a free port. */
	brokerPort?: number;
	/**
	 * Extra environment for n8n; wins over the harness defaults (e.g. `N8N_PROXY_HOPS`,
	 * `N8N_PAYLOAD_SIZE_MAX`). Use `port`/`userFolder` rather than N8N_PORT/N8N_USER_FOLDER here.
	 */
	env?: Record<string, string>;
	/** Default: a fresh `mkdtemp` folder (deleted by `stop()` unless `keepUserFolder`). */
	userFolder?: string;
	/**
	 * Folder with `package.json` and `dist/` to load as the community package. Default: the project
	 * root. `false`: start n8n without it. Copied (not symlinked) so that `require('n8n-workflow')`
	 * resolves to n8n's own copy through NODE_PATH, never to the project's dev dependency.
	 */
	packageDir?: string | false;
	/** Default: `<userFolder>/n8n.log`. */
	logFile?: string;
	/** Owner login to create (fresh folder) or to log in with (existing folder). Default: a test login. */
	owner?: { email: string; password: string };
	/** Default 180 s (2 cores, other n8n instances may be starting at the same time). */
	startTimeoutMs?: number;
	/** Keep a temporary user folder after `stop()` (for debugging). Default false. */
	keepUserFolder?: boolean;
	/**
	 * `N8N_ENCRYPTION_KEY`. Default: the one of an existing user folder, else a random one. Processes
	 * that share a database (queue mode) need the same key.
	 */
	encryptionKey?: string;
	/**
	 * Log tail for failure messages of `waitForExecutions`, `activate` and `deactivate`; default this
	 * n8n's own log. The queue cluster adds the logs of its worker and webhook processes.
	 */
	failureLogs?: (lines: number) => string;
	/**
	 * Ids of a workflow's ended executions, read from n8n's database; the queue cluster passes one.
	 * n8n's public API leaves some out of its list (see `Client.listExecutions`), never out of
	 * `GET /api/v1/executions/{id}`.
	 */
	endedExecutionIds?: (workflowId: string) => Promise<string[]>;
}

/** `n8n start` (the main process), `n8n webhook` (a webhook processor) or `n8n worker` (queue mode). */
export type N8nCommand = 'start' | 'webhook' | 'worker';

export interface N8nProcessOptions extends Omit<StartOptions, 'owner' | 'encryptionKey' | 'failureLogs' | 'endedExecutionIds'> {
	command: N8nCommand;
	/** Must be the main process' key when the processes share a database. */
	encryptionKey: string;
	/** For log lines and error messages. Default: `main` for `start`, else the command. */
	name?: string;
	/** Worker only: port of its worker server (`QUEUE_HEALTH_CHECK_PORT`). Default: a free port. */
	healthPort?: number;
	/** Paths that must answer 200 before the process counts as started. Default: per command. */
	readinessPaths?: string[];
}

/** One running n8n process without the API helpers (webhook processes and workers have no API). */
export interface N8nProcess {
	readonly name: string;
	readonly command: N8nCommand;
	/**
	 * `http://127.0.0.1:<port>`, where the process answers HTTP: main and webhook processes on
	 * `N8N_PORT` (the webhooks are at `/webhook/...`), a worker on its worker server (`healthPort`).
	 */
	readonly baseUrl: string;
	/** `N8N_PORT` (a worker does not listen on it). */
	readonly port: number;
	readonly brokerPort: number;
	/** Worker only: `QUEUE_HEALTH_CHECK_PORT`. */
	readonly healthPort: number | undefined;
	readonly userFolder: string;
	readonly logFile: string;
	/** Process id of n8n (also its process group id, which the task runner child shares). */
	readonly pid: number | undefined;
	/** True while n8n itself runs. */
	readonly running: boolean;
	logs(lines?: number): string;
	/** Stops and starts again with the same folder, ports and environment. */
	restart(): Promise<void>;
	/** SIGTERM to n8n (SIGKILL to the group after 30 s), waits, removes a temporary user folder; idempotent. */
	stop(): Promise<void>;
}

/** Options of `activate` and `deactivate`. */
export interface ActivationOptions {
	/** Paths to wait for; by default they come from the workflow's nodes. */
	webhookPaths?: string[];
	/** Default 30 s. */
	timeoutMs?: number;
	/**
	 * Base URLs whose webhook handler must see the change (default: this n8n's). The queue cluster
	 * passes every process that answers production webhooks.
	 */
	baseUrls?: string[];
}

export interface ExecutionSummary {
	id: string;
	/** `success`, `error`, `canceled`, `crashed`, `waiting`, … */
	status: string;
	/** `webhook` for production URLs, `manual` for test URLs (after the editor listened), … */
	mode: string;
	workflowId: string;
	startedAt: string | null;
	stoppedAt: string | null;
	/** JSON of the trigger node's output items, per output index: `[[{…}], [{…}]]`. */
	items: unknown[][];
	/** Same shape for every node that ran, by node name. */
	nodes: Record<string, unknown[][]>;
	/** Name of the node `items` was read from (the node that ran with no input). */
	triggerNode: string | undefined;
	/** The execution as the public API returned it, for assertions the summary does not cover. */
	raw: Record<string, unknown>;
}

export interface WorkflowInput {
	name: string;
	nodes: unknown[];
	connections: unknown;
	settings?: unknown;
}

/** Everything a test needs from a running n8n; `connectShared()` returns this for the shared one. */
export interface N8nClient {
	baseUrl: string;
	port: number;
	userFolder: string;
	apiKey: string;
	owner: { email: string; password: string };
	/**
	 * Calls n8n with the API key (`/api/v1/...`) or, for `/rest/...` and `/types/...`, with the owner's
	 * login cookie (n8n's internal REST API does not accept API keys). JSON in and out; throws with
	 * method, path, status and body text on a non-2xx answer.
	 */
	api<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
	createWorkflow(workflow: WorkflowInput): Promise<{ id: string }>;
	/**
	 * Activates (publishes) the workflow and waits until n8n's webhook handler sees its production
	 * webhooks, without sending a request that could start an execution (see the note at the top).
	 * `webhookPaths` overrides which paths to wait for; by default they come from the workflow's nodes.
	 */
	activate(workflowId: string, opts?: ActivationOptions): Promise<void>;
	/** Deactivates and waits until the production webhooks are gone (requests then get 404). */
	deactivate(workflowId: string, opts?: ActivationOptions): Promise<void>;
	createCredential(name: string, type: string, data: Record<string, unknown>): Promise<{ id: string }>;
	/** All finished executions of the workflow (all pages, with data), oldest first. */
	executions(workflowId: string): Promise<ExecutionSummary[]>;
	/**
	 * Waits until at least `count` executions are finished, then `settleMs` more (default 1500 ms) so
	 * that an extra, unexpected execution would show up too; returns all of them, oldest first.
	 * `count` 0 just waits `settleMs`: use it to assert that nothing started.
	 */
	waitForExecutions(
		workflowId: string,
		count: number,
		opts?: { timeoutMs?: number; settleMs?: number },
	): Promise<ExecutionSummary[]>;
	/**
	 * What the editor's "Listen for test event" does (`POST /rest/workflows/{id}/run` with the trigger
	 * to start from): the test URL (`webhookUrl(id, 'test')`) then serves ONE request, in mode
	 * `manual`. n8n removes the test webhook asynchronously after that request: one sent right after
	 * may still get through (seen on 2.41.1), one sent a few seconds later gets 404. Call this again
	 * before each test request. Works whether or not the workflow is active.
	 */
	listenForTestEvent(workflowId: string, triggerNodeName?: string): Promise<void>;
	/** `${baseUrl}/webhook/<id>/webhook` (or `/webhook-test/`): the URL of a trigger whose path is `webhook`. */
	webhookUrl(webhookId: string, mode?: 'production' | 'test'): string;
	/** Tail of n8n's stdout/stderr, for failure messages. */
	logs(lines?: number): string;
	/** What another process needs to reach this n8n (`globalSetup` writes it for the test files). */
	connectionInfo(): ConnectionInfo;
}

export interface N8nInstance extends N8nClient {
	/** Process id of n8n's main process (also its process group id). */
	readonly pid: number | undefined;
	/** The process behind this client (log file, ports, whether it runs). */
	readonly n8nProcess: N8nProcess;
	/** Stops and starts again with the same user folder, ports and environment; the API key stays valid. */
	restart(): Promise<void>;
	/** Stops n8n and its task runner (the whole process group) and waits for them; idempotent. */
	stop(): Promise<void>;
}

/** What `globalSetup` hands to test files (serialized to JSON). */
export interface ConnectionInfo {
	baseUrl: string;
	port: number;
	userFolder: string;
	apiKey: string;
	owner: { email: string; password: string };
	cookie: string;
	logFile: string;
	pid: number | undefined;
}

// ---------------------------------------------------------------------------------------------------
// Client: the API helpers, shared by started instances and `connectShared()`

type ClientState = Omit<ConnectionInfo, 'pid'>;

export class Client implements N8nClient {
	/** Executions `listExecutions` had to read by id, each reported once. */
	private readonly reportedUnlisted = new Set<string>();

	constructor(protected state: ClientState) {}

	get baseUrl(): string {
		return this.state.baseUrl;
	}
	get port(): number {
		return this.state.port;
	}
	get userFolder(): string {
		return this.state.userFolder;
	}
	get apiKey(): string {
		return this.state.apiKey;
	}
	get owner(): { email: string; password: string } {
		return this.state.owner;
	}

	async api<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
		const usesCookie = path.startsWith('/rest/') || path.startsWith('/types/');
		const send = async (): Promise<Response> => {
			const headers: Record<string, string> = { accept: 'application/json' };
			if (usesCookie) headers.cookie = this.state.cookie;
			else headers['x-n8n-api-key'] = this.state.apiKey;
			if (body !== undefined) headers['content-type'] = 'application/json';
			return await fetchOnFreshSocket(`${this.state.baseUrl}${path}`, {
				method,
				headers,
				body: body === undefined ? undefined : JSON.stringify(body),
				signal: AbortSignal.timeout(60_000),
			});
		};
		let response = await send();
		if (response.status === 401 && usesCookie) {
			// The cookie can be outdated (e.g. a JSON file from before a restart): log in once more.
			await response.text();
			this.state.cookie = await login(this.state.baseUrl, this.state.owner);
			response = await send();
		}
		const text = await response.text();
		if (!response.ok) {
			throw new Error(`n8n ${method} ${path} → ${response.status}: ${text.slice(0, 2000)}`);
		}
		if (text === '') return undefined as T;
		try {
			return JSON.parse(text) as T;
		} catch {
			throw new Error(`n8n ${method} ${path} → ${response.status} with a body that is not JSON: ${text.slice(0, 500)}`);
		}
	}

	async createWorkflow(workflow: WorkflowInput): Promise<{ id: string }> {
		// The public API rejects read-only fields (id, active, …) and requires `settings`.
		const created = await this.api<unknown>('POST', '/api/v1/workflows', {
			name: workflow.name,
			nodes: workflow.nodes,
			connections: workflow.connections,
			settings: workflow.settings ?? { executionOrder: 'v1' },
		});
		if (!isRecord(created) || typeof created.id !== 'string') {
			throw new Error(`unexpected answer to POST /api/v1/workflows: ${JSON.stringify(created)}`);
		}
		return { id: created.id };
	}

	async activate(workflowId: string, opts: ActivationOptions = {}): Promise<void> {
		await this.api('POST', `/api/v1/workflows/${workflowId}/activate`, {});
		const paths = opts.webhookPaths ?? (await this.productionWebhookPaths(workflowId));
		await this.waitForWebhooks(paths, true, opts.timeoutMs ?? 30_000, opts.baseUrls);
	}

	async deactivate(workflowId: string, opts: ActivationOptions = {}): Promise<void> {
		const paths = opts.webhookPaths ?? (await this.productionWebhookPaths(workflowId));
		await this.api('POST', `/api/v1/workflows/${workflowId}/deactivate`, {});
		await this.waitForWebhooks(paths, false, opts.timeoutMs ?? 30_000, opts.baseUrls);
	}

	async createCredential(name: string, type: string, data: Record<string, unknown>): Promise<{ id: string }> {
		const created = await this.api<unknown>('POST', '/api/v1/credentials', { name, type, data });
		if (!isRecord(created) || typeof created.id !== 'string') {
			throw new Error(`unexpected answer to POST /api/v1/credentials: ${JSON.stringify(created)}`);
		}
		return { id: created.id };
	}

	async executions(workflowId: string): Promise<ExecutionSummary[]> {
		return await this.listExecutions(workflowId, true);
	}

	/** Without data the list is cheap enough to poll; `items` and `nodes` are then empty. */
	private async listExecutions(workflowId: string, includeData: boolean): Promise<ExecutionSummary[]> {
		// Asked before the list, so that an execution ending meanwhile is in the list, not read twice.
		const ended = (await this.endedExecutionIds?.(workflowId)) ?? [];
		const all: ExecutionSummary[] = [];
		let cursor: string | undefined;
		for (;;) {
			const query = new URLSearchParams({ workflowId, ...executionDataQuery(includeData), limit: '250' });
			if (cursor !== undefined) query.set('cursor', cursor);
			const page = await this.api<unknown>('GET', `/api/v1/executions?${query.toString()}`);
			if (!isRecord(page) || !Array.isArray(page.data)) {
				throw new Error(`unexpected answer to GET /api/v1/executions: ${JSON.stringify(page).slice(0, 500)}`);
			}
			for (const execution of page.data) all.push(summarize(execution));
			if (typeof page.nextCursor !== 'string' || page.nextCursor === '' || page.data.length === 0) break;
			cursor = page.nextCursor;
		}
		// The list leaves out every execution that the answering process holds as running in its own
		// memory (n8n 2.41.1 execution.service.js findManyAndCount, `excludeRunning`). In queue mode
		// the main holds the executions it enqueued until Bull's job.finished() resolves, and that can
		// fail to happen: seen in a clean-clone run, an execution the main enqueued, "success" in the
		// database and "finished" in the main's log, left out of the list for over a minute. Read
		// those one by one.
		const listed = new Set(all.map((execution) => execution.id));
		for (const id of ended) {
			if (listed.has(id)) continue;
			const query = new URLSearchParams(executionDataQuery(includeData));
			all.push(summarize(await this.api<unknown>('GET', `/api/v1/executions/${id}?${query.toString()}`)));
			if (!this.reportedUnlisted.has(id)) {
				this.reportedUnlisted.add(id);
				process.stderr.write(`[n8n-harness] execution ${id} has ended by the database but is not in n8n's execution list (the main still holds it as running): read by id\n`);
			}
		}
		// Newest first from the API; tests read them in the order the requests were sent.
		return all.sort((a, b) => compareIds(a.id, b.id));
	}

	async waitForExecutions(
		workflowId: string,
		count: number,
		opts: { timeoutMs?: number; settleMs?: number } = {},
	): Promise<ExecutionSummary[]> {
		const timeoutMs = opts.timeoutMs ?? 30_000;
		const settleMs = opts.settleMs ?? 1500;
		const deadline = Date.now() + timeoutMs;
		let seen: ExecutionSummary[] = [];
		for (;;) {
			seen = await this.listExecutions(workflowId, false);
			if (seen.length >= count) break;
			if (Date.now() > deadline) {
				throw new Error(
					`workflow ${workflowId}: ${seen.length} of ${count} executions after ${timeoutMs} ms ` +
						`(statuses: ${seen.map((e) => e.status).join(', ') || 'none'})\n--- n8n log tail ---\n${this.failureLogs(40)}`,
				);
			}
			await sleep(250);
		}
		await sleep(settleMs);
		return await this.executions(workflowId);
	}

	async listenForTestEvent(workflowId: string, triggerNodeName = 'Trigger'): Promise<void> {
		const result = await this.api<unknown>(
			'POST',
			`/rest/workflows/${workflowId}/run`,
			N8N_1 ? await this.n8n1ManualRunBody(workflowId, triggerNodeName) : { triggerToStartFrom: { name: triggerNodeName } },
		);
		const data = isRecord(result) && isRecord(result.data) ? result.data : {};
		if (data.waitingForWebhook !== true) {
			throw new Error(`n8n did not start listening for a test event: ${JSON.stringify(result)}`);
		}
	}

	/**
	 * 1.x: `POST /rest/workflows/{id}/run` runs the workflow the editor sends, so the body must carry
	 * it as `workflowData` (with its `id`; 1.123.81 throws "You cannot execute a workflow without an
	 * ID" otherwise). We send the saved one, as the editor does for an unchanged workflow.
	 */
	private async n8n1ManualRunBody(workflowId: string, triggerNodeName: string): Promise<Record<string, unknown>> {
		const saved = await this.api<unknown>('GET', `/rest/workflows/${workflowId}`);
		const workflowData = isRecord(saved) && isRecord(saved.data) ? saved.data : undefined;
		if (workflowData === undefined) throw new Error(`unexpected answer to GET /rest/workflows/${workflowId}: ${JSON.stringify(saved).slice(0, 500)}`);
		return { workflowData, triggerToStartFrom: { name: triggerNodeName } };
	}

	webhookUrl(webhookId: string, mode: 'production' | 'test' = 'production'): string {
		return `${this.state.baseUrl}/${mode === 'test' ? 'webhook-test' : 'webhook'}/${webhookId}/webhook`;
	}

	logs(lines = 150): string {
		return tailFile(this.state.logFile, lines);
	}

	connectionInfo(): ConnectionInfo {
		return { ...this.state, owner: { ...this.state.owner }, pid: this.processId() };
	}

	/** Overridden by started instances; a connected client does not know the process. */
	protected processId(): number | undefined {
		return undefined;
	}

	/** What failure messages show of the logs (overridden for a queue cluster's main). */
	protected failureLogs(lines: number): string {
		return this.logs(lines);
	}

	/** Ended executions of a workflow by the database, where this client has one to ask (`StartOptions.endedExecutionIds`). */
	protected readonly endedExecutionIds: ((workflowId: string) => Promise<string[]>) | undefined = undefined;

	/**
	 * Production webhook paths of a workflow's trigger nodes, as n8n registers them: the built-in
	 * Webhook node uses its `path` parameter as the full path; nodes with a webhook description path
	 * that is not a full path (ours: `webhook`) get `<webhookId>/<path>`.
	 */
	private async productionWebhookPaths(workflowId: string): Promise<string[]> {
		const workflow = await this.api<unknown>('GET', `/api/v1/workflows/${workflowId}`);
		const nodes = isRecord(workflow) && Array.isArray(workflow.nodes) ? workflow.nodes : [];
		const paths: string[] = [];
		for (const node of nodes) {
			if (!isRecord(node) || node.disabled === true) continue;
			const parameters = isRecord(node.parameters) ? node.parameters : {};
			if (node.type === BUILTIN_WEBHOOK) {
				if (typeof parameters.path === 'string') paths.push(parameters.path.replace(/^\/+|\/+$/g, ''));
			} else if (typeof node.type === 'string' && node.type.startsWith(`${PACKAGE_NAME}.`) && typeof node.webhookId === 'string') {
				paths.push(`${node.webhookId}/webhook`);
			}
		}
		return paths;
	}

	/**
	 * Registered methods of a production webhook path, read without running anything (see top), as
	 * the n8n at `baseUrl` (default: this one) sees them.
	 */
	async registeredMethods(path: string, baseUrl: string = this.state.baseUrl): Promise<string[]> {
		const response = await fetch(`${baseUrl}/webhook/${path}`, {
			method: 'OPTIONS',
			headers: { origin: baseUrl },
			signal: AbortSignal.timeout(10_000),
		});
		await response.arrayBuffer();
		const allowed = response.headers.get('access-control-allow-methods') ?? '';
		return allowed
			.split(',')
			.map((method) => method.trim().toUpperCase())
			.filter((method) => method !== '' && method !== 'OPTIONS');
	}

	private async waitForWebhooks(paths: string[], registered: boolean, timeoutMs: number, baseUrls?: string[]): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		for (const baseUrl of baseUrls ?? [this.state.baseUrl]) {
			for (const path of paths) {
				for (;;) {
					const methods = await this.registeredMethods(path, baseUrl);
					if ((methods.length > 0) === registered) break;
					if (Date.now() > deadline) {
						throw new Error(
							`webhook ${path} still ${registered ? 'not registered' : 'registered'} at ${baseUrl} after ${timeoutMs} ms\n` +
								`--- n8n log tail ---\n${this.failureLogs(40)}`,
						);
					}
					await sleep(100);
				}
			}
		}
	}
}

function compareIds(a: string, b: string): number {
	const na = Number(a);
	const nb = Number(b);
	return Number.isFinite(na) && Number.isFinite(nb) ? na - nb : a.localeCompare(b);
}

/** The query parameters that ask n8n's public API for an execution's data (or not), whole. */
function executionDataQuery(includeData: boolean): Record<string, string> {
	return {
		includeData: String(includeData),
		// 1.x: the parameter does not exist (no data size limit there) and its OpenAPI
		// validator answers 400 to unknown query parameters.
		...(N8N_1 ? {} : { ignoreDataSizeLimit: 'true' }),
	};
}

/** Reads the output items of every node from an execution returned with `includeData=true`. */
function summarize(execution: unknown): ExecutionSummary {
	if (!isRecord(execution)) throw new Error(`unexpected execution: ${JSON.stringify(execution)}`);
	const data = isRecord(execution.data) ? execution.data : {};
	const resultData = isRecord(data.resultData) ? data.resultData : {};
	const runData = isRecord(resultData.runData) ? resultData.runData : {};
	const nodes: Record<string, unknown[][]> = {};
	const executionData = isRecord(data.executionData) ? data.executionData : {};
	const runtimeData = isRecord(executionData.runtimeData) ? executionData.runtimeData : {};
	let triggerNode: string | undefined =
		isRecord(runtimeData.triggerNode) && typeof runtimeData.triggerNode.name === 'string' ? runtimeData.triggerNode.name : undefined;
	for (const [name, runs] of Object.entries(runData)) {
		if (!Array.isArray(runs) || runs.length === 0) continue;
		const run: unknown = runs[0];
		if (!isRecord(run)) continue;
		const runOutput = isRecord(run.data) && Array.isArray(run.data.main) ? run.data.main : [];
		nodes[name] = runOutput.map((output: unknown) =>
			Array.isArray(output) ? output.map((item: unknown) => (isRecord(item) ? item.json : item)) : [],
		);
		// A start node runs without a source (n8n writes `source: []` or `[null]`).
		const source = Array.isArray(run.source) ? run.source : [];
		if (triggerNode === undefined && source.every((entry: unknown) => entry === null)) triggerNode = name;
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

// ---------------------------------------------------------------------------------------------------
// Owner, login, API key

/**
 * fetch, tried again when n8n closed a kept-alive connection just as the request went out
 * (`SocketError: other side closed`). Seen when a loaded machine stalls the test process for longer
 * than n8n's keep-alive timeout: the request never reached n8n, so sending it again is safe. The
 * event loop was blocked, so every idle socket of the pool can be stale at once and the FINs not yet
 * read: wait a moment before the next try, which lets the pool read them and open a fresh
 * connection (seen: after a test blocked the process for 14 s, the first try failed, the next one
 * 200 ms later got its answer).
 */
async function fetchOnFreshSocket(url: string, init: RequestInit): Promise<Response> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await fetch(url, init);
		} catch (error) {
			// By name, not instanceof: under jest, fetch's TypeError comes from another realm than the test's.
			const { name, cause } = error as { name?: unknown; cause?: { code?: unknown } };
			if (name !== 'TypeError' || cause?.code !== 'UND_ERR_SOCKET' || attempt >= 4) throw error;
			await sleep(50 * attempt);
		}
	}
}

async function restJson(baseUrl: string, method: string, path: string, body: unknown, cookie?: string): Promise<{ json: unknown; response: Response }> {
	const headers: Record<string, string> = { accept: 'application/json', 'content-type': 'application/json' };
	if (cookie !== undefined) headers.cookie = cookie;
	const response = await fetchOnFreshSocket(`${baseUrl}${path}`, {
		method,
		headers,
		body: body === undefined ? undefined : JSON.stringify(body),
		signal: AbortSignal.timeout(60_000),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`n8n ${method} ${path} → ${response.status}: ${text.slice(0, 1000)}`);
	return { json: text === '' ? undefined : (JSON.parse(text) as unknown), response };
}

async function login(baseUrl: string, owner: { email: string; password: string }): Promise<string> {
	const { response } = await restJson(baseUrl, 'POST', '/rest/login', {
		emailOrLdapLoginId: owner.email,
		password: owner.password,
	});
	const cookie = response.headers
		.getSetCookie()
		.map((header) => header.split(';')[0])
		.find((pair) => pair.startsWith('n8n-auth='));
	if (cookie === undefined) throw new Error('POST /rest/login set no n8n-auth cookie');
	return cookie;
}

/** `userManagement.showSetupOnFirstLoad` is true until the owner account exists. */
async function ownerMissing(baseUrl: string): Promise<boolean> {
	const { json } = await restJson(baseUrl, 'GET', '/rest/settings', undefined);
	const settings = isRecord(json) && isRecord(json.data) ? json.data : {};
	const userManagement = isRecord(settings.userManagement) ? settings.userManagement : {};
	return userManagement.showSetupOnFirstLoad === true;
}

async function createApiKey(baseUrl: string, cookie: string): Promise<string> {
	const { json: scopesJson } = await restJson(baseUrl, 'GET', '/rest/api-keys/scopes', undefined, cookie);
	const scopes = isRecord(scopesJson) && Array.isArray(scopesJson.data) ? scopesJson.data : [];
	const { json } = await restJson(
		baseUrl,
		'POST',
		'/rest/api-keys',
		{ label: `harness ${new Date().toISOString()}`, scopes, expiresAt: null },
		cookie,
	);
	const key = isRecord(json) && isRecord(json.data) ? json.data.rawApiKey : undefined;
	if (typeof key !== 'string') throw new Error(`POST /rest/api-keys gave no rawApiKey: ${JSON.stringify(json)}`);
	return key;
}

async function apiKeyWorks(baseUrl: string, apiKey: string): Promise<boolean> {
	const response = await fetch(`${baseUrl}/api/v1/workflows?limit=1`, {
		headers: { 'x-n8n-api-key': apiKey },
		signal: AbortSignal.timeout(30_000),
	});
	await response.arrayBuffer();
	return response.ok;
}

// ---------------------------------------------------------------------------------------------------
// The process

/** Kept in the user folder so that `restart()` and later `npm run dev` runs reuse key and login. */
interface HarnessState {
	encryptionKey: string;
	owner: { email: string; password: string };
	apiKey?: string;
}

const DEFAULT_OWNER = { email: 'owner@example.com', password: 'Harness-password-1' };

/**
 * What n8n answers "ready" on, per command. Webhook processes and workers have no `/rest/settings`;
 * a worker has no HTTP server on N8N_PORT at all, only its worker server on
 * `QUEUE_HEALTH_CHECK_PORT` (with `QUEUE_HEALTH_CHECK_ACTIVE=true`), whose `/healthz/readiness`
 * answers 200 once the database is connected and migrated and Redis is connected.
 */
const READINESS_PATHS: Record<N8nCommand, string[]> = {
	start: ['/healthz/readiness', '/rest/settings'],
	webhook: ['/healthz/readiness'],
	worker: ['/healthz/readiness'],
};

interface ProcessSpec {
	name: string;
	command: N8nCommand;
	userFolder: string;
	logFile: string;
	env: NodeJS.ProcessEnv;
	port: number;
	brokerPort: number;
	healthPort: number | undefined;
	readinessPaths: string[];
	startTimeoutMs: number;
	/** Removed by `stop()` and by the watchdog; undefined for a folder the caller owns. */
	tempFolder: string | undefined;
}

/** One n8n process (`n8n start`, `n8n webhook` or `n8n worker`) and its task runner. */
class ProcessHandle implements N8nProcess, LiveProcess {
	readonly tier = 0;
	private proc: GuardedProcess | undefined;
	private stopping: Promise<void> | undefined;

	constructor(private readonly spec: ProcessSpec) {}

	get name(): string {
		return this.spec.name;
	}
	get command(): N8nCommand {
		return this.spec.command;
	}
	get baseUrl(): string {
		return `http://${LOOPBACK}:${this.spec.command === 'worker' && this.spec.healthPort !== undefined ? this.spec.healthPort : this.spec.port}`;
	}
	get port(): number {
		return this.spec.port;
	}
	get brokerPort(): number {
		return this.spec.brokerPort;
	}
	get healthPort(): number | undefined {
		return this.spec.healthPort;
	}
	get userFolder(): string {
		return this.spec.userFolder;
	}
	get logFile(): string {
		return this.spec.logFile;
	}
	get pid(): number | undefined {
		return this.proc?.pid;
	}
	get running(): boolean {
		return this.proc?.running === true;
	}

	logs(lines = 150): string {
		return tailFile(this.spec.logFile, lines);
	}

	async boot(): Promise<void> {
		this.stopping = undefined;
		// The runner child inherits the process group, so stopping the group ends both.
		this.proc = GuardedProcess.spawn({
			command: join(nodeBinDir, 'node'),
			args: [n8nBin, this.spec.command],
			cwd: this.spec.userFolder,
			env: this.spec.env,
			logFile: this.spec.logFile,
			tempFolder: this.spec.tempFolder,
		});
		registerLive(this);
		try {
			await this.waitUntilReady();
		} catch (error: unknown) {
			await this.stopProcess();
			throw new Error(`${this.label()} did not start: ${errorText(error)}\n--- n8n log tail (${this.spec.logFile}) ---\n${this.logs(80)}`);
		}
	}

	private label(): string {
		return this.spec.name === 'main' && this.spec.command === 'start' ? 'n8n' : `n8n ${this.spec.command} (${this.spec.name})`;
	}

	private async waitUntilReady(): Promise<void> {
		const deadline = Date.now() + this.spec.startTimeoutMs;
		const proc = this.proc;
		const check = async (path: string): Promise<boolean> => {
			try {
				const response = await fetch(`${this.baseUrl}${path}`, { signal: AbortSignal.timeout(5000) });
				await response.arrayBuffer();
				return response.status === 200;
			} catch {
				return false;
			}
		};
		for (const path of this.spec.readinessPaths) {
			while (!(await check(path))) {
				if (proc === undefined || !proc.running) {
					throw new Error(`${this.label()} exited (${proc?.exitDescription ?? 'not spawned'}) before ${path} answered 200`);
				}
				if (Date.now() > deadline) throw new Error(`${path} did not answer 200 within ${this.spec.startTimeoutMs} ms`);
				await sleep(200);
			}
		}
	}

	async restart(): Promise<void> {
		await this.stopProcess();
		await this.boot();
	}

	async stop(): Promise<void> {
		this.stopping ??= (async () => {
			await this.stopProcess();
			removeFolder(this.spec.tempFolder);
		})();
		await this.stopping;
	}

	/**
	 * SIGTERM to n8n's main process only, so that it shuts its task runner down itself and flushes
	 * the database; after 30 s (or once it exited) SIGKILL to the group for the watchdog and anything
	 * left over.
	 */
	private async stopProcess(): Promise<void> {
		const proc = this.proc;
		if (proc === undefined) return;
		await proc.stop([{ signal: 'SIGTERM', waitMs: 30_000 }]);
		unregisterLive(this);
	}

	/** Synchronous last resort for process 'exit' handlers (jest may exit while a stop() is pending). */
	killNow(): void {
		this.proc?.killNow();
		removeFolder(this.spec.tempFolder);
	}
}

class Instance extends Client implements N8nInstance {
	constructor(
		state: ClientState,
		readonly n8nProcess: ProcessHandle,
		private readonly extraFailureLogs: ((lines: number) => string) | undefined,
		protected override readonly endedExecutionIds: ((workflowId: string) => Promise<string[]>) | undefined,
	) {
		super(state);
	}

	get pid(): number | undefined {
		return this.n8nProcess.pid;
	}

	protected override processId(): number | undefined {
		return this.n8nProcess.pid;
	}

	protected override failureLogs(lines: number): string {
		return this.extraFailureLogs === undefined ? super.failureLogs(lines) : this.extraFailureLogs(lines);
	}

	/** Owner (first start only), login cookie, API key (created once, then reused). */
	async authenticate(stateFile: string, state: HarnessState): Promise<void> {
		const { baseUrl } = this.state;
		if (await ownerMissing(baseUrl)) {
			await restJson(baseUrl, 'POST', '/rest/owner/setup', {
				email: state.owner.email,
				firstName: 'Harness',
				lastName: 'Owner',
				password: state.owner.password,
			});
		}
		this.state.cookie = await login(baseUrl, state.owner);
		if (state.apiKey === undefined || !(await apiKeyWorks(baseUrl, state.apiKey))) {
			state.apiKey = await createApiKey(baseUrl, this.state.cookie);
			writeFileSync(stateFile, JSON.stringify(state, null, 2), { mode: 0o600 });
		}
		this.state.apiKey = state.apiKey;
	}

	async restart(): Promise<void> {
		await this.n8nProcess.restart();
		this.state.cookie = await login(this.state.baseUrl, this.state.owner);
	}

	async stop(): Promise<void> {
		await this.n8nProcess.stop();
	}
}

/**
 * 1.x only (verified on 1.123.81, Node 20.20.2):
 * - its default expression engine (`vm`) needs isolated-vm 6.2.0, which ships prebuilt binaries for
 *   Node 22 and 24 only (ABI 127/137): on an older Node use `legacy`;
 * - `N8N_DISABLED_MODULES=mcp-registry` makes it exit (the module does not exist there), so it is
 *   left unset.
 * It warns at startup about `DB_SQLITE_POOL_SIZE`, `N8N_RUNNERS_ENABLED` (runners are off by default
 * on 1.x and no test needs them) and the legacy engine: harmless, n8n's 1.x defaults are kept.
 */
const N8N_1_ENV: Record<string, string> =
	Number(process.versions.node.split('.')[0]) < 22 ? { N8N_EXPRESSION_ENGINE: 'legacy' } : {};

/**
 * The environment n8n runs with. Everything that would reach the internet (telemetry, version
 * checks, templates, banners, the MCP registry, the verified-community-packages list) is off,
 * because this machine cannot reach it and waiting for timeouts slows startup and tests.
 */
function n8nEnvironment(args: {
	userFolder: string;
	port: number;
	brokerPort: number;
	encryptionKey: string;
	extra: Record<string, string>;
}): NodeJS.ProcessEnv {
	return n8nRuntimeEnv({
		// n8n finds n8n-workflow & co. for community packages (copied, not symlinked) through NODE_PATH.
		NODE_PATH: n8nNodeModules,
		NODE_ENV: 'production',
		N8N_USER_FOLDER: args.userFolder,
		N8N_PORT: String(args.port),
		N8N_LISTEN_ADDRESS: LOOPBACK,
		N8N_HOST: LOOPBACK,
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://${LOOPBACK}:${args.port}`,
		N8N_WEBHOOK_URL: `http://${LOOPBACK}:${args.port}/`,
		N8N_RUNNERS_BROKER_PORT: String(args.brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: LOOPBACK,
		N8N_SECURE_COOKIE: 'false',
		N8N_ENCRYPTION_KEY: args.encryptionKey,
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		DB_TYPE: 'sqlite',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_HIDE_USAGE_PAGE: 'true',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_PUBLIC_API_SWAGGERUI_DISABLED: 'true',
		...(N8N_1 ? N8N_1_ENV : { N8N_DISABLED_MODULES: 'mcp-registry' }),
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		// A test sometimes stops n8n with executions in flight; do not wait the default 30 s for them.
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		...args.extra,
	});
}

/**
 * Copies `package.json` and `dist/` of the package into the folder n8n loads community packages
 * from. A copy, not a symlink: Node resolves a symlinked package's `require('n8n-workflow')` from
 * its real path (the project, with its own dev copy of n8n-workflow), and two n8n-workflow copies
 * break `instanceof` checks inside n8n.
 */
function installPackage(packageDir: string, userFolder: string): void {
	const target = join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
	rmSync(target, { recursive: true, force: true });
	const dist = join(packageDir, 'dist');
	if (!existsSync(dist)) {
		process.stderr.write(`[n8n-harness] WARNING: ${dist} does not exist (run \`npm run build\`); starting n8n without ${PACKAGE_NAME}\n`);
		return;
	}
	mkdirSync(target, { recursive: true });
	cpSync(join(packageDir, 'package.json'), join(target, 'package.json'));
	cpSync(dist, join(target, 'dist'), { recursive: true });
}

/** Reuses the key n8n wrote into an existing user folder: a different one makes n8n refuse to start. */
function existingEncryptionKey(userFolder: string): string | undefined {
	const config = join(userFolder, '.n8n', 'config');
	if (!existsSync(config)) return undefined;
	try {
		const parsed: unknown = JSON.parse(readFileSync(config, 'utf8'));
		return isRecord(parsed) && typeof parsed.encryptionKey === 'string' ? parsed.encryptionKey : undefined;
	} catch {
		return undefined;
	}
}

function readState(file: string): HarnessState | undefined {
	if (!existsSync(file)) return undefined;
	const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
	if (!isRecord(parsed) || typeof parsed.encryptionKey !== 'string' || !isRecord(parsed.owner)) return undefined;
	const { email, password } = parsed.owner;
	if (typeof email !== 'string' || typeof password !== 'string') return undefined;
	return {
		encryptionKey: parsed.encryptionKey,
		owner: { email, password },
		apiKey: typeof parsed.apiKey === 'string' ? parsed.apiKey : undefined,
	};
}

function assertInstalled(): void {
	if (!existsSync(n8nBin)) {
		throw new Error(`n8n is not installed at ${n8nBin}: run \`npm run n8n:install\` (or call ensureN8n()) first`);
	}
}

/**
 * Spawns one n8n process on free ports (or the given ones) and waits until it is ready. Free ports
 * come from listen(0) and are released before n8n binds them: another process can take one in
 * between. n8n then fails with EADDRINUSE, and we try again with new ports.
 */
async function launch(args: {
	name: string;
	command: N8nCommand;
	userFolder: string;
	tempFolder: string | undefined;
	encryptionKey: string;
	logFile: string;
	options: StartOptions & { healthPort?: number; readinessPaths?: string[] };
}): Promise<ProcessHandle> {
	const { options, command } = args;
	const wantsHealthPort = command === 'worker';
	if (options.port !== undefined) await assertPortFree(options.port, `n8n ${args.name}`);
	if (options.brokerPort !== undefined) await assertPortFree(options.brokerPort, `Task-runner broker (${args.name})`);
	if (wantsHealthPort && options.healthPort !== undefined) await assertPortFree(options.healthPort, `Worker server (${args.name})`);
	const fixed = [options.port, options.brokerPort, wantsHealthPort ? options.healthPort : undefined];
	const autoPorts = fixed.some((port) => port === undefined);
	for (let attempt = 1; ; attempt++) {
		const pool = (await freePorts(6)).filter((port) => !fixed.includes(port));
		const take = (given: number | undefined): number => given ?? pool.shift() ?? 0;
		const port = take(options.port);
		const brokerPort = take(options.brokerPort);
		const healthPort = wantsHealthPort ? take(options.healthPort) : undefined;
		const roleEnv: Record<string, string> =
			command === 'start'
				? {}
				: {
						// `n8n webhook` refuses to start otherwise (`n8n worker` forces it itself).
						EXECUTIONS_MODE: 'queue',
						...(healthPort === undefined
							? {}
							: {
									QUEUE_HEALTH_CHECK_ACTIVE: 'true',
									QUEUE_HEALTH_CHECK_PORT: String(healthPort),
									N8N_WORKER_SERVER_ADDRESS: LOOPBACK,
								}),
					};
		const env = n8nEnvironment({
			userFolder: args.userFolder,
			port,
			brokerPort,
			encryptionKey: args.encryptionKey,
			extra: { ...roleEnv, ...(options.env ?? {}) },
		});
		const handle = new ProcessHandle({
			name: args.name,
			command,
			userFolder: args.userFolder,
			logFile: args.logFile,
			env,
			port,
			brokerPort,
			healthPort,
			readinessPaths: options.readinessPaths ?? READINESS_PATHS[command],
			startTimeoutMs: options.startTimeoutMs ?? 180_000,
			tempFolder: args.tempFolder,
		});
		try {
			await handle.boot();
			return handle;
		} catch (error: unknown) {
			const text = errorText(error);
			if (attempt >= 3 || !autoPorts || !(text.includes('EADDRINUSE') || /is already in use/.test(text))) {
				// Nobody holds a handle to stop: the temporary folder goes now (the watchdog is gone too).
				removeFolder(args.tempFolder);
				throw error;
			}
		}
	}
}

/**
 * Starts n8n and returns when it is ready, with an owner, a login cookie and an API key.
 * `ensureN8n()` (runtime.ts) must have run before (globalSetup and `npm run dev` do it).
 * Startup failures throw with the tail of n8n's log.
 */
export async function startN8n(options: StartOptions = {}): Promise<N8nInstance> {
	assertInstalled();
	const userFolder = resolve(options.userFolder ?? mkdtempSync(join(tmpdir(), 'n8n-harness-')));
	const tempFolder = options.userFolder === undefined ? userFolder : undefined;
	mkdirSync(userFolder, { recursive: true });

	const stateFile = join(userFolder, 'harness.json');
	const previous = readState(stateFile);
	const state: HarnessState = {
		encryptionKey: options.encryptionKey ?? previous?.encryptionKey ?? existingEncryptionKey(userFolder) ?? randomBytes(24).toString('hex'),
		owner: options.owner ?? previous?.owner ?? DEFAULT_OWNER,
		apiKey: previous?.apiKey,
	};
	writeFileSync(stateFile, JSON.stringify(state, null, 2), { mode: 0o600 });

	const packageDir = options.packageDir === undefined ? PROJECT_ROOT : options.packageDir;
	if (packageDir !== false) installPackage(resolve(packageDir), userFolder);

	const logFile = resolve(options.logFile ?? join(userFolder, 'n8n.log'));
	const handle = await launch({
		name: 'main',
		command: 'start',
		userFolder,
		tempFolder: options.keepUserFolder === true ? undefined : tempFolder,
		encryptionKey: state.encryptionKey,
		logFile,
		options,
	});
	const instance = new Instance(
		{ baseUrl: handle.baseUrl, port: handle.port, userFolder, apiKey: '', owner: state.owner, cookie: '', logFile },
		handle,
		options.failureLogs,
		options.endedExecutionIds,
	);
	try {
		await instance.authenticate(stateFile, state);
	} catch (error: unknown) {
		const logs = instance.logs(60);
		await instance.stop();
		throw new Error(`n8n started but owner/login/API key setup failed: ${errorText(error)}\n--- n8n log tail ---\n${logs}`);
	}
	return instance;
}

/**
 * Starts one n8n process of any kind without an owner or API key: `n8n webhook` and `n8n worker`
 * for queue mode (see queue.ts), which have no REST API. The caller passes the environment that
 * ties it to the main process (`EXECUTIONS_MODE=queue`, database, Redis) and the main's encryption
 * key. A worker gets `QUEUE_HEALTH_CHECK_ACTIVE=true` and its own `QUEUE_HEALTH_CHECK_PORT`, which is
 * also what readiness is checked on.
 */
export async function startN8nProcess(options: N8nProcessOptions): Promise<N8nProcess> {
	assertInstalled();
	const name = options.name ?? (options.command === 'start' ? 'main' : options.command);
	const userFolder = resolve(options.userFolder ?? mkdtempSync(join(tmpdir(), `n8n-harness-${options.command}-`)));
	const tempFolder = options.userFolder === undefined && options.keepUserFolder !== true ? userFolder : undefined;
	mkdirSync(userFolder, { recursive: true });
	const packageDir = options.packageDir === undefined ? PROJECT_ROOT : options.packageDir;
	if (packageDir !== false) installPackage(resolve(packageDir), userFolder);
	return await launch({
		name,
		command: options.command,
		userFolder,
		tempFolder,
		encryptionKey: options.encryptionKey,
		logFile: resolve(options.logFile ?? join(userFolder, 'n8n.log')),
		options,
	});
}

/** A client for an n8n that another process started (see `globalSetup.ts` and `shared.ts`). */
export function connect(info: ConnectionInfo): N8nClient {
	return new Client({
		baseUrl: info.baseUrl,
		port: info.port,
		userFolder: info.userFolder,
		apiKey: info.apiKey,
		owner: info.owner,
		cookie: info.cookie,
		logFile: info.logFile,
	});
}

// ---------------------------------------------------------------------------------------------------
// Workflow builders

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
export function triggerWorkflow(args: TriggerWorkflowArgs): { workflow: WorkflowDefinition; webhookId: string } {
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
		workflow: { name: args.name, nodes: [node], connections: {}, settings: { executionOrder: 'v1' } },
		webhookId,
	};
}
