#!/usr/bin/env node
/**
 * The release gate (`prepublishOnly`, so also the publish workflow): refuses to publish what n8n
 * cannot verify or users cannot reach. package.json is the one place for the project's public
 * addresses; until a maintainer fills them in (CONTRIBUTING.md "Releasing"), nothing is published.
 *
 * Checks: `author.email`, `repository.url` (a GitHub repository: n8n reads the source from the
 * provenance statement, which GitHub Actions writes) and `bugs.url` are present and not
 * placeholders; CHANGELOG.md has a section for this version; in GitHub Actions the pushed tag is
 * this version; outside GitHub Actions it refuses unless `--local` is given (n8n verifies only
 * packages published with npm provenance, which only CI can produce).
 *
 * `--edition <name>` checks a vendor edition the build made (`editions/<name>/package.json`) the
 * same way, and that it carries the combined package's version.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const combined = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const editionIndex = process.argv.indexOf('--edition');
const edition = editionIndex === -1 ? undefined : process.argv[editionIndex + 1];
const problems = [];
let pkg = combined;
if (edition !== undefined) {
	const manifest = join(root, 'editions', String(edition), 'package.json');
	if (!/^n8n-nodes-[a-z]+$/.test(String(edition)) || !existsSync(manifest)) {
		console.error(
			`release check: no edition ${edition} (editions/<name>/package.json, made by npm run build)`,
		);
		process.exit(1);
	}
	pkg = JSON.parse(readFileSync(manifest, 'utf8'));
	if (pkg.version !== combined.version)
		problems.push(
			`${edition} is version ${pkg.version}, the combined package ${combined.version}: build again`,
		);
}

const PLACEHOLDER =
	/example\.(com|org|net)|your[-_ ]?(name|org|user|e-?mail)|changeme|todo|xxx|<|>/i;

function requireAddress(field, value, pattern, what) {
	if (typeof value !== 'string' || value.trim() === '')
		problems.push(`package.json ${field} is missing: ${what}`);
	else if (PLACEHOLDER.test(value))
		problems.push(`package.json ${field} is a placeholder (${value}): ${what}`);
	else if (!pattern.test(value)) problems.push(`package.json ${field} (${value}) is not ${what}`);
}

const repositoryUrl = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
const bugsUrl = typeof pkg.bugs === 'string' ? pkg.bugs : pkg.bugs?.url;
requireAddress(
	'author.email',
	pkg.author?.email,
	/^[^\s@]+@[^\s@]+\.[^\s@]+$/,
	"the maintainers' e-mail address",
);
requireAddress(
	'repository.url',
	repositoryUrl,
	/^(git\+)?https:\/\/github\.com\/[\w.-]+\/[\w.-]+?(\.git)?$/,
	'the public GitHub repository (https://github.com/<owner>/<repo>.git)',
);
requireAddress(
	'bugs.url',
	bugsUrl,
	/^https:\/\//,
	"where users report issues (the repository's /issues page)",
);

const changelog = existsSync(join(root, 'CHANGELOG.md'))
	? readFileSync(join(root, 'CHANGELOG.md'), 'utf8')
	: '';
if (!new RegExp(`^## ${pkg.version.replace(/\./g, '\\.')}\\b`, 'm').test(changelog)) {
	problems.push(`CHANGELOG.md has no "## ${pkg.version}" section`);
}

if (process.env.GITHUB_ACTIONS === 'true') {
	const tag = process.env.GITHUB_REF_TYPE === 'tag' ? process.env.GITHUB_REF_NAME : undefined;
	if (tag !== undefined && tag !== pkg.version && tag !== `v${pkg.version}`) {
		problems.push(`the tag ${tag} is not package.json's version ${pkg.version}`);
	}
	if (process.env.npm_config_provenance !== 'true')
		problems.push('npm publish runs without --provenance');
} else if (!process.argv.includes('--local')) {
	problems.push(
		'publishing happens in GitHub Actions (.github/workflows/publish.yml), with npm provenance: push a version tag instead (CONTRIBUTING.md "Releasing")',
	);
}

if (problems.length > 0) {
	console.error(
		`release check: refusing to publish ${pkg.name}@${pkg.version}:\n${problems.map((line) => `  - ${line}`).join('\n')}`,
	);
	process.exit(1);
}
console.log(`release check: ${pkg.name}@${pkg.version} is ready to publish`);
