/**
 * The build: type-check, bundle each node and credential into one self-contained CommonJS file
 * (zod and our shared code inside; only n8n-workflow stays external, as n8n provides it), and copy
 * the icons and codex files beside them. The published package therefore has no dependencies.
 * The Redis client is bundled once, into dist/vendor/ioredis.js, which both nodes require: one
 * copy in the package and in n8n's memory instead of one per node.
 */
const { execFileSync } = require('node:child_process');
const { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { dirname, join } = require('node:path');
const { dest, parallel, series, src } = require('gulp');
const esbuild = require('esbuild');
const pkg = require('./package.json');
const { EDITIONS, editionManifest, renamed, withoutRedisStore } = require('./scripts/editions');
const { editionReadme } = require('./scripts/editionReadme');

function clean(done) {
	rmSync('dist', { recursive: true, force: true });
	rmSync('editions', { recursive: true, force: true });
	done();
}

function compile(done) {
	execFileSync(
		process.execPath,
		[require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
		{
			stdio: 'inherit',
		},
	);
	done();
}

/** package.json's `n8n` section names every file n8n loads: those are the entry points. */
const entryPoints = [...pkg.n8n.nodes, ...pkg.n8n.credentials].map((file) =>
	file.replace(/^dist\//, '').replace(/\.js$/, '.ts'),
);

const common = {
	bundle: true,
	platform: 'node',
	format: 'cjs',
	target: 'node20',
	legalComments: 'none',
	logLevel: 'warning',
};

/** From dist/nodes/<Node>/<Node>.node.js, where every node bundle lies, to the shared client. */
const VENDORED_IOREDIS = '../../vendor/ioredis.js';

const sharedIoredis = {
	name: 'shared-ioredis',
	setup(build) {
		build.onResolve({ filter: /^ioredis$/ }, () => ({ path: VENDORED_IOREDIS, external: true }));
	},
};

async function bundle() {
	await Promise.all([
		esbuild.build({
			...common,
			entryPoints,
			outdir: 'dist',
			outbase: '.',
			external: ['n8n-workflow'],
			plugins: [sharedIoredis],
		}),
		esbuild.build({
			...common,
			entryPoints: { 'vendor/ioredis': require.resolve('ioredis') },
			outdir: 'dist',
		}),
	]);
	// The relative path holds only at the nodes' depth: a credential must never need the client.
	for (const file of pkg.n8n.credentials) {
		if (readFileSync(file, 'utf8').includes(VENDORED_IOREDIS))
			throw new Error(`${file} requires the Redis client`);
	}
}

function assets() {
	return src(['nodes/**/*.{svg,png,node.json}', 'credentials/**/*.{svg,png}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

/** `dist/…/X.node.js` → `nodes/…/X.node.ts`: the source of an entry point. */
const sourceOf = (file) => file.replace(/^dist\//, '').replace(/\.js$/, '.ts');

/** An edition's sources as the bundler reads them: no Redis store, the edition's documentation links. */
function editionSource(edition) {
	return {
		name: `edition-source-${edition.name}`,
		setup(build) {
			build.onLoad({ filter: /[\\/](nodes|credentials)[\\/].*\.ts$/ }, (args) => ({
				contents: renamed(
					withoutRedisStore(readFileSync(args.path, 'utf8'), args.path),
					edition.name,
				),
				loader: 'ts',
			}));
			build.onResolve({ filter: /^ioredis$/ }, (args) => ({
				errors: [
					{
						text: `${args.importer} needs the Redis client, which the editions leave out: mark its use // <redis-store>`,
					},
				],
			}));
		},
	};
}

/**
 * Each vendor edition into editions/<name>/: its nodes and credentials bundled from the same
 * sources (scripts/editions.js says what differs), its icons and codex files, package.json,
 * README and LICENSE.
 */
async function editions() {
	for (const edition of EDITIONS) {
		const root = join('editions', edition.name);
		const entries = [...edition.nodes, ...edition.credentials].map(sourceOf);
		await esbuild.build({
			...common,
			entryPoints: entries,
			outdir: join(root, 'dist'),
			outbase: '.',
			external: ['n8n-workflow'],
			plugins: [editionSource(edition)],
		});
		for (const entry of entries) {
			const folder = dirname(entry);
			for (const asset of readdirAssets(folder, entry)) {
				const target = join(root, 'dist', asset);
				mkdirSync(dirname(target), { recursive: true });
				if (asset.endsWith('.node.json'))
					writeFileSync(target, renamed(readFileSync(asset, 'utf8'), edition.name));
				else copyFileSync(asset, target);
			}
		}
		writeFileSync(
			join(root, 'package.json'),
			`${JSON.stringify(editionManifest(pkg, edition), null, '\t')}\n`,
		);
		writeFileSync(
			join(root, 'README.md'),
			editionReadme(readFileSync('README.md', 'utf8'), edition),
		);
		copyFileSync('LICENSE', join(root, 'LICENSE'));
	}
}

/**
 * The icons and codex file an entry point needs: for a node, everything beside it (its folder is
 * its own); for a credential, the icons its source names.
 */
function readdirAssets(folder, entry) {
	const { readdirSync } = require('node:fs');
	if (folder.startsWith('nodes')) {
		return readdirSync(folder)
			.filter((name) => /\.(svg|png|node\.json)$/.test(name))
			.map((name) => join(folder, name));
	}
	const source = readFileSync(entry, 'utf8');
	return [...source.matchAll(/file:([\w.-]+\.(?:svg|png))/g)].map((match) =>
		join(folder, match[1]),
	);
}

exports.clean = clean;
exports.compile = compile;
exports.bundle = bundle;
exports.assets = assets;
exports.editions = editions;
exports.build = series(clean, compile, parallel(bundle, assets), editions);
exports.default = exports.build;
