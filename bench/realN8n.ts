/**
 * Part 3 of the bench: both triggers in a real n8n against n8n's own Webhook node, same n8n, same
 * payloads, interleaved runs.
 *
 * One run of a scenario = a closed-loop load of `concurrency` keep-alive clients for `durationMs`,
 * then (for scenarios that start executions) waiting until n8n has FINISHED every execution the
 * run started. Measured per run:
 * - answer rate: answers of the expected kind per second while the load ran;
 * - accepted (completion) rate: executions started by the run / (time of the last execution's
 *   `stoppedAt` − start of the run). This is the figure the targets are judged by: a trigger that
 *   answers before its execution runs cannot look faster than n8n can actually process;
 * - latency p50/p99 of the answers;
 * - n8n main-process CPU time (user + system, /proc) per answer, from the start of the run until
 *   the last execution finished.
 *
 * With the Redis store built (and BENCH_SKIP_REDIS unset), the same n8n also runs the Artemis trigger
 * with `dedupeStore: 'redis'` (`artemis-redis`, `artemis-redis-duplicate`), each next to its
 * static-data counterpart in every round, on a redis-server the bench starts and stops by PID.
 *
 * The community-node floor: a package of bare triggers (bench/bare/, installed beside ours at the
 * same typeVersion 1.1) that only answer, and one that also reads a credential per request, run on
 * the same payloads in the same rounds (`bare-*`). Scenarios ending in `-sequential` send one
 * request at a time, as Artisio does, for the latency each request sees.
 * `runScenario` and `runRounds` are also what the queue-mode part (queueMode.ts) runs.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
	cpSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import Redis from 'ioredis';

import { checkWithRedis, redisKeys } from '../nodes/shared/dedupe/redisStore';
import { ensureN8n, type N8nInstance, startN8n, triggerWorkflow } from '../test/support/n8n';
import { artemisCallback } from '../test/support/payloads';
import { type RedisServer, startRedis } from '../test/support/services';
import { sleep } from '../test/support/util';
import {
	BARE_CREDENTIAL,
	BARE_TYPE_VERSION,
	BARE_TYPES,
	installBarePackage,
} from './lib/barePackage';
import { type LoadRequest, runLoad } from './lib/load';

const PROJECT_ROOT = resolve(__dirname, '..');
const BUILTIN_WEBHOOK = 'n8n-nodes-base.webhook';
export const ARTISIO_TOKEN = 'bench-token-0123456789abcdef0123456789abcdef';
const FINISHED = ['success', 'error', 'crashed', 'canceled'];

export type Expectation =
	'accepted' | 'duplicate' | 'ignored' | 'rejected' | 'unauthorized' | 'builtin';

export interface Scenario {
	key: string;
	label: string;
	url: string;
	workflowId: string;
	expect: Expectation;
	/** Whether each expected answer starts one execution. */
	startsExecutions: boolean;
	next(index: number): LoadRequest;
	/** Shorter runs are enough for answers that start nothing. */
	short: boolean;
	/** Clients of this scenario; default the run's concurrency (1: one request at a time, as Artisio sends). */
	concurrency?: number;
	/** The process that answers (its CPU is measured); default the n8n main process. */
	pid?: () => number | undefined;
	/** Other processes whose CPU per answer is reported too (queue mode: the worker). */
	otherPids?: Record<string, () => number | undefined>;
}

export interface RunResult {
	key: string;
	round: number;
	requests: number;
	expected: number;
	unexpected: Record<string, number>;
	errors: number;
	loadMs: number;
	/** Run start to last execution finished (or to the end of the load when nothing runs). */
	totalMs: number;
	answerRate: number;
	completionRate: number;
	latenciesMs: number[];
	cpuMs: number;
	/** CPU of `Scenario.otherPids`, same window. */
	otherCpuMs: Record<string, number>;
	executionsMissing: number;
}

export interface RealConfig {
	rounds: number;
	durationMs: number;
	shortDurationMs: number;
	warmupMs: number;
	concurrency: number;
	drainTimeoutMs: number;
	/** Extra n8n environment (e.g. N8N_EXPRESSION_ENGINE=legacy). */
	n8nEnv: Record<string, string>;
	/** A second build of the package to measure side by side (see run.ts). */
	candidateDir?: string;
	/** The Redis-store scenarios (a Redis of the bench's own); default true when the build has the store. */
	withRedis?: boolean;
	log(line: string): void;
}

