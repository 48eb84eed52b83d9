/**
 * Processes the real-n8n harness runs besides n8n: its own PostgreSQL and Redis servers for queue
 * mode (see queue.ts), and the process plumbing every harness process shares (spawning in a
 * process group guarded by a watchdog, stopping by PID, cleanup when the test process ends).
 *
 * Facts this relies on (PostgreSQL 15 and Redis 7 from Debian 12's packages; re-check on others):
 * - PostgreSQL refuses to run as root. As root we run initdb, postgres and psql as user `postgres`
 *   through `setpriv` (util-linux, always installed on Debian), which execs the command: the PID we
 *   spawn is then the postmaster's own (`runuser` forks and would stand in between). The folder is
 *   chowned to that user; its parents must be traversable by it (the OS temp dir is).
 * - postgres' SIGTERM is a "smart" shutdown that waits for every client to disconnect; SIGINT is the
 *   "fast" one. stop() sends SIGTERM, then SIGINT after 5 s, then SIGKILL to the process group.
 * - initdb with `--no-sync` plus fsync/synchronous_commit/full_page_writes off: initdb about 1 s,
 *   ready about 0.3 s later (2 cores).
 * - The unix socket goes into the server's own temp folder (`unix_socket_directories`), never
 *   /var/run/postgresql: superuser access is `peer` over that socket only; over TCP (127.0.0.1) only
 *   the n8n role with its password (scram-sha-256).
 * - PostgreSQL's child processes (backends, checkpointer, …) call setsid(): they are NOT in the
 *   postmaster's process group, so a group SIGKILL reaches only the postmaster; the children notice
 *   its death and exit within a second (checked after SIGKILLing the test process).
 * - Zombies: PID 1 of this machine reaps orphans late (about 2 s), and `kill(pid, 0)` succeeds on a
 *   zombie; `pidAlive`/`groupAlive` read /proc and do not count zombies.
 * - redis-server `--save "" --appendonly no` keeps nothing on disk; it sets SO_REUSEADDR, so a
 *   restart on the same port right after a stop works.
 * - Installing either package with apt-get on a Debian without `/usr/sbin/policy-rc.d` would start
 *   the system service (and, for PostgreSQL, create a cluster on port 5432). Docker images ship a
 *   policy-rc.d that forbids that; where it is missing we put one in place for the install only.
 */
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';

export const LOOPBACK = '127.0.0.1';

// ---------------------------------------------------------------------------------------------------
// Small utilities (also used by n8n.ts and queue.ts)

export const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function errorText(error: unknown): string {
	if (!(error instanceof Error)) return String(error);
	return error.cause instanceof Error ? `${error.message} (${error.cause.message})` : error.message;
}

/** Last `lines` lines of a file, or '' when it does not exist. */
export function tailFile(file: string, lines: number): string {
	if (!existsSync(file)) return '';
	const text = readFileSync(file, 'utf8');
	return text.split('\n').slice(-lines - 1).join('\n');
}

function harnessLog(line: string): void {
	process.stderr.write(`[n8n-harness] ${line}\n`);
}

/** Seconds with one decimal, for log lines. */
export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** Ports from the OS, held open together so that two calls in one batch never return the same port. */
export async function freePorts(count: number): Promise<number[]> {
	const servers = await Promise.all(
		Array.from({ length: count }, () => {
			return new Promise<Server>((done, fail) => {
				const server = createServer();
				server.once('error', fail);
				server.listen(0, LOOPBACK, () => done(server));
			});
		}),
	);
	const ports = servers.map((server) => {
		const address = server.address();
		if (!isRecord(address) || typeof address.port !== 'number') throw new Error('no port from listen(0)');
		return address.port;
	});
	await Promise.all(servers.map((server) => new Promise<void>((done) => server.close(() => done()))));
	return ports;
}

export async function assertPortFree(port: number, what: string): Promise<void> {
	await new Promise<void>((done, fail) => {
		const server = createServer();
		server.once('error', (error: NodeJS.ErrnoException) => {
			fail(
				error.code === 'EADDRINUSE'
					? new Error(`${what} port ${port} on ${LOOPBACK} is already in use (another n8n running?). Stop it or choose another port.`)
					: error,
			);
		});
		server.listen(port, LOOPBACK, () => server.close(() => done()));
	});
}

