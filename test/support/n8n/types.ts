/**
 * The shapes of the real-n8n harness: options for starting n8n, a running process, the client the
 * tests talk to, and what a test reads back from an execution.
 */

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

export interface N8nProcessOptions extends Omit<
	StartOptions,
	'owner' | 'encryptionKey' | 'failureLogs' | 'endedExecutionIds'
> {
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
	 * webhooks, without sending a request that could start an execution (see the notes at the top of
	 * client.ts).
	 * `webhookPaths` overrides which paths to wait for; by default they come from the workflow's nodes.
	 */
	activate(workflowId: string, opts?: ActivationOptions): Promise<void>;
	/** Deactivates and waits until the production webhooks are gone (requests then get 404). */
	deactivate(workflowId: string, opts?: ActivationOptions): Promise<void>;
	createCredential(
		name: string,
		type: string,
		data: Record<string, unknown>,
	): Promise<{ id: string }>;
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
