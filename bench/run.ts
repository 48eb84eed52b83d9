/**
 * `npm run bench`: every figure a ratio measured side by side in one run, with the absolute figures
 * beside it. Three parts (docs/performance.md says how to read them):
 *   1. in process: the node's own work per request against JSON.parse of the same body;
 *   2. in process: deduplication at 100, 1,000 and 10,000 remembered records;
 *   3. in a real n8n: both triggers against the community-node floor (bare community triggers
 *      loaded beside ours, bench/bare/) and n8n's own Webhook node, interleaved rounds; Artisio's
 *      latency one request at a time, as Artisio sends.
 * Optional: BENCH_PROFILE=1 adds a CPU profile of n8n's main process per scenario.
 *
 * Settings (environment variables; every one is printed):
 *   BENCH_ROUNDS (2)              measured rounds in n8n, after one warm-up round
 *   BENCH_DURATION_S (8)          load per run of a scenario that starts executions
 *   BENCH_SHORT_DURATION_S (4)    load per run of a scenario that starts none
 *   BENCH_WARMUP_S (2)            load per scenario in the warm-up round
 *   BENCH_CONCURRENCY (4)         closed-loop keep-alive clients
 *   BENCH_DRAIN_TIMEOUT_S (90)    longest wait for a run's executions to finish
 *   BENCH_INPROCESS_ITERATIONS (5000), BENCH_INPROCESS_WARMUP (1500)
 *   BENCH_INPROCESS_NODE (24)     24 (n8n 2.x's runtime), 20 (this shell's), or both
 *   BENCH_N8N_ENV                 extra n8n settings, e.g. N8N_EXPRESSION_ENGINE=legacy,N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true
 *   BENCH_CANDIDATE_DIR           another build of the package (package.json + dist/ + nodes/ sources) measured side by side
 *   BENCH_BASELINE_REF            without BENCH_CANDIDATE_DIR: the git commit built as that other build (default: the
 *                                 last commit of 0.3.0's code, see lib/previousBuild.ts); `none` for no other build
 *   BENCH_SKIP_INPROCESS=1, BENCH_SKIP_N8N=1, BENCH_PROFILE=1, BENCH_PROFILE_DURATION_S (10)
 *   BENCH_SKIP_REDIS=1            no Redis-store measurements (in process, 2b, and in n8n, 3e)
 *   BENCH_SKIP_QUEUE=1            no queue-mode part (4: PostgreSQL + Redis + main + 2 webhook processes + worker)
 *   BENCH_SCENARIOS               only these scenarios of part 3 (comma-separated keys, e.g. artisio-sequential,bare-artisio-sequential)
 * The Redis-store parts start a redis-server of their own (test/support/services/), the queue-mode
 * part a whole cluster (test/support/queue.ts); each is stopped by PID when its part ends.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';

import { node24BinDir } from '../test/support/n8n';
import { startRedis } from '../test/support/services';
import type { InProcessReport, StoreRow } from './inprocess';
import { runProfile, type ProfileReport } from './profile';
import { MEASURED_ENTRIES, queueKey, type QueueReport, runQueue } from './queueMode';
import {
	hasRedisStore,
	n8nVersion,
	type RealConfig,
	type RealReport,
	type RunResult,
	runReal,
	typeVersionsOf,
} from './realN8n';
import { buildPrevious, PREVIOUS_BUILD_REF, type PreviousBuild } from './lib/previousBuild';
import {
	bytes,
	envNumber,
	median,
	ms,
	perSecond,
	quantile,
	ratio,
	summarize,
	table,
	us,
	verdict,
} from './lib/stats';

const PROJECT_ROOT = resolve(__dirname, '..');
const out = (line = ''): void => {
	process.stdout.write(`${line}\n`);
};
const log = (line: string): void => {
	process.stderr.write(`[bench] ${line}\n`);
};

interface Settings {
	rounds: number;
	durationS: number;
	shortDurationS: number;
	warmupS: number;
	concurrency: number;
	drainTimeoutS: number;
	iterations: number;
	inprocessWarmup: number;
	inprocessNodes: Array<'20' | '24'>;
	n8nEnv: Record<string, string>;
	candidateDir: string | undefined;
	baselineRef: string | undefined;
	skipInProcess: boolean;
	skipN8n: boolean;
	profile: boolean;
	profileDurationS: number;
	skipRedis: boolean;
	skipQueue: boolean;
	scenarios: string[] | undefined;
}

function parseEnvList(text: string | undefined): Record<string, string> {
	const env: Record<string, string> = {};
	for (const pair of (text ?? '').split(/[,\s]+/).filter((entry) => entry !== '')) {
		const at = pair.indexOf('=');
		if (at <= 0) throw new Error(`BENCH_N8N_ENV: "${pair}" is not KEY=VALUE`);
		env[pair.slice(0, at)] = pair.slice(at + 1);
	}
	return env;
}

function readSettings(): Settings {
	const nodes = process.env.BENCH_INPROCESS_NODE ?? '24';
	const candidate = process.env.BENCH_CANDIDATE_DIR;
	return {
		rounds: Math.floor(envNumber('BENCH_ROUNDS', 2)),
		durationS: envNumber('BENCH_DURATION_S', 8),
		shortDurationS: envNumber('BENCH_SHORT_DURATION_S', 4),
		warmupS: envNumber('BENCH_WARMUP_S', 2),
		concurrency: Math.floor(envNumber('BENCH_CONCURRENCY', 4)),
		drainTimeoutS: envNumber('BENCH_DRAIN_TIMEOUT_S', 90),
		iterations: Math.floor(envNumber('BENCH_INPROCESS_ITERATIONS', 5000)),
		inprocessWarmup: Math.floor(envNumber('BENCH_INPROCESS_WARMUP', 1500)),
		inprocessNodes: nodes === 'both' ? ['24', '20'] : nodes === '20' ? ['20'] : ['24'],
		n8nEnv: parseEnvList(process.env.BENCH_N8N_ENV),
		candidateDir: candidate === undefined || candidate === '' ? undefined : resolve(candidate),
		baselineRef:
			process.env.BENCH_BASELINE_REF === 'none'
				? undefined
				: (process.env.BENCH_BASELINE_REF ?? PREVIOUS_BUILD_REF),
		skipInProcess: process.env.BENCH_SKIP_INPROCESS === '1',
		skipN8n: process.env.BENCH_SKIP_N8N === '1',
		profile: process.env.BENCH_PROFILE === '1',
		profileDurationS: envNumber('BENCH_PROFILE_DURATION_S', 10),
		skipRedis: process.env.BENCH_SKIP_REDIS === '1',
		skipQueue: process.env.BENCH_SKIP_QUEUE === '1',
		scenarios:
			(process.env.BENCH_SCENARIOS ?? '').trim() === ''
				? undefined
				: (process.env.BENCH_SCENARIOS ?? '').split(/[,\s]+/).filter((key) => key !== ''),
	};
}

function nodeVersionOf(binary: string): string {
	const result = spawnSync(binary, ['--version'], { encoding: 'utf8' });
	return result.status === 0 ? result.stdout.trim() : 'unavailable';
}

// ---------------------------------------------------------------------------------------------------
// Parts 1 and 2: in process, in a child process on the chosen Node

function runInProcessChild(
	settings: Settings,
	nodeBinary: string,
	packageDir: string,
	compareDir?: string,
	redis?: { host: string; port: number },
): InProcessReport {
	// The in-process part imports the pipeline's sources next to the package it measures: a
	// candidate gets a copy of bench/ so that its own sources are the ones timed step by step.
	let script = join(PROJECT_ROOT, 'bench', 'inprocess.ts');
	if (packageDir !== PROJECT_ROOT) {
		const target = join(packageDir, '.bench');
		mkdirSync(target, { recursive: true });
		cpSync(join(PROJECT_ROOT, 'bench'), target, { recursive: true });
		// …and the test helpers it imports, for a candidate checked out before they existed.
		for (const file of ['singleNodeTypes.ts', 'webhookContext.ts']) {
			const helper = join('test', 'support', file);
			if (!existsSync(join(packageDir, helper)))
				cpSync(join(PROJECT_ROOT, helper), join(packageDir, helper));
		}
		script = join(target, 'inprocess.ts');
	}
	const result = spawnSync(
		nodeBinary,
		[join(PROJECT_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), script],
		{
			cwd: packageDir,
			encoding: 'utf8',
			maxBuffer: 64 * 1024 * 1024,
			env: {
				...process.env,
				NODE_PATH: join(PROJECT_ROOT, 'node_modules'),
				BENCH_PACKAGE_DIR: packageDir,
				BENCH_FIXTURES_DIR: join(PROJECT_ROOT, 'test', 'fixtures'),
				BENCH_INPROCESS_ITERATIONS: String(settings.iterations),
				BENCH_INPROCESS_WARMUP: String(settings.inprocessWarmup),
				...(compareDir === undefined ? {} : { BENCH_COMPARE_PACKAGE_DIR: compareDir }),
				...(redis === undefined
					? {}
					: { BENCH_REDIS_HOST: redis.host, BENCH_REDIS_PORT: String(redis.port) }),
			},
		},
	);
	if (result.status !== 0)
		throw new Error(`in-process bench failed (${nodeBinary}):\n${result.stderr}`);
	return JSON.parse(result.stdout) as InProcessReport;
}

const TARGETS_US: Record<string, number> = {
	'Artemis update (small)': 50,
	'Artisio Auction update (largest)': 200,
};

function printInProcess(report: InProcessReport, title: string): string[] {
	const findings: string[] = [];
	out(`### 1. The node's own work per request, in process — ${title} (${report.node})`);
	out();
	out(
		'Timed region "webhook()": one call of the built node\'s webhook() (dist/, as n8n loads it) on a real n8n-core WebhookContext:',
	);
	out(
		'IP guard (off), body read, unsafe-key strip, zod validation + normalization, filters, identify/fingerprint,',
	);
	out(
		'dedupe check-and-record, static-data write, item, answer written to a minimal response object. Every request',
	);
	out(
		"is a new record (accepted), 1,000 records remembered (the default). Not in it: HTTP, n8n's body parsing,",
	);
	out(
		'"context" = new Workflow over the loaded static data + new WebhookContext (n8n\'s own per-request work, shown apart).',
	);
	out(
		`${report.iterations} timed iterations (halved for the Artisio bodies) after ${report.warmup} warm-up ones; median and p99.`,
	);
	out();
	const rows = report.cases.map((entry) => {
		const target = TARGETS_US[entry.name];
		const met = target === undefined ? undefined : entry.webhook.median <= target;
		if (target !== undefined) {
			findings.push(
				`In-process ${entry.name} (${report.node}): webhook() median ${us(entry.webhook.median)} vs target ≤ ${us(target)}: ${verdict(met === true)}`,
			);
		}
		return [
			entry.name,
			bytes(entry.bodyBytes),
			`${us(entry.jsonParse.median)} / ${us(entry.jsonParse.p99)}`,
			`${us(entry.webhook.median)} / ${us(entry.webhook.p99)}`,
			ratio(entry.webhook.median / entry.jsonParse.median),
			`${us(entry.context.median)} / ${us(entry.context.p99)}`,
			target === undefined ? '—' : `≤ ${us(target)}: ${verdict(met === true)}`,
			entry.allAccepted ? 'yes' : 'NO',
		];
	});
	out(
		table(
			[
				'body',
				'size',
				'JSON.parse p50 / p99',
				'webhook() p50 / p99',
				'webhook ÷ parse',
				'context (n8n) p50 / p99',
				'target (p50)',
				'all accepted',
			],
			rows,
		),
	);
	out();
	out(
		"Where the node's time goes (the pure steps from the sources, timed one by one; p50 / p99, and share of the sum of medians):",
	);
	out();
	const stepRows: string[][] = [];
	for (const entry of report.cases) {
		const total = entry.steps.reduce((sum, step) => sum + step.summary.median, 0);
		for (const step of entry.steps) {
			stepRows.push([
				entry.name,
				step.step,
				`${us(step.summary.median)} / ${us(step.summary.p99)}`,
				`${((100 * step.summary.median) / total).toFixed(0)} %`,
				ratio(step.summary.median / entry.jsonParse.median),
			]);
		}
	}
	out(table(['body', 'step', 'p50 / p99', 'share', '÷ JSON.parse'], stepRows));
	out();

	out(`### 2. Deduplication cost by remembered records, in process — ${title} (${report.node})`);
	out();
	out(
		'"webhook()": per accepted Artemis event with the store full (each event evicts one record). "dedupe only": check-and-record',
	);
	out(
		'+ static-data write from the sources. "static data": the JSON n8n stores for the node. "n8n per request": what n8n does',
	);
	out(
		'with that static data — parse on load (every request, 2–3 times per accepted one), wrap every nested object in a',
	);
	out(
		'change-tracking proxy (new Workflow, every request, 2–3 times per accepted one), stringify on save (accepted ones).',
	);
	out();
	const base = report.dedupe[0];
	const n8nCost = (entry: InProcessReport['dedupe'][number]): number =>
		entry.n8nLoadParse.median + entry.n8nWrap.median + entry.n8nSaveStringify.median;
	out(
		table(
			[
				'records',
				'webhook() p50 / p99',
				'÷ at 100',
				'dedupe only p50',
				'static data',
				'bytes / record',
				'n8n parse / wrap / stringify (p50)',
				'n8n sum (÷ at 100)',
			],
			report.dedupe.map((entry) => [
				entry.records.toLocaleString('en'),
				`${us(entry.webhook.median)} / ${us(entry.webhook.p99)}`,
				ratio(entry.webhook.median / base.webhook.median),
				us(entry.dedupeOnly.median),
				bytes(entry.staticDataBytes),
				entry.bytesPerRecord.toFixed(1),
				`${us(entry.n8nLoadParse.median)} / ${us(entry.n8nWrap.median)} / ${us(entry.n8nSaveStringify.median)}`,
				`${us(n8nCost(entry))} (${ratio(n8nCost(entry) / n8nCost(base))})`,
			]),
		),
	);
	out();
	return findings;
}

function printStores(report: InProcessReport): string[] {
	const stores = report.stores;
	if (stores === undefined) return [];
	out(
		`### 2b. Deduplication store: Redis ÷ static data, in process — current build (${report.node})`,
	);
	out();
	out(
		`The built Artemis node's webhook() on a real n8n-core WebhookContext, as in part 1, with each store and ${stores.records.toLocaleString('en')}`,
	);
	out(
		`records remembered; ${stores.redis} (a redis-server of the bench's own, stopped by PID afterwards).`,
	);
	out(
		'Both stores in one loop, alternating requests with the same bodies; duplicates first (one callback repeated), then',
	);
	out(
		'accepted events (a new customer per request). "context" = new Workflow over the static data that store saved + new',
	);
	out(
		'WebhookContext (n8n\'s work). "+ n8n JSON" adds, for the static-data store, what n8n then does with the changed static',
	);
	out(
		'data without the database (stringify to save, parse on the next load; measured per request); the Redis store leaves',
	);
	out(
		'static data unchanged, so n8n saves nothing. Neither includes the database write n8n adds for the static-data store.',
	);
	out();
	const withJson = (row: StoreRow): number => row.staticData.median + stores.staticSaveLoad.median;
	out(
		table(
			[
				'delivery',
				'webhook() p50 / p99 static data',
				'webhook() p50 / p99 Redis',
				'Redis ÷ static (p50)',
				'Redis − static (p50)',
				'+ n8n JSON p50 static / Redis',
				'ratio',
				'context p50 static / Redis',
				'all as expected',
			],
			stores.rows.map((row) => [
				row.name,
				`${us(row.staticData.median)} / ${us(row.staticData.p99)}`,
				`${us(row.redis.median)} / ${us(row.redis.p99)}`,
				ratio(row.redis.median / row.staticData.median),
				us(row.redis.median - row.staticData.median),
				`${us(withJson(row))} / ${us(row.redis.median)}`,
				ratio(row.redis.median / withJson(row)),
				`${us(row.staticContext.median)} / ${us(row.redisContext.median)}`,
				row.allExpected ? 'yes' : 'NO',
			]),
		),
	);
	out();
	out('Where the difference goes (p50 / p99):');
	out();
	out(
		table(
			['measure', 'p50 / p99', 'note'],
			[
				[
					"Redis: the store's Lua check-and-record alone",
					`${us(stores.scriptRoundTrip.median)} / ${us(stores.scriptRoundTrip.p99)}`,
					'EVALSHA round trip, own client (source)',
				],
				[
					'Redis: PING',
					`${us(stores.pingRoundTrip.median)} / ${us(stores.pingRoundTrip.p99)}`,
					'bare loopback round trip',
				],
				[
					"static data: n8n's save + next load (JSON only)",
					`${us(stores.staticSaveLoad.median)} / ${us(stores.staticSaveLoad.p99)}`,
					`${bytes(stores.staticDataBytes)} stringified and parsed per request; plus a database write in n8n. Redis store: not saved`,
				],
			],
		),
	);
	out();
	const accepted = stores.rows.find((row) => row.name.startsWith('accepted'));
	return accepted === undefined
		? []
		: [
				`In-process Artemis webhook(), Redis store ÷ static-data store, accepted: ${ratio(accepted.redis.median / accepted.staticData.median)} ` +
					`(${us(accepted.redis.median)} vs ${us(accepted.staticData.median)}, the Redis round trip included); counting n8n's JSON save + ` +
					`load of the static data the static-data store changes: ${ratio(accepted.redis.median / withJson(accepted))} (no target)`,
			];
}

function printComparison(report: InProcessReport): void {
	out(`### 1–2 side by side: candidate build ÷ current build, in process (${report.node})`);
	out();
	out(
		'Both builds in one loop, alternating requests with the same bodies (each its own workflow and store); every request',
	);
	out(
		'accepted. "context" = new Workflow over the static data that build saved + new WebhookContext (n8n\'s work, which',
	);
	out('depends on the static-data format).');
	out();
	out(
		table(
			[
				'case',
				'webhook() p50 current / candidate',
				'ratio',
				'context p50 current / candidate',
				'ratio',
			],
			(report.comparison ?? []).map((row) => [
				row.name,
				`${us(row.current.median)} / ${us(row.candidate.median)}`,
				ratio(row.candidate.median / row.current.median),
				`${us(row.context.current.median)} / ${us(row.context.candidate.median)}`,
				ratio(row.context.candidate.median / row.context.current.median),
			]),
		),
	);
	out();
}

// ---------------------------------------------------------------------------------------------------
// Part 3: real n8n

/** What the helpers below need of a report (part 3's and part 4's). */
interface Measured {
	runs: RunResult[];
	scenarios: Array<{ key: string }>;
}