/** `[state, pgid]` from /proc/<pid>/stat, or undefined when it cannot be read (gone, or no /proc). */
function procStat(pid: number): [string, number] | undefined {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		// "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return [fields[0], Number(fields[2])];
	} catch {
		return undefined;
	}
}

function signalReaches(target: number): boolean {
	try {
		process.kill(target, 0);
		return true;
	} catch (error: unknown) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * True while a process with this id runs. A zombie (exited, not yet reaped) counts as gone: where
 * PID 1 reaps orphans late (seen here: about 2 s), `kill(pid, 0)` still succeeds on it.
 */
export function pidAlive(pid: number): boolean {
	if (!signalReaches(pid)) return false;
	const stat = procStat(pid);
	return stat === undefined ? existsSync('/proc/self/stat') === false : stat[0] !== 'Z';
}

/** True while any process of the group runs (zombies do not count, see `pidAlive`). */
export function groupAlive(pgid: number): boolean {
	if (!signalReaches(-pgid)) return false;
	if (!existsSync('/proc/self/stat')) return true;
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		const stat = procStat(Number(entry));
		if (stat !== undefined && stat[1] === pgid && stat[0] !== 'Z') return true;
	}
	return false;
}

export function killGroup(pgid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pgid, signal);
	} catch {
		// Already gone.
	}
}

/** Removes a folder; maxRetries because a file a dying process wrote can make the final rmdir fail. */
export function removeFolder(folder: string | undefined): void {
	if (folder !== undefined) rmSync(folder, { recursive: true, force: true, maxRetries: 3 });
}

// ---------------------------------------------------------------------------------------------------
// Cleanup when the test process (or `npm run dev`) ends without calling stop()

/** Something the harness started and must not leave behind. */
export interface LiveProcess {
	/**
	 * Order on a graceful shutdown: lower tiers stop first (n8n 0, the services it uses 1), so that
	 * n8n can still reach its database while it shuts down.
	 */
	readonly tier: number;
	stop(): Promise<void>;
	/** Synchronous: SIGKILL to the process group and removal of temporary folders. */
	killNow(): void;
}

const live = new Set<LiveProcess>();
let cleanupInstalled = false;
let shuttingDown = false;

export function registerLive(entry: LiveProcess): void {
	installCleanup();
	live.add(entry);
}

export function unregisterLive(entry: LiveProcess): void {
	live.delete(entry);
}

/**
 * An aborted jest run or a Ctrl-C must not leave processes behind. `exit` handlers can only do
 * synchronous work, so they SIGKILL the process groups; on SIGINT/SIGTERM we stop gracefully first
 * (n8n flushes its database and static data; n8n before the servers it uses) and SIGKILL on a
 * second signal.
 * These handlers work in jest's globalSetup and in scripts. Inside a jest *test file* `process` is a
 * sandbox copy whose listeners never fire; there, and for a jest killed with SIGKILL, the watchdog in
 * each process group (see `spawnGuarded`) ends the process within ~2 s of the parent's death
 * (SIGTERM, then SIGKILL 10 s later) and removes its temporary folder.
 */
function installCleanup(): void {
	if (cleanupInstalled) return;
	cleanupInstalled = true;
	process.on('exit', () => {
		for (const entry of live) entry.killNow();
	});
	const onSignal = (signal: NodeJS.Signals): void => {
		const code = 128 + (signal === 'SIGINT' ? 2 : 15);
		if (shuttingDown) {
			for (const entry of live) entry.killNow();
			process.exit(code);
		}
		shuttingDown = true;
		void (async () => {
			const tiers = [...new Set([...live].map((entry) => entry.tier))].sort((a, b) => a - b);
			for (const tier of tiers) {
				await Promise.allSettled([...live].filter((entry) => entry.tier === tier).map(async (entry) => await entry.stop()));
			}
		})().then(() => process.exit(code));
	};
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
}

// ---------------------------------------------------------------------------------------------------
// Guarded processes

export interface GuardedSpawnOptions {
	command: string;
	args: string[];
	cwd: string;
	env: NodeJS.ProcessEnv;
	/** stdout and stderr are appended here. */
	logFile: string;
	/** Removed by the watchdog when the parent dies (stop() callers remove it themselves). */
	tempFolder?: string;
}

