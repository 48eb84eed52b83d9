/**
 * Parts 1 and 2 of the bench: the node's own work per request, in process, with no HTTP and no n8n
 * server around it, and the cost of deduplication at 100, 1,000 and 10,000 remembered records.
 *
 * Run by `run.ts` as a child process under the Node that n8n itself runs on (Node 24 for n8n 2.x);
 * it prints one JSON report on stdout. Everything is timed per operation with
 * `process.hrtime.bigint()`, after a warm-up, and reported as median and p99.
 *
 * What is inside the timed regions:
 * - `JSON.parse`: `JSON.parse(text)` of the request body text (what n8n's body parser does).
 * - `webhook()`: one call of the BUILT node's `webhook()` (from `dist/`, as n8n loads it) on a real
 *   n8n-core `WebhookContext`, i.e. guard (IP allowlist off), body read, unsafe-key strip, zod
 *   validation and normalization, filters, identify/fingerprint, dedupe check-and-record, static
 *   data write (`persistToStaticData`), item building and writing the answer into a minimal
 *   response object. The body is already parsed (n8n parses JSON bodies before the node runs).
 * - Context construction (shown apart, it is n8n's cost, not the node's): `new Workflow({ staticData })`
 *   plus `new WebhookContext(...)`, as n8n does for every request.
 * - Steps: the same pipeline's pure steps, imported from the TypeScript source, one by one.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// n8n-core's InstanceSettings writes a config file into the user folder when first used.
if (process.env.N8N_USER_FOLDER === undefined) {
	const folder = mkdtempSync(join(tmpdir(), 'artemis-artisio-bench-'));
	process.env.N8N_USER_FOLDER = folder;
	process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
}

import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import type { WebhookContext } from 'n8n-core';
import {
	type IDataObject,
	type INode,
	type INodeType,
	type INodeTypes,
	type IWebhookResponseData,
	Workflow,
} from 'n8n-workflow';

import { validateArtemisCallback } from '../nodes/ArtemisCallbackTrigger/schema';
import { validateArtisioEvent } from '../nodes/ArtisioWebhookTrigger/schemas';
import { RecordMemory } from '../nodes/shared/dedupe/memory';
import { persistToStaticData } from '../nodes/shared/dedupe/savedFormat';
import { fingerprintOf } from '../nodes/shared/fingerprint';
import { withoutUnsafeKeys } from '../nodes/shared/unsafeKeys';
import { summarize, type Summary } from './lib/stats';
import { SingleNodeTypes } from '../test/support/singleNodeTypes';
import { triggerNode, webhookContext } from '../test/support/webhookContext';

const silent = (): void => undefined;
const silentLogger = {
	error: silent,
	warn: silent,
	info: silent,
	debug: silent,
	scoped: () => silentLogger,
};
Container.set(Logger, silentLogger as unknown as Logger);

const PROJECT_ROOT = resolve(__dirname, '..');
const FIXTURES = process.env.BENCH_FIXTURES_DIR ?? join(PROJECT_ROOT, 'test', 'fixtures');
const ARTISIO_TOKEN = 'bench-token-0123456789abcdef0123456789abcdef';

export interface InProcessConfig {
	/** Folder with package.json and dist/ whose built nodes are measured. */
	packageDir: string;
	/** Another build, timed in the same loop (alternating requests), for a side-by-side ratio. */
	comparePackageDir?: string;
	iterations: number;
	warmup: number;
	/** A local Redis: also time the Redis store against the static-data store (`stores`). */
	redis?: { host: string; port: number };
}

export interface CaseReport {
	name: string;
	bodyBytes: number;
	jsonParse: Summary;
	webhook: Summary;
	/** webhook() answered `accepted` on every timed iteration. */
	allAccepted: boolean;
	context: Summary;
	steps: Array<{ step: string; summary: Summary }>;
}

export interface DedupeReport {
	records: number;
	/** webhook() per accepted Artemis event with the store full at `records` (each event evicts one). */
	webhook: Summary;
	/** checkAndRecord + persistToStaticData only. */
	dedupeOnly: Summary;
	staticDataBytes: number;
	bytesPerRecord: number;
	/** What n8n does with our static data on every request / every accepted request. */
	n8nLoadParse: Summary;
	n8nWrap: Summary;
	n8nSaveStringify: Summary;
}