function runsOf(report: Measured, key: string): RunResult[] {
	return report.runs.filter((run) => run.key === key);
}

function hasScenario(report: Measured, key: string): boolean {
	return report.scenarios.some((scenario) => scenario.key === key);
}

/** Per-round ratio a/b of a metric, then the median over rounds, with the range. */
function pairedRatio(
	report: Measured,
	a: string,
	b: string,
	metric: (run: RunResult) => number,
): { median: number; min: number; max: number } {
	const ratios: number[] = [];
	for (const run of runsOf(report, a)) {
		const other = runsOf(report, b).find((candidate) => candidate.round === run.round);
		if (other !== undefined) ratios.push(metric(run) / metric(other));
	}
	const sorted = [...ratios].sort((x, y) => x - y);
	return {
		median: median(ratios),
		min: sorted[0] ?? Number.NaN,
		max: sorted[sorted.length - 1] ?? Number.NaN,
	};
}

/** Per-round difference a − b of a metric, then the median over rounds. */
function pairedDifference(
	report: Measured,
	a: string,
	b: string,
	metric: (run: RunResult) => number,
): number {
	const differences: number[] = [];
	for (const run of runsOf(report, a)) {
		const other = runsOf(report, b).find((candidate) => candidate.round === run.round);
		if (other !== undefined) differences.push(metric(run) - metric(other));
	}
	return median(differences);
}

