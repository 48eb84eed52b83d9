/**
 * Deduplication across n8n processes (docs/design.md, section 5.2): a real n8n 2.x in queue mode (one main,
 * two `n8n webhook` processes, one worker, PostgreSQL and Redis, all started here and stopped by
 * PID), real requests to the production URL on each process, and the executions n8n records.
 *
 * Both stores, the same scenarios. With the static-data store, deliveries to different processes
 * are sent at least GAP_MS apart (docs/design.md, section 5.2: 2 s or more apart must be exact; nearer than about a
 * second both may be accepted, which the last test measures); with the Redis store they are sent
 * back to back and even at the same moment.
 *
 * The static-data store can only know what n8n has saved: n8n writes static data after the answer,
 * and on a loaded machine (CI) that write has landed more than GAP_MS later. So before a delivery
 * goes to another process, the test also waits until the previous delivery's save is in the
 * database (and says how long that took): what is tested is the node's merge, not n8n's save time.
 */
import { ARTEMIS_TYPE } from '../support/artemis';
import { ARTISIO_TOKEN, ARTISIO_TYPE, artisioFixture, bearer } from '../support/artisio';
import { send, type SendResult } from '../support/http';
import { type ExecutionSummary, triggerWorkflow } from '../support/n8n';
import { artemisCallback } from '../support/payloads';
import {
	type EntryPointName,
	type QueueCluster,
	type RedisServer,
	startQueueCluster,
	startRedis,
} from '../support/queue';
import { report } from '../support/reliability';
import { sleep } from '../support/util';

jest.setTimeout(600_000);

const GAP_MS = 2500;
let cluster: QueueCluster;
let redisCredential: { id: string; name: string };
let artisioCredential: { id: string; name: string };

beforeAll(async () => {
	cluster = await startQueueCluster();
	const redis = await cluster.main.createCredential('Queue Redis (dedupe)', 'dedupeRedisApi', {
		host: cluster.redis.host,
		port: cluster.redis.port,
		user: '',
		password: '',
		database: 0,
		ssl: false,
	});
	redisCredential = { id: redis.id, name: 'Queue Redis (dedupe)' };
	const artisio = await cluster.main.createCredential('Artisio (queue)', 'artisioWebhookApi', {
		token: ARTISIO_TOKEN,
	});
	artisioCredential = { id: artisio.id, name: 'Artisio (queue)' };
}, 900_000);

afterAll(async () => {
	report('static data: from the answer to the save in the database', [
		['saves waited for', saveLag.waits],
		['longest', `${saveLag.maxMs} ms`],
	]);
	await cluster?.stop();
});

type Store = 'staticData' | 'redis';

interface Deployed {
	workflowId: string;
	store: Store;
	send(entry: EntryPointName, body: unknown, headers?: Record<string, string>): Promise<SendResult>;
	executions(count: number): Promise<ExecutionSummary[]>;
}

async function deploy(
	name: string,
	store: Store,
	options: { nodeType?: string; credential?: { id: string; name: string } } = {},
): Promise<Deployed> {
	const nodeType = options.nodeType ?? ARTEMIS_TYPE;
	const credentials: Record<string, { id: string; name: string }> = {};
	if (store === 'redis') credentials.dedupeRedisApi = options.credential ?? redisCredential;
	if (nodeType === ARTISIO_TYPE) credentials.artisioWebhookApi = artisioCredential;
	const { workflow, webhookId } = triggerWorkflow({
		name: `queue ${store}: ${name}`,
		nodeType,
		parameters: { dedupeStore: store },
		credentials,
	});
	const { id } = await cluster.main.createWorkflow(workflow);
	await cluster.activate(id);
	return {
		workflowId: id,
		store,
		send: async (entry, body, headers = {}) =>
			await send(cluster.webhookUrl(webhookId, entry), { method: 'POST', body, headers }),
		executions: async (count) => {
			const executions = await cluster.main.waitForExecutions(id, count, {
				timeoutMs: 60_000,
				settleMs: 3000,
			});
			expect(executions).toHaveLength(count);
			return executions;
		},
	};
}

const statusOf = (result: SendResult): unknown =>
	(result.json as { status?: unknown } | undefined)?.status;

/** The node's persisted memory as the database holds it now (static-data store), '' before the first save. */
async function savedMemory(trigger: Deployed): Promise<string> {
	const workflow = await cluster.main.api<{ staticData?: Record<string, unknown> | null }>(
		'GET',
		`/api/v1/workflows/${trigger.workflowId}`,
	);
	const node = workflow.staticData?.['node:Trigger'] as
		{ dedupe?: { records?: unknown } } | undefined;
	return typeof node?.dedupe?.records === 'string' ? node.dedupe.records : '';
}

