/**
 * Jest globalSetup of the e2e project: installs n8n on first use (minutes, once per machine) and
 * starts ONE n8n with the built package for the whole run. Test files reach it via `connectShared()`;
 * tests that restart n8n start their own instance with `startN8n()`.
 */
import { rmSync, writeFileSync } from 'node:fs';

import { CACHE_DIR, ensureN8n, N8N_VERSION, NODE_LABEL, startN8n, type N8nInstance } from './n8n';
import { SHARED_FILE_ENV, sharedFilePath } from './shared';
import { harnessLog } from './util';

/** globalThis is shared between globalSetup and globalTeardown (both run in jest's main process). */
export type HarnessGlobal = typeof globalThis & { __n8nHarnessShared?: N8nInstance };

export default async function globalSetup(): Promise<void> {
	harnessLog(
		`n8n ${N8N_VERSION} on ${NODE_LABEL} from ${CACHE_DIR} (the first run on a machine installs it: several minutes)`,
	);
	ensureN8n();
	const started = Date.now();
	// N8N_HARNESS_PACKAGE_DIR: load another build (e.g. a packed release unpacked somewhere) instead of ./dist.
	const n8n = await startN8n({ packageDir: process.env.N8N_HARNESS_PACKAGE_DIR });
	const file = sharedFilePath();
	writeFileSync(file, JSON.stringify(n8n.connectionInfo(), null, 2), { mode: 0o600 });
	// Also when jest is interrupted and globalTeardown never runs.
	process.once('exit', () => rmSync(file, { force: true }));
	process.env[SHARED_FILE_ENV] = file;
	(globalThis as HarnessGlobal).__n8nHarnessShared = n8n;
	harnessLog(
		`shared n8n ready at ${n8n.baseUrl} in ${((Date.now() - started) / 1000).toFixed(1)} s (log: ${n8n.connectionInfo().logFile})`,
	);
}