export interface RealReport {
	n8nVersion: string;
	nodeVersion: string;
	env: Record<string, string>;
	scenarios: Array<Pick<Scenario, 'key' | 'label' | 'expect' | 'startsExecutions' | 'concurrency'>>;
	runs: RunResult[];
	clockTicksPerSecond: number;
	/** The Redis of the Redis-store scenarios, e.g. `Redis 7.0.15 at 127.0.0.1:40263`; undefined without them. */
	redis?: string;
}

// ---------------------------------------------------------------------------------------------------
// Payloads

/** The bytes of a callback about customer `customerId` (see `artemisCallback`). */
export function artemisBytes(customerId: number): Buffer {
	return Buffer.from(JSON.stringify(artemisCallback({}, { customer: customerId })));
}

const lotText = readFileSync(join(PROJECT_ROOT, 'test/fixtures/artisio/lot.create.json'), 'utf8');
const lotUuid = (JSON.parse(lotText) as { data: { uuid: string } }).data.uuid;

/** The largest Lot fixture (about 17 KB), as a new record each time. */
function artisioLotBody(index: number): Buffer {
	return Buffer.from(
		lotText.split(lotUuid).join(`${lotUuid.slice(0, 24)}${String(index).padStart(12, '0')}`),
	);
}

export const json = { 'content-type': 'application/json' };
const bearer = { ...json, authorization: `Bearer ${ARTISIO_TOKEN}` };

/** Unique per process run and scenario, so that no two runs reuse a record. */
let sequenceBase = 1_000_000;
export function freshSequence(): number {
	sequenceBase += 1_000_000;
	return sequenceBase;
}

// ---------------------------------------------------------------------------------------------------
// Workflows

/** Where a scenario sends its requests. */
export function at(workflow: { url: string; id: string }): { url: string; workflowId: string } {
	return { url: workflow.url, workflowId: workflow.id };
}

/** A new record for every request of a run (so that each is accepted), starting where no run has been. */
export function fresh(
	body: (sequence: number) => Buffer,
	headers: Record<string, string>,
): (index: number) => { body: Buffer; headers: Record<string, string> } {
	const base = freshSequence();
	return (index: number) => ({ body: body(base + index), headers });
}

/**
 * Static data with `count` dedupe records, as if already seen. Format 1 on purpose: every build
 * reads it (builds that write format 2 convert it on their first save).
 */
export function seededStaticData(
	count: number,
	record: (index: number) => [string, string],
): Record<string, unknown> {
	const records = Array.from({ length: count }, (_, index) => record(index));
	return { 'node:Trigger': { dedupe: { version: 1, records } } };
}

/**
 * Creates (with seeded static data, which the harness's createWorkflow does not pass) and activates.
 * The webhook path is given to `activate`: the harness only derives paths for this package's own
 * name, not for the candidate's.
 */
async function createActive(
	n8n: N8nInstance,
	workflow: { name: string; nodes: unknown[]; connections: unknown; settings: unknown },
	webhookPath: string,
	staticData?: Record<string, unknown>,
): Promise<string> {
	const body = staticData === undefined ? workflow : { ...workflow, staticData };
	const created = await n8n.api<{ id: string }>('POST', '/api/v1/workflows', body);
	await n8n.activate(created.id, { webhookPaths: [webhookPath] });
	return created.id;
}

async function builtinWorkflow(
	n8n: N8nInstance,
	name: string,
): Promise<{ id: string; url: string }> {
	const path = randomUUID();
	const id = await createActive(
		n8n,
		{
			name,
			nodes: [
				{
					id: randomUUID(),
					name: 'Webhook',
					type: BUILTIN_WEBHOOK,
					typeVersion: 2,
					position: [0, 0],
					webhookId: randomUUID(),
					parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
				},
			],
			connections: {},
			settings: { executionOrder: 'v1' },
		},
		path,
	);
	return { id, url: `${n8n.baseUrl}/webhook/${path}` };
}

async function customWorkflow(
	n8n: N8nInstance,
	args: {
		name: string;
		nodeType: string;
		typeVersion: number;
		parameters?: Record<string, unknown>;
		credentialId?: string;
		/** The credential type `credentialId` is of (default the Artisio one). */
		credentialType?: string;
		/** More credentials of the node, by credential type (e.g. `dedupeRedisApi`). */
		credentials?: Record<string, { id: string; name: string }>;
		seeded?: Record<string, unknown>;
	},
): Promise<{ id: string; url: string; nodeId: string }> {
	const credentials = {
		...(args.credentialId === undefined
			? {}
			: {
					[args.credentialType ?? 'artisioWebhookApi']: {
						id: args.credentialId,
						name: 'bench token',
					},
				}),
		...(args.credentials ?? {}),
	};
	const { workflow, webhookId } = triggerWorkflow({
		name: args.name,
		nodeType: args.nodeType,
		typeVersion: args.typeVersion,
		parameters: args.parameters ?? {},
		credentials: Object.keys(credentials).length === 0 ? undefined : credentials,
	});
	const id = await createActive(n8n, workflow, `${webhookId}/webhook`, args.seeded);
	return { id, url: n8n.webhookUrl(webhookId), nodeId: String(workflow.nodes[0].id) };
}