export interface ComparisonRow {
	name: string;
	current: Summary;
	candidate: Summary;
	context: { current: Summary; candidate: Summary };
}

/** One kind of delivery, both stores in one loop (alternating requests, same bodies). */
export interface StoreRow {
	name: string;
	/** webhook() with each store. */
	staticData: Summary;
	redis: Summary;
	/** n8n's context construction (new Workflow over the loaded static data + WebhookContext). */
	staticContext: Summary;
	redisContext: Summary;
	/** Every timed answer was the expected one (accepted, or duplicate), with no "deduplication skipped" warning. */
	allExpected: boolean;
}

/** The Redis store against the static-data store, with a local Redis (BENCH_REDIS_HOST/PORT). */
export interface StoreReport {
	redis: string;
	records: number;
	rows: StoreRow[];
	/** The store's Lua check-and-record alone (source, own client): the Redis round trip inside webhook(). */
	scriptRoundTrip: Summary;
	/** PING on the same client: the bare loopback round trip. */
	pingRoundTrip: Summary;
	/**
	 * What n8n does with the static-data store's static data after webhook() and before the next
	 * request, without the database: stringify to save (every request: the store always records) and
	 * parse on the next load. With the Redis store the static data is not changed and not saved.
	 */
	staticSaveLoad: Summary;
	staticDataBytes: number;
}

export interface InProcessReport {
	node: string;
	packageDir: string;
	iterations: number;
	warmup: number;
	cases: CaseReport[];
	dedupe: DedupeReport[];
	comparison?: ComparisonRow[];
	stores?: StoreReport;
}

// ---------------------------------------------------------------------------------------------------
// A real WebhookContext over a minimal request and response

interface MinimalResponse {
	statusCode: number;
	body: string;
	writeHead(status: number, headers?: Record<string, string>): MinimalResponse;
	end(body?: string): void;
	headersSent: boolean;
	writableEnded: boolean;
}

function minimalResponse(): MinimalResponse {
	const response: MinimalResponse = {
		statusCode: 0,
		body: '',
		headersSent: false,
		writableEnded: false,
		writeHead(status) {
			response.statusCode = status;
			response.headersSent = true;
			return response;
		},
		end(body) {
			response.body = body ?? '';
			response.writableEnded = true;
		},
	};
	return response;
}

interface Subject {
	nodeType: INodeType;
	typeName: string;
	parameters: IDataObject;
	credentials?: Record<string, IDataObject>;
	headers: Record<string, string>;
}

interface Built {
	context: WebhookContext;
	response: MinimalResponse;
	workflow: Workflow;
}

const NODE_ID = 'a1b2c3d4-0000-4000-8000-00000000beef';

function buildWorkflow(
	subject: Subject,
	nodeTypes: INodeTypes,
	staticData: IDataObject,
	workflowId: string,
): Workflow {
	return new Workflow({
		id: workflowId,
		name: 'bench',
		nodes: [
			triggerNode({
				id: NODE_ID,
				typeName: subject.typeName,
				parameters: subject.parameters,
				credentials: subject.credentials,
			}),
		],
		connections: {},
		active: true,
		nodeTypes,
		staticData,
	});
}

/** A real WebhookContext for one request on `workflow`, with a minimal request and response. */
function contextOn(workflow: Workflow, subject: Subject, body: unknown): Built {
	const node = workflow.getNode('Trigger') as INode;
	const response = minimalResponse();
	const request = {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...subject.headers },
		body,
		rawBody: null,
		ip: '127.0.0.1',
		socket: { remoteAddress: '127.0.0.1' },
		params: {},
		query: {},
		readRawBody: () => Promise.resolve(),
	};
	const context = webhookContext({
		workflow,
		node,
		request,
		response,
		method: 'POST',
		mode: 'webhook',
		credential: (type) => subject.credentials?.[type],
	});
	return { context, response, workflow };
}

