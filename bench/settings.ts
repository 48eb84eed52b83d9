/**
 * The bench's settings: environment variables, every one printed at the top of the output.
 *
 *   BENCH_ROUNDS (2)              measured rounds in n8n, after one warm-up round
 *   BENCH_DURATION_S (8)          load per run of a scenario that starts executions
 *   BENCH_SHORT_DURATION_S (4)    load per run of a scenario that starts none
 *   BENCH_WARMUP_S (2)            load per scenario in the warm-up round
 *   BENCH_CONCURRENCY (4)         closed-loop keep-alive clients
 *   BENCH_DRAIN_TIMEOUT_S (90)    longest wait for a run's executions to finish
 *   BENCH_INPROCESS_ITERATIONS (5000), BENCH_INPROCESS_WARMUP (1500)
 *   BENCH_INPROCESS_NODE (24)     24 (n8n 2.x's runtime), 20 (this shell's), or both
 *   BENCH_N8N_ENV                 extra n8n settings, KEY=VALUE,KEY=VALUE, passed to n8n as they are
 *   BENCH_CANDIDATE_DIR           a build of the package (package.json + dist/) measured in n8n as
 *                                 "the previous build"
 *   BENCH_BASELINE_REF            without BENCH_CANDIDATE_DIR: the git commit built as the previous build
 *                                 (default: lib/previousBuild.ts); `none` for no previous build
 *   BENCH_SCENARIOS               only these scenarios in n8n (comma-separated keys, see scenarios.ts)
 *   BENCH_SKIP_INPROCESS=1, BENCH_SKIP_N8N=1, BENCH_SKIP_REDIS=1 (no Redis-store scenarios)
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';

import { N8N_VERSION, node24BinDir, PROJECT_ROOT } from '../test/support/n8n';
import { PREVIOUS_BUILD_REF } from './lib/previousBuild';
import { out } from './lib/stats';
import { typeVersionsOf } from './scenarios';

export const NODE24 = join(node24BinDir, 'node');

const DEFAULTS = {
	BENCH_ROUNDS: '2',
	BENCH_DURATION_S: '8',
	BENCH_SHORT_DURATION_S: '4',
	BENCH_WARMUP_S: '2',
	BENCH_CONCURRENCY: '4',
	BENCH_DRAIN_TIMEOUT_S: '90',
	BENCH_INPROCESS_ITERATIONS: '5000',
	BENCH_INPROCESS_WARMUP: '1500',
	BENCH_INPROCESS_NODE: '24',
	BENCH_N8N_ENV: '',
	BENCH_CANDIDATE_DIR: '',
	BENCH_BASELINE_REF: PREVIOUS_BUILD_REF,
	BENCH_SCENARIOS: '',
	BENCH_SKIP_INPROCESS: '0',
	BENCH_SKIP_N8N: '0',
	BENCH_SKIP_REDIS: '0',
};
type Name = keyof typeof DEFAULTS;

const value = (name: Name): string => process.env[name]?.trim() || DEFAULTS[name];
const list = (name: Name): string[] =>
	value(name)
		.split(/[,\s]+/)
		.filter(Boolean);
function positive(name: Name, whole = false): number {
	const number = Number(value(name));
	if (!Number.isFinite(number) || number <= 0)
		throw new Error(`${name} must be a positive number, got "${value(name)}"`);
	return whole ? Math.floor(number) : number;
}

export function readSettings() {
	const nodes = value('BENCH_INPROCESS_NODE');
	const env = list('BENCH_N8N_ENV').map((pair) => {
		if (pair.indexOf('=') <= 0) throw new Error(`BENCH_N8N_ENV: "${pair}" is not KEY=VALUE`);
		return [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
	});
	return {
		rounds: positive('BENCH_ROUNDS', true),
		durationS: positive('BENCH_DURATION_S'),
		shortDurationS: positive('BENCH_SHORT_DURATION_S'),
		warmupS: positive('BENCH_WARMUP_S'),
		concurrency: positive('BENCH_CONCURRENCY', true),
		drainTimeoutS: positive('BENCH_DRAIN_TIMEOUT_S'),
		iterations: positive('BENCH_INPROCESS_ITERATIONS', true),
		inprocessWarmup: positive('BENCH_INPROCESS_WARMUP', true),
		inprocessNodes: nodes === 'both' ? ['24', '20'] : [nodes === '20' ? '20' : '24'],
		n8nEnv: Object.fromEntries(env) as Record<string, string>,
		candidateDir: value('BENCH_CANDIDATE_DIR') || undefined,
		baselineRef: value('BENCH_BASELINE_REF') === 'none' ? undefined : value('BENCH_BASELINE_REF'),
		scenarios: list('BENCH_SCENARIOS').length === 0 ? undefined : list('BENCH_SCENARIOS'),
		skipInProcess: value('BENCH_SKIP_INPROCESS') === '1',
		skipN8n: value('BENCH_SKIP_N8N') === '1',
		skipRedis: value('BENCH_SKIP_REDIS') === '1',
	};
}
export type Settings = ReturnType<typeof readSettings>;

function versionOf(binary: string): string {
	const result = existsSync(binary)
		? spawnSync(binary, ['--version'], { encoding: 'utf8' })
		: undefined;
	return result?.status === 0 ? result.stdout.trim() : 'not installed';
}

/** What this run was: machine, versions and every setting; a BENCH_ variable the bench does not know is named. */
export function printHeader(): void {
	const versions = typeVersionsOf(PROJECT_ROOT);
	const names = Object.keys(DEFAULTS) as Name[];
	const unknown = Object.keys(process.env).filter(
		(name) => name.startsWith('BENCH_') && !names.includes(name as Name),
	);
	const load = loadavg().map((average) => average.toFixed(2));
	out(
		'# n8n-nodes-artemis-artisio benchmark',
		'',
		`Machine: ${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown'}; load average at start ${load.join(' ')}`,
		`Node: ${process.version} (this script, load generator), ${versionOf(NODE24)} (n8n, in-process parts)`,
		`n8n: ${N8N_VERSION}; package typeVersions used: Artemis ${versions.artemis}, Artisio ${versions.artisio}`,
		`Settings: ${names.map((name) => `${name}=${value(name) || (name === 'BENCH_SCENARIOS' ? '(all)' : '(none)')}`).join(' ')}`,
		...(unknown.length === 0 ? [] : [`Not bench settings, ignored: ${unknown.join(', ')}`]),
		'Other processes may share this machine: judge by the ratios (measured side by side), not by the absolute figures.',
		'',
	);
}
