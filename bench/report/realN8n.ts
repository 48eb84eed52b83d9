/** Part 3 apart from 3a: its settings, the ratio tables (3b to 3e), one request at a time (3f), every run. */
import {
	median,
	ms,
	out,
	perSecond,
	ratio,
	ratioWithRange,
	signedMs,
	summarize,
	table,
	verdict,
} from '../lib/stats';
import type { RealReport } from '../realN8n';
import type { Settings } from '../settings';
import {
	answers,
	cpuPerAnswer,
	hasScenario,
	latency,
	p50,
	pairedDifference,
	pairedRatio,
	rate,
	runsOf,
} from './paired';

export function printRealIntro(report: RealReport, settings: Settings, previous: string): void {
	const env = Object.keys(report.env).length === 0 ? 'n8n defaults' : JSON.stringify(report.env);
	out(
		"### 3. In a real n8n: the triggers, the community-node floor and n8n's own Webhook node",
		'',
		`n8n ${report.n8nVersion}, Node 24, SQLite, regular mode, settings: ${env}. Previous build: ${previous}.`,
		`Load: ${settings.concurrency} closed-loop keep-alive clients on loopback; ${settings.rounds} measured rounds after a warm-up round, ` +
			`scenario order rotated each round; ${settings.durationS} s per run that starts executions, ${settings.shortDurationS} s per run that starts none.`,
		'"events/s" = accepted/s (executions started by the run ÷ time to the last one\'s end: what n8n really processed) for',
		'scenarios that start executions, answers/s for the rest. Ratios a ÷ b: per round (minutes apart at most), median over',
		'rounds, range in brackets. "CPU/answer": n8n main-process CPU (user+sys) per answer.',
		'',
	);
}

/** a ÷ b, and the ratio it should reach at the least. */
type RatioRow = [a: string, b: string, target?: number];

function printRatios(
	report: RealReport,
	title: string,
	notes: string[],
	rows: RatioRow[],
): string[] {
	const findings: string[] = [];
	const shown = rows.filter(([a, b]) => hasScenario(report, a) && hasScenario(report, b));
	if (shown.length === 0) return findings;
	const lines = shown.map(([a, b, target]) => {
		const paired = pairedRatio(report, a, b);
		const met = target !== undefined && paired.median >= target;
		if (target !== undefined)
			findings.push(
				`Real n8n, ${a} ÷ ${b}: ${ratioWithRange(paired)} (target ≥ ${ratio(target)}): ${verdict(met)}`,
			);
		return [
			`${a} ÷ ${b}`,
			`${perSecond(rate(report, b))} / ${perSecond(rate(report, a))}`,
			ratioWithRange(paired),
			`${latency(report, b)}  |  ${latency(report, a)}`,
			`${ms(cpuPerAnswer(report, b))} / ${ms(cpuPerAnswer(report, a))}`,
			target === undefined ? '—' : `≥ ${ratio(target)}: ${verdict(met)}`,
		];
	});
	out(title, '', ...notes, ...(notes.length > 0 ? [''] : []));
	const columns = ['a ÷ b', 'events/s b / a', 'ratio (rounds)', 'p50 / p99 b  |  a'];
	out(table([...columns, 'CPU/answer b / a', 'target'], lines), '');
	return findings;
}

