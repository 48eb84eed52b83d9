/**
 * `npm run dev`: build the package, start a local n8n with both nodes at http://127.0.0.1:5678 and
 * keep it running (log streamed) until Ctrl-C.
 * `npm run dev -- --queue`: the same in queue mode (test/support/queue.ts): PostgreSQL, Redis, a main
 * (editor) at --port, two webhook processes at --port + 10 and + 11, and a worker; every process'
 * log is streamed with its name in front.
 *
 * - n8n 2.x needs Node 24: the harness runs a pinned Node 24 and n8n from a cache outside the repo
 *   (`test/support/n8n/install.ts`); the first run installs them, which takes several minutes.
 * - Data lives in `<project>/.n8n-dev/` (gitignored): workflows, credentials, executions and the
 *   login survive between runs. Delete the folder to start over.
 * - The built package is copied into n8n's community-package folder on every start, so a new run
 *   picks up a new build.
 * - `--queue` keeps nothing: its database, Redis and user folders are fresh temporary folders under
 *   the OS temp dir (printed at startup), deleted on Ctrl-C. The example workflows are imported
 *   again on every start.
 * - The examples: one workflow per trigger, and the README's two-node loop
 *   (examples/artemis-callback-to-artemis.json) with a placeholder "Artemis API" credential.
 *
 * Options: `--skip-build` (use the dist/ that is there), `--port <n>` (default 5678), `--queue`.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';

import {
	CACHE_DIR,
	ensureN8n,
	N8N_VERSION,
	NODE_LABEL,
	PACKAGE_NAME,
	PROJECT_ROOT,
	startN8n,
	type N8nInstance,
} from '../test/support/n8n';
import {
	ENTRY_POINTS,
	QUEUE_PROCESSES,
	startQueueCluster,
	type QueueCluster,
} from '../test/support/queue';
import { ensureQueueModeServices, pidAlive } from '../test/support/services';
import { isRecord } from '../test/support/util';

const DEV_FOLDER = join(PROJECT_ROOT, '.n8n-dev');
const OWNER = { email: 'dev@example.com', password: 'Dev-password-1' };
const CREDENTIAL_NAME = 'Artisio Webhook API (dev)';
const CREDENTIAL_TYPE = 'artisioWebhookApi';
/** Long enough for the credential's own Test button (32 characters at least); for this local n8n only. */
const DEV_TOKEN = 'dev-token-for-this-local-n8n-only-change-me';

interface Example {
	workflowName: string;
	nodeType: string;
	triggerName: string;
	needsCredential: boolean;
}

const EXAMPLES: Example[] = [
	{
		workflowName: 'Example: Artemis Callback Trigger',
		nodeType: `${PACKAGE_NAME}.artemisCallbackTrigger`,
		triggerName: 'Artemis Callback Trigger',
		needsCredential: false,
	},
	{
		workflowName: 'Example: Artisio Webhook Trigger',
		nodeType: `${PACKAGE_NAME}.artisioWebhookTrigger`,
		triggerName: 'Artisio Webhook Trigger',
		needsCredential: true,
	},
];

function say(line = ''): void {
	process.stdout.write(`${line}\n`);
}

/** Webhook processes of `--queue` listen at the main's port plus these. */
const QUEUE_WEBHOOK_PORT_OFFSETS = { webhookA: 10, webhookB: 11 } as const;

function parseArgs(argv: string[]): { skipBuild: boolean; port: number; queue: boolean } {
	let skipBuild = false;
	let queue = false;
	let port = 5678;
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--skip-build') skipBuild = true;
		else if (arg === '--queue') queue = true;
		else if (arg === '--port') port = Number(argv[++i]);
		else if (arg.startsWith('--port=')) port = Number(arg.slice('--port='.length));
		else throw new Error(`unknown option ${arg} (known: --skip-build, --port <n>, --queue)`);
	}
	const highest = queue ? port + QUEUE_WEBHOOK_PORT_OFFSETS.webhookB : port;
	if (!Number.isInteger(port) || port < 1 || highest > 65535)
		throw new Error(`invalid port ${port}`);
	return { skipBuild, port, queue };
}