/** What n8n does per request before calling webhook(): a Workflow over the loaded static data, a context. */
function buildContext(
	subject: Subject,
	nodeTypes: INodeTypes,
	body: unknown,
	staticData: IDataObject,
	workflowId: string,
): Built {
	return contextOn(buildWorkflow(subject, nodeTypes, staticData, workflowId), subject, body);
}

// ---------------------------------------------------------------------------------------------------
// Measurement

const elapsedUs = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1000;

function loadNodeTypes(packageDir: string): {
	artemis: INodeType;
	artisio: INodeType;
	packageName: string;
} {
	const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
		name: string;
	};
	const load = (file: string, exported: string): INodeType => {
		// The built file, as n8n loads it (a dynamic path: no static import can name it).
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const module = require(join(packageDir, 'dist', 'nodes', file)) as Record<
			string,
			new () => INodeType
		>;
		return new module[exported]();
	};
	return {
		artemis: load(
			'ArtemisCallbackTrigger/ArtemisCallbackTrigger.node.js',
			'ArtemisCallbackTrigger',
		),
		artisio: load('ArtisioWebhookTrigger/ArtisioWebhookTrigger.node.js', 'ArtisioWebhookTrigger'),
		packageName: manifest.name,
	};
}

interface BodySource {
	/** The body text of iteration `index`: each a new record, so that every one is accepted. */
	text(index: number): string;
}

function artemisBodies(): BodySource {
	const template = JSON.parse(
		readFileSync(join(FIXTURES, 'artemis', 'update.json'), 'utf8'),
	) as IDataObject;
	return { text: (index) => JSON.stringify({ ...template, customerId: 100_000 + index }) };
}

function artisioBodies(fixture: string): BodySource {
	const text = readFileSync(join(FIXTURES, 'artisio', `${fixture}.json`), 'utf8');
	const body = JSON.parse(text) as { data: { uuid: string } };
	const uuid = body.data.uuid;
	// Every occurrence: nested objects may repeat the record's own uuid.
	return {
		text: (index) =>
			text.split(uuid).join(`${uuid.slice(0, 24)}${String(index).padStart(12, '0')}`),
	};
}

/**
 * `webhook()`, then the answer as n8n 2.x gives it when the node has not written one: the node's
 * `webhookResponse` as JSON (read once n8n has recorded the execution, which a build that leaves
 * the answer to n8n times as part of its own work).
 */
async function callWebhook(
	nodeType: INodeType,
	context: WebhookContext,
	response: MinimalResponse,
): Promise<IWebhookResponseData> {
	if (nodeType.webhook === undefined) throw new Error('the node has no webhook()');
	const result = await nodeType.webhook.call(context);
	if (
		!response.writableEnded &&
		result.noWebhookResponse !== true &&
		result.workflowData !== undefined
	) {
		response
			.writeHead(200)
			.end(JSON.stringify(result.webhookResponse ?? { message: 'Workflow was started' }));
	}
	return result;
}

interface TimedRun {
	jsonParse: number[];
	webhook: number[];
	context: number[];
	allAccepted: boolean;
}

/**
 * `iterations` accepted requests after `warmup` ones, each on a fresh context over the static data
 * the previous request saved (as n8n does), timing parse, context construction and webhook() apart.
 */
async function timeWebhook(
	subject: Subject,
	bodies: BodySource,
	iterations: number,
	warmup: number,
	workflowId: string,
): Promise<TimedRun> {
	const nodeTypes = new SingleNodeTypes(subject.typeName, subject.nodeType);
	let saved: IDataObject = {};
	const run: TimedRun = { jsonParse: [], webhook: [], context: [], allAccepted: true };
	for (let index = 0; index < warmup + iterations; index++) {
		const text = bodies.text(index);
		let start = process.hrtime.bigint();
		const body = JSON.parse(text) as unknown;
		const parseUs = elapsedUs(start);

		start = process.hrtime.bigint();
		const built = buildContext(subject, nodeTypes, body, saved, workflowId);
		const contextUs = elapsedUs(start);

		start = process.hrtime.bigint();
		const result = await callWebhook(subject.nodeType, built.context, built.response);
		const webhookUs = elapsedUs(start);

		const accepted =
			built.response.statusCode === 200 &&
			built.response.body.includes('"accepted"') &&
			result.workflowData !== undefined;
		// n8n saves the static data as JSON when it changed, and loads it from the database again for
		// the next request (so the next Workflow wraps all of it in fresh proxies, as in n8n).
		saved = JSON.parse(JSON.stringify(built.workflow.staticData)) as IDataObject;
		if (index < warmup) continue;
		run.jsonParse.push(parseUs);
		run.context.push(contextUs);
		run.webhook.push(webhookUs);
		if (!accepted) run.allAccepted = false;
	}
	return run;
}