/** One step of a stop: send `signal` to the main PID, then wait up to `waitMs` for it to exit. */
export interface StopStep {
	signal: NodeJS.Signals;
	waitMs: number;
}

/**
 * A process started in its own process group through a tiny shell that `exec`s the command, after
 * putting a watchdog in the background that ends the group when the process that started it is gone
 * (even after a SIGKILL, when no exit handler runs). Children of the command (n8n's task runner,
 * postgres' backends) inherit the group. `pid` is the command's PID and the group id.
 */
export class GuardedProcess {
	readonly pid: number;
	readonly exited: Promise<void>;

	private constructor(
		private readonly child: ChildProcess,
		readonly logFile: string,
	) {
		if (child.pid === undefined) throw new Error(`could not spawn ${child.spawnargs.join(' ')}`);
		this.pid = child.pid;
		this.exited = new Promise<void>((done) => {
			if (child.exitCode !== null || child.signalCode !== null) done();
			else child.once('exit', () => done());
		});
	}

	static spawn(options: GuardedSpawnOptions): GuardedProcess {
		mkdirSync(dirname(options.logFile), { recursive: true });
		const out = openSync(options.logFile, 'a');
		// The watchdog ignores the group's SIGTERM (it sends it), gives the command 10 s, removes a
		// temporary folder and then SIGKILLs the whole group, itself included.
		const script = [
			'parent=$1; temp=$2; shift 2',
			'( trap "" TERM',
			'  while kill -0 "$parent" 2>/dev/null; do sleep 2; done',
			'  kill -TERM 0; sleep 10',
			'  if [ -n "$temp" ]; then rm -rf "$temp"; fi',
			'  kill -KILL 0 ) </dev/null >/dev/null 2>&1 &',
			'exec "$@"',
		].join('\n');
		const child = spawn(
			'/bin/sh',
			['-c', script, 'harness-watchdog', String(process.pid), options.tempFolder ?? '', options.command, ...options.args],
			{ cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', out, out] },
		);
		closeSync(out);
		child.once('error', (error) => {
			writeFileSync(options.logFile, `\n[harness] spawn failed: ${error.message}\n`, { flag: 'a' });
		});
		// Not a reason for jest or a script to stay alive; a forgotten stop() is covered by the watchdog.
		child.unref();
		return new GuardedProcess(child, options.logFile);
	}

	/** The command itself still runs (its group may hold others, e.g. the watchdog). */
	get running(): boolean {
		return this.child.exitCode === null && this.child.signalCode === null;
	}

	get exitDescription(): string {
		return `code ${String(this.child.exitCode)}, signal ${String(this.child.signalCode)}`;
	}

	/**
	 * Signals the command's PID step by step while it runs, then SIGKILLs the group (watchdog and
	 * leftovers) and waits until it is gone. Returns false when the last step's signal was needed and
	 * did not end it either (it was SIGKILLed).
	 */
	async stop(steps: StopStep[]): Promise<boolean> {
		let graceful = true;
		for (const step of steps) {
			if (!this.running) break;
			try {
				process.kill(this.pid, step.signal);
			} catch {
				// Exited meanwhile.
			}
			// A plain sleep() in the race would keep jest alive for the whole wait after every stop.
			let timer: NodeJS.Timeout | undefined;
			const exited = await Promise.race([
				this.exited.then(() => true),
				new Promise<boolean>((done) => {
					timer = setTimeout(() => done(false), step.waitMs);
				}),
			]);
			clearTimeout(timer);
			if (!exited) {
				graceful = false;
				writeFileSync(this.logFile, `\n[harness] pid ${this.pid} still running ${step.waitMs} ms after ${step.signal}\n`, { flag: 'a' });
			} else {
				graceful = true;
			}
		}
		killGroup(this.pid, 'SIGKILL');
		const deadline = Date.now() + 10_000;
		while (groupAlive(this.pid) && Date.now() < deadline) await sleep(50);
		// The group is gone; the (unref'd) child's exit event follows at once. The timer keeps the
		// event loop alive until it does.
		let timer: NodeJS.Timeout | undefined;
		await Promise.race([this.exited, new Promise<void>((done) => (timer = setTimeout(done, 2000)))]);
		clearTimeout(timer);
		return graceful;
	}

	/** Synchronous SIGKILL to the whole group (for exit handlers). */
	killNow(): void {
		killGroup(this.pid, 'SIGKILL');
	}
}

/** Polls `probe` until it resolves true; fails early when the process exits, or at the deadline. */
async function waitFor(what: string, proc: GuardedProcess, timeoutMs: number, probe: () => Promise<boolean>): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await probe())) {
		if (!proc.running) throw new Error(`${what}: the process exited (${proc.exitDescription}) before it was ready`);
		if (Date.now() > deadline) throw new Error(`${what}: not ready within ${timeoutMs} ms`);
		await sleep(100);
	}
}

