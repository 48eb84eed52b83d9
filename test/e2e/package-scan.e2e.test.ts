/**
 * n8n's verification scan (`scripts/scan-package.mjs`: `@n8n/scan-community-package`'s own
 * `analyzePackage()` on the packed tarball and on the source) as part of the test command, so that
 * it stays clean. What may stand is named there: `valid-author` until package.json has the
 * maintainers' address, and n8n Cloud's rules inside the bundled Redis client.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { PROJECT_ROOT } from '../support/n8n';

function scan(...args: string[]): { status: number | null; output: string } {
	// Without jest's NODE_ENV=test: eslint-plugin-n8n-nodes-base switches to its own test shortcuts
	// under it (a fixed file name, every function an `execute` block) and reports what n8n's scan does not.
	const env = Object.fromEntries(
		Object.entries(process.env).filter(([name]) => name !== 'NODE_ENV'),
	);
	const result = spawnSync(
		process.execPath,
		[join(PROJECT_ROOT, 'scripts', 'scan-package.mjs'), ...args],
		{
			cwd: PROJECT_ROOT,
			env,
			encoding: 'utf8',
			timeout: 240_000,
		},
	);
	return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("n8n's verification scan", () => {
	it('finds nothing in the packed tarball or the source but what is named as pending', () => {
		const { status, output } = scan();
		expect(output).not.toContain('FAILED');
		expect(output).toMatch(/^scan tarball \(npm pack\): /m);
		expect(output).toMatch(/^scan source: /m);
		// The source leg: our TypeScript, credentials and package.json.
		expect(output).toMatch(
			/^scan source: (clean|nothing else found; valid-author pending until release \(.*\))$/m,
		);
		expect(status).toBe(0);
	});

	it('refuses a release while anything, valid-author included, is found (--strict)', () => {
		const { status, output } = scan('--strict');
		const manifest = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
			author?: { email?: string };
		};
		const pendingAuthor = !manifest.author?.email;
		if (pendingAuthor) {
			expect(output).toMatch(/FAILED/);
			expect(output).toContain('@n8n/community-nodes/valid-author');
			expect(status).toBe(1);
		} else {
			expect(output).not.toContain('valid-author');
		}
	});
});

describe('the vendor editions (editions/, made by the build)', () => {
	it.each(['n8n-nodes-artemis', 'n8n-nodes-artisio'])(
		"n8n's scan finds nothing in the %s tarball but what is named as pending",
		(edition) => {
			const { status, output } = scan('--edition', edition);
			expect(output).not.toContain('FAILED');
			expect(output).toMatch(
				new RegExp(
					`^scan ${edition} tarball \\(npm pack\\): (clean|nothing else found; valid-author pending until release \\(.*\\))$`,
					'm',
				),
			);
			expect(output).not.toMatch(/Redis client/);
			expect(status).toBe(0);
		},
	);

	it.each(['n8n-nodes-artemis', 'n8n-nodes-artisio'])(
		"%s: n8n's lint set passes on its package.json, and the release scan (--strict) refuses while the author has no address",
		(edition) => {
			const manifestPath = join(PROJECT_ROOT, 'editions', edition, 'package.json');
			const lint = spawnSync(
				process.execPath,
				[
					join(PROJECT_ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'),
					'--max-warnings',
					'0',
					manifestPath,
				],
				{ cwd: PROJECT_ROOT, encoding: 'utf8' },
			);
			expect(`${lint.stdout}${lint.stderr}`).toBe('');
			expect(lint.status).toBe(0);
			const strict = scan('--edition', edition, '--strict');
			const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
				author?: { email?: string };
			};
			if (!manifest.author?.email) {
				expect(strict.output).toContain('@n8n/community-nodes/valid-author');
				expect(strict.status).toBe(1);
			} else {
				expect(strict.status).toBe(0);
			}
		},
	);
});
