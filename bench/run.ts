/**
 * `npm run bench`: every figure a ratio measured side by side in one run, with the absolute figures
 * beside it. Three parts (see the README's Performance section for how to read them):
 *   1. in process: the node's own work per request against JSON.parse of the same body;
 *   2. in process: deduplication at 100, 1,000 and 10,000 remembered records;
 *   3. in a real n8n: both triggers against n8n's own Webhook node, interleaved rounds.
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
 *   BENCH_SKIP_INPROCESS=1, BENCH_SKIP_N8N=1, BENCH_PROFILE=1, BENCH_PROFILE_DURATION_S (10)
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';

import { node24BinDir } from '../test/support/runtime';
import type { InProcessReport } from './inprocess';
import { runProfile, type ProfileReport } from './profile';
import { n8nVersion, type RealConfig, type RealReport, type RunResult, runReal, typeVersionsOf } from './realN8n';
import { bytes, envNumber, median, ms, perSecond, ratio, summarize, table, us, verdict } from './lib/stats';

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
	skipInProcess: boolean;
	skipN8n: boolean;
	profile: boolean;
	profileDurationS: number;
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
		skipInProcess: process.env.BENCH_SKIP_INPROCESS === '1',
		skipN8n: process.env.BENCH_SKIP_N8N === '1',
		profile: process.env.BENCH_PROFILE === '1',
		profileDurationS: envNumber('BENCH_PROFILE_DURATION_S', 10),
	};
}

function nodeVersionOf(binary: string): string {
	const result = spawnSync(binary, ['--version'], { encoding: 'utf8' });
	return result.status === 0 ? result.stdout.trim() : 'unavailable';
}

// ---------------------------------------------------------------------------------------------------
// Parts 1 and 2: in process, in a child process on the chosen Node

function runInProcessChild(settings: Settings, nodeBinary: string, packageDir: string, compareDir?: string): InProcessReport {
	// The in-process part imports the pipeline's sources next to the package it measures: a
	// candidate gets a copy of bench/ so that its own sources are the ones timed step by step.
	let script = join(PROJECT_ROOT, 'bench', 'inprocess.ts');
	if (packageDir !== PROJECT_ROOT) {
		const target = join(packageDir, '.bench');
		mkdirSync(target, { recursive: true });
		cpSync(join(PROJECT_ROOT, 'bench'), target, { recursive: true });
		// …and the one test helper it imports, for a candidate checked out before that helper existed.
		const helper = join('test', 'support', 'singleNodeTypes.ts');
		if (!existsSync(join(packageDir, helper))) cpSync(join(PROJECT_ROOT, helper), join(packageDir, helper));
		script = join(target, 'inprocess.ts');
	}
	const result = spawnSync(nodeBinary, [join(PROJECT_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), script], {
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
		},
	});
	if (result.status !== 0) throw new Error(`in-process bench failed (${nodeBinary}):\n${result.stderr}`);
	return JSON.parse(result.stdout) as InProcessReport;
}

const TARGETS_US: Record<string, number> = { 'Artemis update (small)': 50, 'Artisio Auction update (largest)': 200 };

function printInProcess(report: InProcessReport, title: string): string[] {
	const findings: string[] = [];
	out(`### 1. The node's own work per request, in process — ${title} (${report.node})`);
	out();
	out(
		'Timed region "webhook()": one call of the built node\'s webhook() (dist/, as n8n loads it) on a real n8n-core WebhookContext:',
	);
	out('IP guard (off), body read, unsafe-key strip, zod validation + normalization, filters, identify/fingerprint,');
	out('dedupe check-and-record, static-data write, item, answer written to a minimal response object. Every request');
	out('is a new record (accepted), 1,000 records remembered (the default). Not in it: HTTP, n8n\'s body parsing,');
	out('"context" = new Workflow over the loaded static data + new WebhookContext (n8n\'s own per-request work, shown apart).');
	out(`${report.iterations} timed iterations (halved for the Artisio bodies) after ${report.warmup} warm-up ones; median and p99.`);
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
			['body', 'size', 'JSON.parse p50 / p99', 'webhook() p50 / p99', 'webhook ÷ parse', 'context (n8n) p50 / p99', 'target (p50)', 'all accepted'],
			rows,
		),
	);
	out();
	out('Where the node\'s time goes (the pure steps from the sources, timed one by one; p50 / p99, and share of the sum of medians):');
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
	out('"webhook()": per accepted Artemis event with the store full (each event evicts one record). "dedupe only": check-and-record');
	out('+ static-data write from the sources. "static data": the JSON n8n stores for the node. "n8n per request": what n8n does');
	out('with that static data — parse on load (every request, 2–3 times per accepted one), wrap every nested object in a');
	out('change-tracking proxy (new Workflow, every request, 2–3 times per accepted one), stringify on save (accepted ones).');
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

function printComparison(report: InProcessReport): void {
	out(`### 1–2 side by side: candidate build ÷ current build, in process (${report.node})`);
	out();
	out('Both builds in one loop, alternating requests with the same bodies (each its own workflow and store); every request');
	out('accepted. "context" = new Workflow over the static data that build saved + new WebhookContext (n8n\'s work, which');
	out('depends on the static-data format).');
	out();
	out(
		table(
			['case', 'webhook() p50 current / candidate', 'ratio', 'context p50 current / candidate', 'ratio'],
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

function runsOf(report: RealReport, key: string): RunResult[] {
	return report.runs.filter((run) => run.key === key);
}

function hasScenario(report: RealReport, key: string): boolean {
	return report.scenarios.some((scenario) => scenario.key === key);
}

/** Per-round ratio a/b of a metric, then the median over rounds, with the range. */
function pairedRatio(report: RealReport, a: string, b: string, metric: (run: RunResult) => number): { median: number; min: number; max: number } {
	const ratios: number[] = [];
	for (const run of runsOf(report, a)) {
		const other = runsOf(report, b).find((candidate) => candidate.round === run.round);
		if (other !== undefined) ratios.push(metric(run) / metric(other));
	}
	const sorted = [...ratios].sort((x, y) => x - y);
	return { median: median(ratios), min: sorted[0] ?? Number.NaN, max: sorted[sorted.length - 1] ?? Number.NaN };
}

