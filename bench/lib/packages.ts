/**
 * The packages n8n loads beside ours from `<user folder>/.n8n/nodes/node_modules`, like any installed
 * community package: the bare community triggers (bench/bare/, bundled with esbuild, already the
 * build's bundler) and the previous build.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { buildSync } from 'esbuild';

import { PACKAGE_NAME } from '../../test/support/n8n/package';

export const BARE_PACKAGE = 'n8n-nodes-bench-bare';
export const BARE_TYPES = {
	accepted: `${BARE_PACKAGE}.bareTrigger`,
	answerOnly: `${BARE_PACKAGE}.bareAnswerTrigger`,
	credential: `${BARE_PACKAGE}.bareCredentialTrigger`,
} as const;
export const BARE_CREDENTIAL = 'benchBareApi';
/** The bare triggers run at the typeVersion ours get by default (1.1): n8n treats version 1 differently. */
export const BARE_TYPE_VERSION = 1.1;

const SOURCES = resolve(__dirname, '..', 'bare');
const NODES = ['BareTrigger', 'BareAnswerTrigger', 'BareCredentialTrigger'];

export function installBarePackage(userFolder: string): string {
	const target = join(userFolder, '.n8n', 'nodes', 'node_modules', BARE_PACKAGE);
	mkdirSync(join(target, 'dist'), { recursive: true });
	buildSync({
		entryPoints: [
			...NODES.map((name) => join(SOURCES, `${name}.node.ts`)),
			join(SOURCES, 'BenchBareApi.credentials.ts'),
		],
		outdir: join(target, 'dist'),
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node20',
		external: ['n8n-workflow'],
		logLevel: 'warning',
	});
	const manifest = {
		name: BARE_PACKAGE,
		version: '0.0.0',
		private: true,
		keywords: ['n8n-community-node-package'],
		n8n: {
			n8nNodesApiVersion: 1,
			nodes: NODES.map((name) => `dist/${name}.node.js`),
			credentials: ['dist/BenchBareApi.credentials.js'],
		},
	};
	writeFileSync(join(target, 'package.json'), JSON.stringify(manifest, null, 2));
	return BARE_PACKAGE;
}

/** Copies the previous build under another package name, so that both load into one n8n. */
export function installCandidate(candidateDir: string, userFolder: string): string {
	const name = `${PACKAGE_NAME}-candidate`;
	const target = join(userFolder, '.n8n', 'nodes', 'node_modules', name);
	const manifest = JSON.parse(readFileSync(join(candidateDir, 'package.json'), 'utf8')) as object;
	mkdirSync(target, { recursive: true });
	cpSync(join(candidateDir, 'dist'), join(target, 'dist'), { recursive: true });
	writeFileSync(join(target, 'package.json'), JSON.stringify({ ...manifest, name }, null, 2));
	return name;
}
