/**
 * `npm run dev`: build the package, start a local n8n with both nodes at http://127.0.0.1:5678 and
 * keep it running (log streamed) until Ctrl-C.
 *
 * - n8n 2.x needs Node 24: the harness runs a pinned Node 24 and n8n from a cache outside the repo
 *   (`test/support/runtime.ts`); the first run installs them, which takes several minutes.
 * - Data lives in `<project>/.n8n-dev/` (gitignored): workflows, credentials, executions and the
 *   login survive between runs. Delete the folder to start over.
 * - The built package is copied into n8n's community-package folder on every start, so a new run
 *   picks up a new build.
 *
 * Options: `--skip-build` (use the dist/ that is there), `--port <n>` (default 5678).
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { PACKAGE_NAME, PROJECT_ROOT, startN8n, type N8nInstance } from '../test/support/n8n';
import { CACHE_DIR, ensureN8n, N8N_VERSION, NODE_LABEL } from '../test/support/runtime';

const DEV_FOLDER = join(PROJECT_ROOT, '.n8n-dev');
const OWNER = { email: 'dev@example.com', password: 'Dev-password-1' };
const CREDENTIAL_NAME = 'Artisio Webhook API (dev)';
const CREDENTIAL_TYPE = 'artisioWebhookApi';
const DEV_TOKEN = 'dev-token-change-me';

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

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseArgs(argv: string[]): { skipBuild: boolean; port: number } {
	let skipBuild = false;
	let port = 5678;
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--skip-build') skipBuild = true;
		else if (arg === '--port') port = Number(argv[++i]);
		else if (arg.startsWith('--port=')) port = Number(arg.slice('--port='.length));
		else throw new Error(`unknown option ${arg} (known: --skip-build, --port <n>)`);
	}
	if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`invalid port ${port}`);
	return { skipBuild, port };
}

/** All items of a paginated public-API list (`{ data, nextCursor }`). */
async function listAll(n8n: N8nInstance, path: string): Promise<Array<Record<string, unknown>>> {
	const all: Array<Record<string, unknown>> = [];
	let cursor: string | undefined;
	for (;;) {
		const query = new URLSearchParams({ limit: '250' });
		if (cursor !== undefined) query.set('cursor', cursor);
		const page = await n8n.api<unknown>('GET', `${path}?${query.toString()}`);
		if (!isRecord(page) || !Array.isArray(page.data)) throw new Error(`unexpected answer to GET ${path}`);
		for (const entry of page.data) if (isRecord(entry)) all.push(entry);
		if (typeof page.nextCursor !== 'string' || page.nextCursor === '' || page.data.length === 0) return all;
		cursor = page.nextCursor;
	}
}

async function ensureCredential(n8n: N8nInstance): Promise<{ id: string; name: string }> {
	const existing = (await listAll(n8n, '/api/v1/credentials')).find(
		(credential) => credential.name === CREDENTIAL_NAME && credential.type === CREDENTIAL_TYPE,
	);
	if (existing !== undefined && typeof existing.id === 'string') return { id: existing.id, name: CREDENTIAL_NAME };
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
	const existing = workflows.find((workflow) => workflow.name === example.workflowName && workflow.isArchived !== true);
	if (existing !== undefined) {
		const nodes: unknown[] = Array.isArray(existing.nodes) ? existing.nodes : [];
		const trigger: unknown = nodes.find((node: unknown) => isRecord(node) && node.type === example.nodeType);
		return isRecord(trigger) && typeof trigger.webhookId === 'string' ? trigger.webhookId : undefined;
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
	if (example.needsCredential) trigger.credentials = { [CREDENTIAL_TYPE]: await ensureCredential(n8n) };
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
		connections: { [example.triggerName]: { main: [[{ node: 'No Operation, do nothing', type: 'main', index: 0 }]] } },
	});
	say(`  imported "${example.workflowName}" (inactive)`);
	return webhookId;
}

/** Prints what n8n writes to its log file from `offset` on, until the returned function is called. */
function followLog(file: string, offset: number): () => void {
	let position = offset;
	const buffer = Buffer.alloc(64 * 1024);
	const pump = (): void => {
		if (!existsSync(file)) return;
		if (statSync(file).size < position) position = 0;
		const fd = openSync(file, 'r');
		try {
			for (;;) {
				const read = readSync(fd, buffer, 0, buffer.length, position);
				if (read === 0) break;
				position += read;
				process.stdout.write(buffer.subarray(0, read));
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
let running: N8nInstance | undefined;

async function main(): Promise<void> {
	const { skipBuild, port } = parseArgs(process.argv.slice(2));

	if (skipBuild) {
		say('Skipping the build (--skip-build).');
	} else {
		say('Building the package (npm run build)…');
		const build = spawnSync('npm', ['run', 'build'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
		if (build.status !== 0) throw new Error(`npm run build failed (exit code ${String(build.status)})`);
	}
	if (!existsSync(join(PROJECT_ROOT, 'dist'))) throw new Error('dist/ is missing: the build produced nothing');

	say(`Preparing n8n ${N8N_VERSION} on ${NODE_LABEL} in ${CACHE_DIR}`);
	say('(the first run on this machine installs both from the npm registry: this takes several minutes)');
	ensureN8n();

	const logFile = join(DEV_FOLDER, 'n8n.log');
	const logStart = existsSync(logFile) ? statSync(logFile).size : 0;
	say(`Starting n8n at http://127.0.0.1:${port} with data in ${DEV_FOLDER} …`);
	const started = Date.now();
	let n8n: N8nInstance;
	try {
		n8n = await startN8n({ port, userFolder: DEV_FOLDER, owner: OWNER, logFile, startTimeoutMs: 300_000 });
	} catch (error: unknown) {
		const message = error instanceof Error ? error.message : String(error);
		if (/already in use/.test(message)) throw new Error(`${message.split('\n')[0]}\n(use --port <n> for another port)`);
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
		urls.push(`    production: ${n8n.webhookUrl(webhookId)}   (when the workflow is active)`);
		urls.push(`    test:       ${n8n.webhookUrl(webhookId, 'test')}   (after "Listen for test event")`);
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

main().catch(async (error: unknown) => {
	process.stderr.write(`\nnpm run dev failed: ${error instanceof Error ? error.message : String(error)}\n`);
	if (running !== undefined) await running.stop().catch(() => undefined);
	process.exit(1);
});