function rate(report: Measured, key: string, metric: (run: RunResult) => number): number {
	return median(runsOf(report, key).map(metric));
}

function latency(report: Measured, key: string): string {
	const all = runsOf(report, key).flatMap((run) => run.latenciesMs);
	const summary = summarize(all);
	return `${ms(summary.median)} / ${ms(summary.p99)}`;
}

function cpuPerAnswer(report: Measured, key: string, process?: string): number {
	const runs = runsOf(report, key);
	const cpu = runs.reduce(
		(sum, run) =>
			sum + (process === undefined ? run.cpuMs : (run.otherCpuMs[process] ?? Number.NaN)),
		0,
	);
	const answers = runs.reduce((sum, run) => sum + run.expected, 0);
	return cpu / Math.max(1, answers);
}

const completion = (run: RunResult): number => run.completionRate;
const answering = (run: RunResult): number => run.answerRate;
const range = (value: { min: number; max: number }): string =>
	`${ratio(value.min)} – ${ratio(value.max)}`;

/** The closing table of a real-n8n part: every run of every scenario, with anything unexpected. */
function perRunTable(report: {
	runs: RunResult[];
	scenarios: Array<{ key: string; startsExecutions: boolean }>;
}): string[] {
	const rows = report.scenarios.map((scenario) => [
		scenario.key,
		runsOf(report, scenario.key)
			.map(
				(run) =>
					`r${run.round}: ${run.expected}, ${run.answerRate.toFixed(1)}, ${scenario.startsExecutions ? run.completionRate.toFixed(1) : '—'}` +
					(Object.keys(run.unexpected).length > 0 ? ` ${JSON.stringify(run.unexpected)}` : '') +
					(run.errors > 0 ? ` errors ${run.errors}` : '') +
					(run.executionsMissing > 0 ? ` unfinished ${run.executionsMissing}` : ''),
			)
			.join('; '),
	]);
	return [
		'Per run (round: expected answers, answers/s, accepted/s; unexpected answers and unfinished executions, if any):',
		'',
		table(['scenario', 'runs'], rows),
	];
}

/**
 * Accepted events end to end: this build, the previous build (which answered before n8n recorded
 * the execution) and n8n's own Webhook node (which n8n answers once recorded), side by side.
 */
function printAccepted(report: RealReport): string[] {
	const findings: string[] = [];
	const rows: string[][] = [];
	const percentiles = (key: string): string => {
		const sorted = runsOf(report, key)
			.flatMap((run) => run.latenciesMs)
			.sort((a, b) => a - b);
		return `${ms(quantile(sorted, 0.5))} / ${ms(quantile(sorted, 0.95))}`;
	};
	const p50 = (run: RunResult): number =>
		quantile(
			[...run.latenciesMs].sort((a, b) => a - b),
			0.5,
		);
	for (const trigger of ['artemis', 'artisio'] as const) {
		const sides: Array<[string, string]> = [
			['this build', trigger],
			['previous build', `candidate:${trigger}`],
			["n8n's Webhook node", `builtin-${trigger}`],
		];
		for (const [label, key] of sides) {
			if (!hasScenario(report, key)) continue;
			rows.push([
				`${trigger === 'artemis' ? 'Artemis' : 'Artisio'}: ${label}`,
				perSecond(rate(report, key, answering)),
				perSecond(rate(report, key, completion)),
				percentiles(key),
				key === trigger
					? ''
					: `${ratio(pairedRatio(report, trigger, key, completion).median)} (${range(pairedRatio(report, trigger, key, completion))})`,
				key === trigger ? '' : signedMs(pairedDifference(report, trigger, key, p50)),
			]);
		}
		if (hasScenario(report, `candidate:${trigger}`)) {
			const paired = pairedRatio(report, trigger, `candidate:${trigger}`, completion);
			findings.push(
				`${trigger === 'artemis' ? 'Artemis' : 'Artisio'} accepted events end to end, this build ÷ previous build: ${ratio(paired.median)} (${range(paired)}) ${verdict(paired.median >= 0.95)} (target ≥ 0.95×); ` +
					`answer p50 ${signedMs(pairedDifference(report, trigger, `candidate:${trigger}`, p50))} against the previous build`,
			);
		}
	}
	out(
		"### 3a. Accepted events: this build, the previous build and n8n's Webhook node (same n8n, same rounds)",
	);
	out();
	out(
		'This build answers `accepted` once n8n has recorded the execution, as n8n answers its own Webhook node; the previous build answered before.',
	);
	out();
	out(
		table(
			[
				'scenario',
				'answers/s',
				'executions/s',
				'answer p50 / p95',
				'executions/s this ÷ it (rounds)',
				'answer p50 this − it',
			],
			rows,
		),
	);
	out();
	return findings;
}

