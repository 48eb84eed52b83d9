/**
 * Parts 1 and 2 of the bench, in process, with no HTTP and no n8n server around the node:
 *   1. webhook() of the built triggers on a real n8n-core WebhookContext against JSON.parse of the
 *      same body (what n8n's body parser does), every request accepted, 1,000 records remembered;
 *   2. deduplication at 100, 1,000 and 10,000 remembered records, with what n8n does with the static
 *      data on every request (parse on load, proxies, stringify on save).
 * Run by index.ts as a child process on the Node n8n runs on; prints one JSON report on stdout.
 * Each operation is timed with `process.hrtime.bigint()` after a warm-up; median and p99.
 */
import type { IDataObject } from 'n8n-workflow';

import { summarize, type Summary } from '../lib/stats';
import { artemisText, artisioTexts } from '../lib/payloads';
import { elapsedUs, Flow, loadTriggers, useTemporaryUserFolder } from './harness';

/** The body text of request `index`: each a new record, so that every one is accepted. */
type Bodies = (index: number) => string;
const artemisBodies: Bodies = (index) => artemisText(100_000 + index);

export interface InProcessConfig {
	iterations: number;
	warmup: number;
}

export interface CaseReport {
	name: string;
	bodyBytes: number;
	jsonParse: Summary;
	webhook: Summary;
	/** webhook() answered `accepted` on every timed request. */
	allAccepted: boolean;
}

export interface DedupeReport {
	records: number;
	/** Per accepted Artemis event with the store full (each event evicts one record). */
	webhook: Summary;
	staticDataBytes: number;
	/** What n8n does with that static data: parse on load, wrap in proxies (new Workflow), stringify on save. */
	n8nParse: Summary;
	n8nWrap: Summary;
	n8nStringify: Summary;
}

export interface InProcessReport {
	node: string;
	iterations: number;
	warmup: number;
	cases: CaseReport[];
	dedupe: DedupeReport[];
}

/**
 * Accepted requests as n8n makes them, each on a new Workflow over the static data the previous one
 * saved: JSON.parse of the body and webhook() timed apart.
 */
async function timeCase(
	name: string,
	flow: Flow,
	bodies: Bodies,
	iterations: number,
	warmup: number,
): Promise<CaseReport> {
	const parse: number[] = [];
	const webhook: number[] = [];
	let allAccepted = true;
	for (let index = 0; index < warmup + iterations; index++) {
		const start = process.hrtime.bigint();
		const body = JSON.parse(bodies(index)) as unknown;
		const parseUs = elapsedUs(start);
		const workflow = flow.workflow();
		const answered = await flow.call(workflow, body);
		flow.saved = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
		if (index < warmup) continue;
		parse.push(parseUs);
		webhook.push(answered.webhookUs);
		const accepted = answered.status === 200 && answered.body.includes('"accepted"');
		if (!accepted || answered.result.workflowData === undefined) allAccepted = false;
	}
	const bodyBytes = Buffer.byteLength(bodies(0));
	return { name, bodyBytes, jsonParse: summarize(parse), webhook: summarize(webhook), allAccepted };
}

/** n8n's per-request handling of the static data: parse on load, wrap in proxies, stringify on save. */
function timeN8nStaticData(
	flow: Flow,
	savedText: string,
	iterations: number,
): Pick<DedupeReport, 'n8nParse' | 'n8nWrap' | 'n8nStringify'> {
	const times: number[][] = [[], [], []];
	for (let index = 0; index < iterations + 20; index++) {
		let start = process.hrtime.bigint();
		const loaded = JSON.parse(savedText) as IDataObject;
		const parseUs = elapsedUs(start);
		start = process.hrtime.bigint();
		const workflow = flow.workflow(loaded, false);
		const wrapUs = elapsedUs(start);
		start = process.hrtime.bigint();
		const text = JSON.stringify(workflow.staticData);
		const stringifyUs = elapsedUs(start);
		if (text.length !== savedText.length) throw new Error('static data changed in the round trip');
		if (index >= 20) [parseUs, wrapUs, stringifyUs].forEach((value, at) => times[at].push(value));
	}
	const [n8nParse, n8nWrap, n8nStringify] = times.map((values) => summarize(values));
	return { n8nParse, n8nWrap, n8nStringify };
}

/** Accepted Artemis events with the store full at `records`, all on the Workflow that filled it. */
async function dedupeAt(flow: Flow, records: number, iterations: number): Promise<DedupeReport> {
	const workflow = await flow.fill(artemisBodies, records);
	const webhook: number[] = [];
	const warmup = Math.min(200, iterations);
	for (let step = 0; step < warmup + iterations; step++) {
		const answered = await flow.call(workflow, JSON.parse(artemisBodies(records + step)));
		if (answered.status !== 200) throw new Error(`dedupe bench: answer ${answered.status}`);
		if (step >= warmup) webhook.push(answered.webhookUs);
	}
	const savedText = JSON.stringify(workflow.staticData);
	const n8nIterations = Math.max(50, Math.min(400, Math.floor(2_000_000 / savedText.length)));
	return {
		records,
		webhook: summarize(webhook),
		staticDataBytes: Buffer.byteLength(savedText),
		...timeN8nStaticData(flow, savedText, n8nIterations),
	};
}

async function measure(config: InProcessConfig): Promise<InProcessReport> {
	useTemporaryUserFolder();
	const triggers = loadTriggers();
	const half = Math.ceil(config.iterations / 2);
	const cases = [
		['Artemis update (small)', triggers.artemis(), artemisBodies, config.iterations],
		['Artisio Auction update (largest)', triggers.artisio, artisioTexts('auction.update'), half],
		['Artisio Lot create (largest Lot)', triggers.artisio, artisioTexts('lot.create'), half],
	] as const;
	const report: InProcessReport = {
		node: process.version,
		iterations: config.iterations,
		warmup: config.warmup,
		cases: [],
		dedupe: [],
	};
	for (const [index, [name, subject, bodies, iterations]] of cases.entries()) {
		const flow = new Flow(subject, `case-${index}`);
		report.cases.push(await timeCase(name, flow, bodies, iterations, config.warmup));
	}
	for (const records of [100, 1000, 10_000]) {
		const flow = new Flow(triggers.artemis({ options: { dedupeSize: records } }), `${records}`);
		report.dedupe.push(await dedupeAt(flow, records, Math.max(300, config.iterations / 5)));
	}
	return report;
}

if (require.main === module) {
	measure(JSON.parse(process.env.BENCH_INPROCESS_CONFIG ?? '{}') as InProcessConfig)
		.then((report) => {
			process.stdout.write(`${JSON.stringify(report)}\n`);
		})
		.catch((error: unknown) => {
			process.stderr.write(
				`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
			);
			process.exit(1);
		});
}
