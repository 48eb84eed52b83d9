/**
 * The scenarios of part 3, created in a running n8n: each is a workflow and the requests a run
 * sends to it. `ORDER` lists every key (BENCH_SCENARIOS takes them): ours (`artemis`, `artisio`,
 * …, `artemis-redis*` with the Redis store), the previous build's (`candidate:*`), n8n's own Webhook
 * node (`builtin-*`: typeVersion 2, POST, respond immediately) and the community-node floor (`bare-*`,
 * bench/bare/). `*-sequential` send one request at a time, as Artisio does.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';

import {
	type N8nInstance,
	PACKAGE_NAME,
	PROJECT_ROOT,
	triggerWorkflow,
	type TriggerWorkflowArgs,
} from '../test/support/n8n';
import type { LoadRequest } from './lib/load';
import { BARE_CREDENTIAL, BARE_TYPE_VERSION, BARE_TYPES } from './lib/packages';
import { ARTISIO_TOKEN, artemisText, artisioTexts } from './lib/payloads';
import { redisCredentialData, seedRedis } from './lib/redis';

export type Expectation =
	'accepted' | 'duplicate' | 'ignored' | 'rejected' | 'unauthorized' | 'builtin';

export interface Scenario {
	key: string;
	url: string;
	workflowId: string;
	expect: Expectation;
	/** Each expected answer starts one execution (accepted events, n8n's Webhook node). */
	startsExecutions: boolean;
	/** Clients; default the run's concurrency (1: one request at a time, as Artisio sends). */
	concurrency?: number;
	next(index: number): LoadRequest;
}

/**
 * The run order within a round: each scenario beside those it is compared with, so that both run
 * minutes apart at most. Every scenario is here.
 */
const ORDER = [
	'builtin-artemis artemis candidate:artemis bare-artemis artemis-redis',
	'artemis-duplicate bare-answer-artemis artemis-redis-duplicate artemis-ignored artemis-rejected',
	'artemis-100 artemis-10000',
	'builtin-artisio artisio candidate:artisio bare-artisio bare-credential-artisio',
	'artisio-duplicate bare-answer-artisio artisio-unauthorized',
	'artisio-sequential bare-artisio-sequential bare-credential-sequential',
]
	.join(' ')
	.split(' ');

// Payloads

const json = { 'content-type': 'application/json' };
const bearer = { ...json, authorization: `Bearer ${ARTISIO_TOKEN}` };
const artemisBytes = (customer: number): Buffer => Buffer.from(artemisText(customer));
const lotText = artisioTexts('lot.create');
/** The largest Lot fixture (about 17 KB), as record `index`. */
const lotBytes = (index: number): Buffer => Buffer.from(lotText(index));

let sequenceBase = 1_000_000;
/** A new record for every request, starting where no other scenario has been. */
function fresh(body: (sequence: number) => Buffer, headers: Record<string, string>) {
	const base = (sequenceBase += 1_000_000);
	return (index: number): LoadRequest => ({ body: body(base + index), headers });
}

/** What a scenario sends; `…-again` is one request repeated (its first delivery is made before the runs). */
const SENDS = {
	artemis: () => fresh(artemisBytes, json),
	lot: () => fresh(lotBytes, bearer),
	'artemis-again': () => () => ({ body: artemisBytes(7), headers: json }),
	'lot-again': () => () => ({ body: lotBytes(7), headers: bearer }),
	invalid: () => () => ({ body: Buffer.from('{"customerId":"abc","status":5}'), headers: json }),
	'wrong-token': () => fresh(lotBytes, { ...json, authorization: 'Bearer wrong-token' }),
} satisfies Record<string, () => (index: number) => LoadRequest>;