/** All items of a paginated public-API list (`{ data, nextCursor }`). */
async function listAll(n8n: N8nInstance, path: string): Promise<Array<Record<string, unknown>>> {
	const all: Array<Record<string, unknown>> = [];
	let cursor: string | undefined;
	for (;;) {
		const query = new URLSearchParams({ limit: '250' });
		if (cursor !== undefined) query.set('cursor', cursor);
		const page = await n8n.api<unknown>('GET', `${path}?${query.toString()}`);
		if (!isRecord(page) || !Array.isArray(page.data))
			throw new Error(`unexpected answer to GET ${path}`);
		for (const entry of page.data) if (isRecord(entry)) all.push(entry);
		if (typeof page.nextCursor !== 'string' || page.nextCursor === '' || page.data.length === 0)
			return all;
		cursor = page.nextCursor;
	}
}

async function ensureCredential(n8n: N8nInstance): Promise<{ id: string; name: string }> {
	const existing = (await listAll(n8n, '/api/v1/credentials')).find(
		(credential) => credential.name === CREDENTIAL_NAME && credential.type === CREDENTIAL_TYPE,
	);
	if (existing !== undefined && typeof existing.id === 'string')
		return { id: existing.id, name: CREDENTIAL_NAME };
	const { id } = await n8n.createCredential(CREDENTIAL_NAME, CREDENTIAL_TYPE, { token: DEV_TOKEN });
	say(`  created credential "${CREDENTIAL_NAME}" (token ${DEV_TOKEN})`);
	return { id, name: CREDENTIAL_NAME };
}

/** The example workflow's webhook id, creating the workflow (inactive) when it is not there yet. */
async function ensureExample(
	n8n: N8nInstance,
	example: Example,
	workflows: Array<Record<string, unknown>>,
): Promise<string | undefined> {
	const existing = workflows.find(
		(workflow) => workflow.name === example.workflowName && workflow.isArchived !== true,
	);
	if (existing !== undefined) {
		const nodes: unknown[] = Array.isArray(existing.nodes) ? existing.nodes : [];
		const trigger: unknown = nodes.find(
			(node: unknown) => isRecord(node) && node.type === example.nodeType,
		);
		return isRecord(trigger) && typeof trigger.webhookId === 'string'
			? trigger.webhookId
			: undefined;
	}
	const webhookId = randomUUID();
	const trigger: Record<string, unknown> = {
		id: randomUUID(),
		name: example.triggerName,
		type: example.nodeType,
		typeVersion: 1.1,
		position: [0, 0],
		parameters: {},
		webhookId,
	};
	if (example.needsCredential)
		trigger.credentials = { [CREDENTIAL_TYPE]: await ensureCredential(n8n) };
	await n8n.createWorkflow({
		name: example.workflowName,
		nodes: [
			trigger,
			{
				id: randomUUID(),
				name: 'No Operation, do nothing',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [240, 0],
				parameters: {},
			},
		],
		connections: {
			[example.triggerName]: {
				main: [[{ node: 'No Operation, do nothing', type: 'main', index: 0 }]],
			},
		},
	});
	say(`  imported "${example.workflowName}" (inactive)`);
	return webhookId;
}

const ARTEMIS_EXAMPLE_FILE = join(PROJECT_ROOT, 'examples', 'artemis-callback-to-artemis.json');
const ARTEMIS_CREDENTIAL_NAME = 'Artemis API (dev, fill in)';

/**
 * The two-node example of the README (Artemis Callback Trigger → Artemis), imported inactive with
 * a placeholder "Artemis API" credential: the user fills in the client ID, secret and domain ID.
 * Returns the trigger's webhook id, as `ensureExample` does.
 */
