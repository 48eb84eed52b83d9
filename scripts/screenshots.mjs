#!/usr/bin/env node
/**
 * `npm run screenshots`: regenerates the README's pictures from the real editor. Builds, runs the
 * browser test (test/e2e/editor.browser.e2e.test.ts, which starts its own n8n 2.41.1 and saves
 * every screenshot under test-output/screenshots/), then copies the pictures the README shows
 * into docs/images/. `--copy-only` copies from the last run without running it again.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const from = join(root, 'test-output', 'screenshots');
const to = join(root, 'docs', 'images');

/** The screenshots the README shows, by the names the browser test gives them. */
const README_PICTURES = [
	'artemis-node-panel.png',
	'artemis-test-item.png',
	'artemis-test-ignored.png',
	'artemis-rejected-output.png',
	'artisio-node-panel.png',
	'artisio-credential-weak.png',
];

function run(command, args) {
	process.stderr.write(`[screenshots] ${[command, ...args].join(' ')}\n`);
	const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
	if (result.status !== 0) {
		process.stderr.write(
			`[screenshots] failed (exit ${result.status}): docs/images left as it was\n`,
		);
		process.exit(result.status ?? 1);
	}
}

if (!process.argv.includes('--copy-only')) {
	run('npm', ['run', 'build']);
	run(process.execPath, [
		join(root, 'node_modules', 'jest', 'bin', 'jest.js'),
		'test/e2e/editor.browser.e2e.test.ts',
		'--runInBand',
	]);
}

const missing = README_PICTURES.filter((name) => !existsSync(join(from, name)));
if (missing.length > 0) {
	process.stderr.write(
		`[screenshots] not in ${from}: ${missing.join(', ')} (run without --copy-only)\n`,
	);
	process.exit(1);
}
mkdirSync(to, { recursive: true });
for (const name of README_PICTURES) copyFileSync(join(from, name), join(to, name));
process.stderr.write(`[screenshots] copied ${README_PICTURES.length} pictures to docs/images/\n`);
