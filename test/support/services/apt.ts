/**
 * PostgreSQL and Redis for queue mode: found where Debian installs them, or installed with apt-get.
 *
 * Installing either package with apt-get on a Debian without `/usr/sbin/policy-rc.d` would start
 * the system service (and, for PostgreSQL, create a cluster on port 5432). Docker images ship a
 * policy-rc.d that forbids that; where it is missing we put one in place for the install only.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { harnessLog, seconds } from '../util';

interface Binaries {
	/** Folder with postgres, initdb, pg_ctl, psql, pg_isready; undefined when none is complete. */
	postgresBin: string | undefined;
	redisServer: string | undefined;
}

const POSTGRES_TOOLS = ['postgres', 'initdb', 'pg_ctl', 'psql', 'pg_isready'];

/** The newest /usr/lib/postgresql/<major>/bin that has every tool the harness runs. */
function findPostgresBin(): string | undefined {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const majors = readdirSync(root)
		.filter((name) => /^\d+$/.test(name))
		.sort((a, b) => Number(b) - Number(a));
	for (const major of majors) {
		const bin = join(root, major, 'bin');
		if (POSTGRES_TOOLS.every((tool) => existsSync(join(bin, tool)))) return bin;
	}
	return undefined;
}

export function findOnPath(command: string): string | undefined {
	const result = spawnSync('/bin/sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
	const found = result.status === 0 ? result.stdout.trim() : '';
	return found === '' ? undefined : found;
}

function findBinaries(): Binaries {
	return { postgresBin: findPostgresBin(), redisServer: findOnPath('redis-server') };
}

let binaries: Binaries | undefined;

function runLogged(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
	const started = Date.now();
	harnessLog(`running: ${command} ${args.join(' ')}`);
	const result = spawnSync(command, args, { env, stdio: ['ignore', 'inherit', 'inherit'] });
	if (result.status !== 0) {
		throw new Error(
			`${command} ${args.join(' ')} failed (exit code ${String(result.status)}${result.error ? `, ${result.error.message}` : ''})`,
		);
	}
	harnessLog(`${command} ${args.slice(0, 3).join(' ')} done in ${seconds(Date.now() - started)}`);
}

let aptUpdated = false;

/**
 * Installs Debian packages with apt-get (needs root, as in CI's clean bookworm container):
 * `apt-get update` once per process, then `apt-get install -y --no-install-recommends`, with a
 * temporary policy-rc.d so that no package starts a system service.
 */
export function aptGetInstall(packages: string[]): void {
	const names = packages.join(' and ');
	if (process.getuid?.() !== 0) {
		throw new Error(
			`${names} missing and not running as root: install with \`apt-get install -y ${packages.join(' ')}\``,
		);
	}
	if (findOnPath('apt-get') === undefined)
		throw new Error(
			`${names} missing and there is no apt-get to install ${packages.length > 1 ? 'them' : 'it'}`,
		);
	const env: NodeJS.ProcessEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	// Debian's maintainer scripts start a package's service unless policy-rc.d forbids it.
	const policy = '/usr/sbin/policy-rc.d';
	const ownPolicy = !existsSync(policy);
	if (ownPolicy) {
		harnessLog(
			`writing a temporary ${policy} (exit 101) so that apt-get does not start the system services`,
		);
		writeFileSync(
			policy,
			'#!/bin/sh\n# written by the n8n-nodes-artemis-artisio test harness for one apt-get install\nexit 101\n',
			{ mode: 0o755 },
		);
	}
	try {
		if (!aptUpdated) {
			runLogged('apt-get', ['update'], env);
			aptUpdated = true;
		}
		for (const name of packages)
			runLogged('apt-get', ['install', '-y', '--no-install-recommends', name], env);
	} finally {
		if (ownPolicy) rmSync(policy, { force: true });
	}
}

/**
 * Makes sure a PostgreSQL server (`/usr/lib/postgresql/<major>/bin/{postgres,initdb,pg_ctl}`) and
 * `redis-server` are installed, installing what is missing from Debian's package registry
 * (`apt-get update` once, then `apt-get install -y postgresql` / `redis-server`; needs root). Never
 * starts or uses the system services: `startPostgres()` and `startRedis()` run their own servers.
 * Idempotent and cheap once both are there.
 */
export function ensureQueueModeServices(): { postgresBin: string; redisServer: string } {
	binaries ??= findBinaries();
	const missing: string[] = [];
	if (binaries.postgresBin === undefined) missing.push('postgresql');
	if (binaries.redisServer === undefined) missing.push('redis-server');
	if (missing.length > 0) {
		harnessLog(
			`queue mode needs ${missing.join(' and ')}, which ${missing.length > 1 ? 'are' : 'is'} not installed: installing with apt-get`,
		);
		aptGetInstall(missing);
		binaries = findBinaries();
	}
	if (findOnPath('setpriv') === undefined && process.getuid?.() === 0) {
		throw new Error(
			'setpriv (util-linux) is missing: the harness needs it to run PostgreSQL as user postgres',
		);
	}
	const { postgresBin, redisServer } = binaries;
	if (postgresBin === undefined)
		throw new Error(
			`apt-get install postgresql left no ${POSTGRES_TOOLS.join('/')} under /usr/lib/postgresql/<major>/bin`,
		);
	if (redisServer === undefined)
		throw new Error('apt-get install redis-server left no redis-server on PATH');
	return { postgresBin, redisServer };
}