function printReal(report: RealReport, settings: Settings): string[] {
	const findings: string[] = [];
	const prefixes = hasScenario(report, 'candidate:artemis') ? ['', 'candidate:'] : [''];
	out(
		"### 3. In a real n8n: the triggers against n8n's own Webhook node (same n8n, same payloads, interleaved)",
	);
	out();
	out(
		`n8n ${report.n8nVersion}, Node 24, SQLite, regular mode, settings: ${Object.keys(report.env).length === 0 ? 'n8n defaults' : JSON.stringify(report.env)}.`,
	);
	out(
		`Load: ${settings.concurrency} closed-loop keep-alive clients on loopback; ${settings.rounds} measured rounds after a warm-up round, ` +
			`scenario order rotated each round; ${settings.durationS} s per run that starts executions, ${settings.shortDurationS} s per run that starts none.`,
	);
	out(
		'"accepted/s" = executions started by the run ÷ (last execution\'s stoppedAt − start of the run): what n8n really',
	);
	out(
		'processed. "answers/s" = expected answers ÷ load time. Ratios: per round (same round, minutes apart at most), median',
	);
	out(
		'over rounds, range in brackets. "CPU/answer": n8n main-process CPU (user+sys) from run start to last execution, per answer.',
	);
	out();

	const acceptedRows: string[][] = [];
	for (const prefix of prefixes) {
		for (const [trigger, builtin, payload] of [
			['artemis', 'builtin-artemis', 'Artemis update, 0.2 KB'],
			['artisio', 'builtin-artisio', 'Artisio Lot create, 17 KB'],
		] as const) {
			const key = `${prefix}${trigger}`;
			if (!hasScenario(report, key) || !hasScenario(report, builtin)) continue;
			const paired = pairedRatio(report, key, builtin, completion);
			const met = paired.median >= 1.0;
			// n8n's own node skips the webhook-phase isolate that every community trigger pays: the target is for lazy isolates.
			const judged = isolatesAreLazy(report.env);
			const targetText = judged ? `≥ 1.0×: ${verdict(met)}` : 'info (≥ 1.0× with lazy isolates)';
			findings.push(
				`Real n8n, ${prefix}${trigger} accepted vs built-in Webhook (${payload}): ${ratio(paired.median)} ` +
					(judged
						? `(target ≥ 1.0× with lazy isolates): ${verdict(met)}`
						: '(for information: eager isolates, see the floor in 3f)'),
			);
			acceptedRows.push([
				`${prefix === '' ? '' : 'candidate '}${trigger === 'artemis' ? 'Artemis' : 'Artisio'} (${payload})`,
				`${perSecond(rate(report, builtin, completion))} / ${perSecond(rate(report, key, completion))}`,
				`${ratio(paired.median)} (${range(paired)})`,
				`${perSecond(rate(report, builtin, answering))} / ${perSecond(rate(report, key, answering))}`,
				`${latency(report, builtin)}  |  ${latency(report, key)}`,
				`${ms(cpuPerAnswer(report, builtin))} / ${ms(cpuPerAnswer(report, key))}`,
				targetText,
			]);
		}
	}
	out(
		'3a. Accepted events: trigger ÷ built-in Webhook node (typeVersion 2, POST, respond immediately)',
	);
	out();
	out(
		table(
			[
				'trigger (payload)',
				'accepted/s built-in / trigger',
				'ratio (rounds)',
				'answers/s built-in / trigger',
				'p50 / p99 built-in  |  trigger',
				'CPU/answer built-in / trigger',
				'target',
			],
			acceptedRows,
		),
	);
	out();

	const noExecRows: string[][] = [];
	for (const prefix of prefixes) {
		for (const [key, accepted] of [
			['artemis-duplicate', 'artemis'],
			['artemis-ignored', 'artemis'],
			['artemis-rejected', 'artemis'],
			['artisio-duplicate', 'artisio'],
			['artisio-unauthorized', 'artisio'],
		] as const) {
			const full = `${prefix}${key}`;
			const acceptedKey = `${prefix}${accepted}`;
			if (!hasScenario(report, full) || !hasScenario(report, acceptedKey)) continue;
			const paired = pairedRatio(report, full, acceptedKey, (run) =>
				run.key === full ? run.answerRate : run.completionRate,
			);
			const met = paired.median >= 10;
			findings.push(
				`Real n8n, ${full} answers vs ${acceptedKey} accepted: ${ratio(paired.median)} (target ≥ 10×): ${verdict(met)}`,
			);
			noExecRows.push([
				`${prefix === '' ? '' : 'candidate '}${report.scenarios.find((scenario) => scenario.key === full)?.label.replace(/^candidate /, '') ?? full}`,
				perSecond(rate(report, full, answering)),
				perSecond(rate(report, acceptedKey, completion)),
				`${ratio(paired.median)} (${range(paired)})`,
				latency(report, full),
				ms(cpuPerAnswer(report, full)),
				`≥ 10×: ${verdict(met)}`,
			]);
		}
	}
	out('3b. Answers that start no execution ÷ accepted events of the same trigger');
	out();
	out(
		table(
			[
				'answer',
				'answers/s',
				'accepted/s (same trigger)',
				'ratio (rounds)',
				'p50 / p99',
				'CPU/answer',
				'target',
			],
			noExecRows,
		),
	);
	out();

	const recordRows: string[][] = [];
	for (const prefix of prefixes) {
		const small = `${prefix}artemis-100`;
		const large = `${prefix}artemis-10000`;
		if (!hasScenario(report, small) || !hasScenario(report, large)) continue;
		const paired = pairedRatio(report, large, small, completion);
		const met = paired.median >= 0.9;
		findings.push(
			`Real n8n, ${prefix}Artemis accepted with 10,000 records vs 100: ${ratio(paired.median)} (target ≥ 0.9×): ${verdict(met)}`,
		);
		recordRows.push([
			`${prefix === '' ? '' : 'candidate '}Artemis`,
			`${perSecond(rate(report, small, completion))} / ${perSecond(rate(report, large, completion))}`,
			`${ratio(paired.median)} (${range(paired)})`,
			`${latency(report, small)}  |  ${latency(report, large)}`,
			`${ms(cpuPerAnswer(report, small))} / ${ms(cpuPerAnswer(report, large))}`,
			`≥ 0.9×: ${verdict(met)}`,
		]);
	}
	out(
		'3c. Accepted events with 10,000 remembered records ÷ with 100 (store full, every event evicts one)',
	);
	out();
	out(
		table(
			[
				'trigger',
				'accepted/s 100 / 10,000',
				'ratio (rounds)',
				'p50 / p99 100  |  10,000',
				'CPU/answer 100 / 10,000',
				'target',
			],
			recordRows,
		),
	);
	out();

	const storeRows: string[][] = [];
	for (const [what, staticKey, redisKey, startsExecutions] of [
		['accepted (a new customer per request)', 'artemis', 'artemis-redis', true],
		[
			'duplicate (the same callback repeated)',
			'artemis-duplicate',
			'artemis-redis-duplicate',
			false,
		],
	] as const) {
		if (!hasScenario(report, staticKey) || !hasScenario(report, redisKey)) continue;
		const answers = pairedRatio(report, redisKey, staticKey, answering);
		const accepted = startsExecutions
			? pairedRatio(report, redisKey, staticKey, completion)
			: undefined;
		// Per accepted event: Redis costs no more when it processes at least as many events per second.
		const met = accepted === undefined ? undefined : accepted.median >= 1.0;
		const perEvent = (key: string, metric: (run: RunResult) => number): string =>
			ms(1000 / rate(report, key, metric));
		// Redis − static data, time per event, per round (same round), median: its sign follows the paired ratio.
		const eventMetric = startsExecutions ? completion : answering;
		const delta = pairedDifference(report, redisKey, staticKey, (run) => 1000 / eventMetric(run));
		const deltaText = `${delta > 0 ? '+' : delta < 0 ? '−' : '±'}${ms(Math.abs(delta))}`;
		if (accepted !== undefined) {
			findings.push(
				`Real n8n, Artemis Redis store ÷ static-data store per accepted event: ${ratio(accepted.median)} accepted/s ` +
					`(${perEvent(staticKey, completion)} vs ${perEvent(redisKey, completion)} per event, medians; Redis − static per round ${deltaText}; ` +
					`target ≥ 1.0×, Redis costs no more): ${verdict(met === true)}`,
			);
		} else {
			findings.push(
				`Real n8n, Artemis Redis store ÷ static-data store, duplicates: ${ratio(answers.median)} answers/s (no target)`,
			);
		}
		storeRows.push([
			what,
			`${perSecond(rate(report, staticKey, answering))} / ${perSecond(rate(report, redisKey, answering))}`,
			`${ratio(answers.median)} (${range(answers)})`,
			accepted === undefined
				? '—'
				: `${perSecond(rate(report, staticKey, completion))} / ${perSecond(rate(report, redisKey, completion))}`,
			accepted === undefined ? '—' : `${ratio(accepted.median)} (${range(accepted)})`,
			`${perEvent(staticKey, eventMetric)} / ${perEvent(redisKey, eventMetric)} (${deltaText})`,
			`${latency(report, staticKey)}  |  ${latency(report, redisKey)}`,
			`${ms(cpuPerAnswer(report, staticKey))} / ${ms(cpuPerAnswer(report, redisKey))}`,
			met === undefined ? '—' : `≥ 1.0×: ${verdict(met)}`,
		]);
	}
	if (storeRows.length > 0) {
		out(
			'3e. Deduplication store: Redis ÷ static data (Artemis trigger, both with 1,000 records remembered, same n8n, same rounds)',
		);
		out();
		out(
			`Redis: ${report.redis ?? 'a redis-server'} of the bench's own (loopback, stopped by PID at the end), a "Redis (Deduplication)"`,
		);
		out(
			'credential created through the public API; one Lua check-and-record per delivery, static data untouched (so n8n saves',
		);
		out(
			'none). Static data: the default store, merged and saved whole on every request, duplicates included. Ratios Redis ÷',
		);
		out(
			'static data, per round, median (range). "time per event" = 1 ÷ rate (accepted/s for accepted events, answers/s for',
		);
		out(
			'duplicates): medians over rounds, and in brackets the median over rounds of Redis − static data in the same round',
		);
		out(
			"(medians of rates and paired figures can differ when the machine's speed drifts between rounds; the paired ones",
		);
		out(
			'compare like with like). Target: the Redis store costs no more than the static-data store per accepted event, i.e.',
		);
		out('paired accepted/s ratio ≥ 1.0×.');
		out();
		out(
			table(
				[
					'Artemis, store',
					'answers/s static / Redis',
					'ratio answers',
					'accepted/s static / Redis',
					'ratio accepted',
					'time per event static / Redis (Redis − static)',
					'p50 / p99 static  |  Redis',
					'CPU/answer static / Redis',
					'target',
				],
				storeRows,
			),
		);
		out();
	}

	if (prefixes.length > 1) {
		const candidateRows: string[][] = [];
		for (const key of [
			'artemis',
			'artisio',
			'artisio-sequential',
			'artemis-duplicate',
			'artemis-ignored',
			'artemis-rejected',
			'artisio-duplicate',
			'artisio-unauthorized',
			'artemis-100',
			'artemis-10000',
		]) {
			if (!hasScenario(report, key) || !hasScenario(report, `candidate:${key}`)) continue;
			const startsExecutions =
				report.scenarios.find((scenario) => scenario.key === key)?.startsExecutions === true;
			const metric = startsExecutions ? completion : answering;
			const paired = pairedRatio(report, `candidate:${key}`, key, metric);
			candidateRows.push([
				key,
				startsExecutions ? 'accepted/s' : 'answers/s',
				`${perSecond(rate(report, key, metric))} / ${perSecond(rate(report, `candidate:${key}`, metric))}`,
				`${ratio(paired.median)} (${range(paired)})`,
				`${ms(cpuPerAnswer(report, key))} / ${ms(cpuPerAnswer(report, `candidate:${key}`))}`,
			]);
		}
		out('3d. Candidate build ÷ current build (same n8n, same rounds)');
		out();
		out(
			table(
				[
					'scenario',
					'metric',
					'current / candidate',
					'ratio (rounds)',
					'CPU/answer current / candidate',
				],
				candidateRows,
			),
		);
		out();
	}

	for (const line of perRunTable(report)) out(line);
	out();
	return findings;
}

