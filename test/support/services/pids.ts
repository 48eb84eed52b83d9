/**
 * Whether a process or a process group still runs, and signals to a group.
 *
 * Zombies: PID 1 of this machine reaps orphans late (about 2 s), and `kill(pid, 0)` succeeds on a
 * zombie; `pidAlive`/`groupAlive` read /proc and do not count zombies.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';

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