/** The pipeline's pure steps from the source, one timed region each. */
function timeSteps(
	kind: 'artemis' | 'artisio',
	bodies: BodySource,
	iterations: number,
	warmup: number,
	capacity: number,
): Array<{ step: string; summary: Summary }> {
	const times: Record<string, number[]> = {
		'unsafe-key strip': [],
		'validate + normalize (zod)': [],
		'identify / fingerprint': [],
		'dedupe check-and-record': [],
		'persist to static data': [],
	};
	const store = new RecordMemory();
	const staticData: IDataObject = {};
	for (let index = 0; index < warmup + iterations; index++) {
		const body = JSON.parse(bodies.text(index)) as IDataObject;
		const record = (step: string, start: bigint): void => {
			if (index >= warmup) times[step].push(elapsedUs(start));
		};
		let start = process.hrtime.bigint();
		const sanitized = withoutUnsafeKeys(body);
		record('unsafe-key strip', start);

		start = process.hrtime.bigint();
		let identity: { record: string; fingerprint: string };
		if (kind === 'artemis') {
			const validation = validateArtemisCallback(sanitized.body);
			record('validate + normalize (zod)', start);
			if (!validation.valid) throw new Error('bench body is invalid');
			start = process.hrtime.bigint();
			const callback = validation.event;
			identity = {
				record: String(callback.customerId),
				fingerprint: `${callback.action}|${callback.status}|${callback.riskRating ?? ''}`,
			};
		} else {
			const validation = validateArtisioEvent(sanitized.body);
			record('validate + normalize (zod)', start);
			if (!validation.valid) throw new Error('bench body is invalid');
			start = process.hrtime.bigint();
			const event = validation.event;
			identity = {
				record: `${event.object}|${event.uuid}`,
				fingerprint: `${event.action}|${fingerprintOf(event.data)}`,
			};
		}
		record('identify / fingerprint', start);

		start = process.hrtime.bigint();
		store.checkAndRecord(identity.record, identity.fingerprint, capacity, Date.now());
		record('dedupe check-and-record', start);

		start = process.hrtime.bigint();
		persistToStaticData(staticData, store);
		record('persist to static data', start);
	}
	return Object.entries(times).map(([step, values]) => ({ step, summary: summarize(values) }));
}

function artemisSubject(nodeType: INodeType, typeName: string, dedupeSize?: number): Subject {
	return {
		nodeType,
		typeName,
		parameters: dedupeSize === undefined ? {} : { options: { dedupeSize } },
		headers: {},
	};
}

function artisioSubject(nodeType: INodeType, typeName: string): Subject {
	return {
		nodeType,
		typeName,
		parameters: {},
		credentials: { artisioWebhookApi: { token: ARTISIO_TOKEN } },
		headers: { authorization: `Bearer ${ARTISIO_TOKEN}` },
	};
}