// ---------------------------------------------------------------------------------------------------
// Installing PostgreSQL and Redis

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
		throw new Error(`${command} ${args.join(' ')} failed (exit code ${String(result.status)}${result.error ? `, ${result.error.message}` : ''})`);
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
		throw new Error(`${names} missing and not running as root: install with \`apt-get install -y ${packages.join(' ')}\``);
	}
	if (findOnPath('apt-get') === undefined) throw new Error(`${names} missing and there is no apt-get to install ${packages.length > 1 ? 'them' : 'it'}`);
	const env: NodeJS.ProcessEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	// Debian's maintainer scripts start a package's service unless policy-rc.d forbids it.
	const policy = '/usr/sbin/policy-rc.d';
	const ownPolicy = !existsSync(policy);
	if (ownPolicy) {
		harnessLog(`writing a temporary ${policy} (exit 101) so that apt-get does not start the system services`);
		writeFileSync(policy, '#!/bin/sh\n# written by the n8n-nodes-artemis-artisio test harness for one apt-get install\nexit 101\n', { mode: 0o755 });
	}
	try {
		if (!aptUpdated) {
			runLogged('apt-get', ['update'], env);
			aptUpdated = true;
		}
		for (const name of packages) runLogged('apt-get', ['install', '-y', '--no-install-recommends', name], env);
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
		harnessLog(`queue mode needs ${missing.join(' and ')}, which ${missing.length > 1 ? 'are' : 'is'} not installed: installing with apt-get`);
		aptGetInstall(missing);
		binaries = findBinaries();
	}
	if (findOnPath('setpriv') === undefined && process.getuid?.() === 0) {
		throw new Error('setpriv (util-linux) is missing: the harness needs it to run PostgreSQL as user postgres');
	}
	const { postgresBin, redisServer } = binaries;
	if (postgresBin === undefined) throw new Error(`apt-get install postgresql left no ${POSTGRES_TOOLS.join('/')} under /usr/lib/postgresql/<major>/bin`);
	if (redisServer === undefined) throw new Error('apt-get install redis-server left no redis-server on PATH');
	return { postgresBin, redisServer };
}

// ---------------------------------------------------------------------------------------------------
// PostgreSQL

export interface PostgresServer {
	host: string;
	port: number;
	database: string;
	user: string;
	password: string;
	/** The postmaster's PID (also its process group id). */
	readonly pid: number;
	/** Temporary folder with the data directory, the unix socket and `postgres.log`. */
	readonly folder: string;
	readonly logFile: string;
	/** `DB_*` settings that point n8n at this database. */
	n8nEnv(): Record<string, string>;
	logs(lines?: number): string;
	/** Runs one SQL statement in the database as the superuser (psql over the unix socket); the rows, fields split. */
	query(sql: string): Promise<string[][]>;
	/** SIGTERM to the postmaster, SIGINT after 5 s, SIGKILL after 5 more; removes the folder. Idempotent. */
	stop(): Promise<void>;
}

export interface PostgresOptions {
	/** Default: a free loopback port. */
	port?: number;
	/** Default `n8n` (database and role). */
	database?: string;
	user?: string;
	/** Default 30 s. */
	startTimeoutMs?: number;
}

/** OS user that runs PostgreSQL: `postgres` when we are root (it refuses root), else ourselves. */
function postgresOsUser(): string {
	return process.getuid?.() === 0 ? 'postgres' : userInfo().username;
}