const DEFAULT_RECORDS = 1000;
const artemisRecord = (index: number): [string, string] => [
	String(index + 1),
	'UPDATE|CLEARED|LOW',
];
const lotRecord = (index: number): [string, string] => [
	`LOT|00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
	'CREATE|0123456789abcdef',
];
/** Static data of `count` records, as if already seen; format 1, which every build reads. */
const seeded = (count: number, record: (index: number) => [string, string]) => ({
	'node:Trigger': {
		dedupe: { version: 1, records: Array.from({ length: count }, (_, at) => record(at)) },
	},
});

// Workflows

interface Created {
	url: string;
	workflowId: string;
	nodeId: string;
}

/** Creates (with static data, which the harness's createWorkflow does not pass) and activates. */
async function create(
	n8n: N8nInstance,
	workflow: { name: string; nodes: Array<Record<string, unknown>> },
	webhookPath: string,
	staticData?: Record<string, unknown>,
): Promise<{ workflowId: string; nodeId: string }> {
	const body = { connections: {}, settings: { executionOrder: 'v1' }, ...workflow, staticData };
	const { id } = await n8n.api<{ id: string }>('POST', '/api/v1/workflows', body);
	// The path is given: the harness derives it only for this package's own type names.
	await n8n.activate(id, { webhookPaths: [webhookPath] });
	return { workflowId: id, nodeId: String(workflow.nodes[0].id) };
}

async function builtin(n8n: N8nInstance): Promise<Created> {
	const path = randomUUID();
	const parameters = { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} };
	const node = { id: randomUUID(), name: 'Webhook', type: 'n8n-nodes-base.webhook' };
	const nodes = [
		{ ...node, typeVersion: 2, position: [0, 0], webhookId: randomUUID(), parameters },
	];
	return {
		url: `${n8n.baseUrl}/webhook/${path}`,
		...(await create(n8n, { name: 'built-in webhook', nodes }, path)),
	};
}

type Credentials = Record<string, { id: string; name: string }>;

async function trigger(
	n8n: N8nInstance,
	args: TriggerWorkflowArgs & { staticData?: Record<string, unknown> },
): Promise<Created> {
	const { workflow, webhookId } = triggerWorkflow(args);
	const created = await create(n8n, workflow, `${webhookId}/webhook`, args.staticData);
	return { url: n8n.webhookUrl(webhookId), ...created };
}

/** The typeVersion the editor gives a new node of each trigger: its `defaultVersion`, else the highest. */
export function typeVersionsOf(packageDir: string): { artemis: number; artisio: number } {
	const of = (file: string): number => {
		try {
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const module = require(join(packageDir, 'dist', 'nodes', file, `${file}.node.js`)) as Record<
				string,
				new () => { description: { version: number | number[]; defaultVersion?: number } }
			>;
			const { description } = new module[file]();
			const versions = [description.version].flat();
			return description.defaultVersion ?? Math.max(...versions);
		} catch {
			return 1;
		}
	};
	return { artemis: of('ArtemisCallbackTrigger'), artisio: of('ArtisioWebhookTrigger') };
}

export interface ScenarioSources {
	/** The previous build, loaded under this package name beside ours. */
	candidate?: { packageName: string; dir: string };
	redis?: { host: string; port: number };
}

/** Creates every scenario in `n8n`, in the run order. */
export async function createScenarios(
	n8n: N8nInstance,
	sources: ScenarioSources,
): Promise<Scenario[]> {
	const scenarios: Scenario[] = [];
	const add = (
		key: string,
		at: Created,
		expect: Expectation,
		send: keyof typeof SENDS,
		concurrency?: number,
	): void => {
		const startsExecutions = expect === 'accepted' || expect === 'builtin';
		scenarios.push({ key, ...at, expect, startsExecutions, concurrency, next: SENDS[send]() });
	};
	/** A credential, as a node's `credentials` names it. */
	const credential = async (type: string, data: Record<string, unknown>): Promise<Credentials> => {
		const { id } = await n8n.createCredential(`bench ${type}`, type, data);
		return { [type]: { id, name: `bench ${type}` } };
	};
	const token = await credential('artisioWebhookApi', { token: ARTISIO_TOKEN });
	/** The accepted-events workflows of a build, 1,000 records remembered in each. */
	const acceptedOf = async (
		packageName: string,
		versions: { artemis: number; artisio: number },
	) => ({
		artemis: await trigger(n8n, {
			name: `${packageName} artemis`,
			nodeType: `${packageName}.artemisCallbackTrigger`,
			typeVersion: versions.artemis,
			staticData: seeded(DEFAULT_RECORDS, artemisRecord),
		}),
		artisio: await trigger(n8n, {
			name: `${packageName} artisio`,
			nodeType: `${packageName}.artisioWebhookTrigger`,
			typeVersion: versions.artisio,
			credentials: token,
			staticData: seeded(DEFAULT_RECORDS, lotRecord),
		}),
	});

	const versions = typeVersionsOf(PROJECT_ROOT);
	const ours = await acceptedOf(PACKAGE_NAME, versions);
	const artemisWith = (
		parameters: Record<string, unknown>,
		records = 0,
		credentials?: Credentials,
	) =>
		trigger(n8n, {
			name: `artemis ${JSON.stringify(parameters)}`,
			nodeType: `${PACKAGE_NAME}.artemisCallbackTrigger`,
			typeVersion: versions.artemis,
			parameters,
			credentials,
			staticData: records === 0 ? undefined : seeded(records, artemisRecord),
		});
	add('artemis', ours.artemis, 'accepted', 'artemis');
	add('artemis-duplicate', ours.artemis, 'duplicate', 'artemis-again');
	add('artemis-ignored', await artemisWith({ actions: ['INSERT'] }), 'ignored', 'artemis');
	add('artemis-rejected', ours.artemis, 'rejected', 'invalid');
	for (const records of [100, 10_000]) {
		const workflow = await artemisWith({ options: { dedupeSize: records } }, records);
		add(`artemis-${records}`, workflow, 'accepted', 'artemis');
	}
	add('artisio', ours.artisio, 'accepted', 'lot');
	add('artisio-sequential', ours.artisio, 'accepted', 'lot', 1);
	add('artisio-duplicate', ours.artisio, 'duplicate', 'lot-again');
	add('artisio-unauthorized', ours.artisio, 'unauthorized', 'wrong-token');

	if (sources.redis !== undefined) {
		const redis = await credential('dedupeRedisApi', redisCredentialData(sources.redis));
		const workflow = await artemisWith({ dedupeStore: 'redis' }, 0, redis);
		await seedRedis(sources.redis, workflow, DEFAULT_RECORDS, artemisRecord);
		add('artemis-redis', workflow, 'accepted', 'artemis');
		add('artemis-redis-duplicate', workflow, 'duplicate', 'artemis-again');
	}
	if (sources.candidate !== undefined) {
		const { packageName, dir } = sources.candidate;
		const previous = await acceptedOf(packageName, typeVersionsOf(dir));
		add('candidate:artemis', previous.artemis, 'accepted', 'artemis');
		add('candidate:artisio', previous.artisio, 'accepted', 'lot');
	}
	for (const send of ['artemis', 'lot'] as const)
		add(`builtin-${send === 'lot' ? 'artisio' : send}`, await builtin(n8n), 'builtin', send);

	// The floor: `bare` answers accepted and starts an execution with the body as it came, `bare-answer`
	// answers and starts nothing, `bare-credential` also reads a one-field credential per request.
	const bare = (nodeType: string, credentials?: Credentials) =>
		trigger(n8n, { name: nodeType, nodeType, typeVersion: BARE_TYPE_VERSION, credentials });
	const accepted = await bare(BARE_TYPES.accepted);
	const answerOnly = await bare(BARE_TYPES.answerOnly);
	const bareToken = await credential(BARE_CREDENTIAL, { token: ARTISIO_TOKEN });
	const withCredential = await bare(BARE_TYPES.credential, bareToken);
	add('bare-artemis', accepted, 'accepted', 'artemis');
	add('bare-artisio', accepted, 'accepted', 'lot');
	add('bare-credential-artisio', withCredential, 'accepted', 'lot');
	add('bare-answer-artemis', answerOnly, 'duplicate', 'artemis-again');
	add('bare-answer-artisio', answerOnly, 'duplicate', 'lot-again');
	add('bare-artisio-sequential', accepted, 'accepted', 'lot', 1);
	add('bare-credential-sequential', withCredential, 'accepted', 'lot', 1);

	const rank = (scenario: Scenario): number => {
		const at = ORDER.indexOf(scenario.key);
		if (at < 0) throw new Error(`scenario ${scenario.key} has no place in ORDER`);
		return at;
	};
	return scenarios.sort((a, b) => rank(a) - rank(b));
}
