/** Jest globalTeardown of the e2e project: stops the shared n8n and removes its connection file. */
import { existsSync, readFileSync, rmSync } from 'node:fs';

import type { ConnectionInfo } from './n8n';
import type { HarnessGlobal } from './globalSetup';
import { SHARED_FILE_ENV } from './shared';

export default async function globalTeardown(): Promise<void> {
	const n8n = (globalThis as HarnessGlobal).__n8nHarnessShared;
	const file = process.env[SHARED_FILE_ENV];
	if (n8n !== undefined) {
		await n8n.stop();
		(globalThis as HarnessGlobal).__n8nHarnessShared = undefined;
	} else if (file !== undefined && existsSync(file)) {
		// Should not happen (setup and teardown share globalThis), but never leave n8n running.
		const info = JSON.parse(readFileSync(file, 'utf8')) as ConnectionInfo;
		if (info.pid !== undefined) {
			try {
				process.kill(-info.pid, 'SIGKILL');
			} catch {
				// Already gone.
			}
		}
	}
	if (file !== undefined) rmSync(file, { force: true });
}