async function ensureArtemisNodeExample(
	n8n: N8nInstance,
	workflows: Array<Record<string, unknown>>,
): Promise<string | undefined> {
	const example = JSON.parse(readFileSync(ARTEMIS_EXAMPLE_FILE, 'utf8')) as {
		name: string;
		nodes: Array<Record<string, unknown>>;
		connections: unknown;
		settings: unknown;
	};
	const triggerOf = (nodes: unknown[]): unknown =>
		nodes.find(
			(node: unknown) => isRecord(node) && node.type === `${PACKAGE_NAME}.artemisCallbackTrigger`,
		);
	const existing = workflows.find(
		(workflow) => workflow.name === example.name && workflow.isArchived !== true,
	);
	if (existing !== undefined) {
		const trigger = triggerOf(Array.isArray(existing.nodes) ? existing.nodes : []);
		return isRecord(trigger) && typeof trigger.webhookId === 'string'
			? trigger.webhookId
			: undefined;
	}
	const credentials = await listAll(n8n, '/api/v1/credentials');
	let credential = credentials.find(
		(entry) => entry.name === ARTEMIS_CREDENTIAL_NAME && entry.type === 'artemisApi',
	);
	if (credential === undefined) {
		credential = await n8n.createCredential(ARTEMIS_CREDENTIAL_NAME, 'artemisApi', {
			environment: 'uat',
			baseUrl: 'https://replace-with-your-uat-api.example.com',
			clientId: 'replace-me',
			clientSecret: 'replace-me',
			domainId: '0',
		});
		say(
			`  created credential "${ARTEMIS_CREDENTIAL_NAME}" (placeholders: fill in your client ID, secret and domain ID)`,
		);
	}
	const webhookId = randomUUID();
	for (const node of example.nodes) {
		if (node === triggerOf(example.nodes)) node.webhookId = webhookId;
		if (isRecord(node.credentials) && 'artemisApi' in node.credentials) {
			node.credentials = { artemisApi: { id: credential.id, name: ARTEMIS_CREDENTIAL_NAME } };
		}
	}
	await n8n.createWorkflow(example);
	say(`  imported "${example.name}" (inactive)`);
	return webhookId;
}

/**
 * Prints what n8n writes to its log file from `offset` on, until the returned function is called.
 * With a `prefix`, whole lines only, each with the prefix in front (several logs interleaved).
 */
function followLog(file: string, offset: number, prefix?: string): () => void {
	let position = offset;
	let partial = '';
	const buffer = Buffer.alloc(64 * 1024);
	const write = (chunk: Buffer): void => {
		if (prefix === undefined) {
			process.stdout.write(chunk);
			return;
		}
		const lines = (partial + chunk.toString('utf8')).split('\n');
		partial = lines.pop() ?? '';
		for (const line of lines) process.stdout.write(`${prefix}${line}\n`);
	};
	const pump = (): void => {
		if (!existsSync(file)) return;
		if (statSync(file).size < position) position = 0;
		const fd = openSync(file, 'r');
		try {
			for (;;) {
				const read = readSync(fd, buffer, 0, buffer.length, position);
				if (read === 0) break;
				position += read;
				write(buffer.subarray(0, read));
			}
		} finally {
			closeSync(fd);
		}
	};
	pump();
	const timer = setInterval(pump, 250);
	return () => {
		clearInterval(timer);
		pump();
	};
}

/** Set once n8n runs, so that a failure afterwards stops it gracefully (its SQLite data persists). */
let running: { stop(): Promise<void> } | undefined;