// ---------------------------------------------------------------------------------------------------
// Part 3f and 3g: the community-node floor, and one request at a time

/** n8n 2.41.1's defaults (@n8n/config expression-engine.config.js) and what BENCH_N8N_ENV changes. */
function engineSettings(env: Record<string, string>): {
	engine: string;
	lazyAcquire: boolean;
	poolSize: string;
} {
	return {
		engine: env.N8N_EXPRESSION_ENGINE ?? 'vm',
		lazyAcquire: env.N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE === 'true',
		poolSize: env.N8N_EXPRESSION_ENGINE_POOL_SIZE ?? '1',
	};
}

function describeEngine(env: Record<string, string>): string {
	const { engine, lazyAcquire, poolSize } = engineSettings(env);
	const set = (name: string): string => (env[name] === undefined ? ' (default)' : ' (set)');
	return (
		`N8N_EXPRESSION_ENGINE=${engine}${set('N8N_EXPRESSION_ENGINE')}, ` +
		`N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=${String(lazyAcquire)}${set('N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE')}, ` +
		`N8N_EXPRESSION_ENGINE_POOL_SIZE=${poolSize}${set('N8N_EXPRESSION_ENGINE_POOL_SIZE')}` +
		(engine === 'legacy'
			? ' (legacy: no isolates at all)'
			: lazyAcquire
				? ' (isolates acquired only when an expression is evaluated)'
				: ' (an isolate acquired per webhook request, eagerly)')
	);
}

/** Whether a start node that evaluates no expression pays no isolate (lazy acquisition, or no isolates at all). */
function isolatesAreLazy(env: Record<string, string>): boolean {
	const { engine, lazyAcquire } = engineSettings(env);
	return engine === 'legacy' || lazyAcquire;
}

interface FloorRow {
	label: string;
	trigger: string;
	floor: string;
	/** accepted/s for scenarios that start executions, answers/s for the rest. */
	metric: 'accepted' | 'answers';
	target?: number;
}