/** The longest time a save took to reach the database after its answer, per store run: reported, not asserted. */
const saveLag = { maxMs: 0, waits: 0 };

/**
 * Waits until the database holds something other than `before`: every delivery that reaches the
 * dedupe step changes the saved memory (a repeat moves its seen time), so a save that never lands fails here.
 */
async function untilSaved(trigger: Deployed, before: string, answeredAt: number): Promise<void> {
	const deadline = answeredAt + 30_000;
	while ((await savedMemory(trigger)) === before) {
		if (Date.now() > deadline)
			throw new Error(
				`n8n had not saved the node's static data 30 s after the answer (workflow ${trigger.workflowId})`,
			);
		await sleep(50);
	}
	saveLag.maxMs = Math.max(saveLag.maxMs, Date.now() - answeredAt);
	saveLag.waits += 1;
}

/**
 * Sends `steps` in order; `pause` ms between steps whose entry points differ (the static-data store
 * needs it), and with the static-data store, the previous step's save in the database first, also
 * after the last step, so that whatever comes next sees it.
 */
async function sendSteps(
	trigger: Deployed,
	steps: Array<[EntryPointName, unknown]>,
	pause: number,
): Promise<unknown[]> {
	const answers: unknown[] = [];
	for (const [index, [entry, body]] of steps.entries()) {
		const waitForSave =
			trigger.store === 'staticData' &&
			pause > 0 &&
			(index === steps.length - 1 || steps[index + 1][0] !== entry);
		const before = waitForSave ? await savedMemory(trigger) : '';
		answers.push(statusOf(await trigger.send(entry, body)));
		if (waitForSave) await untilSaved(trigger, before, Date.now());
		if (index < steps.length - 1 && steps[index + 1][0] !== entry) await sleep(pause);
	}
	return answers;
}

/** Each customer's callback to webhook A and B at the same moment, all customers at once. */
async function sendToBothAtOnce(trigger: Deployed, customers: number[]): Promise<unknown[]> {
	const deliveries = customers.flatMap((customer) =>
		(['webhookA', 'webhookB'] as EntryPointName[]).map((entry) => ({ entry, customer })),
	);
	return await Promise.all(
		deliveries.map(async ({ entry, customer }) =>
			statusOf(await trigger.send(entry, artemisCallback({ customerId: customer }))),
		),
	);
}

const customerOf = (execution: ExecutionSummary): unknown =>
	(execution.items[0]?.[0] as { customerId?: unknown } | undefined)?.customerId;

