/**
 * Access for e2e test files to the one n8n that `globalSetup.ts` started for the whole run.
 * The connection travels through a JSON file named in an environment variable, because jest runs
 * globalSetup outside the test files' module registry (and, without --runInBand, in another process).
 */
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { connect, type ConnectionInfo, type N8nClient } from './n8n';

/** Environment variable holding the path of the JSON file with the shared instance's `ConnectionInfo`. */
export const SHARED_FILE_ENV = 'N8N_HARNESS_SHARED_FILE';

/** Where globalSetup writes the connection (per jest process, so parallel runs do not collide). */
export function sharedFilePath(): string {
	return join(tmpdir(), `n8n-harness-shared-${process.pid}.json`);
}

let shared: N8nClient | undefined;

/** The shared n8n (same helpers as a started instance, without restart/stop). */
export function connectShared(): N8nClient {
	if (shared !== undefined) return shared;
	const file = process.env[SHARED_FILE_ENV];
	if (file === undefined || !existsSync(file)) {
		throw new Error(
			`No shared n8n: ${SHARED_FILE_ENV} is ${file === undefined ? 'unset' : `${file} (missing)`}. ` +
				'Run e2e tests through the jest "e2e" project (npm run test:e2e), whose globalSetup starts it.',
		);
	}
	const info = JSON.parse(readFileSync(file, 'utf8')) as ConnectionInfo;
	shared = connect(info);
	return shared;
}