/** Command line that runs `command` as the PostgreSQL OS user, by exec (same PID). */
function asPostgresUser(command: string, args: string[]): { command: string; args: string[] } {
	if (process.getuid?.() !== 0) return { command, args };
	return { command: 'setpriv', args: ['--reuid=postgres', '--regid=postgres', '--init-groups', '--', command, ...args] };
}

function execAsPostgres(command: string, args: string[], cwd: string): Promise<{ code: number; output: string }> {
	const line = asPostgresUser(command, args);
	return new Promise((done) => {
		execFile(line.command, line.args, { cwd, env: { ...process.env, LC_ALL: 'C' }, timeout: 60_000 }, (error, stdout, stderr) => {
			const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
			done({ code, output: `${stdout}${stderr}` });
		});
	});
}

class Postgres implements PostgresServer {
	readonly host = LOOPBACK;
	private stopping: Promise<void> | undefined;
	readonly tier = 1;

	constructor(
		private readonly proc: GuardedProcess,
		readonly port: number,
		readonly database: string,
		readonly user: string,
		readonly password: string,
		readonly folder: string,
		private readonly psql: { bin: string; socketDir: string; superuser: string },
	) {}

	get pid(): number {
		return this.proc.pid;
	}
	get logFile(): string {
		return this.proc.logFile;
	}

	n8nEnv(): Record<string, string> {
		return {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: this.host,
			DB_POSTGRESDB_PORT: String(this.port),
			DB_POSTGRESDB_DATABASE: this.database,
			DB_POSTGRESDB_USER: this.user,
			DB_POSTGRESDB_PASSWORD: this.password,
			DB_POSTGRESDB_SCHEMA: 'public',
		};
	}

	logs(lines = 80): string {
		return tailFile(this.logFile, lines);
	}

	async query(sql: string): Promise<string[][]> {
		const { bin, socketDir, superuser } = this.psql;
		const args = ['-X', '-q', '-A', '-t', '-F', '\t', '-v', 'ON_ERROR_STOP=1', '-h', socketDir, '-p', String(this.port), '-U', superuser, '-d', this.database, '-c', sql];
		const result = await execAsPostgres(bin, args, this.folder);
		if (result.code !== 0) throw new Error(`psql exited with ${result.code} on ${sql}:\n${result.output}`);
		return result.output
			.split('\n')
			.filter((line) => line !== '')
			.map((line) => line.split('\t'));
	}

	async stop(): Promise<void> {
		this.stopping ??= (async () => {
			await this.proc.stop([
				{ signal: 'SIGTERM', waitMs: 5000 },
				{ signal: 'SIGINT', waitMs: 5000 },
			]);
			unregisterLive(this);
			removeFolder(this.folder);
		})();
		await this.stopping;
	}

	killNow(): void {
		this.proc.killNow();
		removeFolder(this.folder);
	}
}

/**
 * A fresh PostgreSQL server of our own: initdb into a new temp folder, listening on 127.0.0.1 only,
 * with a database and a password-protected role for n8n. Calls `ensureQueueModeServices()`.
 */
