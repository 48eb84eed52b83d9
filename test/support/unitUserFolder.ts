/**
 * n8n-core's InstanceSettings reads `N8N_USER_FOLDER` when it is first imported and may write its
 * config file there, so the unit harnesses give it a throwaway folder of their own before they
 * import n8n-core, and remove it after the test file (jest gives each file its own environment,
 * so one folder per file; they used to stay behind in the temporary directory).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

if (process.env.N8N_USER_FOLDER === undefined) {
	const folder = mkdtempSync(join(tmpdir(), 'artemis-artisio-unit-'));
	process.env.N8N_USER_FOLDER = folder;
	afterAll(() => rmSync(folder, { recursive: true, force: true }));
}
