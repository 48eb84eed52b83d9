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
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { CACHE_DIR, ensureN8n, N8N_VERSION, NODE_LABEL, PROJECT_ROOT } from '../test/support/n8n';
import { type OnRunning, QUEUE_WEBHOOK_PORT_OFFSETS, say } from './dev/common';
import { runQueue } from './dev/queue';
import { runRegular } from './dev/regular';

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
	const onRunning: OnRunning = (instance) => {
		running = instance;
	};
	if (queue) await runQueue(port, onRunning);
	else await runRegular(port, onRunning);
}

main().catch(async (error: unknown) => {
	process.stderr.write(
		`\nnpm run dev failed: ${error instanceof Error ? error.message : String(error)}\n`,
	);
	if (running !== undefined) await running.stop().catch(() => undefined);
	process.exit(1);
});