export async function startPostgres(options: PostgresOptions = {}): Promise<PostgresServer> {
	const { postgresBin } = ensureQueueModeServices();
	const started = Date.now();
	const database = options.database ?? 'n8n';
	const user = options.user ?? 'n8n';
	const password = randomBytes(16).toString('hex');
	const superuser = postgresOsUser();
	const timeoutMs = options.startTimeoutMs ?? 30_000;
	if (!/^[a-z_][a-z0-9_]*$/.test(database) || !/^[a-z_][a-z0-9_]*$/.test(user)) throw new Error('database and user: lower-case identifiers only');
	if (options.port !== undefined) await assertPortFree(options.port, 'PostgreSQL');

	const folder = mkdtempSync(join(tmpdir(), 'n8n-harness-pg-'));
	const dataDir = join(folder, 'data');
	const socketDir = join(folder, 'socket');
	const logFile = join(folder, 'postgres.log');
	mkdirSync(socketDir);
	writeFileSync(logFile, '');
	try {
		if (process.getuid?.() === 0) {
			const pgUser = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
			const pgGroup = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
			if (pgUser.status !== 0 || pgGroup.status !== 0) throw new Error('there is no OS user "postgres" (apt-get install postgresql creates it)');
			const [uid, gid] = [Number(pgUser.stdout.trim()), Number(pgGroup.stdout.trim())];
			for (const path of [folder, socketDir, logFile]) chownSync(path, uid, gid);
		}
		const initdb = await execAsPostgres(
			join(postgresBin, 'initdb'),
			['-D', dataDir, '-U', superuser, '--auth-local=peer', '--auth-host=scram-sha-256', '-E', 'UTF8', '--no-locale', '--no-sync', '--no-instructions'],
			folder,
		);
		if (initdb.code !== 0) {
			const access = /permission denied/i.test(initdb.output)
				? ` (user ${postgresOsUser()} must be able to reach ${folder}: its parents must be traversable; set TMPDIR otherwise)`
				: '';
			throw new Error(`initdb failed with exit code ${initdb.code}${access}:\n${initdb.output}`);
		}
		const initMs = Date.now() - started;

		let server: Postgres | undefined;
		for (let attempt = 1; server === undefined; attempt++) {
			const port = options.port ?? (await freePorts(1))[0];
			const postgres = asPostgresUser(join(postgresBin, 'postgres'), [
				'-D', dataDir,
				'-p', String(port),
				'-c', `listen_addresses=${LOOPBACK}`,
				'-c', `unix_socket_directories=${socketDir}`,
				'-c', 'fsync=off',
				'-c', 'synchronous_commit=off',
				'-c', 'full_page_writes=off',
				'-c', 'max_connections=200',
				'-c', 'logging_collector=off',
			]);
			const proc = GuardedProcess.spawn({ ...postgres, cwd: folder, env: { ...process.env, LC_ALL: 'C' }, logFile, tempFolder: folder });
			const candidate = new Postgres(proc, port, database, user, password, folder, { bin: join(postgresBin, 'psql'), socketDir, superuser });
			registerLive(candidate);
			try {
				await waitFor(`PostgreSQL on port ${port}`, proc, timeoutMs, async () => {
					const ready = await execAsPostgres(join(postgresBin, 'pg_isready'), ['-q', '-h', socketDir, '-p', String(port)], folder);
					return ready.code === 0;
				});
				server = candidate;
			} catch (error: unknown) {
				const log = tailFile(logFile, 30);
				await proc.stop([{ signal: 'SIGINT', waitMs: 5000 }]);
				unregisterLive(candidate);
				if (attempt < 3 && options.port === undefined && /already in use/i.test(log)) continue;
				throw new Error(`${errorText(error)}\n--- postgres log tail (${logFile}) ---\n${log}`);
			}
		}
		const sql = [`CREATE ROLE ${user} LOGIN PASSWORD '${password}'`, `CREATE DATABASE ${database} OWNER ${user}`];
		const psql = await execAsPostgres(
			join(postgresBin, 'psql'),
			['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', socketDir, '-p', String(server.port), '-U', superuser, '-d', 'postgres', ...sql.flatMap((statement) => ['-c', statement])],
			folder,
		);
		if (psql.code !== 0) {
			await server.stop();
			throw new Error(`creating the n8n role and database failed:\n${psql.output}`);
		}
		harnessLog(`PostgreSQL on ${LOOPBACK}:${server.port} (pid ${server.pid}) ready in ${seconds(Date.now() - started)} (initdb ${seconds(initMs)})`);
		return server;
	} catch (error: unknown) {
		removeFolder(folder);
		throw error;
	}
}

// ---------------------------------------------------------------------------------------------------
// Redis

export interface RedisServer {
	host: string;
	/** Fixed for the server's life: `start()` after `stop()` listens on it again. */
	port: number;
	/** PID of the running redis-server (a new one after each `start()`), undefined while stopped. */
	readonly pid: number | undefined;
	readonly running: boolean;
	/** Temporary folder (working dir and `redis.log`) while running; a new one per `start()`. */
	readonly folder: string | undefined;
	logs(lines?: number): string;
	/** SIGTERM by PID (SIGKILL after 5 s), removes the folder. Idempotent. */
	stop(): Promise<void>;
	/** Starts it again (empty) on the same port; no-op while it runs. */
	start(): Promise<void>;
}

