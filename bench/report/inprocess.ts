/** The tables of parts 1 and 2 (in process), and their lines for the Targets list. */
import type { InProcessReport } from '../inprocess';
import { bytes, out, ratio, type Summary, table, us, verdict } from '../lib/stats';

/** The node's own work per request, p50 (docs/performance.md, "The node's own work, in process"). */
const TARGETS_US: Record<string, number | undefined> = {
	'Artemis update (small)': 50,
	'Artisio Auction update (largest)': 200,
};

const p50p99 = (summary: Summary): string => `${us(summary.median)} / ${us(summary.p99)}`;

export function printInProcess(report: InProcessReport): string[] {
	const findings: string[] = [];
	const rows = report.cases.map((entry) => {
		const target = TARGETS_US[entry.name];
		const met = target !== undefined && entry.webhook.median <= target;
		if (target !== undefined)
			findings.push(
				`In-process ${entry.name} (${report.node}): webhook() median ${us(entry.webhook.median)} vs target ≤ ${us(target)}: ${verdict(met)}`,
			);
		return [
			entry.name,
			bytes(entry.bodyBytes),
			p50p99(entry.jsonParse),
			p50p99(entry.webhook),
			ratio(entry.webhook.median / entry.jsonParse.median),
			target === undefined ? '—' : `≤ ${us(target)}: ${verdict(met)}`,
			entry.allAccepted ? 'yes' : 'NO',
		];
	});
	out(
		`### 1. The node's own work per request, in process (${report.node})`,
		'',
		'"webhook()": one call of the built node\'s webhook() (dist/, as n8n loads it) on a real n8n-core WebhookContext: IP',
		'guard (off), body read, unsafe-key strip, validation and normalization, filters, fingerprint, dedupe, static-data',
		"write, item and answer. Not in it: HTTP, n8n's body parsing (JSON.parse of the same body, beside it), n8n's Workflow",
		`and context. Every request a new record (accepted), up to 1,000 remembered; ${report.iterations} timed iterations (half`,
		`for the Artisio bodies) after ${report.warmup} warm-up ones.`,
		'',
	);
	const header = ['body', 'size', 'JSON.parse p50 / p99', 'webhook() p50 / p99'];
	out(table([...header, 'webhook ÷ parse', 'target (p50)', 'all accepted'], rows), '');

	const [base] = report.dedupe;
	const n8nCost = (entry: InProcessReport['dedupe'][number]): number =>
		entry.n8nParse.median + entry.n8nWrap.median + entry.n8nStringify.median;
	const dedupeRows = report.dedupe.map((entry) => [
		entry.records.toLocaleString('en'),
		p50p99(entry.webhook),
		ratio(entry.webhook.median / base.webhook.median),
		bytes(entry.staticDataBytes),
		(entry.staticDataBytes / entry.records).toFixed(1),
		[entry.n8nParse, entry.n8nWrap, entry.n8nStringify].map((part) => us(part.median)).join(' / '),
		`${us(n8nCost(entry))} (${ratio(n8nCost(entry) / n8nCost(base))})`,
	]);
	out(
		`### 2. Deduplication cost by remembered records, in process (${report.node})`,
		'',
		'"webhook()": per accepted Artemis event with the store full (each event evicts one record). "static data": the JSON',
		'n8n stores for the node. "n8n": what n8n does with it per request: parse on load, wrap every nested object in a',
		'change-tracking proxy (new Workflow), stringify on save; 2–3 times per accepted request.',
		'',
	);
	const columns = ['records', 'webhook() p50 / p99', '÷ at 100', 'static data', 'bytes / record'];
	out(
		table([...columns, 'n8n parse / wrap / stringify (p50)', 'n8n sum (÷ at 100)'], dedupeRows),
		'',
	);
	return findings;
}
