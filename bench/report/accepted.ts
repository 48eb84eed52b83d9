/**
 * Part 3a: accepted events of this build, the previous build and n8n's own Webhook node, side by
 * side in one n8n, with the Targets lines for this build ÷ the previous build.
 */
import { out, perSecond, ratioWithRange, signedMs, table, verdict } from '../lib/stats';
import type { RealReport } from '../realN8n';
import { answers, hasScenario, latency, p50, pairedDifference, pairedRatio, rate } from './paired';

/** This build ÷ the previous build, executions/s, at the least. */
const TARGET = 0.95;

export function printAccepted(report: RealReport): string[] {
	const findings: string[] = [];
	const rows: string[][] = [];
	for (const trigger of ['artemis', 'artisio'] as const) {
		const name = trigger === 'artemis' ? 'Artemis' : 'Artisio';
		const sides = [
			['this build', trigger],
			['previous build', `candidate:${trigger}`],
			["n8n's Webhook node", `builtin-${trigger}`],
		];
		for (const [label, key] of sides) {
			if (!hasScenario(report, key)) continue;
			const self = key === trigger;
			rows.push([
				`${name}: ${label}`,
				perSecond(rate(report, key, answers)),
				perSecond(rate(report, key)),
				latency(report, key, 0.95),
				self ? '' : ratioWithRange(pairedRatio(report, trigger, key)),
				self ? '' : signedMs(pairedDifference(report, trigger, key, p50)),
			]);
		}
		const previous = `candidate:${trigger}`;
		if (hasScenario(report, previous)) {
			const paired = pairedRatio(report, trigger, previous);
			findings.push(
				`${name} accepted events end to end, this build ÷ previous build: ${ratioWithRange(paired)} ${verdict(paired.median >= TARGET)} (target ≥ ${TARGET}×); ` +
					`answer p50 ${signedMs(pairedDifference(report, trigger, previous, p50))} against the previous build`,
			);
		}
	}
	const columns = ['scenario', 'answers/s', 'executions/s', 'answer p50 / p95'];
	out(
		"### 3a. Accepted events: this build, the previous build and n8n's Webhook node (same n8n, same rounds)",
		'',
		'This build answers `accepted` once n8n has recorded the execution, as n8n answers its own Webhook node; the previous build answered before.',
		'',
		table([...columns, 'executions/s this ÷ it (rounds)', 'answer p50 this − it'], rows),
		'',
	);
	return findings;
}