export const DEFAULT_RECORDS = 1000;

/** The records the Artemis workflows start with (static data or Redis): customers 1 to `count`, each seen once. */
export const artemisSeedRecord = (index: number): [string, string] => [
	String(index + 1),
	'UPDATE|CLEARED|LOW',
];

/** Data of a `dedupeRedisApi` credential for a Redis of our own (no user, no password, no TLS). */
export function redisCredentialData(redis: {
	host: string;
	port: number;
}): Record<string, unknown> {
	return { host: redis.host, port: redis.port, user: '', password: '', database: 0, ssl: false };
}

/**
 * Puts `count` records into a trigger node's Redis store, with the store's own script (the
 * package's source), as if the trigger had accepted them: the Redis workflow then starts as full
 * as the static-data one (`seededStaticData`), so that every accepted event evicts one record in both.
 */
export async function seedRedis(
	redis: { host: string; port: number },
	workflowId: string,
	nodeId: string,
	count: number,
	record: (index: number) => [string, string],
): Promise<void> {
	const client = new Redis({
		host: redis.host,
		port: redis.port,
		lazyConnect: true,
		maxRetriesPerRequest: 1,
		connectTimeout: 5000,
	});
	client.on('error', () => undefined);
	try {
		await client.connect();
		const keys = redisKeys(workflowId, nodeId);
		for (let start = 0; start < count; start += 100) {
			const batch = Array.from({ length: Math.min(100, count - start) }, (_, offset) =>
				record(start + offset),
			);
			await Promise.all(
				batch.map(
					async ([recordText, fingerprint]) =>
						await checkWithRedis(client, keys, { record: recordText, fingerprint }, count),
				),
			);
		}
		const remembered = await client.hlen(keys.states);
		if (remembered !== count)
			throw new Error(`seeding Redis: ${remembered} records instead of ${count}`);
	} finally {
		client.disconnect();
	}
}

/** Whether a build has the Redis store (its credential type is built). */
export function hasRedisStore(packageDir: string): boolean {
	return existsSync(join(packageDir, 'dist', 'credentials', 'DedupeRedisApi.credentials.js'));
}

/** The typeVersion the editor gives a new node of this type: its `defaultVersion`, else the highest. */
export function defaultTypeVersion(packageDir: string, file: string, exported: string): number {
	try {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const module = require(join(packageDir, 'dist', 'nodes', file)) as Record<
			string,
			new () => { description: { version: number | number[]; defaultVersion?: number } }
		>;
		const { description } = new module[exported]();
		if (description.defaultVersion !== undefined) return description.defaultVersion;
		return Array.isArray(description.version)
			? Math.max(...description.version)
			: description.version;
	} catch {
		return 1;
	}
}

export function typeVersionsOf(packageDir: string): { artemis: number; artisio: number } {
	return {
		artemis: defaultTypeVersion(
			packageDir,
			'ArtemisCallbackTrigger/ArtemisCallbackTrigger.node.js',
			'ArtemisCallbackTrigger',
		),
		artisio: defaultTypeVersion(
			packageDir,
			'ArtisioWebhookTrigger/ArtisioWebhookTrigger.node.js',
			'ArtisioWebhookTrigger',
		),
	};
}

