/**
 * Figures of part 3 from its runs: per-round pairs of two scenarios (same round, minutes apart at
 * most), medians over rounds, latencies and CPU per answer.
 */
import { median, ms, quantile } from '../lib/stats';
import type { RealReport, RunResult } from '../realN8n';

export type Metric = (run: RunResult) => number;
/** accepted/s for scenarios that start executions, answers/s for the rest. */
export const events: Metric = (run) => run.eventRate;
export const answers: Metric = (run) => run.answerRate;
export const p50: Metric = (run) =>
	quantile(
		[...run.latenciesMs].sort((a, b) => a - b),
		0.5,
	);

export const runsOf = (report: RealReport, key: string): RunResult[] =>
	report.runs.filter((run) => run.key === key);

export const hasScenario = (report: RealReport, key: string): boolean =>
	report.scenarios.some((scenario) => scenario.key === key);

/** `combine` of a's and b's run of each round both ran in. */
function perRound(
	report: RealReport,
	a: string,
	b: string,
	combine: (first: RunResult, second: RunResult) => number,
): number[] {
	return runsOf(report, a).flatMap((run) => {
		const other = runsOf(report, b).find((candidate) => candidate.round === run.round);
		return other === undefined ? [] : [combine(run, other)];
	});
}

/** a ÷ b per round: the median over rounds and the range. */
export function pairedRatio(
	report: RealReport,
	a: string,
	b: string,
	metric: Metric = events,
): { median: number; min: number; max: number } {
	const ratios = perRound(report, a, b, (x, y) => metric(x) / metric(y));
	return { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) };
}

/** a − b per round, median over rounds. */
export const pairedDifference = (
	report: RealReport,
	a: string,
	b: string,
	metric: Metric,
): number => median(perRound(report, a, b, (x, y) => metric(x) - metric(y)));

/** Median over rounds. */
export const rate = (report: RealReport, key: string, metric: Metric = events): number =>
	median(runsOf(report, key).map(metric));

/** Latency quantiles over every answer of every round, e.g. `12.1 ms / 30.4 ms`. */
export function latency(report: RealReport, key: string, upper = 0.99): string {
	const sorted = runsOf(report, key)
		.flatMap((run) => run.latenciesMs)
		.sort((a, b) => a - b);
	return `${ms(quantile(sorted, 0.5))} / ${ms(quantile(sorted, upper))}`;
}

/** n8n's CPU time per expected answer, over every round. */
export function cpuPerAnswer(report: RealReport, key: string): number {
	const runs = runsOf(report, key);
	const cpu = runs.reduce((sum, run) => sum + run.cpuMs, 0);
	return (
		cpu /
		Math.max(
			1,
			runs.reduce((sum, run) => sum + run.expected, 0),
		)
	);
}
