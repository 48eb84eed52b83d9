/**
 * Part 3: the scenarios (scenarios.ts) in one real n8n, interleaved. One run of a scenario = a
 * closed-loop load of keep-alive clients for a while, then, for scenarios that start executions,
 * waiting until n8n has FINISHED every execution the run started. Measured per run:
 * - answers/s: answers of the expected kind ÷ load time;
 * - events/s: executions started ÷ (last execution's `stoppedAt` − start of the run), what n8n
 *   really processed, so that a trigger answering before its execution cannot look faster; for
 *   scenarios that start none, the same as answers/s;
 * - answer latencies, and n8n's CPU time (user + system, /proc) from run start to last execution.
 * A warm-up run of every scenario comes first (not counted), then `rounds` rounds of all of them,
 * the order rotated each round.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ensureN8n, N8N_VERSION, type N8nInstance, startN8n } from '../test/support/n8n';
import { type RedisServer, startRedis } from '../test/support/services';
import { sleep } from '../test/support/util';
import { installBarePackage, installCandidate } from './lib/packages';
import { runLoad } from './lib/load';
import { createScenarios, type Expectation, type Scenario } from './scenarios';

export interface RealConfig {
	rounds: number;
	durationMs: number;
	shortDurationMs: number;
	warmupMs: number;
	concurrency: number;
	drainTimeoutMs: number;
	n8nEnv: Record<string, string>;
	/** The previous build (package.json + dist/), measured beside this one. */
	candidateDir?: string;
	withRedis: boolean;
	/** Only these scenario keys; default all. */
	only?: string[];
	log(line: string): void;
}

export interface RunResult {
	key: string;
	round: number;
	expected: number;
	unexpected: Record<string, number>;
	errors: number;
	answerRate: number;
	eventRate: number;
	latenciesMs: number[];
	cpuMs: number;
	executionsMissing: number;
}

export interface RealReport {
	n8nVersion: string;
	env: Record<string, string>;
	scenarios: Array<Pick<Scenario, 'key' | 'startsExecutions'>>;
	runs: RunResult[];
	/** The Redis of the Redis-store scenarios, e.g. `Redis 7.0.15`; undefined without them. */
	redis?: string;
}