/** n8n's per-request handling of our static data: parse on load, wrap in proxies, stringify on save. */
function timeN8nStaticData(
	savedText: string,
	iterations: number,
): { parse: Summary; wrap: Summary; stringify: Summary } {
	const parse: number[] = [];
	const wrap: number[] = [];
	const stringify: number[] = [];
	const nodeTypes = new SingleNodeTypes('bench.none', {
		description: { properties: [] },
	} as unknown as INodeType);
	for (let index = 0; index < iterations + 20; index++) {
		let start = process.hrtime.bigint();
		const loaded = JSON.parse(savedText) as IDataObject;
		const parseUs = elapsedUs(start);
		start = process.hrtime.bigint();
		const workflow = new Workflow({
			id: 'wrap',
			nodes: [],
			connections: {},
			active: true,
			nodeTypes,
			staticData: loaded,
		});
		const wrapUs = elapsedUs(start);
		start = process.hrtime.bigint();
		const text = JSON.stringify(workflow.staticData);
		const stringifyUs = elapsedUs(start);
		if (text.length !== savedText.length) throw new Error('static data changed in the round trip');
		if (index < 20) continue;
		parse.push(parseUs);
		wrap.push(wrapUs);
		stringify.push(stringifyUs);
	}
	return { parse: summarize(parse), wrap: summarize(wrap), stringify: summarize(stringify) };
}

async function dedupeAt(
	records: number,
	nodeType: INodeType,
	typeName: string,
	iterations: number,
): Promise<DedupeReport> {
	const subject = artemisSubject(nodeType, typeName, records);
	const nodeTypes = new SingleNodeTypes(subject.typeName, subject.nodeType);
	const bodies = artemisBodies();
	const workflowId = `bench-dedupe-${records}`;
	// Fill the store to `records` (every later event then evicts one). One Workflow for the whole
	// run: re-wrapping the growing static data per request (n8n's cost, measured apart below) would
	// make the fill quadratic.
	const workflow = buildWorkflow(subject, nodeTypes, {}, workflowId);
	let index = 0;
	for (; index < records; index++) {
		const prepared = contextOn(workflow, subject, JSON.parse(bodies.text(index)));
		await callWebhook(nodeType, prepared.context, prepared.response);
	}
	const webhook: number[] = [];
	const warmup = Math.min(200, iterations);
	for (let step = 0; step < warmup + iterations; step++, index++) {
		const built = contextOn(workflow, subject, JSON.parse(bodies.text(index)));
		const start = process.hrtime.bigint();
		await callWebhook(nodeType, built.context, built.response);
		const webhookUs = elapsedUs(start);
		if (built.response.statusCode !== 200)
			throw new Error(`dedupe bench: answer ${built.response.statusCode}`);
		if (step >= warmup) webhook.push(webhookUs);
	}
	const saved = workflow.staticData;
	const savedText = JSON.stringify(saved);

	// The dedupe layer alone (source), same size and same eviction pattern.
	const store = new RecordMemory();
	const staticData: IDataObject = {};
	for (let fill = 0; fill < records; fill++)
		store.checkAndRecord(String(fill), 'UPDATE|CLEARED|LOW', records, Date.now());
	const dedupeOnly: number[] = [];
	for (let step = 0; step < warmup + iterations; step++) {
		const start = process.hrtime.bigint();
		store.checkAndRecord(String(records + step), 'UPDATE|CLEARED|LOW', records, Date.now());
		persistToStaticData(staticData, store);
		const value = elapsedUs(start);
		if (step >= warmup) dedupeOnly.push(value);
	}

	const n8n = timeN8nStaticData(
		savedText,
		Math.max(50, Math.min(400, Math.floor(2_000_000 / Math.max(1, savedText.length)))),
	);
	return {
		records,
		webhook: summarize(webhook),
		dedupeOnly: summarize(dedupeOnly),
		staticDataBytes: Buffer.byteLength(savedText),
		bytesPerRecord: Buffer.byteLength(savedText) / records,
		n8nLoadParse: n8n.parse,
		n8nWrap: n8n.wrap,
		n8nSaveStringify: n8n.stringify,
	};
}

/**
 * Both builds in one loop: request i goes to both builds with the same body (each has its own
 * workflow and store, so both accept it), in alternating order. Noise from the machine hits both
 * alike. Timed: context construction (over the static data each build saved) and webhook().
 */
