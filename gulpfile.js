/**
 * The build: type-check, bundle each node and credential into one self-contained CommonJS file
 * (zod and our shared code inside; only n8n-workflow stays external, as n8n provides it), and copy
 * the icons and codex files beside them. The published package therefore has no dependencies.
 */
const { execFileSync } = require('node:child_process');
const { rmSync } = require('node:fs');
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

async function bundle() {
	await esbuild.build({
		entryPoints,
		outdir: 'dist',
		outbase: '.',
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node20',
		external: ['n8n-workflow'],
		legalComments: 'none',
		logLevel: 'warning',
	});
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
