#!/usr/bin/env node
/**
 * CONTRIBUTING.md's test command (`npm test`, also `.ci/run`): the build, then every jest test (unit
 * tests, n8n's verification scan, end-to-end tests in a real n8n 2.x), then the n8n 1.x
 * end-to-end files on an n8n 1.x of their own (on the Node that runs this, 20 in CI). Each jest run
 * ends with its `N passed, M failed` line; this prints both and, last, their sum, which CI reads.
 *
 * `N8N_TEST_SKIP_1X=1` leaves out the 1.x run (a quicker local loop); CI never sets it.
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const jest = join(root, 'node_modules', 'jest', 'bin', 'jest.js');

/** The 1.x files: the harness itself, both triggers end to end, restarts, the Redis store, the Artemis node and the vendor editions. */
const N8N_1_FILES = [
	'test/e2e/harness.e2e.test.ts',
	'test/e2e/artemis.e2e.test.ts',
	'test/e2e/artisio.e2e.test.ts',
	'test/e2e/restart.e2e.test.ts',
	'test/e2e/redis-store.e2e.test.ts',
	'test/e2e/artemis-node.e2e.test.ts',
	'test/e2e/editions.e2e.test.ts',
];

const SUMMARY = /^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?$/;

/** Runs a command with its output passed through; resolves its exit code and last summary line. */
function run(label, command, args, env = {}) {
	return new Promise((resolve) => {
		const started = Date.now();
		process.stderr.write(`\n[test] ${label}: ${[command, ...args].join(' ')}\n`);
		const child = spawn(command, args, {
			cwd: root,
			env: { ...process.env, ...env },
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		let summary;
		let pending = '';
		child.stdout.on('data', (chunk) => {
			process.stdout.write(chunk);
			const lines = (pending + chunk.toString()).split('\n');
			pending = lines.pop() ?? '';
			for (const line of lines) {
				const match = SUMMARY.exec(line.trim());
				if (match)
					summary = {
						passed: Number(match[1]),
						failed: Number(match[2]),
						skipped: Number(match[3] ?? 0),
					};
			}
		});
		child.on('close', (code) => {
			const seconds = Math.round((Date.now() - started) / 1000);
			process.stderr.write(`[test] ${label}: exit ${code} after ${seconds} s\n`);
			resolve({ label, code: code ?? 1, summary, seconds });
		});
	});
}

const build = await run('build', 'npm', ['run', 'build']);
if (build.code !== 0) {
	console.log('\n0 passed, 1 failed');
	process.exit(1);
}

const runs = [
	await run('n8n 2.x (unit, scan, end to end)', process.execPath, [jest, '--runInBand']),
];
if (process.env.N8N_TEST_SKIP_1X !== '1') {
	runs.push(
		await run(
			'n8n 1.x (end to end)',
			process.execPath,
			[jest, '--runInBand', ...N8N_1_FILES, '--selectProjects', 'e2e'],
			{
				N8N_HARNESS_MAJOR: '1',
			},
		),
	);
}

const total = { passed: 0, failed: 0, skipped: 0 };
console.log('');
for (const { label, code, summary, seconds } of runs) {
	// A run that crashed before its summary counts as one failure, never as nothing.
	const counts = summary ?? { passed: 0, failed: 1, skipped: 0 };
	if (code !== 0 && counts.failed === 0) counts.failed = 1;
	total.passed += counts.passed;
	total.failed += counts.failed;
	total.skipped += counts.skipped;
	console.log(
		`${label}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped (${seconds} s)`,
	);
}
console.log(
	`\n${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`,
);
process.exit(total.failed > 0 ? 1 : 0);