export interface RedisOptions {
	/** Default: a free loopback port. */
	port?: number;
	/** Default 20 s. */
	startTimeoutMs?: number;
}

/** Sends PING, true on `+PONG`. */
function redisPing(port: number): Promise<boolean> {
	return new Promise((done) => {
		const socket = createConnection({ host: LOOPBACK, port });
		let answer = '';
		const finish = (ok: boolean): void => {
			socket.destroy();
			done(ok);
		};
		socket.setTimeout(2000, () => finish(false));
		socket.once('error', () => finish(false));
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			answer += chunk.toString('latin1');
			if (answer.includes('\r\n')) finish(answer.startsWith('+PONG'));
		});
	});
}

class Redis implements RedisServer {
	readonly host = LOOPBACK;
	readonly tier = 1;
	private proc: GuardedProcess | undefined;
	private currentFolder: string | undefined;
	private lastLog = '';
	private stopping: Promise<void> | undefined;

	constructor(
		readonly port: number,
		private readonly redisServer: string,
		private readonly timeoutMs: number,
	) {}

	get pid(): number | undefined {
		return this.proc?.running === true ? this.proc.pid : undefined;
	}
	get running(): boolean {
		return this.proc?.running === true;
	}
	get folder(): string | undefined {
		return this.currentFolder;
	}

	logs(lines = 80): string {
		return this.currentFolder === undefined ? this.lastLog.split('\n').slice(-lines - 1).join('\n') : tailFile(join(this.currentFolder, 'redis.log'), lines);
	}

	async start(): Promise<void> {
		await this.stopping;
		if (this.proc !== undefined) return;
		const started = Date.now();
		const folder = mkdtempSync(join(tmpdir(), 'n8n-harness-redis-'));
		const logFile = join(folder, 'redis.log');
		const proc = GuardedProcess.spawn({
			command: this.redisServer,
			args: ['--port', String(this.port), '--bind', LOOPBACK, '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--dir', folder],
			cwd: folder,
			env: process.env,
			logFile,
			tempFolder: folder,
		});
		this.proc = proc;
		this.currentFolder = folder;
		registerLive(this);
		try {
			await waitFor(`Redis on port ${this.port}`, proc, this.timeoutMs, async () => await redisPing(this.port));
		} catch (error: unknown) {
			const log = tailFile(logFile, 30);
			await this.stop();
			throw new Error(`${errorText(error)}\n--- redis log tail ---\n${log}`);
		}
		harnessLog(`Redis on ${LOOPBACK}:${this.port} (pid ${proc.pid}) ready in ${seconds(Date.now() - started)}`);
	}

	async stop(): Promise<void> {
		const proc = this.proc;
		if (proc === undefined) return;
		this.stopping ??= (async () => {
			await proc.stop([{ signal: 'SIGTERM', waitMs: 5000 }]);
			unregisterLive(this);
			if (this.currentFolder !== undefined) this.lastLog = tailFile(join(this.currentFolder, 'redis.log'), 200);
			removeFolder(this.currentFolder);
			this.currentFolder = undefined;
			this.proc = undefined;
		})();
		try {
			await this.stopping;
		} finally {
			this.stopping = undefined;
		}
	}

	killNow(): void {
		this.proc?.killNow();
		removeFolder(this.currentFolder);
	}
}

/**
 * A Redis server of our own: `redis-server --port P --bind 127.0.0.1 --save "" --appendonly no` in a
 * temp folder, in the foreground (we hold its PID). Calls `ensureQueueModeServices()`.
 */
export async function startRedis(options: RedisOptions = {}): Promise<RedisServer> {
	const { redisServer } = ensureQueueModeServices();
	for (let attempt = 1; ; attempt++) {
		const port = options.port ?? (await freePorts(1))[0];
		if (options.port !== undefined) await assertPortFree(port, 'Redis');
		const redis = new Redis(port, redisServer, options.startTimeoutMs ?? 20_000);
		try {
			await redis.start();
			return redis;
		} catch (error: unknown) {
			// A free port from listen(0) can be taken before redis binds it.
			if (attempt >= 3 || options.port !== undefined || !/Address already in use/i.test(errorText(error))) throw error;
		}
	}
}
