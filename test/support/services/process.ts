/**
 * Guarded processes: every server the harness starts (n8n, PostgreSQL, Redis) runs in a process
 * group of its own, watched by a watchdog that ends the group when the test process is gone.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

import { sleep } from '../util';
import { groupAlive, killGroup } from './pids';

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
			[
				'-c',
				script,
				'harness-watchdog',
				String(process.pid),
				options.tempFolder ?? '',
				options.command,
				...options.args,
			],
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
				writeFileSync(
					this.logFile,
					`\n[harness] pid ${this.pid} still running ${step.waitMs} ms after ${step.signal}\n`,
					{ flag: 'a' },
				);
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
		await Promise.race([
			this.exited,
			new Promise<void>((done) => (timer = setTimeout(done, 2000))),
		]);
		clearTimeout(timer);
		return graceful;
	}

	/** Synchronous SIGKILL to the whole group (for exit handlers). */
	killNow(): void {
		killGroup(this.pid, 'SIGKILL');
	}
}

/** Polls `probe` until it resolves true; fails early when the process exits, or at the deadline. */
export async function waitFor(
	what: string,
	proc: GuardedProcess,
	timeoutMs: number,
	probe: () => Promise<boolean>,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await probe())) {
		if (!proc.running)
			throw new Error(`${what}: the process exited (${proc.exitDescription}) before it was ready`);
		if (Date.now() > deadline) throw new Error(`${what}: not ready within ${timeoutMs} ms`);
		await sleep(100);
	}
}