async function compareBuilds(
	config: InProcessConfig & { comparePackageDir: string },
): Promise<ComparisonRow[]> {
	const current = loadNodeTypes(config.packageDir);
	const candidate = loadNodeTypes(config.comparePackageDir);
	const plans: Array<{
		name: string;
		bodies: BodySource;
		subjects: (build: typeof current) => Subject;
		iterations: number;
		records: number;
	}> = [
		{
			name: 'Artemis update (small), 1,000 records',
			bodies: artemisBodies(),
			subjects: (b) => artemisSubject(b.artemis, `${b.packageName}.artemisCallbackTrigger`),
			iterations: config.iterations,
			records: 1000,
		},
		{
			name: 'Artemis update (small), 10,000 records',
			bodies: artemisBodies(),
			subjects: (b) => artemisSubject(b.artemis, `${b.packageName}.artemisCallbackTrigger`, 10_000),
			iterations: Math.ceil(config.iterations / 10),
			records: 10_000,
		},
		{
			name: 'Artisio Auction update (largest)',
			bodies: artisioBodies('auction.update'),
			subjects: (b) => artisioSubject(b.artisio, `${b.packageName}.artisioWebhookTrigger`),
			iterations: Math.ceil(config.iterations / 2),
			records: 1000,
		},
		{
			name: 'Artisio Lot create (largest Lot)',
			bodies: artisioBodies('lot.create'),
			subjects: (b) => artisioSubject(b.artisio, `${b.packageName}.artisioWebhookTrigger`),
			iterations: Math.ceil(config.iterations / 2),
			records: 1000,
		},
	];
	const rows: ComparisonRow[] = [];
	for (const [planIndex, plan] of plans.entries()) {
		const sides = [current, candidate].map((build, side) => {
			const subject = plan.subjects(build);
			return {
				subject,
				nodeTypes: new SingleNodeTypes(subject.typeName, subject.nodeType),
				saved: {},
				workflowId: `compare-${planIndex}-${side}`,
				webhook: [] as number[],
				context: [] as number[],
			};
		});
		const warmup = Math.max(config.warmup, plan.records + 200);
		for (let index = 0; index < warmup + plan.iterations; index++) {
			const text = plan.bodies.text(index);
			// Alternate which build goes first: garbage one build leaves must not be collected on the other's clock.
			for (const side of index % 2 === 0 ? sides : [sides[1], sides[0]]) {
				const body = JSON.parse(text) as unknown;
				// Filling the store is not timed; it would re-wrap the whole store on every request.
				const fill = index < plan.records;
				let start = process.hrtime.bigint();
				const built = buildContext(
					side.subject,
					side.nodeTypes,
					body,
					fill ? {} : side.saved,
					side.workflowId,
				);
				const contextUs = elapsedUs(start);
				start = process.hrtime.bigint();
				await callWebhook(side.subject.nodeType, built.context, built.response);
				const webhookUs = elapsedUs(start);
				if (built.response.statusCode !== 200)
					throw new Error(`compare: answer ${built.response.statusCode}`);
				if (index >= plan.records - 1)
					side.saved = JSON.parse(JSON.stringify(built.workflow.staticData)) as IDataObject;
				if (index < warmup) continue;
				side.webhook.push(webhookUs);
				side.context.push(contextUs);
			}
		}
		rows.push({
			name: plan.name,
			current: summarize(sides[0].webhook),
			candidate: summarize(sides[1].webhook),
			context: { current: summarize(sides[0].context), candidate: summarize(sides[1].context) },
		});
	}
	return rows;
}

/**
 * The Redis store against the static-data store, both on the built Artemis node with 1,000 records
 * remembered: first repeats of one callback (duplicates), then a new customer per request
 * (accepted), the two stores alternating request by request with the same bodies. Each request gets
 * a fresh context over the static data its store saved last, as in `timeWebhook`.
 */