describe.each<Store>(['staticData', 'redis'])('queue mode, %s store', (store) => {
	const pause = store === 'staticData' ? GAP_MS : 0;

	it('starts one execution for the same event sent to A then B, B then A, and the main as a third entry point', async () => {
		const trigger = await deploy('same event, three processes', store);
		const first = artemisCallback({ customerId: 100 });
		const second = artemisCallback({ customerId: 101 });
		const answers = await sendSteps(
			trigger,
			[
				['webhookA', first],
				['webhookB', first],
				['main', first],
			],
			pause,
		);
		const reversed = await sendSteps(
			trigger,
			[
				['webhookB', second],
				['webhookA', second],
				['main', second],
			],
			pause,
		);
		report(`${store}: same event to A, B, main / B, A, main`, [['answers', [answers, reversed]]]);
		expect(answers).toEqual(['accepted', 'duplicate', 'duplicate']);
		expect(reversed).toEqual(['accepted', 'duplicate', 'duplicate']);
		const executions = await trigger.executions(2);
		expect(executions.map(customerOf)).toEqual([100, 101]);
		expect(executions.map((execution) => execution.status)).toEqual(['success', 'success']);
	});

	it('accepts PENDING (A) → CLEARED (B) → PENDING (A) → CLEARED (B) in order, then drops the last state on either', async () => {
		const trigger = await deploy('state changes', store);
		const states = ['PENDING', 'CLEARED', 'PENDING', 'CLEARED'];
		const changes = await sendSteps(
			trigger,
			states.map((status, index): [EntryPointName, unknown] => [
				index % 2 === 0 ? 'webhookA' : 'webhookB',
				artemisCallback({ customerId: 200, status }),
			]),
			pause,
		);
		const repeats = await sendSteps(
			trigger,
			[
				['webhookA', artemisCallback({ customerId: 200, status: 'CLEARED' })],
				['webhookB', artemisCallback({ customerId: 200, status: 'CLEARED' })],
			],
			pause,
		);
		report(`${store}: PENDING A → CLEARED B → PENDING A → CLEARED B, CLEARED again on A and B`, [
			['answers', [...changes, ...repeats]],
		]);
		expect(changes).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);
		expect(repeats).toEqual(['duplicate', 'duplicate']);
		// In the order the node accepted them: execution ids are given after the answer, by whichever
		// process creates its execution first, so back-to-back deliveries to two processes can swap ids.
		const executions = await trigger.executions(4);
		const items = executions.map(
			(execution) => execution.items[0]?.[0] as { status?: unknown; meta: { receivedAt: string } },
		);
		items.sort((a, b) => a.meta.receivedAt.localeCompare(b.meta.receivedAt));
		expect(items.map((item) => item.status)).toEqual(states);
	});

	it('answers every repeat of 30 customers duplicate on the other process, also after webhook A restarts', async () => {
		const trigger = await deploy('30 customers', store);
		const customers = Array.from({ length: 30 }, (_, index) => 300 + index);
		const home = (customer: number): EntryPointName =>
			customer % 2 === 0 ? 'webhookA' : 'webhookB';
		const other = (customer: number): EntryPointName =>
			customer % 2 === 0 ? 'webhookB' : 'webhookA';
		// Static data: each process's customers one after another, the processes GAP_MS apart.
		// Redis: interleaved, back to back.
		const order =
			store === 'staticData'
				? [...customers.filter((c) => c % 2 === 0), ...customers.filter((c) => c % 2 === 1)]
				: customers;
		const firsts = await sendSteps(
			trigger,
			order.map((customer) => [home(customer), artemisCallback({ customerId: customer })]),
			pause,
		);
		await sleep(pause);
		const repeats = await sendSteps(
			trigger,
			order.map((customer) => [other(customer), artemisCallback({ customerId: customer })]),
			0,
		);
		await cluster.restartProcess('webhookA');
		const afterRestart = await sendSteps(
			trigger,
			order.map((customer, index) => [
				index % 2 === 0 ? 'webhookA' : 'webhookB',
				artemisCallback({ customerId: customer }),
			]),
			0,
		);
		const count = (answers: unknown[], status: string): number =>
			answers.filter((answer) => answer === status).length;
		report(
			`${store}: 30 customers over A and B, repeats on the other process, repeats after restarting A`,
			[
				['first deliveries accepted', count(firsts, 'accepted')],
				['repeats on the other process: duplicate', count(repeats, 'duplicate')],
				['repeats after restarting webhook A: duplicate', count(afterRestart, 'duplicate')],
				['webhook A restart', `${(cluster.startupMs.webhookA / 1000).toFixed(1)} s`],
			],
		);
		expect(firsts).toEqual(customers.map(() => 'accepted'));
		expect(repeats).toEqual(customers.map(() => 'duplicate'));
		expect(afterRestart).toEqual(customers.map(() => 'duplicate'));
		const executions = await trigger.executions(30);
		expect(executions.map(customerOf).sort()).toEqual(order.slice().sort());
	});

	it("starts one execution for Artisio's three tries of one delivery spread over A, B and A", async () => {
		const trigger = await deploy('Artisio tries', store, { nodeType: ARTISIO_TYPE });
		const body = artisioFixture('lot.update');
		const answers: unknown[] = [];
		for (const [index, entry] of (
			['webhookA', 'webhookB', 'webhookA'] as EntryPointName[]
		).entries()) {
			if (index > 0) await sleep(pause);
			const before = pause > 0 ? await savedMemory(trigger) : '';
			answers.push(statusOf(await trigger.send(entry, body, bearer())));
			if (pause > 0) await untilSaved(trigger, before, Date.now());
		}
		report(`${store}: Artisio tries A, B, A`, [['answers', answers]]);
		expect(answers).toEqual(['accepted', 'duplicate', 'duplicate']);
		await trigger.executions(1);
	});
});

