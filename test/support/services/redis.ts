/**
 * A Redis server of the harness's own: the queue Redis of queue mode (see queue.ts) and the store of
 * the Redis deduplication tests.
 *
 * redis-server `--save "" --appendonly no` keeps nothing on disk; it sets SO_REUSEADDR, so a restart
 * on the same port right after a stop works (Redis 7 from Debian 12's packages; re-check on others).
 */
import { mkdtempSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { errorText, harnessLog, LOOPBACK, removeFolder, seconds, tailFile } from '../util';
import { ensureQueueModeServices } from './apt';
import { registerLive, unregisterLive } from './cleanup';
import { assertPortFree, freePorts } from './ports';
import { GuardedProcess, waitFor } from './process';

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
		return this.currentFolder === undefined
			? this.lastLog
					.split('\n')
					.slice(-lines - 1)
					.join('\n')
			: tailFile(join(this.currentFolder, 'redis.log'), lines);
	}

	async start(): Promise<void> {
		await this.stopping;
		if (this.proc !== undefined) return;
		const started = Date.now();
		const folder = mkdtempSync(join(tmpdir(), 'n8n-harness-redis-'));
		const logFile = join(folder, 'redis.log');
		const proc = GuardedProcess.spawn({
			command: this.redisServer,
			args: [
				'--port',
				String(this.port),
				'--bind',
				LOOPBACK,
				'--save',
				'',
				'--appendonly',
				'no',
				'--daemonize',
				'no',
				'--dir',
				folder,
			],
			cwd: folder,
			env: process.env,
			logFile,
			tempFolder: folder,
		});
		this.proc = proc;
		this.currentFolder = folder;
		registerLive(this);
		try {
			await waitFor(
				`Redis on port ${this.port}`,
				proc,
				this.timeoutMs,
				async () => await redisPing(this.port),
			);
		} catch (error: unknown) {
			const log = tailFile(logFile, 30);
			await this.stop();
			throw new Error(`${errorText(error)}\n--- redis log tail ---\n${log}`);
		}
		harnessLog(
			`Redis on ${LOOPBACK}:${this.port} (pid ${proc.pid}) ready in ${seconds(Date.now() - started)}`,
		);
	}

	async stop(): Promise<void> {
		const proc = this.proc;
		if (proc === undefined) return;
		this.stopping ??= (async () => {
			await proc.stop([{ signal: 'SIGTERM', waitMs: 5000 }]);
			unregisterLive(this);
			if (this.currentFolder !== undefined)
				this.lastLog = tailFile(join(this.currentFolder, 'redis.log'), 200);
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
			if (
				attempt >= 3 ||
				options.port !== undefined ||
				!/Address already in use/i.test(errorText(error))
			)
				throw error;
		}
	}
}
