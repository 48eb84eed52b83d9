/** Cleanup when the test process (or `npm run dev`) ends without calling stop(). */

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
 * each process group (see `GuardedProcess.spawn`) ends the process within ~2 s of the parent's death
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
				await Promise.allSettled(
					[...live].filter((entry) => entry.tier === tier).map(async (entry) => await entry.stop()),
				);
			}
		})().then(() => process.exit(code));
	};
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
}