const FLOOR_ROWS: FloorRow[] = [
	{
		label: 'Artemis accepted ÷ bare trigger (Artemis body)',
		trigger: 'artemis',
		floor: 'bare-artemis',
		metric: 'accepted',
		target: 0.95,
	},
	{
		label: 'Artisio accepted ÷ bare trigger (Lot body)',
		trigger: 'artisio',
		floor: 'bare-artisio',
		metric: 'accepted',
		target: 0.9,
	},
	{
		label: 'bare + getCredentials() per request ÷ bare trigger (Lot body)',
		trigger: 'bare-credential-artisio',
		floor: 'bare-artisio',
		metric: 'accepted',
	},
	{
		label: 'Artisio accepted ÷ bare + getCredentials() (Lot body)',
		trigger: 'artisio',
		floor: 'bare-credential-artisio',
		metric: 'accepted',
	},
	{
		label: 'Artemis, Redis store, accepted ÷ bare trigger',
		trigger: 'artemis-redis',
		floor: 'bare-artemis',
		metric: 'accepted',
	},
	{
		label: 'built-in Webhook node ÷ bare trigger (Artemis body), for information',
		trigger: 'builtin-artemis',
		floor: 'bare-artemis',
		metric: 'accepted',
	},
	{
		label: 'built-in Webhook node ÷ bare trigger (Lot body), for information',
		trigger: 'builtin-artisio',
		floor: 'bare-artisio',
		metric: 'accepted',
	},
	{
		label: 'Artemis duplicate ÷ bare answer-only (Artemis body)',
		trigger: 'artemis-duplicate',
		floor: 'bare-answer-artemis',
		metric: 'answers',
		target: 0.95,
	},
	{
		label: 'Artemis ignored ÷ bare answer-only',
		trigger: 'artemis-ignored',
		floor: 'bare-answer-artemis',
		metric: 'answers',
		target: 0.95,
	},
	{
		label: 'Artemis rejected (400) ÷ bare answer-only',
		trigger: 'artemis-rejected',
		floor: 'bare-answer-artemis',
		metric: 'answers',
		target: 0.95,
	},
	{
		label: 'Artemis, Redis store, duplicate ÷ bare answer-only',
		trigger: 'artemis-redis-duplicate',
		floor: 'bare-answer-artemis',
		metric: 'answers',
	},
	{
		label: 'Artisio duplicate ÷ bare answer-only (Lot body)',
		trigger: 'artisio-duplicate',
		floor: 'bare-answer-artisio',
		metric: 'answers',
		target: 0.95,
	},
	{
		label: 'Artisio rejected (401 wrong token) ÷ bare answer-only',
		trigger: 'artisio-unauthorized',
		floor: 'bare-answer-artisio',
		metric: 'answers',
	},
];

function printFloor(report: RealReport, settings: Settings): string[] {
	const findings: string[] = [];
	const rows: string[][] = [];
	for (const row of FLOOR_ROWS) {
		if (!hasScenario(report, row.trigger) || !hasScenario(report, row.floor)) continue;
		const metric = row.metric === 'accepted' ? completion : answering;
		const paired = pairedRatio(report, row.trigger, row.floor, metric);
		const met = row.target === undefined ? undefined : paired.median >= row.target;
		if (row.target !== undefined) {
			findings.push(
				`Real n8n, ${row.label}: ${ratio(paired.median)} (${range(paired)}) (target ≥ ${row.target}×): ${verdict(met === true)}`,
			);
		}
		rows.push([
			row.label,
			row.metric === 'accepted' ? 'accepted/s' : 'answers/s',
			`${perSecond(rate(report, row.floor, metric))} / ${perSecond(rate(report, row.trigger, metric))}`,
			`${ratio(paired.median)} (${range(paired)})`,
			`${latency(report, row.floor)}  |  ${latency(report, row.trigger)}`,
			`${ms(cpuPerAnswer(report, row.floor))} / ${ms(cpuPerAnswer(report, row.trigger))}`,
			row.target === undefined ? '—' : `≥ ${row.target}×: ${verdict(met === true)}`,
		]);
	}
	if (rows.length === 0) return findings;
	out(
		'3f. The community-node floor: each trigger ÷ a bare community trigger (same n8n, same payloads, same rounds)',
	);
	out();
	out(
		`Bare triggers (bench/bare/, package n8n-nodes-bench-bare loaded beside ours at typeVersion 1.1, the same webhook`,
	);
	out(
		'description and answer writer): "bare" answers accepted and starts an execution with the body as it came; "bare',
	);
	out(
		'answer-only" answers and starts nothing; "bare + getCredentials()" also reads a one-field credential per request.',
	);
	out(
		'No validation, no filters, no static data: what any community trigger pays in n8n. Each runs right after the one',
	);
	out(
		`of ours it is compared with. ${settings.concurrency} clients, as in 3a. Expression engine: ${describeEngine(report.env)}.`,
	);
	out();
	out(
		table(
			[
				'ratio',
				'metric',
				'floor / trigger',
				'ratio (rounds)',
				'p50 / p99 floor  |  trigger',
				'CPU/answer floor / trigger',
				'target',
			],
			rows,
		),
	);
	out();
	return findings;
}

const signedMs = (value: number): string =>
	`${value > 0 ? '+' : value < 0 ? '−' : '±'}${ms(Math.abs(value))}`;

/** Median latency of each run of a scenario, by round. */
function medianLatencyByRound(report: Measured, key: string): Map<number, number> {
	return new Map(runsOf(report, key).map((run) => [run.round, median(run.latenciesMs)]));
}

/** Per round: median latency of a minus that of b; then the median over rounds. */
function pairedLatencyDifference(report: Measured, a: string, b: string): number {
	const first = medianLatencyByRound(report, a);
	const second = medianLatencyByRound(report, b);
	const differences = [...first]
		.filter(([round]) => second.has(round))
		.map(([round, value]) => value - (second.get(round) ?? Number.NaN));
	return median(differences);
}

function printSequential(report: RealReport): string[] {
	const keys = [
		'artisio-sequential',
		'candidate:artisio-sequential',
		'bare-artisio-sequential',
		'bare-credential-sequential',
	].filter((key) => hasScenario(report, key));
	if (keys.length === 0) return [];
	const labels: Record<string, string> = {
		'artisio-sequential': 'Artisio trigger (this build)',
		'candidate:artisio-sequential': 'Artisio trigger (candidate build)',
		'bare-artisio-sequential': 'bare trigger',
		'bare-credential-sequential': 'bare + getCredentials() per request',
	};
	const floor = 'bare-artisio-sequential';
	const rows = keys.map((key) => {
		const summary = summarize(runsOf(report, key).flatMap((run) => run.latenciesMs));
		const aboveFloor =
			key === floor || !hasScenario(report, floor)
				? '—'
				: signedMs(pairedLatencyDifference(report, key, floor));
		return [
			labels[key] ?? key,
			`${ms(summary.median)} / ${ms(summary.p99)}`,
			ms(summary.mean),
			aboveFloor,
			perSecond(rate(report, key, answering)),
			perSecond(rate(report, key, completion)),
			ms(cpuPerAnswer(report, key)),
		];
	});
	out(
		'3g. One request at a time, as Artisio sends (Lot create, 17 KB; one client; a new record per request)',
	);
	out();
	out(
		'Latency = request sent to answer read, on loopback. "above the floor": per round, median latency minus that of the bare',
	);
	out(
		'trigger in the same round, median over rounds. The bare + getCredentials() row is what the credential read costs each',
	);
	out(
		'request (the Artisio trigger read it on every request up to 0.3.0; BENCH_CANDIDATE_DIR with such a build shows it',
	);
	out('side by side).');
	out();
	out(
		table(
			[
				'trigger',
				'latency p50 / p99',
				'mean',
				'p50 above the floor',
				'answers/s',
				'accepted/s',
				'CPU/answer',
			],
			rows,
		),
	);
	out();
	const findings: string[] = [];
	if (hasScenario(report, 'artisio-sequential') && hasScenario(report, floor)) {
		const artisio = pairedLatencyDifference(report, 'artisio-sequential', floor);
		const credential = hasScenario(report, 'bare-credential-sequential')
			? pairedLatencyDifference(report, 'bare-credential-sequential', floor)
			: Number.NaN;
		const before = hasScenario(report, 'candidate:artisio-sequential')
			? pairedLatencyDifference(report, 'candidate:artisio-sequential', 'artisio-sequential')
			: Number.NaN;
		findings.push(
			`Real n8n, Artisio one request at a time: p50 ${ms(median(runsOf(report, 'artisio-sequential').flatMap((run) => run.latenciesMs)))}, ` +
				`${signedMs(artisio)} against the bare trigger; a credential read per request costs ${signedMs(credential)} (bare + getCredentials() − bare)` +
				(Number.isFinite(before) ? `; candidate build − this build: ${signedMs(before)}` : '') +
				' (no target figure; the credential share should be gone)',
		);
	}
	return findings;
}

