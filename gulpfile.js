/**
 * The build: type-check, bundle each node and credential into one self-contained CommonJS file
 * (zod and our shared code inside; only n8n-workflow stays external, as n8n provides it), and copy
 * the icons and codex files beside them. The published package therefore has no dependencies.
 * The Redis client is bundled once, into dist/vendor/ioredis.js, which both nodes require: one
 * copy in the package and in n8n's memory instead of one per node.
 */
const { execFileSync } = require('node:child_process');
const { readFileSync, rmSync } = require('node:fs');
const { dest, parallel, series, src } = require('gulp');
const esbuild = require('esbuild');
const pkg = require('./package.json');

function clean(done) {
	rmSync('dist', { recursive: true, force: true });
	done();
}

function compile(done) {
	execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
		stdio: 'inherit',
	});
	done();
}

/** package.json's `n8n` section names every file n8n loads: those are the entry points. */
const entryPoints = [...pkg.n8n.nodes, ...pkg.n8n.credentials].map((file) =>
	file.replace(/^dist\//, '').replace(/\.js$/, '.ts'),
);

const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', legalComments: 'none', logLevel: 'warning' };

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
		esbuild.build({ ...common, entryPoints, outdir: 'dist', outbase: '.', external: ['n8n-workflow'], plugins: [sharedIoredis] }),
		esbuild.build({ ...common, entryPoints: { 'vendor/ioredis': require.resolve('ioredis') }, outdir: 'dist' }),
	]);
	// The relative path holds only at the nodes' depth: a credential must never need the client.
	for (const file of pkg.n8n.credentials) {
		if (readFileSync(file, 'utf8').includes(VENDORED_IOREDIS)) throw new Error(`${file} requires the Redis client`);
	}
}

function assets() {
	return src(['nodes/**/*.{svg,png,node.json}', 'credentials/**/*.{svg,png}'], { base: '.', encoding: false }).pipe(
		dest('dist'),
	);
}

exports.clean = clean;
exports.compile = compile;
exports.bundle = bundle;
exports.assets = assets;
exports.build = series(clean, compile, parallel(bundle, assets));
exports.default = exports.build;