export function printRatioTables(report: RealReport): string[] {
	return [
		...printRatios(
			report,
			'### 3b. Answers that start no execution ÷ accepted events of the same trigger',
			[],
			[
				['artemis-duplicate', 'artemis', 10],
				['artemis-ignored', 'artemis', 10],
				['artemis-rejected', 'artemis', 10],
				['artisio-duplicate', 'artisio', 10],
				['artisio-unauthorized', 'artisio', 10],
			],
		),
		...printRatios(
			report,
			'### 3c. Accepted events with 10,000 remembered records ÷ with 100 (store full, every event evicts one)',
			[],
			[['artemis-10000', 'artemis-100', 0.9]],
		),
		...printRatios(
			report,
			'### 3d. Deduplication store: Redis ÷ static data (Artemis trigger, 1,000 records remembered in each)',
			[
				`Redis: ${report.redis ?? 'none'}, the bench's own on loopback, through a "Redis (Deduplication)" credential: one Lua`,
				'check-and-record per delivery, static data untouched. Static data: the default store, saved whole by n8n on every',
				'request. Target: the Redis store costs no more per accepted event (ratio ≥ 1.0×).',
			],
			[
				['artemis-redis', 'artemis', 1.0],
				['artemis-redis-duplicate', 'artemis-duplicate'],
			],
		),
		...printRatios(
			report,
			'### 3e. The community-node floor: each trigger ÷ a bare community trigger (same n8n, same payloads, same rounds)',
			[
				'Bare triggers (bench/bare/, loaded beside ours at typeVersion 1.1, the same webhook description and answer writer):',
				'`bare` answers accepted and starts an execution with the body as it came; `bare-answer` answers and starts nothing;',
				'`bare-credential` also reads a one-field credential per request. No validation, no filters, no static data: what',
				"any community trigger pays in n8n. The Webhook-node rows are for information: n8n's own node skips work it does",
				'for every community trigger.',
			],
			[
				['artemis', 'bare-artemis', 0.95],
				['artisio', 'bare-artisio', 0.9],
				['bare-credential-artisio', 'bare-artisio'],
				['artisio', 'bare-credential-artisio'],
				['artemis-redis', 'bare-artemis'],
				['builtin-artemis', 'bare-artemis'],
				['builtin-artisio', 'bare-artisio'],
				['artemis-duplicate', 'bare-answer-artemis', 0.95],
				['artemis-ignored', 'bare-answer-artemis', 0.95],
				['artemis-rejected', 'bare-answer-artemis', 0.95],
				['artemis-redis-duplicate', 'bare-answer-artemis'],
				['artisio-duplicate', 'bare-answer-artisio', 0.95],
				['artisio-unauthorized', 'bare-answer-artisio'],
			],
		),
	];
}

export function printSequential(report: RealReport): string[] {
	const floor = 'bare-artisio-sequential';
	const keys = ['artisio-sequential', floor, 'bare-credential-sequential'].filter((key) =>
		hasScenario(report, key),
	);
	if (keys.length === 0) return [];
	const aboveFloor = (key: string): number => pairedDifference(report, key, floor, p50);
	const rows = keys.map((key) => {
		const all = summarize(runsOf(report, key).flatMap((run) => run.latenciesMs));
		return [
			key,
			`${ms(all.median)} / ${ms(all.p99)}`,
			ms(all.mean),
			key === floor ? '—' : signedMs(aboveFloor(key)),
			perSecond(rate(report, key, answers)),
			perSecond(rate(report, key)),
			ms(cpuPerAnswer(report, key)),
		];
	});
	out(
		'### 3f. One request at a time, as Artisio sends (Lot create, 17 KB; one client; a new record per request)',
		'',
		'Latency = request sent to answer read, on loopback. "p50 above the floor": per round, p50 minus that of the bare',
		'trigger in the same round, median over rounds; for the bare + getCredentials() row, what a credential read per',
		'request costs.',
		'',
	);
	const columns = ['trigger', 'latency p50 / p99', 'mean', 'p50 above the floor'];
	out(table([...columns, 'answers/s', 'accepted/s', 'CPU/answer'], rows), '');
	if (!hasScenario(report, 'artisio-sequential') || !hasScenario(report, floor)) return [];
	const p50Ms = median(runsOf(report, 'artisio-sequential').flatMap((run) => run.latenciesMs));
	return [
		`Real n8n, Artisio one request at a time: p50 ${ms(p50Ms)}, ${signedMs(aboveFloor('artisio-sequential'))} against the bare trigger; ` +
			`a credential read per request costs ${signedMs(aboveFloor('bare-credential-sequential'))} (bare + getCredentials() − bare) ` +
			'(no target figure; the credential share should be gone)',
	];
}

/** Every run of every scenario, with anything unexpected. */
export function printRuns(report: RealReport): void {
	const rows = report.scenarios.map(({ key, startsExecutions }) => [
		key,
		runsOf(report, key)
			.map(
				(run) =>
					`r${run.round}: ${run.expected}, ${run.answerRate.toFixed(1)}, ${startsExecutions ? run.eventRate.toFixed(1) : '—'}` +
					(Object.keys(run.unexpected).length > 0 ? ` ${JSON.stringify(run.unexpected)}` : '') +
					(run.errors > 0 ? ` errors ${run.errors}` : '') +
					(run.executionsMissing > 0 ? ` unfinished ${run.executionsMissing}` : ''),
			)
			.join('; '),
	]);
	out(
		'Per run (round: expected answers, answers/s, accepted/s; unexpected answers and unfinished executions, if any):',
		'',
		table(['scenario', 'runs'], rows),
		'',
	);
}