function printQueue(report: QueueReport, settings: Settings): string[] {
	const findings: string[] = [];
	out(
		'### 4. Queue mode: one webhook process beside the main process (same cluster, same payloads, interleaved)',
	);
	out();
	out(
		`n8n ${report.n8nVersion}, Node 24, EXECUTIONS_MODE=queue, ${report.postgresVersion}, ${report.redisVersion}; ` +
			`settings: ${Object.keys(report.env).length === 0 ? 'n8n defaults' : JSON.stringify(report.env)}.`,
	);
	out(
		'Cluster (test/support/queue.ts): PostgreSQL + Redis + main (`n8n start`) + webhook A and B (`n8n webhook`) + one worker, ' +
			'all on this machine; started in ' +
			Object.entries(report.startupMs)
				.map(([name, value]) => `${name} ${(value / 1000).toFixed(1)} s`)
				.join(', ') +
			`; the whole part took ${(report.totalMs / 1000).toFixed(0)} s.`,
	);
	out(
		`Load as in part 3 (${settings.concurrency} closed-loop keep-alive clients, ${settings.rounds} rounds after a warm-up, ` +
			`${settings.durationS} s / ${settings.shortDurationS} s per run) sent to ONE entry process: webhook A, or the main. Webhook B is idle.`,
	);
	out(
		'The Artemis trigger, 1,000 records remembered; Redis store = a "Redis (Deduplication)" credential on the cluster\'s own queue Redis.',
	);
	out(
		'"answers/s" = what the entry process answered; "accepted/s" = executions the WORKER finished ÷ time to the last one.',
	);
	out(
		'"CPU/answer": the entry process (main or webhook A), the worker and redis-server, from run start to last execution.',
	);
	out(
		'Every process shares the same cores: the worker running executions takes CPU from the process that answers.',
	);
	out();
	const rows: string[][] = [];
	for (const store of ['staticData', 'redis'] as const) {
		for (const expect of ['accepted', 'duplicate'] as const) {
			const main = queueKey(store, 'main', expect);
			const webhookA = queueKey(store, 'webhookA', expect);
			if (!hasScenario(report, main) || !hasScenario(report, webhookA)) continue;
			const answers = pairedRatio(report, webhookA, main, answering);
			const accepted =
				expect === 'accepted' ? pairedRatio(report, webhookA, main, completion) : undefined;
			const storeName = store === 'redis' ? 'Redis' : 'static data';
			findings.push(
				`Queue mode, ${storeName} store, ${expect}: webhook process A ${perSecond(rate(report, webhookA, answering))} answers/s vs main ` +
					`${perSecond(rate(report, main, answering))} (${ratio(answers.median)})` +
					(accepted === undefined
						? ''
						: `; accepted/s (worker) ${perSecond(rate(report, webhookA, completion))} vs ${perSecond(rate(report, main, completion))}`),
			);
			rows.push([
				`${storeName}, ${expect}`,
				`${perSecond(rate(report, main, answering))} / ${perSecond(rate(report, webhookA, answering))}`,
				`${ratio(answers.median)} (${range(answers)})`,
				accepted === undefined
					? '—'
					: `${perSecond(rate(report, main, completion))} / ${perSecond(rate(report, webhookA, completion))}`,
				`${latency(report, main)}  |  ${latency(report, webhookA)}`,
				`${ms(cpuPerAnswer(report, main))} / ${ms(cpuPerAnswer(report, webhookA))}`,
				`${ms(cpuPerAnswer(report, main, 'worker'))} / ${ms(cpuPerAnswer(report, webhookA, 'worker'))}`,
				`${ms(cpuPerAnswer(report, main, 'redis'))} / ${ms(cpuPerAnswer(report, webhookA, 'redis'))}`,
			]);
		}
	}
	out('4a. Requests to webhook process A ÷ requests to the main process');
	out();
	out(
		table(
			[
				'Artemis, store, answer',
				'answers/s main / webhook A',
				'ratio A ÷ main',
				'accepted/s main / A',
				'p50 / p99 main  |  webhook A',
				'CPU/answer entry main / A',
				'worker CPU/answer',
				'redis CPU/answer',
			],
			rows,
		),
	);
	out();

	const storeRows: string[][] = [];
	for (const entry of MEASURED_ENTRIES) {
		for (const expect of ['accepted', 'duplicate'] as const) {
			const staticKey = queueKey('staticData', entry, expect);
			const redisKey = queueKey('redis', entry, expect);
			if (!hasScenario(report, staticKey) || !hasScenario(report, redisKey)) continue;
			const answers = pairedRatio(report, redisKey, staticKey, answering);
			const accepted =
				expect === 'accepted' ? pairedRatio(report, redisKey, staticKey, completion) : undefined;
			storeRows.push([
				`${entry === 'main' ? 'main' : 'webhook A'}, ${expect}`,
				`${perSecond(rate(report, staticKey, answering))} / ${perSecond(rate(report, redisKey, answering))}`,
				`${ratio(answers.median)} (${range(answers)})`,
				accepted === undefined
					? '—'
					: `${perSecond(rate(report, staticKey, completion))} / ${perSecond(rate(report, redisKey, completion))}`,
				accepted === undefined ? '—' : `${ratio(accepted.median)} (${range(accepted)})`,
				`${latency(report, staticKey)}  |  ${latency(report, redisKey)}`,
				`${ms(cpuPerAnswer(report, staticKey))} / ${ms(cpuPerAnswer(report, redisKey))}`,
			]);
		}
	}
	out(
		'4b. Queue mode, Redis store ÷ static-data store, per entry process (no target here: part 3e judges it)',
	);
	out();
	out(
		table(
			[
				'entry, answer',
				'answers/s static / Redis',
				'ratio answers',
				'accepted/s static / Redis',
				'ratio accepted',
				'p50 / p99 static  |  Redis',
				'CPU/answer (entry) static / Redis',
			],
			storeRows,
		),
	);
	out();

	for (const line of perRunTable(report)) out(line);
	out();
	return findings;
}

function printProfile(report: ProfileReport): void {
	out('### Profile: n8n main process, CPU time per answer by what it was spent on');
	out();
	out(
		`V8 CPU profile (--cpu-prof) of n8n's main thread; each sample assigned to the first bucket found on its stack. ${report.profileFile}`,
	);
	out(
		'"CPU (proc)" is the process\'s whole CPU time (all threads); "main thread" the sampled, non-idle part.',
	);
	out();
	const columns = report.windows.map((window) => window.key);
	const rows = report.bucketNames
		.filter((bucket) => bucket !== 'idle')
		.map((bucket) => [
			bucket,
			...report.windows.map((window) =>
				ms((window.buckets[bucket] ?? 0) / Math.max(1, window.answers)),
			),
		]);
	rows.push([
		'main thread, sampled (non-idle)',
		...report.windows.map((window) =>
			ms((window.sampledMs - (window.buckets.idle ?? 0)) / Math.max(1, window.answers)),
		),
	]);
	rows.push([
		'CPU (proc), all threads',
		...report.windows.map((window) => ms(window.cpuMs / Math.max(1, window.answers))),
	]);
	rows.push(['answers in the window', ...report.windows.map((window) => String(window.answers))]);
	out(table(['ms per answer', ...columns], rows));
	out();
	for (const window of report.windows) {
		out(`Top functions by self time, ${window.key} (ms per answer):`);
		out(
			table(
				['ms', 'function'],
				window.topSelf
					.slice(0, 12)
					.map(([name, value]) => [(value / Math.max(1, window.answers)).toFixed(2), name]),
			),
		);
		out();
	}
}

