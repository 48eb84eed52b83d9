/**
 * The package under test, as n8n loads it: a community package copied into the user folder.
 *
 * A community package placed (copied) in `<N8N_USER_FOLDER>/.n8n/nodes/node_modules/n8n-nodes-*` is
 * loaded by n8n's community-packages module without any `installed_packages` row.
 */
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { harnessLog } from '../util';

export const PACKAGE_NAME = 'n8n-nodes-artemis-artisio';
/** The project root (this file is test/support/n8n/package.ts). */
export const PROJECT_ROOT = resolve(__dirname, '..', '..', '..');

/**
 * Copies `package.json` and `dist/` of the package into the folder n8n loads community packages
 * from. A copy, not a symlink: Node resolves a symlinked package's `require('n8n-workflow')` from
 * its real path (the project, with its own dev copy of n8n-workflow), and two n8n-workflow copies
 * break `instanceof` checks inside n8n.
 */
export function installPackage(packageDir: string, userFolder: string): void {
	const target = join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
	rmSync(target, { recursive: true, force: true });
	const dist = join(packageDir, 'dist');
	if (!existsSync(dist)) {
		harnessLog(
			`WARNING: ${dist} does not exist (run \`npm run build\`); starting n8n without ${PACKAGE_NAME}`,
		);
		return;
	}
	mkdirSync(target, { recursive: true });
	cpSync(join(packageDir, 'package.json'), join(target, 'package.json'));
	cpSync(dist, join(target, 'dist'), { recursive: true });
}