describe('queue mode, Redis store only', () => {
	it('starts exactly 10 executions for 10 customers each delivered to A and B at the same moment', async () => {
		const trigger = await deploy('same moment', 'redis');
		const customers = Array.from({ length: 10 }, (_, index) => 400 + index);
		const answers = await sendToBothAtOnce(trigger, customers);
		report('redis: 10 customers, each to A and B at the same moment', [
			['accepted', answers.filter((answer) => answer === 'accepted').length],
			['duplicate', answers.filter((answer) => answer === 'duplicate').length],
		]);
		expect(answers.filter((answer) => answer === 'accepted')).toHaveLength(10);
		expect(answers.filter((answer) => answer === 'duplicate')).toHaveLength(10);
		const executions = await trigger.executions(10);
		expect(executions.map(customerOf).sort()).toEqual(customers);
	});

	it('keeps two workflows with the same credential apart', async () => {
		const [one, two] = [await deploy('apart one', 'redis'), await deploy('apart two', 'redis')];
		const body = artemisCallback({ customerId: 500 });
		expect([
			statusOf(await one.send('webhookA', body)),
			statusOf(await two.send('webhookB', body)),
		]).toEqual(['accepted', 'accepted']);
		expect([
			statusOf(await one.send('webhookB', body)),
			statusOf(await two.send('webhookA', body)),
		]).toEqual(['duplicate', 'duplicate']);
		await one.executions(1);
		await two.executions(1);
	});

	it('accepts and executes with a warning within 3 s while its Redis is down, and deduplicates again once it is back', async () => {
		// A Redis of its own: the queue's Redis cannot stop without stopping n8n's queue.
		const outage: RedisServer = await startRedis();
		try {
			const { id } = await cluster.main.createCredential('Outage Redis', 'dedupeRedisApi', {
				host: outage.host,
				port: outage.port,
				database: 0,
			});
			const trigger = await deploy('outage', 'redis', { credential: { id, name: 'Outage Redis' } });
			expect(statusOf(await trigger.send('webhookA', artemisCallback({ customerId: 600 })))).toBe(
				'accepted',
			);
			expect(statusOf(await trigger.send('webhookB', artemisCallback({ customerId: 600 })))).toBe(
				'duplicate',
			);
			await outage.stop();
			const during: Array<{ entry: EntryPointName; status: unknown; ms: number }> = [];
			for (const entry of ['webhookA', 'webhookB', 'webhookA'] as EntryPointName[]) {
				const started = Date.now();
				const reply = await trigger.send(entry, artemisCallback({ customerId: 600 }));
				during.push({ entry, status: statusOf(reply), ms: Date.now() - started });
			}
			await outage.start();
			// Back, and empty (no persistence configured): each process's client reconnects by itself.
			let resumed: unknown[] = [];
			let acceptedAfter = 0;
			const deadline = Date.now() + 30_000;
			for (let customer = 601; Date.now() < deadline; customer++) {
				resumed = [];
				for (const entry of ['webhookA', 'webhookB'] as EntryPointName[])
					resumed.push(
						statusOf(await trigger.send(entry, artemisCallback({ customerId: customer }))),
					);
				acceptedAfter += resumed.filter((answer) => answer === 'accepted').length;
				if (resumed[1] === 'duplicate') break;
				await sleep(500);
			}
			const executions = await trigger.executions(1 + during.length + acceptedAfter);
			const warned = executions
				.slice(1, 1 + during.length)
				.map(
					(execution) =>
						(execution.items[0]?.[0] as { meta: { warnings: unknown[] } }).meta.warnings,
				);
			report('redis down: answers, times and warnings', [
				[
					'during the outage',
					during.map(({ entry, status, ms }) => `${entry} ${String(status)} in ${ms} ms`),
				],
				['item warning', warned[0]],
				['after Redis is back (A, B)', resumed],
			]);
			expect(during.map(({ status }) => status)).toEqual(['accepted', 'accepted', 'accepted']);
			for (const { ms } of during) expect(ms).toBeLessThan(3000);
			for (const warnings of warned) {
				expect(warnings).toEqual([
					{
						path: 'dedupeStore',
						value: 'redis',
						message: expect.stringMatching(/^Deduplication was skipped.*could not be reached/),
					},
				]);
			}
			expect(resumed).toEqual(['accepted', 'duplicate']);
			expect(cluster.logs('webhookA', 400)).toMatch(
				/deduplication skipped, the event is accepted without checking for repeats: Redis at 127\.0\.0\.1:\d+, database 0 could not be reached/,
			);
		} finally {
			await outage.stop();
		}
	});
});

describe('queue mode, static-data store at the same moment (measured, not exact: README)', () => {
	it('never loses an event: 10 customers each delivered to A and B at the same moment start between 10 and 20 executions', async () => {
		const trigger = await deploy('same moment', 'staticData');
		const customers = Array.from({ length: 10 }, (_, index) => 700 + index);
		const answers = await sendToBothAtOnce(trigger, customers);
		const accepted = answers.filter((answer) => answer === 'accepted').length;
		report('staticData: 10 customers, each to A and B at the same moment', [
			['accepted (executions)', accepted],
			['duplicate', answers.filter((answer) => answer === 'duplicate').length],
		]);
		expect(accepted).toBeGreaterThanOrEqual(10);
		expect(accepted).toBeLessThanOrEqual(20);
		expect(answers.filter((answer) => answer !== 'accepted' && answer !== 'duplicate')).toEqual([]);
		const executions = await trigger.executions(accepted);
		expect(new Set(executions.map(customerOf))).toEqual(new Set(customers));
	});
});
