/**
 * Small helpers used across the test harness, the tests, bench/ and scripts/: one copy of each.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';

/** The only address the harness's servers (n8n, PostgreSQL, Redis) listen on. */
export const LOOPBACK = '127.0.0.1';

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
	return text
		.split('\n')
		.slice(-lines - 1)
		.join('\n');
}

/** A progress or warning line of the harness on stderr. */
export function harnessLog(line: string): void {
	process.stderr.write(`[n8n-harness] ${line}\n`);
}

/** Seconds with one decimal, for log lines. */
export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** Removes a folder; maxRetries because a file a dying process wrote can make the final rmdir fail. */
export function removeFolder(folder: string | undefined): void {
	if (folder !== undefined) rmSync(folder, { recursive: true, force: true, maxRetries: 3 });
}