async function compareStores(
	nodeType: INodeType,
	typeName: string,
	redis: { host: string; port: number },
	iterations: number,
	warmup: number,
): Promise<StoreReport> {
	const records = 1000;
	const nodeTypes = new SingleNodeTypes(typeName, nodeType);
	const bodies = artemisBodies();
	const credential: IDataObject = {
		host: redis.host,
		port: redis.port,
		user: '',
		password: '',
		database: 0,
		ssl: false,
	};
	const sides = (['staticData', 'redis'] as const).map((store) => {
		const subject: Subject = {
			nodeType,
			typeName,
			parameters: store === 'redis' ? { dedupeStore: 'redis' } : {},
			credentials: store === 'redis' ? { dedupeRedisApi: credential } : undefined,
			headers: {},
		};
		const saved: IDataObject = {};
		return {
			store,
			subject,
			workflowId: `bench-store-${store}`,
			saved,
			webhook: [] as number[],
			context: [] as number[],
		};
	});
	const saveLoad: number[] = [];
	let allExpected = true;
	const request = async (
		side: (typeof sides)[number],
		text: string,
		expected: string,
		timed: boolean,
	): Promise<void> => {
		const body = JSON.parse(text) as unknown;
		let start = process.hrtime.bigint();
		const built = buildContext(side.subject, nodeTypes, body, side.saved, side.workflowId);
		const contextUs = elapsedUs(start);
		start = process.hrtime.bigint();
		const result = await callWebhook(side.subject.nodeType, built.context, built.response);
		const webhookUs = elapsedUs(start);
		start = process.hrtime.bigint();
		side.saved = JSON.parse(JSON.stringify(built.workflow.staticData)) as IDataObject;
		const saveLoadUs = elapsedUs(start);
		const answered =
			built.response.statusCode === 200 && built.response.body.includes(`"${expected}"`);
		const warned = JSON.stringify(result.workflowData ?? []).includes('Deduplication was skipped');
		if (!timed) return;
		if (!answered || warned) allExpected = false;
		side.webhook.push(webhookUs);
		side.context.push(contextUs);
		if (side.store === 'staticData') saveLoad.push(saveLoadUs);
	};
	// Fill both stores (not timed): one Workflow per store for the fill, as in dedupeAt.
	for (const side of sides) {
		const workflow = buildWorkflow(side.subject, nodeTypes, {}, side.workflowId);
		for (let index = 0; index < records; index++) {
			const prepared = contextOn(workflow, side.subject, JSON.parse(bodies.text(index)));
			await callWebhook(side.subject.nodeType, prepared.context, prepared.response);
		}
		side.saved = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
	}
	const rows: StoreRow[] = [];
	let next = records;
	for (const phase of ['duplicate', 'accepted'] as const) {
		for (const side of sides) {
			side.webhook = [];
			side.context = [];
		}
		saveLoad.length = 0;
		allExpected = true;
		for (let step = 0; step < warmup + iterations; step++) {
			// Duplicates: the last filled customer again and again (the most recently seen, never evicted).
			const text = phase === 'duplicate' ? bodies.text(records - 1) : bodies.text(next++);
			for (const side of step % 2 === 0 ? sides : [sides[1], sides[0]])
				await request(side, text, phase, step >= warmup);
		}
		rows.push({
			name:
				phase === 'accepted'
					? 'accepted (a new customer per request)'
					: 'duplicate (the same callback repeated)',
			staticData: summarize(sides[0].webhook),
			redis: summarize(sides[1].webhook),
			staticContext: summarize(sides[0].context),
			redisContext: summarize(sides[1].context),
			allExpected,
		});
	}
	const staticSaveLoad = summarize(saveLoad);

	// The Redis round trips alone, from the sources (imported here only: older candidate builds lack them).
	const { default: Redis } = await import('ioredis');
	const { checkWithRedis, redisKeys } = await import('../nodes/shared/dedupe/redisStore');
	const client = new Redis({ host: redis.host, port: redis.port });
	try {
		const info = await client.info('server');
		const keys = redisKeys('bench-store-roundtrip', 'node');
		const script: number[] = [];
		const ping: number[] = [];
		for (let step = 0; step < warmup + iterations; step++) {
			let start = process.hrtime.bigint();
			await checkWithRedis(
				client,
				keys,
				{ record: String(step), fingerprint: 'UPDATE|CLEARED|LOW' },
				records,
			);
			const scriptUs = elapsedUs(start);
			start = process.hrtime.bigint();
			await client.ping();
			const pingUs = elapsedUs(start);
			if (step < warmup) continue;
			script.push(scriptUs);
			ping.push(pingUs);
		}
		return {
			redis: `Redis ${/redis_version:(\S+)/.exec(info)?.[1] ?? '?'} at ${redis.host}:${redis.port}`,
			records,
			rows,
			scriptRoundTrip: summarize(script),
			pingRoundTrip: summarize(ping),
			staticSaveLoad,
			staticDataBytes: Buffer.byteLength(JSON.stringify(sides[0].saved)),
		};
	} finally {
		client.disconnect();
	}
}