/** The scenarios of one package (the project's build, or a candidate under another package name). */
async function packageScenarios(
	n8n: N8nInstance,
	packageName: string,
	versions: { artemis: number; artisio: number },
	prefix: string,
	credentialId: string,
): Promise<Scenario[]> {
	const artemisType = `${packageName}.artemisCallbackTrigger`;
	const artisioType = `${packageName}.artisioWebhookTrigger`;
	const artemisVersion = versions.artemis;
	const artisioVersion = versions.artisio;
	const tag = prefix === '' ? '' : `${prefix} `;
	const key = (name: string): string => (prefix === '' ? name : `${prefix}:${name}`);
	const scenarios: Scenario[] = [];

	const artemisSeed = seededStaticData(DEFAULT_RECORDS, artemisSeedRecord);
	const artemis = await customWorkflow(n8n, {
		name: `${tag}artemis`,
		nodeType: artemisType,
		typeVersion: artemisVersion,
		seeded: artemisSeed,
	});
	scenarios.push({
		key: key('artemis'),
		label: `${tag}Artemis, accepted (1,000 records remembered)`,
		...at(artemis),
		expect: 'accepted',
		startsExecutions: true,
		short: false,
		next: fresh(artemisBytes, json),
	});
	// Repeats of one callback: the first is accepted (and made before the run), the rest are duplicates.
	scenarios.push({
		key: key('artemis-duplicate'),
		label: `${tag}Artemis, duplicate`,
		...at(artemis),
		expect: 'duplicate',
		startsExecutions: false,
		short: true,
		next: () => ({ body: artemisBytes(7), headers: json }),
	});
	const artemisFiltered = await customWorkflow(n8n, {
		name: `${tag}artemis ignored`,
		nodeType: artemisType,
		typeVersion: artemisVersion,
		parameters: { actions: ['INSERT'] },
	});
	scenarios.push({
		key: key('artemis-ignored'),
		label: `${tag}Artemis, ignored (filtered out)`,
		...at(artemisFiltered),
		expect: 'ignored',
		startsExecutions: false,
		short: true,
		next: (index) => ({ body: artemisBytes(index), headers: json }),
	});
	scenarios.push({
		key: key('artemis-rejected'),
		label: `${tag}Artemis, rejected (400 invalid payload)`,
		...at(artemis),
		expect: 'rejected',
		startsExecutions: false,
		short: true,
		next: () => ({
			body: Buffer.from(JSON.stringify({ customerId: 'abc', status: 5 })),
			headers: json,
		}),
	});
	for (const records of [100, 10_000]) {
		const seeded = seededStaticData(records, artemisSeedRecord);
		const workflow = await customWorkflow(n8n, {
			name: `${tag}artemis ${records} records`,
			nodeType: artemisType,
			typeVersion: artemisVersion,
			parameters: { options: { dedupeSize: records } },
			seeded,
		});
		scenarios.push({
			key: key(`artemis-${records}`),
			label: `${tag}Artemis, accepted, ${records.toLocaleString('en')} records remembered`,
			...at(workflow),
			expect: 'accepted',
			startsExecutions: true,
			short: false,
			next: fresh(artemisBytes, json),
		});
	}

	const artisioSeed = seededStaticData(DEFAULT_RECORDS, (index) => [
		`LOT|00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
		'CREATE|0123456789abcdef',
	]);
	const artisio = await customWorkflow(n8n, {
		name: `${tag}artisio`,
		nodeType: artisioType,
		typeVersion: artisioVersion,
		credentialId,
		seeded: artisioSeed,
	});
	scenarios.push({
		key: key('artisio'),
		label: `${tag}Artisio, accepted (Lot create, 17 KB)`,
		...at(artisio),
		expect: 'accepted',
		startsExecutions: true,
		short: false,
		next: fresh(artisioLotBody, bearer),
	});
	scenarios.push({
		key: key('artisio-sequential'),
		label: `${tag}Artisio, accepted, one request at a time (as Artisio sends)`,
		...at(artisio),
		expect: 'accepted',
		startsExecutions: true,
		short: false,
		concurrency: 1,
		next: fresh(artisioLotBody, bearer),
	});
	scenarios.push({
		key: key('artisio-duplicate'),
		label: `${tag}Artisio, duplicate`,
		...at(artisio),
		expect: 'duplicate',
		startsExecutions: false,
		short: true,
		next: () => ({ body: artisioLotBody(7), headers: bearer }),
	});
	scenarios.push({
		key: key('artisio-unauthorized'),
		label: `${tag}Artisio, rejected (401 wrong token)`,
		...at(artisio),
		expect: 'unauthorized',
		startsExecutions: false,
		short: true,
		next: (index) => ({
			body: artisioLotBody(index),
			headers: { ...json, authorization: 'Bearer wrong-token' },
		}),
	});
	return scenarios;
}

/**
 * The Artemis trigger with the Redis store beside the static-data one (`artemis`,
 * `artemis-duplicate`): same payloads, 1,000 records remembered in Redis, a `dedupeRedisApi`
 * credential created through the public API.
 */
async function redisScenarios(
	n8n: N8nInstance,
	redis: RedisServer,
	typeVersion: number,
): Promise<Scenario[]> {
	const credential = await n8n.createCredential(
		'bench Redis',
		'dedupeRedisApi',
		redisCredentialData(redis),
	);
	const workflow = await customWorkflow(n8n, {
		name: 'artemis redis',
		nodeType: 'n8n-nodes-artemis-artisio.artemisCallbackTrigger',
		typeVersion,
		parameters: { dedupeStore: 'redis' },
		credentials: { dedupeRedisApi: { id: credential.id, name: 'bench Redis' } },
	});
	await seedRedis(redis, workflow.id, workflow.nodeId, DEFAULT_RECORDS, artemisSeedRecord);
	return [
		{
			key: 'artemis-redis',
			label: 'Artemis, Redis store, accepted (1,000 records remembered)',
			...at(workflow),
			expect: 'accepted',
			startsExecutions: true,
			short: false,
			next: fresh(artemisBytes, json),
		},
		{
			key: 'artemis-redis-duplicate',
			label: 'Artemis, Redis store, duplicate',
			...at(workflow),
			expect: 'duplicate',
			startsExecutions: false,
			short: true,
			next: () => ({ body: artemisBytes(7), headers: json }),
		},
	];
}

/**
 * The floor: bare community triggers on the same payloads as ours (see bench/bare/). `bare-*`
 * accepted ones start an execution per request; `bare-answer-*` answer and start nothing (the floor
 * of duplicates, ignored and rejected answers); `bare-credential-*` also read a credential per request.
 */
async function bareScenarios(n8n: N8nInstance): Promise<Scenario[]> {
	const credential = await n8n.createCredential('bench bare token', BARE_CREDENTIAL, {
		token: ARTISIO_TOKEN,
	});
	const bare = (name: string, nodeType: string, credentialId?: string) =>
		customWorkflow(n8n, {
			name,
			nodeType,
			typeVersion: BARE_TYPE_VERSION,
			credentialId,
			credentialType: BARE_CREDENTIAL,
		});
	const accepted = await bare('bare trigger', BARE_TYPES.accepted);
	const answerOnly = await bare('bare answer-only trigger', BARE_TYPES.answerOnly);
	const withCredential = await bare(
		'bare trigger reading a credential',
		BARE_TYPES.credential,
		credential.id,
	);
	const common = { expect: 'accepted', startsExecutions: true, short: false } as const;
	const answers = { expect: 'duplicate', startsExecutions: false, short: true } as const;
	return [
		{
			key: 'bare-artemis',
			label: 'bare trigger, Artemis body',
			...at(accepted),
			...common,
			next: fresh(artemisBytes, json),
		},
		{
			key: 'bare-artisio',
			label: 'bare trigger, Artisio Lot body',
			...at(accepted),
			...common,
			next: fresh(artisioLotBody, bearer),
		},
		{
			key: 'bare-credential-artisio',
			label: 'bare trigger + getCredentials() per request, Artisio Lot body',
			...at(withCredential),
			...common,
			next: fresh(artisioLotBody, bearer),
		},
		{
			key: 'bare-answer-artemis',
			label: 'bare answer-only trigger, Artemis body',
			...at(answerOnly),
			...answers,
			next: () => ({ body: artemisBytes(7), headers: json }),
		},
		{
			key: 'bare-answer-artisio',
			label: 'bare answer-only trigger, Artisio Lot body',
			...at(answerOnly),
			...answers,
			next: () => ({ body: artisioLotBody(7), headers: bearer }),
		},
		{
			key: 'bare-artisio-sequential',
			label: 'bare trigger, Artisio Lot body, one request at a time',
			...at(accepted),
			...common,
			concurrency: 1,
			next: fresh(artisioLotBody, bearer),
		},
		{
			key: 'bare-credential-sequential',
			label: 'bare trigger + getCredentials(), Artisio Lot body, one request at a time',
			...at(withCredential),
			...common,
			concurrency: 1,
			next: fresh(artisioLotBody, bearer),
		},
	];
}

/** Puts each bare scenario right after the one of ours it is compared with, so that both run next to each other in every round. */
const BESIDE: Record<string, string> = {
	'bare-artemis': 'artemis',
	'bare-answer-artemis': 'artemis-duplicate',
	'bare-artisio': 'artisio',
	'bare-credential-artisio': 'bare-artisio',
	'bare-answer-artisio': 'artisio-duplicate',
	'bare-artisio-sequential': 'artisio-sequential',
	'bare-credential-sequential': 'bare-artisio-sequential',
};

function placeBeside(scenarios: Scenario[], added: Scenario[]): void {
	for (const scenario of added) {
		const at = scenarios.findIndex((existing) => existing.key === BESIDE[scenario.key]);
		scenarios.splice(at < 0 ? scenarios.length : at + 1, 0, scenario);
	}
}

async function builtinScenarios(n8n: N8nInstance): Promise<Scenario[]> {
	const forArtemis = await builtinWorkflow(n8n, 'built-in webhook, Artemis body');
	const forArtisio = await builtinWorkflow(n8n, 'built-in webhook, Artisio body');
	return [
		{
			key: 'builtin-artemis',
			label: 'built-in Webhook node, Artemis body',
			...at(forArtemis),
			expect: 'builtin',
			startsExecutions: true,
			short: false,
			next: fresh(artemisBytes, json),
		},
		{
			key: 'builtin-artisio',
			label: 'built-in Webhook node, Artisio Lot body',
			...at(forArtisio),
			expect: 'builtin',
			startsExecutions: true,
			short: false,
			next: fresh(artisioLotBody, json),
		},
	];
}

// ---------------------------------------------------------------------------------------------------
// Measuring a run

function clockTicksPerSecond(): number {
	// Linux exposes USER_HZ as 100 on every architecture n8n runs on.
	return 100;
}

/** utime + stime of a process in ms, from /proc (Linux). */
function cpuMsOf(pid: number | undefined): number {
	if (pid === undefined || !existsSync(`/proc/${pid}/stat`)) return Number.NaN;
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	// Fields after the command: state is index 0, utime is field 14 overall → index 11 here.
	const ticks = Number(fields[11]) + Number(fields[12]);
	return (ticks * 1000) / clockTicksPerSecond();
}

interface ExecutionsPage {
	data: { count: number; results: Array<{ id: string; stoppedAt: string | null; status: string }> };
}

export async function finishedExecutions(
	n8n: N8nInstance,
	workflowId: string,
	limit: number,
): Promise<ExecutionsPage['data']> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId, status: FINISHED }));
	const page = await n8n.api<ExecutionsPage>(
		'GET',
		`/rest/executions?filter=${filter}&limit=${limit}`,
	);
	return page.data;
}

function matches(expect: Expectation, status: number, answer: string | undefined): boolean {
	switch (expect) {
		case 'builtin':
			return status === 200;
		case 'accepted':
		case 'duplicate':
		case 'ignored':
			return status === 200 && answer === expect;
		case 'rejected':
			return status === 400 && answer === 'rejected';
		case 'unauthorized':
			return status === 401 && answer === 'rejected';
	}
}

/** How many requests each scenario has sent so far, over all its runs. */
const sentSoFar = new WeakMap<Scenario, number>();

/**
 * One run of a scenario. `n8n` is where executions are read (the main process, also in queue
 * mode); the CPU measured is that of `scenario.pid` (default the same main process).
 */
export async function runScenario(
	n8n: N8nInstance,
	scenario: Scenario,
	round: number,
	durationMs: number,
	config: Pick<RealConfig, 'concurrency' | 'drainTimeoutMs'>,
): Promise<RunResult> {
	const firstIndex = sentSoFar.get(scenario) ?? 0;
	const before = scenario.startsExecutions
		? (await finishedExecutions(n8n, scenario.workflowId, 1)).count
		: 0;
	const pid = scenario.pid?.() ?? n8n.pid;
	const others = Object.entries(scenario.otherPids ?? {}).map(([name, pidOf]) => ({
		name,
		pid: pidOf(),
	}));
	const cpuBefore = cpuMsOf(pid);
	const othersBefore = others.map((other) => cpuMsOf(other.pid));
	const load = await runLoad({
		url: scenario.url,
		concurrency: scenario.concurrency ?? config.concurrency,
		durationMs,
		maxRequests: 100_000,
		// Continue the scenario's sequence: a later run must not repeat an earlier run's records.
		next: (index) => scenario.next(firstIndex + index),
	});
	sentSoFar.set(scenario, firstIndex + load.answers.length + load.errors.length);
	const expected = load.answers.filter((answer) =>
		matches(scenario.expect, answer.status, answer.answer),
	);
	const unexpected: Record<string, number> = {};
	for (const answer of load.answers) {
		if (matches(scenario.expect, answer.status, answer.answer)) continue;
		const label = `${answer.status} ${answer.answer ?? ''}`.trim();
		unexpected[label] = (unexpected[label] ?? 0) + 1;
	}
	let endedAt = load.endedAt;
	let missing = 0;
	if (scenario.startsExecutions) {
		const target = before + expected.length;
		const deadline = Date.now() + config.drainTimeoutMs;
		let page = await finishedExecutions(n8n, scenario.workflowId, 1);
		while (page.count < target && Date.now() < deadline) {
			await sleep(200);
			page = await finishedExecutions(n8n, scenario.workflowId, 1);
		}
		missing = Math.max(0, target - page.count);
		const newest = await finishedExecutions(n8n, scenario.workflowId, 100);
		const stops = newest.results.map((execution) =>
			execution.stoppedAt === null ? 0 : Date.parse(execution.stoppedAt),
		);
		endedAt = Math.max(load.endedAt, ...stops);
	}
	const cpuMs = cpuMsOf(pid) - cpuBefore;
	const otherCpuMs = Object.fromEntries(
		others.map((other, index) => [other.name, cpuMsOf(other.pid) - othersBefore[index]]),
	);
	const loadMs = load.endedAt - load.startedAt;
	const totalMs = endedAt - load.startedAt;
	return {
		key: scenario.key,
		round,
		requests: load.answers.length,
		expected: expected.length,
		unexpected,
		errors: load.errors.length,
		loadMs,
		totalMs,
		answerRate: (expected.length * 1000) / loadMs,
		completionRate: ((expected.length - missing) * 1000) / totalMs,
		latenciesMs: expected.map((answer) => answer.latencyMs),
		cpuMs,
		otherCpuMs,
		executionsMissing: missing,
	};
}

// ---------------------------------------------------------------------------------------------------
// The whole part

/** Copies a candidate build under another package name, so that both load into one n8n. */
function installCandidate(candidateDir: string, userFolder: string): string {
	const manifest = JSON.parse(readFileSync(join(candidateDir, 'package.json'), 'utf8')) as Record<
		string,
		unknown
	>;
	const name = 'n8n-nodes-artemis-artisio-candidate';
	const target = join(userFolder, '.n8n', 'nodes', 'node_modules', name);
	mkdirSync(target, { recursive: true });
	cpSync(join(candidateDir, 'dist'), join(target, 'dist'), { recursive: true });
	writeFileSync(join(target, 'package.json'), JSON.stringify({ ...manifest, name }, null, 2));
	return name;
}

export function n8nVersion(): string {
	const manifest = join(
		process.env.N8N_HARNESS_CACHE ??
			join(process.env.HOME ?? '', '.cache', 'n8n-nodes-artemis-artisio'),
		`n8n-${process.env.N8N_HARNESS_VERSION ?? '2.41.1'}`,
		'node_modules',
		'n8n',
		'package.json',
	);
	if (!existsSync(manifest)) return 'unknown';
	return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/** What `prepare` started; `stop()` ends all of it (n8n, then the bench's Redis, by PID) and removes the folder. */
export interface Prepared {
	n8n: N8nInstance;
	scenarios: Scenario[];
	userFolder: string;
	/** The Redis of the Redis-store scenarios (undefined when the build has no Redis store or it is skipped). */
	redis: RedisServer | undefined;
	stop(): Promise<void>;
}

/**
 * Starts n8n with both packages (the candidate too, when given) and creates every scenario; with
 * `withRedis` (default) also a Redis of the bench's own for the Redis-store scenarios.
 */
export async function prepare(
	config: Pick<RealConfig, 'n8nEnv' | 'candidateDir' | 'log' | 'withRedis'>,
	extraEnv: Record<string, string> = {},
): Promise<Prepared> {
	ensureN8n();
	const userFolder = mkdtempSync(join(tmpdir(), 'artemis-artisio-bench-n8n-'));
	const candidateName =
		config.candidateDir === undefined
			? undefined
			: installCandidate(config.candidateDir, userFolder);
	installBarePackage(userFolder);
	let redis: RedisServer | undefined;
	let n8n: N8nInstance | undefined;
	const stop = async (): Promise<void> => {
		try {
			await n8n?.stop();
		} finally {
			await redis?.stop();
			rmSync(userFolder, { recursive: true, force: true });
		}
	};
	try {
		if (config.withRedis !== false && hasRedisStore(PROJECT_ROOT)) {
			redis = await startRedis();
			config.log(
				`Redis for the Redis-store scenarios at ${redis.host}:${redis.port} (pid ${String(redis.pid)})`,
			);
		}
		const started = Date.now();
		n8n = await startN8n({ userFolder, env: { ...config.n8nEnv, ...extraEnv } });
		config.log(
			`n8n ready in ${((Date.now() - started) / 1000).toFixed(1)} s at ${n8n.baseUrl} (pid ${String(n8n.pid)})`,
		);
		const credential = await n8n.createCredential('bench token', 'artisioWebhookApi', {
			token: ARTISIO_TOKEN,
		});
		const versions = typeVersionsOf(PROJECT_ROOT);
		const scenarios = [
			...(await builtinScenarios(n8n)),
			...(await packageScenarios(n8n, 'n8n-nodes-artemis-artisio', versions, '', credential.id)),
		];
		placeBeside(scenarios, await bareScenarios(n8n));
		if (redis !== undefined) {
			// Each beside its static-data counterpart, so that the two run next to each other in every round.
			const [accepted, duplicate] = await redisScenarios(n8n, redis, versions.artemis);
			scenarios.splice(
				scenarios.findIndex((scenario) => scenario.key === 'artemis') + 1,
				0,
				accepted,
			);
			scenarios.splice(
				scenarios.findIndex((scenario) => scenario.key === 'artemis-duplicate') + 1,
				0,
				duplicate,
			);
		}
		if (candidateName !== undefined && config.candidateDir !== undefined) {
			scenarios.push(
				...(await packageScenarios(
					n8n,
					candidateName,
					typeVersionsOf(config.candidateDir),
					'candidate',
					credential.id,
				)),
			);
		}
		// The first delivery of the repeated bodies is accepted (one execution); make it now.
		for (const scenario of scenarios.filter((s) => s.expect === 'duplicate')) {
			await runLoad({
				url: scenario.url,
				concurrency: 1,
				durationMs: 60_000,
				maxRequests: 1,
				next: (index) => scenario.next(index),
			});
		}
		return { n8n, scenarios, userFolder, redis, stop };
	} catch (error: unknown) {
		await stop();
		throw error;
	}
}

/**
 * A warm-up run of every scenario (not counted), then `rounds` rounds of every scenario, the order
 * rotated each round so that no scenario always follows the same one.
 */
export async function runRounds(
	n8n: N8nInstance,
	scenarios: Scenario[],
	config: Pick<
		RealConfig,
		| 'rounds'
		| 'durationMs'
		| 'shortDurationMs'
		| 'warmupMs'
		| 'concurrency'
		| 'drainTimeoutMs'
		| 'log'
	>,
): Promise<RunResult[]> {
	const runs: RunResult[] = [];
	// Warm-up: every scenario once, not counted (JIT, caches, SQLite pages, isolate pool).
	for (const scenario of scenarios) {
		await runScenario(n8n, scenario, 0, config.warmupMs, config);
	}
	config.log(`warm-up done; ${config.rounds} rounds of ${scenarios.length} scenarios`);
	for (let round = 1; round <= config.rounds; round++) {
		const offset = ((round - 1) * 3) % scenarios.length;
		const order = [...scenarios.slice(offset), ...scenarios.slice(0, offset)];
		for (const scenario of order) {
			const result = await runScenario(
				n8n,
				scenario,
				round,
				scenario.short ? config.shortDurationMs : config.durationMs,
				config,
			);
			runs.push(result);
			config.log(
				`round ${round} ${scenario.key}: ${result.expected} ${scenario.expect} ` +
					`answers ${result.answerRate.toFixed(1)}/s, completed ${result.completionRate.toFixed(1)}/s, ` +
					`cpu ${(result.cpuMs / Math.max(1, result.expected)).toFixed(1)} ms/answer` +
					(Object.keys(result.unexpected).length > 0
						? `, unexpected ${JSON.stringify(result.unexpected)}`
						: '') +
					(result.errors > 0 ? `, ${result.errors} errors` : '') +
					(result.executionsMissing > 0
						? `, ${result.executionsMissing} executions not finished`
						: ''),
			);
			await sleep(300);
		}
	}
	return runs;
}

export async function runReal(
	config: RealConfig,
	only?: (scenario: Scenario) => boolean,
): Promise<RealReport> {
	const prepared = await prepare(config);
	const { n8n, scenarios: all } = prepared;
	const scenarios = only === undefined ? all : all.filter(only);
	let runs: RunResult[] = [];
	let redis: string | undefined;
	try {
		if (prepared.redis !== undefined) {
			const version = spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).stdout ?? '';
			redis = `Redis ${/v=(\S+)/.exec(version)?.[1] ?? 'unknown'} at ${prepared.redis.host}:${prepared.redis.port}`;
		}
		runs = await runRounds(n8n, scenarios, config);
	} finally {
		await prepared.stop();
	}
	return {
		n8nVersion: n8nVersion(),
		nodeVersion: 'v24 (n8n runtime, see run.ts)',
		env: config.n8nEnv,
		scenarios: scenarios.map(({ key, label, expect, startsExecutions, concurrency }) => ({
			key,
			label,
			expect,
			startsExecutions,
			concurrency,
		})),
		runs,
		clockTicksPerSecond: clockTicksPerSecond(),
		redis,
	};
}
