/**
 * The API helpers a test uses on a running n8n, shared by started instances (launch.ts) and by
 * `connect()` for the n8n that globalSetup started.
 *
 * What we found out about n8n 2.41.1 (re-check when changing the pinned version):
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
 * - `HEAD` and `GET` on a POST-only webhook answer 404 with a hint naming the registered methods
 *   (GET: `This webhook is not registered for GET requests. Did you mean to make a POST request?`).
 * - Test webhooks ("Listen for test event" = `POST /rest/workflows/{id}/run` with
 *   `triggerToStartFrom`) serve one request, then are removed asynchronously: a second request
 *   sent immediately can still be accepted, one sent 3 s later gets 404.
 *
 * n8n 1.x, verified on 1.123.81: `POST /rest/workflows/{id}/run` wants the workflow in the body
 * (`workflowData`). Same as 2.x there: `/types/*.json` (cookie only, 401 without),
 * activate/deactivate, the OPTIONS probe, test webhooks. Different and visible to tests: activating
 * a workflow whose node throws in `webhookMethods.create` answers 400 `{"message": <the node's
 * error>}` on 1.x (2.41.1: 200, and the workflow never goes live); the workflow stays inactive on both.
 */
import { harnessLog, isRecord, sleep, tailFile } from '../util';
import { compareIds, executionDataQuery, executionPages, summarize } from './executions';
import { N8N_1 } from './install';
import { PACKAGE_NAME } from './package';
import { fetchOnFreshSocket, login } from './signIn';
import type {
	ActivationOptions,
	ConnectionInfo,
	ExecutionSummary,
	N8nClient,
	WorkflowInput,
} from './types';

/** Node type of n8n's own Webhook node; its production path is its `path` parameter alone. */
const BUILTIN_WEBHOOK = 'n8n-nodes-base.webhook';
/** The combined package and the vendor editions the build makes from it: their triggers' webhooks. */
const OUR_PACKAGES = [PACKAGE_NAME, 'n8n-nodes-artemis', 'n8n-nodes-artisio'];

export type ClientState = Omit<ConnectionInfo, 'pid'>;

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
			throw new Error(
				`n8n ${method} ${path} → ${response.status} with a body that is not JSON: ${text.slice(0, 500)}`,
			);
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

	async createCredential(
		name: string,
		type: string,
		data: Record<string, unknown>,
	): Promise<{ id: string }> {
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
	private async listExecutions(
		workflowId: string,
		includeData: boolean,
	): Promise<ExecutionSummary[]> {
		// Asked before the list, so that an execution ending meanwhile is in the list, not read twice.
		const ended = (await this.endedExecutionIds?.(workflowId)) ?? [];
		const all = (
			await executionPages(this, { workflowId, ...executionDataQuery(includeData) })
		).map(summarize);
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
			all.push(
				summarize(await this.api<unknown>('GET', `/api/v1/executions/${id}?${query.toString()}`)),
			);
			if (!this.reportedUnlisted.has(id)) {
				this.reportedUnlisted.add(id);
				harnessLog(
					`execution ${id} has ended by the database but is not in n8n's execution list (the main still holds it as running): read by id`,
				);
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
			N8N_1
				? await this.n8n1ManualRunBody(workflowId, triggerNodeName)
				: { triggerToStartFrom: { name: triggerNodeName } },
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
	private async n8n1ManualRunBody(
		workflowId: string,
		triggerNodeName: string,
	): Promise<Record<string, unknown>> {
		const saved = await this.api<unknown>('GET', `/rest/workflows/${workflowId}`);
		const workflowData = isRecord(saved) && isRecord(saved.data) ? saved.data : undefined;
		if (workflowData === undefined)
			throw new Error(
				`unexpected answer to GET /rest/workflows/${workflowId}: ${JSON.stringify(saved).slice(0, 500)}`,
			);
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
	protected readonly endedExecutionIds: ((workflowId: string) => Promise<string[]>) | undefined =
		undefined;

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
				if (typeof parameters.path === 'string')
					paths.push(parameters.path.replace(/^\/+|\/+$/g, ''));
			} else if (
				typeof node.type === 'string' &&
				OUR_PACKAGES.some((name) => (node.type as string).startsWith(`${name}.`)) &&
				typeof node.webhookId === 'string'
			) {
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

	private async waitForWebhooks(
		paths: string[],
		registered: boolean,
		timeoutMs: number,
		baseUrls?: string[],
	): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		for (const baseUrl of baseUrls ?? [this.state.baseUrl]) {
			for (const path of paths) {
				for (;;) {
					const methods = await this.registeredMethods(path, baseUrl);
					if (methods.length > 0 === registered) break;
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
