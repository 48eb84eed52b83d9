/**
 * A PostgreSQL server of the harness's own, for queue mode (see queue.ts).
 *
 * Facts this relies on (PostgreSQL 15 from Debian 12's packages; re-check on others):
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
 */
import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

import { errorText, harnessLog, LOOPBACK, removeFolder, seconds, tailFile } from '../util';
import { ensureQueueModeServices } from './apt';
import { registerLive, unregisterLive } from './cleanup';
import { assertPortFree, freePorts } from './ports';
import { GuardedProcess, waitFor } from './process';

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
	return {
		command: 'setpriv',
		args: ['--reuid=postgres', '--regid=postgres', '--init-groups', '--', command, ...args],
	};
}

function execAsPostgres(
	command: string,
	args: string[],
	cwd: string,
): Promise<{ code: number; output: string }> {
	const line = asPostgresUser(command, args);
	return new Promise((done) => {
		execFile(
			line.command,
			line.args,
			{ cwd, env: { ...process.env, LC_ALL: 'C' }, timeout: 60_000 },
			(error, stdout, stderr) => {
				const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
				done({ code, output: `${stdout}${stderr}` });
			},
		);
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
		const args = [
			'-X',
			'-q',
			'-A',
			'-t',
			'-F',
			'\t',
			'-v',
			'ON_ERROR_STOP=1',
			'-h',
			socketDir,
			'-p',
			String(this.port),
			'-U',
			superuser,
			'-d',
			this.database,
			'-c',
			sql,
		];
		const result = await execAsPostgres(bin, args, this.folder);
		if (result.code !== 0)
			throw new Error(`psql exited with ${result.code} on ${sql}:\n${result.output}`);
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
	if (!/^[a-z_][a-z0-9_]*$/.test(database) || !/^[a-z_][a-z0-9_]*$/.test(user))
		throw new Error('database and user: lower-case identifiers only');
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
			if (pgUser.status !== 0 || pgGroup.status !== 0)
				throw new Error('there is no OS user "postgres" (apt-get install postgresql creates it)');
			const [uid, gid] = [Number(pgUser.stdout.trim()), Number(pgGroup.stdout.trim())];
			for (const path of [folder, socketDir, logFile]) chownSync(path, uid, gid);
		}
		const initdb = await execAsPostgres(
			join(postgresBin, 'initdb'),
			[
				'-D',
				dataDir,
				'-U',
				superuser,
				'--auth-local=peer',
				'--auth-host=scram-sha-256',
				'-E',
				'UTF8',
				'--no-locale',
				'--no-sync',
				'--no-instructions',
			],
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
				'-D',
				dataDir,
				'-p',
				String(port),
				'-c',
				`listen_addresses=${LOOPBACK}`,
				'-c',
				`unix_socket_directories=${socketDir}`,
				'-c',
				'fsync=off',
				'-c',
				'synchronous_commit=off',
				'-c',
				'full_page_writes=off',
				'-c',
				'max_connections=200',
				'-c',
				'logging_collector=off',
			]);
			const proc = GuardedProcess.spawn({
				...postgres,
				cwd: folder,
				env: { ...process.env, LC_ALL: 'C' },
				logFile,
				tempFolder: folder,
			});
			const candidate = new Postgres(proc, port, database, user, password, folder, {
				bin: join(postgresBin, 'psql'),
				socketDir,
				superuser,
			});
			registerLive(candidate);
			try {
				await waitFor(`PostgreSQL on port ${port}`, proc, timeoutMs, async () => {
					const ready = await execAsPostgres(
						join(postgresBin, 'pg_isready'),
						['-q', '-h', socketDir, '-p', String(port)],
						folder,
					);
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
		const sql = [
			`CREATE ROLE ${user} LOGIN PASSWORD '${password}'`,
			`CREATE DATABASE ${database} OWNER ${user}`,
		];
		const psql = await execAsPostgres(
			join(postgresBin, 'psql'),
			[
				'-X',
				'-q',
				'-v',
				'ON_ERROR_STOP=1',
				'-h',
				socketDir,
				'-p',
				String(server.port),
				'-U',
				superuser,
				'-d',
				'postgres',
				...sql.flatMap((statement) => ['-c', statement]),
			],
			folder,
		);
		if (psql.code !== 0) {
			await server.stop();
			throw new Error(`creating the n8n role and database failed:\n${psql.output}`);
		}
		harnessLog(
			`PostgreSQL on ${LOOPBACK}:${server.port} (pid ${server.pid}) ready in ${seconds(Date.now() - started)} (initdb ${seconds(initMs)})`,
		);
		return server;
	} catch (error: unknown) {
		removeFolder(folder);
		throw error;
	}
}
