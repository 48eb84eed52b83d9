/**
 * The release gate (`scripts/release-check.mjs`, run by `prepublishOnly`): what it refuses, and
 * that a filled-in package published from a matching tag in GitHub Actions passes. Runs the script
 * on copies of package.json and CHANGELOG.md in a temporary folder.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<
	string,
	unknown
> & { version: string };

let dir: string;
beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'release-check-'));
	mkdirSync(join(dir, 'scripts'));
	copyFileSync(
		join(ROOT, 'scripts', 'release-check.mjs'),
		join(dir, 'scripts', 'release-check.mjs'),
	);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Addresses a maintainer would fill in (reserved .test domain, a fixture owner): only this test's copy holds them. */
const FILLED = {
	author: { name: 'Maintainers', email: 'maintainers@n8n-nodes-artemis-artisio.test' },
	repository: {
		type: 'git',
		url: 'git+https://github.com/release-check-fixture/n8n-nodes-artemis-artisio.git',
	},
	bugs: { url: 'https://github.com/release-check-fixture/n8n-nodes-artemis-artisio/issues' },
};

function check(
	manifest: Record<string, unknown>,
	env: Record<string, string>,
	changelog = `## ${pkg.version} (2026-12-02)\n`,
	edition?: { name: string; manifest: Record<string, unknown> },
) {
	writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest));
	writeFileSync(join(dir, 'CHANGELOG.md'), changelog);
	if (edition !== undefined) {
		mkdirSync(join(dir, 'editions', edition.name), { recursive: true });
		writeFileSync(
			join(dir, 'editions', edition.name, 'package.json'),
			JSON.stringify(edition.manifest),
		);
	}
	const ours = new Set([
		'GITHUB_ACTIONS',
		'GITHUB_REF_TYPE',
		'GITHUB_REF_NAME',
		'npm_config_provenance',
	]);
	const inherited = Object.fromEntries(
		Object.entries(process.env).filter(([name]) => !ours.has(name)),
	);
	const args = edition === undefined ? [] : ['--edition', edition.name];
	const result = spawnSync(process.execPath, [join(dir, 'scripts', 'release-check.mjs'), ...args], {
		env: { ...inherited, ...env },
		encoding: 'utf8',
	});
	return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const inActions = {
	GITHUB_ACTIONS: 'true',
	GITHUB_REF_TYPE: 'tag',
	GITHUB_REF_NAME: pkg.version,
	npm_config_provenance: 'true',
};

describe('release check', () => {
	it("refuses this repository's package.json as it is: no author e-mail, repository or bugs address", () => {
		const { status, output } = check(pkg, inActions);
		expect(status).toBe(1);
		expect(output).toContain('author.email is missing');
		expect(output).toContain('repository.url is missing');
		expect(output).toContain('bugs.url is missing');
	});

	it('passes a filled-in package from its own tag with provenance, in GitHub Actions', () => {
		const { status, output } = check({ ...pkg, ...FILLED }, inActions);
		expect(output).toContain('is ready to publish');
		expect(status).toBe(0);
	});

	it.each([
		[
			'a placeholder e-mail',
			{ author: { name: 'x', email: 'you@example.com' } },
			'author.email is a placeholder',
		],
		[
			'a repository off GitHub',
			{ repository: { url: 'https://gitlab.com/a/b.git' } },
			'repository.url (https://gitlab.com/a/b.git) is not',
		],
	])('refuses %s', (_case, change, message) => {
		const { status, output } = check({ ...pkg, ...FILLED, ...change }, inActions);
		expect(status).toBe(1);
		expect(output).toContain(message);
	});

	it('refuses a tag that is not the version, a publish without provenance, and a version missing from the CHANGELOG', () => {
		const { status, output } = check(
			{ ...pkg, ...FILLED },
			{ ...inActions, GITHUB_REF_NAME: '9.9.9', npm_config_provenance: 'false' },
			'## 0.0.1\n',
		);
		expect(status).toBe(1);
		expect(output).toContain(`the tag 9.9.9 is not package.json's version ${pkg.version}`);
		expect(output).toContain('without --provenance');
		expect(output).toContain(`CHANGELOG.md has no "## ${pkg.version}" section`);
	});

	it('refuses to publish from outside GitHub Actions, filled in or not', () => {
		const { status, output } = check({ ...pkg, ...FILLED }, {});
		expect(status).toBe(1);
		expect(output).toContain('publishing happens in GitHub Actions');
	});
});

describe('release check of a vendor edition (--edition)', () => {
	const edition = (fields: Record<string, unknown>) => ({
		name: 'n8n-nodes-artemis',
		manifest: { name: 'n8n-nodes-artemis', version: pkg.version, ...fields },
	});

	it('refuses an edition without the addresses, as the combined package', () => {
		const { status, output } = check({ ...pkg, ...FILLED }, inActions, undefined, edition({}));
		expect(status).toBe(1);
		expect(output).toContain('refusing to publish n8n-nodes-artemis@');
		expect(output).toContain('author.email is missing');
	});

	it('passes a filled-in edition of the same version, and refuses one built from another version', () => {
		expect(check({ ...pkg, ...FILLED }, inActions, undefined, edition(FILLED)).status).toBe(0);
		const stale = check({ ...pkg, ...FILLED }, inActions, undefined, {
			name: 'n8n-nodes-artemis',
			manifest: { ...FILLED, name: 'n8n-nodes-artemis', version: '0.0.1' },
		});
		expect(stale.status).toBe(1);
		expect(stale.output).toContain(
			`is version 0.0.1, the combined package ${pkg.version}: build again`,
		);
	});

	it('refuses an edition the build has not made', () => {
		writeFileSync(join(dir, 'package.json'), JSON.stringify({ ...pkg, ...FILLED }));
		const missing = spawnSync(
			process.execPath,
			[join(dir, 'scripts', 'release-check.mjs'), '--edition', 'n8n-nodes-nothing'],
			{ encoding: 'utf8' },
		);
		expect(missing.status).toBe(1);
		expect(`${missing.stdout}${missing.stderr}`).toContain('no edition n8n-nodes-nothing');
	});
});
