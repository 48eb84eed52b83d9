/**
 * One n8n process (`n8n start`, `n8n webhook` or `n8n worker`) and its task runner: spawned guarded
 * (see services/process.ts), ready once n8n answers, stopped by PID.
 *
 * - Startup on 2 cores (n8n 2.41.1): about 15–20 s to ready + owner + API key (migrations of a fresh
 *   SQLite database are only ~3 s of it; loading n8n and registering the task runner take the rest).
 * - The task runner child is spawned in n8n's process group, so killing the group ends both.
 */
import { join } from 'node:path';

import { GuardedProcess, type LiveProcess, registerLive, unregisterLive } from '../services';
import { errorText, LOOPBACK, removeFolder, sleep, tailFile } from '../util';
import { n8nBin, nodeBinDir } from './install';
import type { N8nCommand, N8nProcess } from './types';

/**
 * What n8n answers "ready" on, per command. Webhook processes and workers have no `/rest/settings`;
 * a worker has no HTTP server on N8N_PORT at all, only its worker server on
 * `QUEUE_HEALTH_CHECK_PORT` (with `QUEUE_HEALTH_CHECK_ACTIVE=true`), whose `/healthz/readiness`
 * answers 200 once the database is connected and migrated and Redis is connected.
 */
export const READINESS_PATHS: Record<N8nCommand, string[]> = {
	start: ['/healthz/readiness', '/rest/settings'],
	webhook: ['/healthz/readiness'],
	worker: ['/healthz/readiness'],
};

export interface ProcessSpec {
	name: string;
	command: N8nCommand;
	userFolder: string;
	logFile: string;
	env: NodeJS.ProcessEnv;
	port: number;
	brokerPort: number;
	healthPort: number | undefined;
	readinessPaths: string[];
	startTimeoutMs: number;
	/** Removed by `stop()` and by the watchdog; undefined for a folder the caller owns. */
	tempFolder: string | undefined;
}

/** One n8n process (`n8n start`, `n8n webhook` or `n8n worker`) and its task runner. */
export class ProcessHandle implements N8nProcess, LiveProcess {
	readonly tier = 0;
	private proc: GuardedProcess | undefined;
	private stopping: Promise<void> | undefined;

	constructor(private readonly spec: ProcessSpec) {}

	get name(): string {
		return this.spec.name;
	}
	get command(): N8nCommand {
		return this.spec.command;
	}
	get baseUrl(): string {
		return `http://${LOOPBACK}:${this.spec.command === 'worker' && this.spec.healthPort !== undefined ? this.spec.healthPort : this.spec.port}`;
	}
	get port(): number {
		return this.spec.port;
	}
	get brokerPort(): number {
		return this.spec.brokerPort;
	}
	get healthPort(): number | undefined {
		return this.spec.healthPort;
	}
	get userFolder(): string {
		return this.spec.userFolder;
	}
	get logFile(): string {
		return this.spec.logFile;
	}
	get pid(): number | undefined {
		return this.proc?.pid;
	}
	get running(): boolean {
		return this.proc?.running === true;
	}

	logs(lines = 150): string {
		return tailFile(this.spec.logFile, lines);
	}

	async boot(): Promise<void> {
		this.stopping = undefined;
		// The runner child inherits the process group, so stopping the group ends both.
		this.proc = GuardedProcess.spawn({
			command: join(nodeBinDir, 'node'),
			args: [n8nBin, this.spec.command],
			cwd: this.spec.userFolder,
			env: this.spec.env,
			logFile: this.spec.logFile,
			tempFolder: this.spec.tempFolder,
		});
		registerLive(this);
		try {
			await this.waitUntilReady();
		} catch (error: unknown) {
			await this.stopProcess();
			throw new Error(
				`${this.label()} did not start: ${errorText(error)}\n--- n8n log tail (${this.spec.logFile}) ---\n${this.logs(80)}`,
			);
		}
	}

	private label(): string {
		return this.spec.name === 'main' && this.spec.command === 'start'
			? 'n8n'
			: `n8n ${this.spec.command} (${this.spec.name})`;
	}

	private async waitUntilReady(): Promise<void> {
		const deadline = Date.now() + this.spec.startTimeoutMs;
		const proc = this.proc;
		const check = async (path: string): Promise<boolean> => {
			try {
				const response = await fetch(`${this.baseUrl}${path}`, {
					signal: AbortSignal.timeout(5000),
				});
				await response.arrayBuffer();
				return response.status === 200;
			} catch {
				return false;
			}
		};
		for (const path of this.spec.readinessPaths) {
			while (!(await check(path))) {
				if (proc === undefined || !proc.running) {
					throw new Error(
						`${this.label()} exited (${proc?.exitDescription ?? 'not spawned'}) before ${path} answered 200`,
					);
				}
				if (Date.now() > deadline)
					throw new Error(`${path} did not answer 200 within ${this.spec.startTimeoutMs} ms`);
				await sleep(200);
			}
		}
	}

	async restart(): Promise<void> {
		await this.stopProcess();
		await this.boot();
	}

	async stop(): Promise<void> {
		this.stopping ??= (async () => {
			await this.stopProcess();
			removeFolder(this.spec.tempFolder);
		})();
		await this.stopping;
	}

	/**
	 * SIGTERM to n8n's main process only, so that it shuts its task runner down itself and flushes
	 * the database; after 30 s (or once it exited) SIGKILL to the group for the watchdog and anything
	 * left over.
	 */
	private async stopProcess(): Promise<void> {
		const proc = this.proc;
		if (proc === undefined) return;
		await proc.stop([{ signal: 'SIGTERM', waitMs: 30_000 }]);
		unregisterLive(this);
	}

	/** Synchronous last resort for process 'exit' handlers (jest may exit while a stop() is pending). */
	killNow(): void {
		this.proc?.killNow();
		removeFolder(this.spec.tempFolder);
	}
}