/** What n8n does per request that the node cannot change, with where to see it. */
const N8N_CAUSES = [
	'n8n/dist/webhooks/live-webhooks.js webhookPhaseNeedsIsolate(): every production request to a node type other than ' +
		'n8n-nodes-base.webhook acquires an expression isolate before webhook() runs, whatever the node evaluates. With the ' +
		'default engine (vm, eager acquisition, pool of 1) that is one V8 isolate created and disposed per request: the ' +
		'"expression isolate" bucket of the profile. An accepted event therefore pays two isolates (webhook phase + ' +
		'execution, WorkflowExecute.initializeExecution) where the built-in Webhook node pays one; duplicates, ignored and ' +
		'rejected requests pay one each. N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true (or N8N_EXPRESSION_ENGINE=legacy) removes ' +
		'it for a node whose webhook path evaluates no expression.',
	'n8n/dist/webhooks/webhook-helpers.js parseRequestBody(): for a start node of typeVersion 1 (any type), n8n evaluates ' +
		'={{$parameter["options"]["binaryData"]}} in the isolate on every request. A node at typeVersion ≥ 1.1 avoids it.',
	'n8n/dist/credentials-helper.js applyDefaultsAndOverwrites(): getCredentials() in webhook() builds a Workflow and ' +
		'acquires one more isolate (the pool is empty at that point, so it is created inline).',
	'Static data: n8n loads the workflow row per request (live-webhooks.js) and again for the execution ' +
		'(workflow-runner.js getStaticDataById), wraps every nested object in a proxy (n8n-workflow observable-object.js), ' +
		'and saves the whole object when changed: its cost grows with the number of nested objects the node stores.',
	'Every request also loads the workflow with its relations from the database and builds a Workflow: with no isolate, ' +
		'that alone is a fifth to a third of an accepted event, which bounds "no-execution ÷ accepted" well below 10×.',
];

// ---------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
	const settings = readSettings();
	const started = Date.now();
	const node24 = join(node24BinDir, 'node');
	const cpuModel = cpus()[0]?.model ?? 'unknown';
	const versions = typeVersionsOf(PROJECT_ROOT);

	out('# n8n-nodes-artemis-artisio benchmark');
	out();
	out(
		`Machine: ${cpus().length} cores, ${cpuModel}; load average at start ${loadavg()
			.map((value) => value.toFixed(2))
			.join(' ')}`,
	);
	out(
		`Node: ${process.version} (this script, load generator), ${existsSync(node24) ? nodeVersionOf(node24) : 'Node 24 not installed'} (n8n, in-process parts)`,
	);
	out(
		`n8n: ${n8nVersion()}; package typeVersions used: Artemis ${versions.artemis}, Artisio ${versions.artisio}`,
	);
	out(
		`Settings: BENCH_ROUNDS=${settings.rounds} BENCH_DURATION_S=${settings.durationS} BENCH_SHORT_DURATION_S=${settings.shortDurationS} ` +
			`BENCH_WARMUP_S=${settings.warmupS} BENCH_CONCURRENCY=${settings.concurrency} BENCH_DRAIN_TIMEOUT_S=${settings.drainTimeoutS} ` +
			`BENCH_INPROCESS_ITERATIONS=${settings.iterations} BENCH_INPROCESS_WARMUP=${settings.inprocessWarmup} ` +
			`BENCH_INPROCESS_NODE=${settings.inprocessNodes.join('+')} BENCH_N8N_ENV=${JSON.stringify(settings.n8nEnv)} ` +
			`BENCH_CANDIDATE_DIR=${settings.candidateDir ?? '(none)'} BENCH_PROFILE=${settings.profile ? '1' : '0'} ` +
			`BENCH_SKIP_REDIS=${settings.skipRedis ? '1' : '0'} BENCH_SKIP_QUEUE=${settings.skipQueue ? '1' : '0'} ` +
			`BENCH_SCENARIOS=${settings.scenarios === undefined ? '(all)' : settings.scenarios.join(',')}`,
	);
	out(`n8n expression engine: ${describeEngine(settings.n8nEnv)}`);
	out(
		'Other processes may share this machine: judge by the ratios (measured side by side), not by the absolute figures.',
	);
	out();

	let previous: PreviousBuild | undefined;
	if (settings.candidateDir === undefined && settings.baselineRef !== undefined) {
		previous = buildPrevious(PROJECT_ROOT, settings.baselineRef, log);
		settings.candidateDir = previous.dir;
		out(
			`Previous build (the "candidate" below): git commit ${settings.baselineRef}, built by its own gulpfile.`,
		);
		out();
	}
	try {
		await measure(settings, started);
	} finally {
		previous?.remove();
	}
}

async function measure(settings: Settings, started: number): Promise<void> {
	const node24 = join(node24BinDir, 'node');
	const findings: string[] = [];
	if (!settings.skipInProcess) {
		for (const version of settings.inprocessNodes) {
			const binary = version === '24' ? node24 : process.execPath;
			log(`in-process parts on Node ${version} …`);
			// A Redis of the bench's own for part 2b, stopped by PID when the child is done.
			const redis =
				settings.skipRedis || !hasRedisStore(PROJECT_ROOT) ? undefined : await startRedis();
			let current: InProcessReport;
			try {
				current = runInProcessChild(settings, binary, PROJECT_ROOT, settings.candidateDir, redis);
			} finally {
				await redis?.stop();
			}
			findings.push(...printInProcess(current, 'current build'));
			findings.push(...printStores(current));
			if (current.comparison !== undefined) printComparison(current);
			if (settings.candidateDir !== undefined) {
				findings.push(
					...printInProcess(
						runInProcessChild(settings, binary, settings.candidateDir),
						'CANDIDATE build',
					).map((line) => `CANDIDATE: ${line}`),
				);
			}
		}
	}

	const realConfig: RealConfig = {
		rounds: settings.rounds,
		durationMs: settings.durationS * 1000,
		shortDurationMs: settings.shortDurationS * 1000,
		warmupMs: settings.warmupS * 1000,
		concurrency: settings.concurrency,
		drainTimeoutMs: settings.drainTimeoutS * 1000,
		n8nEnv: settings.n8nEnv,
		candidateDir: settings.candidateDir,
		withRedis: !settings.skipRedis,
		log,
	};
	if (!settings.skipN8n) {
		log('real n8n part …');
		const only = settings.scenarios;
		const report = await runReal(
			realConfig,
			only === undefined ? undefined : (scenario) => only.includes(scenario.key),
		);
		findings.push(...printAccepted(report));
		findings.push(...printReal(report, settings));
		findings.push(...printFloor(report, settings));
		findings.push(...printSequential(report));
	}
	if (!settings.skipQueue) {
		log('queue-mode part …');
		try {
			findings.push(...printQueue(await runQueue(realConfig), settings));
		} catch (error: unknown) {
			// The rest of the report stands without it; the cluster stopped itself (runQueue's finally).
			const message = error instanceof Error ? error.message : String(error);
			out('### 4. Queue mode: one webhook process beside the main process');
			out();
			out(
				`NOT MEASURED: the queue-mode part failed: ${message.split('\n').slice(0, 12).join(' / ')}`,
			);
			out();
			findings.push('Queue mode: not measured (the part failed, see section 4)');
		}
	}
	if (settings.profile) {
		log('profile part …');
		const keys = [
			'builtin-artemis',
			'bare-artemis',
			'artemis',
			'bare-answer-artemis',
			'artemis-duplicate',
			'bare-artisio',
			'bare-credential-artisio',
			'artisio',
			'artemis-10000',
		];
		if (settings.candidateDir !== undefined)
			keys.push(
				'candidate:artemis',
				'candidate:artemis-duplicate',
				'candidate:artisio',
				'candidate:artemis-10000',
			);
		printProfile(await runProfile(realConfig, keys, settings.profileDurationS * 1000));
	}

	out('### Targets');
	out();
	for (const finding of findings) out(`- ${finding}`);
	out();
	out(
		'Why n8n-side costs bound the real-n8n ratios (n8n 2.41.1 sources; BENCH_PROFILE=1 prints the profile that shows them):',
	);
	for (const line of N8N_CAUSES) out(`- ${line}`);
	out();
	out(`Bench took ${((Date.now() - started) / 1000).toFixed(0)} s (plus the build).`);
}

main().catch((error: unknown) => {
	process.stderr.write(
		`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
	);
	process.exit(1);
});