async function main(): Promise<void> {
	const { skipBuild, port, queue } = parseArgs(process.argv.slice(2));

	if (skipBuild) {
		say('Skipping the build (--skip-build).');
	} else {
		say('Building the package (npm run build)…');
		const build = spawnSync('npm', ['run', 'build'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
		if (build.status !== 0)
			throw new Error(`npm run build failed (exit code ${String(build.status)})`);
	}
	if (!existsSync(join(PROJECT_ROOT, 'dist')))
		throw new Error('dist/ is missing: the build produced nothing');

	say(`Preparing n8n ${N8N_VERSION} on ${NODE_LABEL} in ${CACHE_DIR}`);
	say(
		'(the first run on this machine installs both from the npm registry: this takes several minutes)',
	);
	ensureN8n();
	if (queue) {
		await runQueue(port);
		return;
	}

	const logFile = join(DEV_FOLDER, 'n8n.log');
	const logStart = existsSync(logFile) ? statSync(logFile).size : 0;
	say(`Starting n8n at http://127.0.0.1:${port} with data in ${DEV_FOLDER} …`);
	const started = Date.now();
	let n8n: N8nInstance;
	try {
		n8n = await startN8n({
			port,
			userFolder: DEV_FOLDER,
			owner: OWNER,
			logFile,
			startTimeoutMs: 300_000,
		});
	} catch (error: unknown) {
		const message = error instanceof Error ? error.message : String(error);
		if (/already in use/.test(message))
			throw new Error(`${message.split('\n')[0]}\n(use --port <n> for another port)`);
		throw error;
	}
	say(`n8n is ready (${((Date.now() - started) / 1000).toFixed(1)} s).`);
	running = n8n;

	const workflows = await listAll(n8n, '/api/v1/workflows');
	const urls: string[] = [];
	for (const example of EXAMPLES) {
		const webhookId = await ensureExample(n8n, example, workflows);
		if (webhookId === undefined) {
			urls.push(`  ${example.workflowName}: (trigger node not found; was the workflow edited?)`);
			continue;
		}
		urls.push(`  ${example.workflowName}`);
		urls.push(
			`    production: ${n8n.webhookUrl(webhookId)}   (once you publish the workflow: Publish, top right)`,
		);
		urls.push(
			`    test:       ${n8n.webhookUrl(webhookId, 'test')}   (after "Execute step" in the trigger's panel)`,
		);
	}
	const artemisNodeWebhookId = await ensureArtemisNodeExample(n8n, workflows);
	if (artemisNodeWebhookId !== undefined) {
		urls.push(
			'  Example: Artemis callback → latest customer state (fill in the "Artemis API" credential first)',
		);
		urls.push(
			`    production: ${n8n.webhookUrl(artemisNodeWebhookId)}   (once you publish the workflow: Publish, top right)`,
		);
	}

	// n8n's startup output first (package load errors show there), then the summary, then live log
	// lines, including n8n's shutdown messages after Ctrl-C.
	followLog(logFile, logStart);
	let stopping = false;
	const onSignal = (): void => {
		stopping = true;
		say('\nStopping n8n (Ctrl-C again to force)…');
	};
	// If n8n dies on its own, say so instead of streaming a dead log forever.
	const pid = n8n.pid;
	setInterval(() => {
		if (stopping || pid === undefined) return;
		try {
			process.kill(pid, 0);
		} catch {
			stopping = true;
			process.stderr.write(`\nn8n (pid ${pid}) exited unexpectedly; see ${logFile}\n`);
			void n8n.stop().finally(() => process.exit(1));
		}
	}, 1000);
	// The harness (startN8n) stops n8n and its task runner gracefully on SIGINT/SIGTERM, then exits.
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);

	say();
	say('────────────────────────────────────────────────────────────────────────────');
	say(`  Editor:   ${n8n.baseUrl}`);
	say(`  Login:    ${OWNER.email} / ${OWNER.password}`);
	say(`  API key:  in ${join(DEV_FOLDER, 'harness.json')} (header X-N8N-API-KEY)`);
	say(`  Artisio credential "${CREDENTIAL_NAME}": Authorization: Bearer ${DEV_TOKEN}`);
	say('  Webhook URLs:');
	for (const line of urls) say(line);
	say(`  n8n log:  ${logFile} (streamed below). Ctrl-C stops n8n.`);
	say('────────────────────────────────────────────────────────────────────────────');
	say();
}

/** `--queue`: the cluster of test/support/queue.ts, in temporary folders, until Ctrl-C. */
async function runQueue(port: number): Promise<void> {
	say(
		'Queue mode: PostgreSQL and Redis of our own (installed with apt-get where missing), then n8n main, 2 webhook processes and a worker.',
	);
	ensureQueueModeServices();
	const started = Date.now();
	let cluster: QueueCluster;
	try {
		cluster = await startQueueCluster({
			ports: {
				main: port,
				webhookA: port + QUEUE_WEBHOOK_PORT_OFFSETS.webhookA,
				webhookB: port + QUEUE_WEBHOOK_PORT_OFFSETS.webhookB,
			},
			owner: OWNER,
			startTimeoutMs: 300_000,
			log: (line) => say(`  ${line}`),
		});
	} catch (error: unknown) {
		const message = error instanceof Error ? error.message : String(error);
		if (/already in use/.test(message))
			throw new Error(
				`${message.split('\n')[0]}\n(use --port <n>: the webhook processes use <n>+10 and <n>+11)`,
			);
		throw error;
	}
	say(`The queue cluster is ready (${((Date.now() - started) / 1000).toFixed(1)} s).`);
	running = cluster;
	const n8n = cluster.main;

	const urls: string[] = [];
	for (const example of EXAMPLES) {
		const webhookId = await ensureExample(n8n, example, []);
		if (webhookId === undefined) continue;
		urls.push(`  ${example.workflowName}   (once you publish the workflow: Publish, top right)`);
		for (const entry of ENTRY_POINTS)
			urls.push(`    production via ${entry.padEnd(8)} ${cluster.webhookUrl(webhookId, entry)}`);
		urls.push(
			`    test (main only)        ${n8n.webhookUrl(webhookId, 'test')}   (after "Execute step" in the trigger's panel)`,
		);
	}
	const artemisNodeWebhookId = await ensureArtemisNodeExample(n8n, []);
	if (artemisNodeWebhookId !== undefined) {
		urls.push(
			'  Example: Artemis callback → latest customer state   (fill in the "Artemis API" credential first)',
		);
		for (const entry of ENTRY_POINTS)
			urls.push(
				`    production via ${entry.padEnd(8)} ${cluster.webhookUrl(artemisNodeWebhookId, entry)}`,
			);
	}

	const width = Math.max(...QUEUE_PROCESSES.map((name) => name.length));
	for (const name of QUEUE_PROCESSES)
		followLog(cluster.processes[name].logFile, 0, `[${name.padEnd(width)}] `);
	let stopping = false;
	const onSignal = (): void => {
		stopping = true;
		say('\nStopping the queue cluster (Ctrl-C again to force)…');
	};
	// If a process dies on its own, say so and stop the rest instead of streaming dead logs forever.
	setInterval(() => {
		if (stopping) return;
		for (const name of QUEUE_PROCESSES) {
			const pid = cluster.processes[name].pid;
			if (pid !== undefined && pidAlive(pid)) continue;
			stopping = true;
			process.stderr.write(
				`\n${name} (pid ${String(pid)}) exited unexpectedly; stopping the cluster. Its log:\n${cluster.logs(name, 40)}\n`,
			);
			void cluster.stop().finally(() => process.exit(1));
			return;
		}
	}, 1000);
	// The harness stops the n8n processes, then Redis and PostgreSQL, on SIGINT/SIGTERM, then exits.
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);

	const pids = cluster.pids();
	say();
	say('────────────────────────────────────────────────────────────────────────────');
	say(`  Editor:   ${n8n.baseUrl}   (main)`);
	say(`  Login:    ${OWNER.email} / ${OWNER.password}`);
	say(`  API key:  ${n8n.apiKey} (header X-N8N-API-KEY; only for this run)`);
	say(`  Artisio credential "${CREDENTIAL_NAME}": Authorization: Bearer ${DEV_TOKEN}`);
	say('  Processes (each answers production webhooks except the worker):');
	for (const name of QUEUE_PROCESSES) {
		const proc = cluster.processes[name];
		const what = name === 'worker' ? `health ${proc.baseUrl}/healthz` : proc.baseUrl;
		say(
			`    ${name.padEnd(width)}  n8n ${proc.command.padEnd(7)} ${what}   pid ${String(pids[name])}`,
		);
	}
	say(
		`    PostgreSQL ${cluster.postgres.host}:${cluster.postgres.port} (db ${cluster.postgres.database}, user ${cluster.postgres.user}, password ${cluster.postgres.password})`,
	);
	say(`    Redis      ${cluster.redis.host}:${cluster.redis.port}`);
	say('  Webhook URLs:');
	for (const line of urls) say(line);
	say('  Data (temporary, deleted on Ctrl-C):');
	for (const folder of cluster.folders()) say(`    ${folder}`);
	say('  Logs are streamed below, each line with its process. Ctrl-C stops everything.');
	say('────────────────────────────────────────────────────────────────────────────');
	say();
}

main().catch(async (error: unknown) => {
	process.stderr.write(
		`\nnpm run dev failed: ${error instanceof Error ? error.message : String(error)}\n`,
	);
	if (running !== undefined) await running.stop().catch(() => undefined);
	process.exit(1);
});
