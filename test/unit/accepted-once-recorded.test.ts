/**
 * "accepted" means recorded: the trigger leaves the `accepted` answer to n8n, which sends it once
 * it has recorded the execution, and a delivery's dedupe record becomes final only then (when n8n
 * reads the answer). A process that dies in between leaves nothing behind that would turn the
 * sender's next try into a duplicate.
 *
 * Each "process" is its own copy of the static-data store module (its own in-process memory); the
 * "database" is the static data as JSON, loaded per request and saved whole, as n8n does.
 */
import Redis from 'ioredis';
import type { IDataObject } from 'n8n-workflow';

import { acceptOnceRecorded } from '../../nodes/shared/answers';
import { restoreFromStaticData } from '../../nodes/shared/dedupe/savedFormat';
import { clientOptions, redisSettingsOf } from '../../nodes/shared/dedupe/redisConnection';
import {
	REDIS_IN_FLIGHT_MS,
	redisKeys,
	reserveWithRedis,
} from '../../nodes/shared/dedupe/redisStore';
import { IN_FLIGHT_MS } from '../../nodes/shared/dedupe/staticData';
import { startArtemis } from '../support/artemis';
import { artemisCallback } from '../support/payloads';
import { ensureQueueModeServices, type RedisServer, startRedis } from '../support/services';
import { Database, newProcess, NODE } from '../support/storeProcesses';
import { sleep } from '../support/util';

jest.setTimeout(30_000);

const CLEARED = { record: '1042', fingerprint: 'UPDATE|CLEARED|LOW' };

describe('the accepted answer', () => {
	it('is given to n8n as the webhook response, with the items, and runs its hook once however often n8n reads it', () => {
		let recorded = 0;
		const answer = acceptOnceRecorded([[{ json: { customerId: 1 } }]], () => recorded++);
		expect(answer.noWebhookResponse).toBeUndefined();
		expect(answer.workflowData).toEqual([[{ json: { customerId: 1 } }]]);
		expect(recorded).toBe(0);
		expect(answer.webhookResponse).toEqual({ status: 'accepted' });
		expect(answer.webhookResponse).toEqual({ status: 'accepted' });
		expect(recorded).toBe(1);
	});

	it('reaches the sender as JSON after the execution, and the record is saved for the next request', async () => {
		const harness = await startArtemis();
		try {
			const reply = await harness.send({ body: artemisCallback({ customerId: 77 }) });
			expect(reply.status).toBe(200);
			expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
			expect(reply.json).toEqual({ status: 'accepted' });
			expect(harness.executions).toHaveLength(1);
			expect(
				restoreFromStaticData((harness.savedStaticData()['node:Trigger'] ?? {}) as IDataObject),
			).toHaveLength(1);
			expect((await harness.send({ body: artemisCallback({ customerId: 77 }) })).json).toEqual({
				status: 'duplicate',
			});
		} finally {
			await harness.close();
		}
	});
});

describe('static-data store: a record is final only once its execution is recorded', () => {
	it('writes nothing to static data for a new delivery until commit, then the record', () => {
		const db = new Database();
		const a = newProcess();
		const staticData = db.load();
		const verdict = a.reserveWithStaticData(staticData, NODE, CLEARED, 1000, 1000);
		expect(verdict.isNew).toBe(true);
		db.save(staticData);
		expect(db.recordCount()).toBe(0);
		verdict.commit?.(1000);
		verdict.commit?.(1001);
		db.save(staticData);
		expect(db.recordCount()).toBe(1);
	});

	it('accepts the retry of a delivery whose process died before n8n recorded it (nothing saved)', () => {
		const db = new Database();
		const staticData = db.load();
		expect(newProcess().reserveWithStaticData(staticData, NODE, CLEARED, 1000, 1000).isNew).toBe(
			true,
		);
		db.save(staticData);
		// The process is gone; its restart (or another process) sees only what was saved.
		const restarted = newProcess();
		const retry = restarted.reserveWithStaticData(db.load(), NODE, CLEARED, 1000, 2000);
		expect(retry.isNew).toBe(true);
	});

	it('drops a repeat that arrives on the same process while the first is in flight, and accepts a real change', () => {
		const db = new Database();
		const a = newProcess();
		const first = a.reserveWithStaticData(db.load(), NODE, CLEARED, 1000, 1000);
		expect(a.reserveWithStaticData(db.load(), NODE, CLEARED, 1000, 1001).isNew).toBe(false);
		const change = a.reserveWithStaticData(
			db.load(),
			NODE,
			{ record: '1042', fingerprint: 'UPDATE|PENDING|LOW' },
			1000,
			1002,
		);
		expect(change.isNew).toBe(true);
		// Back to CLEARED while PENDING is in flight: a real change again.
		expect(a.reserveWithStaticData(db.load(), NODE, CLEARED, 1000, 1003).isNew).toBe(true);
		expect(first.isNew).toBe(true);
	});

	it('keeps a repeat of a recorded state a duplicate on every process, in flight or not', () => {
		const db = new Database();
		const [a, b] = [newProcess(), newProcess()];
		const staticData = db.load();
		a.reserveWithStaticData(staticData, NODE, CLEARED, 1000, 1000).commit?.(1000);
		db.save(staticData);
		expect(a.reserveWithStaticData(db.load(), NODE, CLEARED, 1000, 1500).isNew).toBe(false);
		expect(b.reserveWithStaticData(db.load(), NODE, CLEARED, 1000, 4000).isNew).toBe(false);
	});

	it('accepts a repeat again once a reservation was never committed for IN_FLIGHT_MS (n8n could not record it)', () => {
		const db = new Database();
		const a = newProcess();
		expect(a.reserveWithStaticData(db.load(), NODE, CLEARED, 1000, 1000).isNew).toBe(true);
		expect(
			a.reserveWithStaticData(db.load(), NODE, CLEARED, 1000, 1000 + IN_FLIGHT_MS - 1).isNew,
		).toBe(false);
		expect(a.reserveWithStaticData(db.load(), NODE, CLEARED, 1000, 1000 + IN_FLIGHT_MS).isNew).toBe(
			true,
		);
	});

	it('saves no in-flight state with the recorded ones: a duplicate answered meanwhile persists only what is recorded', () => {
		const db = new Database();
		const a = newProcess();
		let staticData = db.load();
		a.reserveWithStaticData(
			staticData,
			NODE,
			{ record: '1', fingerprint: 'x' },
			1000,
			1000,
		).commit?.(1000);
		db.save(staticData);
		a.reserveWithStaticData(db.load(), NODE, { record: '2', fingerprint: 'x' }, 1000, 1001);
		staticData = db.load();
		expect(
			a.reserveWithStaticData(staticData, NODE, { record: '1', fingerprint: 'x' }, 1000, 1002)
				.isNew,
		).toBe(false);
		db.save(staticData);
		expect(db.recordCount()).toBe(1);
	});
});

