/**
 * n8n's logger, replaced in n8n's DI container by one that keeps every line in memory, so that
 * the unit harnesses (webhookHarness for triggers, executeHarness for regular nodes) can show what
 * a node logged. One container, so one logger for both: whichever harness a test file loads.
 */
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';

export interface LogLine {
	level: 'error' | 'warn' | 'info' | 'debug';
	message: string;
	meta?: unknown;
}

/** Every line logged since the last `clearLogLines()`; the same array throughout. */
export const logLines: LogLine[] = [];

export function clearLogLines(): void {
	logLines.length = 0;
}

const capturingLogger = {
	error: (message: string, meta?: unknown) => logLines.push({ level: 'error', message, meta }),
	warn: (message: string, meta?: unknown) => logLines.push({ level: 'warn', message, meta }),
	info: (message: string, meta?: unknown) => logLines.push({ level: 'info', message, meta }),
	debug: (message: string, meta?: unknown) => logLines.push({ level: 'debug', message, meta }),
	scoped: () => capturingLogger,
};
Container.set(Logger, capturingLogger as unknown as Logger);