function rate(report: RealReport, key: string, metric: (run: RunResult) => number): number {
	return median(runsOf(report, key).map(metric));
}

function latency(report: RealReport, key: string): string {
	const all = runsOf(report, key).flatMap((run) => run.latenciesMs);
	const summary = summarize(all);
	return `${ms(summary.median)} / ${ms(summary.p99)}`;
}

function cpuPerAnswer(report: RealReport, key: string): number {
	const runs = runsOf(report, key);
	const cpu = runs.reduce((sum, run) => sum + run.cpuMs, 0);
	const answers = runs.reduce((sum, run) => sum + run.expected, 0);
	return cpu / Math.max(1, answers);
}

const completion = (run: RunResult): number => run.completionRate;
const answering = (run: RunResult): number => run.answerRate;
const range = (value: { min: number; max: number }): string => `${ratio(value.min)} – ${ratio(value.max)}`;

function printReal(report: RealReport, settings: Settings): string[] {
	const findings: string[] = [];
	const prefixes = hasScenario(report, 'candidate:artemis') ? ['', 'candidate:'] : [''];
	out('### 3. In a real n8n: the triggers against n8n\'s own Webhook node (same n8n, same payloads, interleaved)');
	out();
	out(
		`n8n ${report.n8nVersion}, Node 24, SQLite, regular mode, settings: ${Object.keys(report.env).length === 0 ? 'n8n defaults' : JSON.stringify(report.env)}.`,
	);
	out(
		`Load: ${settings.concurrency} closed-loop keep-alive clients on loopback; ${settings.rounds} measured rounds after a warm-up round, ` +
			`scenario order rotated each round; ${settings.durationS} s per run that starts executions, ${settings.shortDurationS} s per run that starts none.`,
	);
	out('"accepted/s" = executions started by the run ÷ (last execution\'s stoppedAt − start of the run): what n8n really');
	out('processed. "answers/s" = expected answers ÷ load time. Ratios: per round (same round, minutes apart at most), median');
	out('over rounds, range in brackets. "CPU/answer": n8n main-process CPU (user+sys) from run start to last execution, per answer.');
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
			findings.push(
				`Real n8n, ${prefix}${trigger} accepted vs built-in Webhook (${payload}): ${ratio(paired.median)} (target ≥ 1.0×): ${verdict(met)}`,
			);
			acceptedRows.push([
				`${prefix === '' ? '' : 'candidate '}${trigger === 'artemis' ? 'Artemis' : 'Artisio'} (${payload})`,
				`${perSecond(rate(report, builtin, completion))} / ${perSecond(rate(report, key, completion))}`,
				`${ratio(paired.median)} (${range(paired)})`,
				`${perSecond(rate(report, builtin, answering))} / ${perSecond(rate(report, key, answering))}`,
				`${latency(report, builtin)}  |  ${latency(report, key)}`,
				`${ms(cpuPerAnswer(report, builtin))} / ${ms(cpuPerAnswer(report, key))}`,
				`≥ 1.0×: ${verdict(met)}`,
			]);
		}
	}
	out('3a. Accepted events: trigger ÷ built-in Webhook node (typeVersion 2, POST, respond immediately)');
	out();
	out(
		table(
			['trigger (payload)', 'accepted/s built-in / trigger', 'ratio (rounds)', 'answers/s built-in / trigger', 'p50 / p99 built-in  |  trigger', 'CPU/answer built-in / trigger', 'target'],
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
			const paired = pairedRatio(report, full, acceptedKey, (run) => (run.key === full ? run.answerRate : run.completionRate));
			const met = paired.median >= 10;
			findings.push(`Real n8n, ${full} answers vs ${acceptedKey} accepted: ${ratio(paired.median)} (target ≥ 10×): ${verdict(met)}`);
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
	out(table(['answer', 'answers/s', 'accepted/s (same trigger)', 'ratio (rounds)', 'p50 / p99', 'CPU/answer', 'target'], noExecRows));
	out();

	const recordRows: string[][] = [];
	for (const prefix of prefixes) {
		const small = `${prefix}artemis-100`;
		const large = `${prefix}artemis-10000`;
		if (!hasScenario(report, small) || !hasScenario(report, large)) continue;
		const paired = pairedRatio(report, large, small, completion);
		const met = paired.median >= 0.9;
		findings.push(`Real n8n, ${prefix}Artemis accepted with 10,000 records vs 100: ${ratio(paired.median)} (target ≥ 0.9×): ${verdict(met)}`);
		recordRows.push([
			`${prefix === '' ? '' : 'candidate '}Artemis`,
			`${perSecond(rate(report, small, completion))} / ${perSecond(rate(report, large, completion))}`,
			`${ratio(paired.median)} (${range(paired)})`,
			`${latency(report, small)}  |  ${latency(report, large)}`,
			`${ms(cpuPerAnswer(report, small))} / ${ms(cpuPerAnswer(report, large))}`,
			`≥ 0.9×: ${verdict(met)}`,
		]);
	}
	out('3c. Accepted events with 10,000 remembered records ÷ with 100 (store full, every event evicts one)');
	out();
	out(table(['trigger', 'accepted/s 100 / 10,000', 'ratio (rounds)', 'p50 / p99 100  |  10,000', 'CPU/answer 100 / 10,000', 'target'], recordRows));
	out();

	if (prefixes.length > 1) {
		const candidateRows: string[][] = [];
		for (const key of ['artemis', 'artisio', 'artemis-duplicate', 'artemis-ignored', 'artemis-rejected', 'artisio-duplicate', 'artisio-unauthorized', 'artemis-100', 'artemis-10000']) {
			if (!hasScenario(report, key) || !hasScenario(report, `candidate:${key}`)) continue;
			const startsExecutions = report.scenarios.find((scenario) => scenario.key === key)?.startsExecutions === true;
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
		out(table(['scenario', 'metric', 'current / candidate', 'ratio (rounds)', 'CPU/answer current / candidate'], candidateRows));
		out();
	}

	out('Per run (round: expected answers, answers/s, accepted/s; unexpected answers and unfinished executions, if any):');
	out();
	const runRows = report.scenarios.map((scenario) => [
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
	out(table(['scenario', 'runs'], runRows));
	out();
	return findings;
}

function printProfile(report: ProfileReport): void {
	out('### Profile: n8n main process, CPU time per answer by what it was spent on');
	out();
	out(`V8 CPU profile (--cpu-prof) of n8n's main thread; each sample assigned to the first bucket found on its stack. ${report.profileFile}`);
	out('"CPU (proc)" is the process\'s whole CPU time (all threads); "main thread" the sampled, non-idle part.');
	out();
	const columns = report.windows.map((window) => window.key);
	const rows = report.bucketNames
		.filter((bucket) => bucket !== 'idle')
		.map((bucket) => [bucket, ...report.windows.map((window) => ms((window.buckets[bucket] ?? 0) / Math.max(1, window.answers)))]);
	rows.push(['main thread, sampled (non-idle)', ...report.windows.map((window) => ms((window.sampledMs - (window.buckets.idle ?? 0)) / Math.max(1, window.answers)))]);
	rows.push(['CPU (proc), all threads', ...report.windows.map((window) => ms(window.cpuMs / Math.max(1, window.answers)))]);
	rows.push(['answers in the window', ...report.windows.map((window) => String(window.answers))]);
	out(table(['ms per answer', ...columns], rows));
	out();
	for (const window of report.windows) {
		out(`Top functions by self time, ${window.key} (ms per answer):`);
		out(table(['ms', 'function'], window.topSelf.slice(0, 12).map(([name, value]) => [(value / Math.max(1, window.answers)).toFixed(2), name])));
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
	out(`Machine: ${cpus().length} cores, ${cpuModel}; load average at start ${loadavg().map((value) => value.toFixed(2)).join(' ')}`);
	out(`Node: ${process.version} (this script, load generator), ${existsSync(node24) ? nodeVersionOf(node24) : 'Node 24 not installed'} (n8n, in-process parts)`);
	out(`n8n: ${n8nVersion()}; package typeVersions used: Artemis ${versions.artemis}, Artisio ${versions.artisio}`);
	out(
		`Settings: BENCH_ROUNDS=${settings.rounds} BENCH_DURATION_S=${settings.durationS} BENCH_SHORT_DURATION_S=${settings.shortDurationS} ` +
			`BENCH_WARMUP_S=${settings.warmupS} BENCH_CONCURRENCY=${settings.concurrency} BENCH_DRAIN_TIMEOUT_S=${settings.drainTimeoutS} ` +
			`BENCH_INPROCESS_ITERATIONS=${settings.iterations} BENCH_INPROCESS_WARMUP=${settings.inprocessWarmup} ` +
			`BENCH_INPROCESS_NODE=${settings.inprocessNodes.join('+')} BENCH_N8N_ENV=${JSON.stringify(settings.n8nEnv)} ` +
			`BENCH_CANDIDATE_DIR=${settings.candidateDir ?? '(none)'} BENCH_PROFILE=${settings.profile ? '1' : '0'}`,
	);
	out('Other processes may share this machine: judge by the ratios (measured side by side), not by the absolute figures.');
	out();

	const findings: string[] = [];
	if (!settings.skipInProcess) {
		for (const version of settings.inprocessNodes) {
			const binary = version === '24' ? node24 : process.execPath;
			log(`in-process parts on Node ${version} …`);
			const current = runInProcessChild(settings, binary, PROJECT_ROOT, settings.candidateDir);
			findings.push(...printInProcess(current, 'current build'));
			if (current.comparison !== undefined) printComparison(current);
			if (settings.candidateDir !== undefined) {
				findings.push(...printInProcess(runInProcessChild(settings, binary, settings.candidateDir), 'CANDIDATE build').map((line) => `CANDIDATE: ${line}`));
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
		log,
	};
	if (!settings.skipN8n) {
		log('real n8n part …');
		const report = await runReal(realConfig);
		findings.push(...printReal(report, settings));
	}
	if (settings.profile) {
		log('profile part …');
		const keys = ['builtin-artemis', 'artemis', 'artemis-duplicate', 'artisio', 'artemis-10000'];
		if (settings.candidateDir !== undefined) keys.push('candidate:artemis', 'candidate:artemis-duplicate', 'candidate:artisio', 'candidate:artemis-10000');
		printProfile(await runProfile(realConfig, keys, settings.profileDurationS * 1000));
	}

	out('### Targets');
	out();
	for (const finding of findings) out(`- ${finding}`);
	out();
	out('Why n8n-side costs bound the real-n8n ratios (n8n 2.41.1 sources; BENCH_PROFILE=1 prints the profile that shows them):');
	for (const line of N8N_CAUSES) out(`- ${line}`);
	out();
	out(`Bench took ${((Date.now() - started) / 1000).toFixed(0)} s (plus the build).`);
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exit(1);
});