describe('Redis store: a state in flight until its execution is recorded', () => {
	let redis: RedisServer;
	const clients: Redis[] = [];

	beforeAll(async () => {
		ensureQueueModeServices();
		redis = await startRedis();
	});

	afterAll(async () => {
		for (const client of clients) client.disconnect();
		await redis.stop();
	});

	/** A process's client, named as the nodes name theirs. */
	async function processClient(owner: string): Promise<Redis> {
		const client = new Redis({
			...clientOptions(redisSettingsOf({ host: redis.host, port: redis.port }), owner),
			lazyConnect: true,
		});
		clients.push(client);
		await client.connect();
		return client;
	}

	it('holds a new state in flight (a repeat on any live process is a duplicate), then recorded by commit', async () => {
		const keys = redisKeys('wf-flight', 'node-1');
		const [a, b] = [await processClient('process-a'), await processClient('process-b')];
		const first = await reserveWithRedis({ client: a, keys, owner: 'process-a' }, CLEARED, 1000);
		expect(first.isNew).toBe(true);
		expect(await a.hget(keys.states, Object.keys(await a.hgetall(keys.states))[0])).toMatch(
			/^\|\S{11} \d+ process-a$/,
		);
		expect(
			(await reserveWithRedis({ client: b, keys, owner: 'process-b' }, CLEARED, 1000)).isNew,
		).toBe(false);
		expect(
			(await reserveWithRedis({ client: a, keys, owner: 'process-a' }, CLEARED, 1000)).isNew,
		).toBe(false);
		await first.commit?.();
		expect(Object.values(await a.hgetall(keys.states))).toEqual([
			expect.stringMatching(/^\S{11}$/),
		]);
		expect(
			(await reserveWithRedis({ client: b, keys, owner: 'process-b' }, CLEARED, 1000)).isNew,
		).toBe(false);
	});

	it('accepts the retry on another process at once when the process that held it in flight is gone', async () => {
		const keys = redisKeys('wf-gone', 'node-1');
		const [dying, survivor] = [
			await processClient('process-dying'),
			await processClient('process-survivor'),
		];
		expect(
			(await reserveWithRedis({ client: dying, keys, owner: 'process-dying' }, CLEARED, 1000))
				.isNew,
		).toBe(true);
		dying.disconnect();
		await sleep(100);
		const retry = await reserveWithRedis(
			{ client: survivor, keys, owner: 'process-survivor' },
			CLEARED,
			1000,
		);
		expect(retry.isNew).toBe(true);
		await retry.commit?.();
		expect(
			(await reserveWithRedis({ client: survivor, keys, owner: 'process-survivor' }, CLEARED, 1000))
				.isNew,
		).toBe(false);
	});

	it('accepts a repeat again once a live process left its state in flight for REDIS_IN_FLIGHT_MS', async () => {
		const keys = redisKeys('wf-expired', 'node-1');
		const [a, b] = [await processClient('process-slow'), await processClient('process-other')];
		expect(
			(await reserveWithRedis({ client: a, keys, owner: 'process-slow' }, CLEARED, 1000)).isNew,
		).toBe(true);
		expect(
			(await reserveWithRedis({ client: b, keys, owner: 'process-other' }, CLEARED, 1000)).isNew,
		).toBe(false);
		await sleep(REDIS_IN_FLIGHT_MS + 100);
		expect(
			(await reserveWithRedis({ client: b, keys, owner: 'process-other' }, CLEARED, 1000)).isNew,
		).toBe(true);
	});

	it('keeps the recorded state under a change in flight: a return to it while the change is in flight is new', async () => {
		const keys = redisKeys('wf-change', 'node-1');
		const a = await processClient('process-change');
		const target = { client: a, keys, owner: 'process-change' };
		await (await reserveWithRedis(target, CLEARED, 1000)).commit?.();
		const pending = { record: '1042', fingerprint: 'UPDATE|PENDING|LOW' };
		expect((await reserveWithRedis(target, pending, 1000)).isNew).toBe(true);
		expect((await reserveWithRedis(target, pending, 1000)).isNew).toBe(false);
		expect((await reserveWithRedis(target, CLEARED, 1000)).isNew).toBe(true);
	});
});
