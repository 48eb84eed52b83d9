#!/usr/bin/env node
/**
 * n8n's verification scan, run here as n8n runs it before it verifies a package: the
 * `analyzePackage()` of `@n8n/scan-community-package` (its own ESLint config, inline
 * `eslint-disable` comments ignored), once on the tarball `npm pack` makes (compiled `.js` and the
 * published package.json) and once on the source it lints (`package.json`,
 * `{nodes,credentials}/**\/*.{js,ts,json}`). n8n downloads both from the registry and GitHub; we
 * give it the same two trees from this checkout.
 *
 * `--edition <name>` scans a vendor edition's tarball instead (`editions/<name>/`, made by the
 * build): it bundles no Redis client, so nothing is allowed there but `valid-author`.
 *
 * Exit code 0 when neither leg finds anything but these two, each named in the output:
 * - `valid-author`, while package.json has no author e-mail: the project has no public address yet
 *   and we do not invent one (CONTRIBUTING.md "Releasing"). With `--strict` (the release) it fails.
 * - n8n Cloud's rules (`no-restricted-globals`, `no-restricted-imports`, `no-console`) inside the
 *   bundled Redis client (ioredis and the packages it depends on), located by esbuild's
 *   `// node_modules/<package>/…` markers in the bundle: a TCP client needs `net`, `tls`, timers and
 *   `process`, which n8n does not allow in verified packages (README "n8n verification"). Anything
 *   else in the bundle, our code and zod included, fails the scan.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import {
	analyzePackage,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const strict = process.argv.includes('--strict');
const editionIndex = process.argv.indexOf('--edition');
const edition = editionIndex === -1 ? undefined : process.argv[editionIndex + 1];
if (edition !== undefined && !/^n8n-nodes-[a-z]+$/.test(edition))
	throw new Error(`--edition needs an edition's package name, got ${edition}`);
/** The folder `npm pack` packs: the combined package, or an edition the build made. */
const packed = edition === undefined ? root : join(root, 'editions', edition);
/** Findings that may stand until the publisher fills in package.json (CONTRIBUTING.md "Releasing"). */
const PENDING_UNTIL_RELEASE = strict ? [] : ['@n8n/community-nodes/valid-author'];

const CLOUD_RULES = [
	'@n8n/community-nodes/no-restricted-globals',
	'@n8n/community-nodes/no-restricted-imports',
	'no-console',
];

/**
 * ioredis and every package it depends on, read from the installed tree; optional peers count when
 * installed, since the bundler then bundles them (debug takes supports-color when it finds it).
 */
function redisClientPackages() {
	const found = new Set();
	const visit = (name) => {
		if (found.has(name)) return;
		let manifest;
		try {
			manifest = JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8'));
		} catch {
			return;
		}
		found.add(name);
		const wanted = {
			...manifest.dependencies,
			...manifest.optionalDependencies,
			...manifest.peerDependencies,
			...manifest.peerDependenciesMeta,
		};
		for (const dependency of Object.keys(wanted)) visit(dependency);
	};
	visit('ioredis');
	return found;
}

/** Findings in ESLint's `stylish` output: `{ file, line, ruleId }` per finding line. */
function findingsIn(details) {
	const findings = [];
	let file;
	for (const line of (details ?? '').split('\n')) {
		const finding = /^\s+(\d+):\d+\s+(?:error|warning)\s+.*\s(\S+)$/.exec(line);
		if (finding) findings.push({ file, line: Number(finding[1]), ruleId: finding[2] });
		else if (line.startsWith('/')) file = line.trim();
	}
	return findings;
}

/** The package a bundled line comes from: the last `// node_modules/<package>/` marker above it. */
function packageAt(file, lineNumber) {
	const lines = readFileSync(file, 'utf8').split('\n');
	for (let index = lineNumber - 1; index >= 0; index -= 1) {
		const marker = /^\/\/ (?:.*\/)?node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(lines[index]);
		if (marker) return marker[1];
		if (/^\/\/ (?:nodes|credentials)\//.test(lines[index])) return undefined;
	}
	return undefined;
}

function packTarball() {
	const dir = mkdtempSync(join(tmpdir(), 'n8n-scan-'));
	execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], {
		cwd: packed,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	const tarball = readdirSync(dir).find((file) => file.endsWith('.tgz'));
	if (tarball === undefined) throw new Error('npm pack made no tarball');
	const packageDir = join(dir, 'package');
	mkdirSync(packageDir);
	execFileSync('tar', ['-xzf', join(dir, tarball), '-C', packageDir, '--strip-components=1']);
	return { dir, packageDir };
}

const pack = packTarball();
let failed = false;
try {
	const tarballLeg = {
		name: edition === undefined ? 'tarball (npm pack)' : `${edition} tarball (npm pack)`,
		result: await analyzePackage(pack.packageDir, ['**/*.js', 'package.json']),
	};
	const legs =
		edition === undefined
			? [tarballLeg, { name: 'source', result: await analyzePackage(root, SOURCE_FILE_PATTERNS) }]
			: [tarballLeg];
	// An edition bundles no Redis client: a finding of n8n Cloud's rules there is a failure.
	const redisClient = edition === undefined ? redisClientPackages() : new Set();
	for (const { name, result } of legs) {
		if (result.passed) {
			console.log(`scan ${name}: clean`);
			continue;
		}
		const findings = findingsIn(result.details);
		const pending = findings.filter((finding) => PENDING_UNTIL_RELEASE.includes(finding.ruleId));
		const inRedisClient = findings.filter(
			(finding) =>
				CLOUD_RULES.includes(finding.ruleId) &&
				finding.file?.endsWith('.js') &&
				redisClient.has(packageAt(finding.file, finding.line)),
		);
		const rest = findings.filter(
			(finding) => !pending.includes(finding) && !inRedisClient.includes(finding),
		);
		if (findings.length === 0 || rest.length > 0) {
			failed = true;
			console.log(`scan ${name}: FAILED: ${result.message ?? ''}`);
			for (const finding of rest)
				console.log(`  ${finding.file}:${finding.line}  ${finding.ruleId}`);
			if (findings.length === 0) console.log(result.details ?? '');
			continue;
		}
		const parts = [];
		if (pending.length > 0)
			parts.push(
				'valid-author pending until release (package.json author e-mail; CONTRIBUTING.md "Releasing")',
			);
		if (inRedisClient.length > 0) {
			const byRule = CLOUD_RULES.map((rule) => [
				rule,
				inRedisClient.filter((finding) => finding.ruleId === rule).length,
			]).filter(([, count]) => count > 0);
			const packages = [
				...new Set(inRedisClient.map((finding) => packageAt(finding.file, finding.line))),
			].sort();
			parts.push(
				`${inRedisClient.length} findings of n8n Cloud's rules inside the bundled Redis client only (${byRule.map(([rule, count]) => `${rule.replace('@n8n/community-nodes/', '')} ${count}`).join(', ')}; in ${packages.join(', ')}): not verifiable while the Redis store is bundled (README "n8n verification")`,
			);
		}
		console.log(`scan ${name}: nothing else found; ${parts.join('; ')}`);
	}
} finally {
	rmSync(pack.dir, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