export async function runInProcess(config: InProcessConfig): Promise<InProcessReport> {
	const { artemis, artisio, packageName } = loadNodeTypes(config.packageDir);
	const artemisType = `${packageName}.artemisCallbackTrigger`;
	const artisioType = `${packageName}.artisioWebhookTrigger`;
	const cases: CaseReport[] = [];

	const plans: Array<{
		name: string;
		subject: Subject;
		bodies: BodySource;
		kind: 'artemis' | 'artisio';
		iterations: number;
	}> = [
		{
			name: 'Artemis update (small)',
			subject: artemisSubject(artemis, artemisType),
			bodies: artemisBodies(),
			kind: 'artemis',
			iterations: config.iterations,
		},
		{
			name: 'Artisio Auction update (largest)',
			subject: artisioSubject(artisio, artisioType),
			bodies: artisioBodies('auction.update'),
			kind: 'artisio',
			iterations: Math.ceil(config.iterations / 2),
		},
		{
			name: 'Artisio Lot create (largest Lot)',
			subject: artisioSubject(artisio, artisioType),
			bodies: artisioBodies('lot.create'),
			kind: 'artisio',
			iterations: Math.ceil(config.iterations / 2),
		},
	];
	for (const [planIndex, plan] of plans.entries()) {
		const run = await timeWebhook(
			plan.subject,
			plan.bodies,
			plan.iterations,
			config.warmup,
			`bench-case-${planIndex}`,
		);
		cases.push({
			name: plan.name,
			bodyBytes: Buffer.byteLength(plan.bodies.text(0)),
			jsonParse: summarize(run.jsonParse),
			webhook: summarize(run.webhook),
			allAccepted: run.allAccepted,
			context: summarize(run.context),
			steps: timeSteps(plan.kind, plan.bodies, plan.iterations, config.warmup, 1000),
		});
	}

	const dedupe: DedupeReport[] = [];
	for (const records of [100, 1000, 10_000]) {
		dedupe.push(
			await dedupeAt(
				records,
				artemis,
				artemisType,
				Math.max(300, Math.ceil(config.iterations / 5)),
			),
		);
	}
	const comparePackageDir = config.comparePackageDir;
	const stores =
		config.redis === undefined
			? undefined
			: await compareStores(artemis, artemisType, config.redis, config.iterations, config.warmup);
	return {
		node: process.version,
		packageDir: config.packageDir,
		iterations: config.iterations,
		warmup: config.warmup,
		cases,
		dedupe,
		comparison:
			comparePackageDir === undefined
				? undefined
				: await compareBuilds({ ...config, comparePackageDir }),
		stores,
	};
}

if (require.main === module) {
	const config: InProcessConfig = {
		packageDir: resolve(process.env.BENCH_PACKAGE_DIR ?? PROJECT_ROOT),
		comparePackageDir:
			process.env.BENCH_COMPARE_PACKAGE_DIR === undefined
				? undefined
				: resolve(process.env.BENCH_COMPARE_PACKAGE_DIR),
		iterations: Number(process.env.BENCH_INPROCESS_ITERATIONS ?? '5000'),
		warmup: Number(process.env.BENCH_INPROCESS_WARMUP ?? '1500'),
		redis:
			process.env.BENCH_REDIS_PORT === undefined
				? undefined
				: {
						host: process.env.BENCH_REDIS_HOST ?? '127.0.0.1',
						port: Number(process.env.BENCH_REDIS_PORT),
					},
	};
	runInProcess(config)
		.then((report) => {
			// Exit once written: the built node's pooled Redis client would keep this process alive.
			process.stdout.write(`${JSON.stringify(report)}\n`, () => process.exit(0));
		})
		.catch((error: unknown) => {
			process.stderr.write(
				`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
			);
			process.exit(1);
		});
}