/** utime + stime of a process in ms, from /proc (Linux; USER_HZ is 100 on every architecture n8n runs on). */
function cpuMsOf(pid: number | undefined): number {
	if (pid === undefined || !existsSync(`/proc/${pid}/stat`)) return Number.NaN;
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	// After the command: state is index 0, so utime (field 14 overall) is index 11.
	return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function finishedExecutions(
	n8n: N8nInstance,
	workflowId: string,
	limit: number,
): Promise<{ count: number; results: Array<{ stoppedAt: string | null }> }> {
	const status = ['success', 'error', 'crashed', 'canceled'];
	const filter = encodeURIComponent(JSON.stringify({ workflowId, status }));
	const page = await n8n.api<{
		data: { count: number; results: Array<{ stoppedAt: string | null }> };
	}>('GET', `/rest/executions?filter=${filter}&limit=${limit}`);
	return page.data;
}

function matches(expect: Expectation, status: number, answer: string | undefined): boolean {
	if (expect === 'builtin') return status === 200;
	if (expect === 'rejected') return status === 400 && answer === 'rejected';
	if (expect === 'unauthorized') return status === 401 && answer === 'rejected';
	return status === 200 && answer === expect;
}

/** Requests each scenario has sent so far: a later run must not repeat an earlier run's records. */
const sentSoFar = new WeakMap<Scenario, number>();

async function runScenario(
	n8n: N8nInstance,
	scenario: Scenario,
	round: number,
	durationMs: number,
	config: RealConfig,
): Promise<RunResult> {
	const firstIndex = sentSoFar.get(scenario) ?? 0;
	const executions = scenario.startsExecutions;
	const before = executions ? (await finishedExecutions(n8n, scenario.workflowId, 1)).count : 0;
	const cpuBefore = cpuMsOf(n8n.pid);
	const load = await runLoad({
		url: scenario.url,
		concurrency: scenario.concurrency ?? config.concurrency,
		durationMs,
		maxRequests: 100_000,
		next: (index) => scenario.next(firstIndex + index),
	});
	sentSoFar.set(scenario, firstIndex + load.answers.length + load.errors.length);
	const unexpected: Record<string, number> = {};
	const expected = load.answers.filter((answer) => {
		if (matches(scenario.expect, answer.status, answer.answer)) return true;
		const label = `${answer.status} ${answer.answer ?? ''}`.trim();
		unexpected[label] = (unexpected[label] ?? 0) + 1;
		return false;
	});
	let endedAt = load.endedAt;
	let missing = 0;
	if (executions) {
		const target = before + expected.length;
		const deadline = Date.now() + config.drainTimeoutMs;
		let count = (await finishedExecutions(n8n, scenario.workflowId, 1)).count;
		while (count < target && Date.now() < deadline) {
			await sleep(200);
			count = (await finishedExecutions(n8n, scenario.workflowId, 1)).count;
		}
		missing = Math.max(0, target - count);
		const newest = await finishedExecutions(n8n, scenario.workflowId, 100);
		const stops = newest.results.map((run) =>
			run.stoppedAt === null ? 0 : Date.parse(run.stoppedAt),
		);
		endedAt = Math.max(load.endedAt, ...stops);
	}
	return {
		key: scenario.key,
		round,
		expected: expected.length,
		unexpected,
		errors: load.errors.length,
		answerRate: (expected.length * 1000) / (load.endedAt - load.startedAt),
		eventRate: ((expected.length - missing) * 1000) / (endedAt - load.startedAt),
		latenciesMs: expected.map((answer) => answer.latencyMs),
		cpuMs: cpuMsOf(n8n.pid) - cpuBefore,
		executionsMissing: missing,
	};
}

async function runRounds(
	n8n: N8nInstance,
	scenarios: Scenario[],
	config: RealConfig,
): Promise<RunResult[]> {
	// Warm-up (JIT, caches, SQLite pages), not counted.
	for (const scenario of scenarios) await runScenario(n8n, scenario, 0, config.warmupMs, config);
	config.log(`warm-up done; ${config.rounds} rounds of ${scenarios.length} scenarios`);
	const runs: RunResult[] = [];
	for (let round = 1; round <= config.rounds; round++) {
		const offset = ((round - 1) * 3) % scenarios.length;
		for (const scenario of [...scenarios.slice(offset), ...scenarios.slice(0, offset)]) {
			const duration = scenario.startsExecutions ? config.durationMs : config.shortDurationMs;
			const run = await runScenario(n8n, scenario, round, duration, config);
			runs.push(run);
			config.log(
				`round ${round} ${scenario.key}: ${run.expected} ${scenario.expect}, ${run.answerRate.toFixed(1)} answers/s, ` +
					`${run.eventRate.toFixed(1)} events/s` +
					(Object.keys(run.unexpected).length > 0
						? `, unexpected ${JSON.stringify(run.unexpected)}`
						: ''),
			);
			await sleep(300);
		}
	}
	return runs;
}

/** Starts n8n (and a Redis of the bench's own), runs every scenario, stops both by PID. */
export async function runReal(config: RealConfig): Promise<RealReport> {
	ensureN8n();
	const userFolder = mkdtempSync(join(tmpdir(), 'artemis-artisio-bench-n8n-'));
	let redis: RedisServer | undefined;
	let n8n: N8nInstance | undefined;
	try {
		const candidate =
			config.candidateDir === undefined
				? undefined
				: {
						packageName: installCandidate(config.candidateDir, userFolder),
						dir: config.candidateDir,
					};
		installBarePackage(userFolder);
		if (config.withRedis) redis = await startRedis();
		n8n = await startN8n({ userFolder, env: config.n8nEnv });
		config.log(`n8n ready (pid ${String(n8n.pid)})`);
		const all = await createScenarios(n8n, { candidate, redis });
		const scenarios = all.filter((scenario) => config.only?.includes(scenario.key) ?? true);
		// The repeated requests' first delivery is accepted (one execution): made now, not in a run.
		for (const scenario of scenarios.filter((each) => each.expect === 'duplicate'))
			await (await fetch(scenario.url, { method: 'POST', ...scenario.next(0) })).text();
		const runs = await runRounds(n8n, scenarios, config);
		const redisVersion =
			spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).stdout ?? '';
		return {
			n8nVersion: N8N_VERSION,
			env: config.n8nEnv,
			scenarios: scenarios.map(({ key, startsExecutions }) => ({ key, startsExecutions })),
			runs,
			redis: redis === undefined ? undefined : `Redis ${/v=(\S+)/.exec(redisVersion)?.[1] ?? '?'}`,
		};
	} finally {
		try {
			await n8n?.stop();
		} finally {
			await redis?.stop();
			rmSync(userFolder, { recursive: true, force: true });
		}
	}
}
