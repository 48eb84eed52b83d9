/**
 * The Redis store against a real redis-server (Debian's, started by the test on a free loopback
 * port and stopped by PID): the atomic check-and-record, its bounds and keys, the trigger's answers
 * when Redis is down, slow or refusing, and the credential test behind the editor's Test button.
 */
import Redis from 'ioredis';
import type { ICredentialDataDecryptedObject, ICredentialTestFunctions } from 'n8n-workflow';

import { digest } from '../../nodes/shared/dedupe/digest';
import { dedupeRedisConnectionTest } from '../../nodes/shared/dedupe/credentialTest';
import { CREDENTIAL_MAX_AGE_MS } from '../../nodes/shared/credentialCache';
import {
	clientFor,
	clientOptions,
	disconnectAll,
	redisSettingsOf,
	type RedisSettings,
} from '../../nodes/shared/dedupe/redisConnection';
import { checkWithRedis, redisKeys } from '../../nodes/shared/dedupe/redisStore';
import { startArtemis } from '../support/artemis';
import { ARTISIO_TOKEN, bearer, startArtisio } from '../support/artisio';
import { artemisCallback } from '../support/payloads';
import { report } from '../support/reliability';
import { ensureQueueModeServices, type RedisServer, startRedis } from '../support/services';
import { sleep } from '../support/util';
import type { WebhookHarness } from '../support/webhookHarness';

jest.setTimeout(60_000);

let redis: RedisServer;
/** The test's own view of Redis, to look inside and to make it refuse or stall. */
let admin: Redis;
let harness: WebhookHarness | undefined;
let credentialCount = 0;

beforeAll(async () => {
	ensureQueueModeServices();
	redis = await startRedis();
	admin = new Redis({
		host: redis.host,
		port: redis.port,
		lazyConnect: true,
		maxRetriesPerRequest: 1,
	});
	await admin.connect();
});

afterEach(async () => {
	await harness?.close();
	harness = undefined;
});

afterAll(async () => {
	disconnectAll();
	admin.disconnect();
	await redis.stop();
});

const accepted = { status: 'accepted' };
const duplicate = { status: 'duplicate' };

/** A trigger with the Redis store and a credential of its own (one client per credential id). */
async function artemisWithRedis(
	credential: Record<string, unknown> = {},
	workflowId?: string,
): Promise<WebhookHarness> {
	return await startArtemis({
		workflowId,
		parameters: { dedupeStore: 'redis' },
		credentials: {
			dedupeRedisApi: {
				host: redis.host,
				port: redis.port,
				user: '',
				password: '',
				database: 0,
				ssl: false,
				...credential,
			},
		},
		credentialIds: { dedupeRedisApi: `redis-${++credentialCount}` },
	});
}

const warningsOf = (harness: WebhookHarness): unknown[] => {
	const item = harness.executions.at(-1)?.outputs[0]?.[0] as
		{ meta?: { warnings?: unknown[] } } | undefined;
	return item?.meta?.warnings ?? [];
};

describe('Redis store: the atomic check-and-record', () => {
	const keys = redisKeys('wf-1', 'node-1');

	it('drops only a repeat of the last accepted state of a record', async () => {
		const check = async (record: string, fingerprint: string) =>
			await checkWithRedis(admin, keys, { record, fingerprint }, 10);
		expect(await check('1', 'UPDATE|PENDING|')).toBe(true);
		expect(await check('1', 'UPDATE|PENDING|')).toBe(false);
		expect(await check('1', 'UPDATE|REQUIRE_UPDATE|')).toBe(true);
		expect(await check('1', 'UPDATE|PENDING|')).toBe(true);
		expect(await check('2', 'UPDATE|PENDING|')).toBe(true);
	});

	it('accepts exactly one of 40 identical deliveries sent at the same moment by two processes', async () => {
		// Two clients: two n8n processes, each with its own connection.
		const [a, b] = [
			new Redis({ host: redis.host, port: redis.port }),
			new Redis({ host: redis.host, port: redis.port }),
		];
		try {
			const fresh = redisKeys('wf-race', 'node-1');
			const verdicts = await Promise.all(
				Array.from(
					{ length: 40 },
					async (_, index) =>
						await checkWithRedis(
							index % 2 ? a : b,
							fresh,
							{ record: '9', fingerprint: 'INSERT|DRAFT|' },
							1000,
						),
				),
			);
			expect(verdicts.filter(Boolean)).toHaveLength(1);
		} finally {
			a.disconnect();
			b.disconnect();
		}
	});

	it('keeps at most N records, least recently seen evicted first, a repeat counting as seen', async () => {
		const bounded = redisKeys('wf-bounded', 'node-1');
		const check = async (record: string) =>
			await checkWithRedis(admin, bounded, { record, fingerprint: 'x' }, 3);
		for (const record of ['a', 'b', 'c']) await check(record);
		expect(await check('a')).toBe(false); // a is now the most recently seen
		expect(await check('d')).toBe(true); // evicts b
		expect(await admin.hlen(bounded.states)).toBe(3);
		expect(await admin.zcard(bounded.seen)).toBe(3);
		expect(await check('b')).toBe(true); // forgotten, so new again (evicts c)
		expect(await check('a')).toBe(false);
		expect(await check('c')).toBe(true);
	});

	it('keeps each node apart and stores only digests: no customer id in any key or field', async () => {
		const [one, two] = [redisKeys('wf-a', 'node-1'), redisKeys('wf-b', 'node-1')];
		expect(
			await checkWithRedis(
				admin,
				one,
				{ record: 'CUST-SECRET-1042', fingerprint: 'UPDATE|CLEARED|LOW' },
				10,
			),
		).toBe(true);
		expect(
			await checkWithRedis(
				admin,
				two,
				{ record: 'CUST-SECRET-1042', fingerprint: 'UPDATE|CLEARED|LOW' },
				10,
			),
		).toBe(true);
		expect(await admin.hgetall(one.states)).toEqual({
			[digest('CUST-SECRET-1042')]: digest('UPDATE|CLEARED|LOW'),
		});
		const allKeys = await admin.keys('*');
		expect(allKeys.join(' ')).not.toContain('CUST-SECRET');
		expect(allKeys).toEqual(expect.arrayContaining([one.states, one.seen, two.states, two.seen]));
		for (const key of allKeys)
			expect(key).toMatch(/^n8n-nodes-artemis-artisio:dedupe:\{[^}]+\}:(states|seen)$/);
	});

	it('costs a bounded number of bytes of Redis memory per record, whatever the record ids are', async () => {
		const sized = redisKeys('wf-sized', 'node-1');
		for (let index = 0; index < 1000; index++) {
			await checkWithRedis(
				admin,
				sized,
				{ record: `${'x'.repeat(2000)}-${index}`, fingerprint: `UPDATE|${'Y'.repeat(5000)}|` },
				1000,
			);
		}
		const bytes =
			Number(await admin.call('MEMORY', 'USAGE', sized.states, 'SAMPLES', '0')) +
			Number(await admin.call('MEMORY', 'USAGE', sized.seen, 'SAMPLES', '0'));
		report('Redis store: memory of 1,000 records with 2 KB ids and 5 KB states', [
			['bytes per record (hash + sorted set)', Math.round(bytes / 1000)],
		]);
		expect(await admin.hlen(sized.states)).toBe(1000);
		expect(bytes / 1000).toBeLessThan(200);
	});

	it('works again after Redis forgets its scripts (as after a restart)', async () => {
		await admin.script('FLUSH');
		expect(
			await checkWithRedis(
				admin,
				redisKeys('wf-flush', 'n'),
				{ record: '1', fingerprint: 'x' },
				10,
			),
		).toBe(true);
		expect(
			await checkWithRedis(
				admin,
				redisKeys('wf-flush', 'n'),
				{ record: '1', fingerprint: 'x' },
				10,
			),
		).toBe(false);
	});
});

describe('Redis store in the trigger', () => {
	it('answers duplicate for a repeat and keeps two workflows with the same credential apart', async () => {
		harness = await artemisWithRedis({}, 'wf-redis-one');
		expect((await harness.send({ body: artemisCallback({ customerId: 501 }) })).json).toEqual(
			accepted,
		);
		expect((await harness.send({ body: artemisCallback({ customerId: 501 }) })).json).toEqual(
			duplicate,
		);
		expect(warningsOf(harness)).toEqual([]);
		await harness.close();
		harness = await artemisWithRedis({}, 'wf-redis-two');
		expect((await harness.send({ body: artemisCallback({ customerId: 501 }) })).json).toEqual(
			accepted,
		);
		expect(harness.executions).toHaveLength(1);
	});

	it('never drops a test event, whatever Redis remembers', async () => {
		harness = await artemisWithRedis({}, 'wf-redis-manual');
		expect((await harness.send({ body: artemisCallback({ customerId: 502 }) })).json).toEqual(
			accepted,
		);
		harness.update({ mode: 'manual' });
		expect((await harness.send({ body: artemisCallback({ customerId: 502 }) })).json).toEqual(
			accepted,
		);
	});

	it('deduplicates Artisio retries through Redis too', async () => {
		harness = await startArtisio({
			parameters: { dedupeStore: 'redis' },
			credentials: {
				artisioWebhookApi: { token: ARTISIO_TOKEN },
				dedupeRedisApi: { host: redis.host, port: redis.port, database: 0 },
			},
			credentialIds: { dedupeRedisApi: `redis-${++credentialCount}` },
		});
		const body = {
			action: 'UPDATE',
			object: 'Lot',
			data: { uuid: 'a7e0c1d2-0000-4000-8000-00000000abcd', lot_no: '12A' },
		};
		const answers = [];
		for (let attempt = 0; attempt < 3; attempt++)
			answers.push((await harness.send({ body, headers: bearer() })).json);
		expect(answers).toEqual([accepted, duplicate, duplicate]);
	});

	it('accepts with a warning, within 3 s, while Redis is down; deduplicates again once it is back', async () => {
		const outage = await startRedis();
		try {
			harness = await startArtemis({
				parameters: { dedupeStore: 'redis' },
				credentials: { dedupeRedisApi: { host: outage.host, port: outage.port, database: 0 } },
				credentialIds: { dedupeRedisApi: `redis-${++credentialCount}` },
			});
			expect((await harness.send({ body: artemisCallback({ customerId: 601 }) })).json).toEqual(
				accepted,
			);
			await outage.stop();
			for (let attempt = 0; attempt < 3; attempt++) {
				const started = Date.now();
				expect((await harness.send({ body: artemisCallback({ customerId: 601 }) })).json).toEqual(
					accepted,
				);
				expect(Date.now() - started).toBeLessThan(3000);
				expect(warningsOf(harness)).toEqual([
					{
						path: 'dedupeStore',
						value: 'redis',
						message: expect.stringMatching(/^Deduplication was skipped.*could not be reached/),
					},
				]);
			}
			expect(
				harness.logs.some(
					(line) => line.level === 'warn' && /deduplication skipped/.test(line.message),
				),
			).toBe(true);
			await outage.start();
			// Back (and empty): within a few seconds the client has reconnected by itself.
			const deadline = Date.now() + 30_000;
			let answers: unknown[] = [];
			while (Date.now() < deadline) {
				answers = [(await harness.send({ body: artemisCallback({ customerId: 602 }) })).json];
				if (warningsOf(harness).length === 0) break;
				await sleep(200);
			}
			expect(warningsOf(harness)).toEqual([]);
			expect(answers).toEqual([accepted]);
			expect((await harness.send({ body: artemisCallback({ customerId: 602 }) })).json).toEqual(
				duplicate,
			);
		} finally {
			await outage.stop();
		}
	});

	it('accepts with a warning, within 3 s, when Redis stalls', async () => {
		harness = await artemisWithRedis();
		expect((await harness.send({ body: artemisCallback({ customerId: 701 }) })).json).toEqual(
			accepted,
		);
		// Every client but this one waits: as a Redis that is busy or swapping.
		await admin.call('CLIENT', 'PAUSE', '4000', 'ALL');
		try {
			const started = Date.now();
			expect((await harness.send({ body: artemisCallback({ customerId: 701 }) })).json).toEqual(
				accepted,
			);
			expect(Date.now() - started).toBeLessThan(3000);
			expect(warningsOf(harness)).toEqual([
				{
					path: 'dedupeStore',
					value: 'redis',
					message: expect.stringMatching(/did not answer within/),
				},
			]);
		} finally {
			await admin.call('CLIENT', 'UNPAUSE');
		}
	});

	it('accepts with a warning naming the password problem, and never shows the password', async () => {
		await admin.call('ACL', 'SETUSER', 'dedupe', 'on', '>right-password-123', '~*', '+@all');
		try {
			harness = await artemisWithRedis({ user: 'dedupe', password: 'wrong-password-456' });
			expect((await harness.send({ body: artemisCallback({ customerId: 801 }) })).json).toEqual(
				accepted,
			);
			const warnings = JSON.stringify(warningsOf(harness));
			expect(warnings).toMatch(/Deduplication was skipped/);
			expect(warnings).not.toContain('wrong-password-456');
			expect(JSON.stringify(harness.logs)).not.toContain('wrong-password-456');
			await harness.close();
			harness = await artemisWithRedis({ user: 'dedupe', password: 'right-password-123' });
			expect((await harness.send({ body: artemisCallback({ customerId: 802 }) })).json).toEqual(
				accepted,
			);
			expect((await harness.send({ body: artemisCallback({ customerId: 802 }) })).json).toEqual(
				duplicate,
			);
		} finally {
			await admin.call('ACL', 'DELUSER', 'dedupe');
		}
	});
});

describe('Redis credential read bound (one pool entry per credential id)', () => {
	it('reads the credential once per bound, keeps the client while the settings stay, and uses a changed one within the bound', async () => {
		const id = `redis-${++credentialCount}`;
		let settings: RedisSettings = redisSettingsOf({
			host: redis.host,
			port: redis.port,
			database: 0,
		});
		let reads = 0;
		const read = async (): Promise<RedisSettings> => {
			reads += 1;
			return await Promise.resolve(settings);
		};
		const readAt = 50_000;
		const first = await clientFor(id, readAt, read);
		expect(await clientFor(id, readAt + CREDENTIAL_MAX_AGE_MS - 1, read)).toBe(first);
		expect(reads).toBe(1);
		// Read again after the bound: the same settings keep the same client (and its connection).
		expect(await clientFor(id, readAt + CREDENTIAL_MAX_AGE_MS, read)).toBe(first);
		expect(reads).toBe(2);
		// Changed in n8n: still the old client within the bound of the last read, a new one from then on.
		settings = redisSettingsOf({ host: redis.host, port: redis.port, database: 3 });
		const changedAt = readAt + CREDENTIAL_MAX_AGE_MS;
		expect(await clientFor(id, changedAt + CREDENTIAL_MAX_AGE_MS - 1, read)).toBe(first);
		const second = await clientFor(id, changedAt + CREDENTIAL_MAX_AGE_MS, read);
		expect(reads).toBe(3);
		expect(second).not.toBe(first);
		expect(second.address).toEqual({ host: redis.host, port: redis.port, database: 3 });
		expect(JSON.stringify(second.address)).not.toContain('password');
		await second.client.set('bound-check', '1');
		expect(await admin.select(3).then(async () => await admin.get('bound-check'))).toBe('1');
		await admin.select(0);
		// The replaced client is closed, not left connected.
		expect(['end', 'close']).toContain(first.client.status);
	});
});

describe('Redis client options from the credential', () => {
	it('sends no user name or password when they are empty, and the rest as given', () => {
		const options = clientOptions(
			redisSettingsOf({
				host: ' redis.internal ',
				port: 6380,
				user: '',
				password: '',
				database: 4,
				ssl: false,
			}),
		);
		expect(options).toMatchObject({ host: 'redis.internal', port: 6380, db: 4 });
		expect(options).not.toHaveProperty('username');
		expect(options).not.toHaveProperty('password');
		expect(options).not.toHaveProperty('tls');
		expect(clientOptions(redisSettingsOf({ user: 'dedupe', password: 'p' }))).toMatchObject({
			host: 'localhost',
			port: 6379,
			db: 0,
			username: 'dedupe',
			password: 'p',
		});
	});

	it('uses TLS with SSL on, names the host for SNI only when it is a host name, and verifies unless told not to', () => {
		expect(clientOptions(redisSettingsOf({ host: 'cache.example.com', ssl: true })).tls).toEqual({
			servername: 'cache.example.com',
			rejectUnauthorized: true,
		});
		expect(
			clientOptions(redisSettingsOf({ host: '10.1.2.3', ssl: true, disableTlsVerification: true }))
				.tls,
		).toEqual({ rejectUnauthorized: false });
		expect(clientOptions(redisSettingsOf({ host: '::1', ssl: true })).tls).toEqual({
			rejectUnauthorized: true,
		});
	});
});

describe('Redis (Deduplication) credential test', () => {
	const test = async (data: ICredentialDataDecryptedObject) =>
		await dedupeRedisConnectionTest.call({} as ICredentialTestFunctions, {
			id: 'c',
			name: 'c',
			type: 'dedupeRedisApi',
			data,
		});

	it('reports a working connection', async () => {
		expect(await test({ host: redis.host, port: redis.port, database: 3 })).toEqual({
			status: 'OK',
			message: `Connected to Redis at ${redis.host}:${redis.port}, database 3`,
		});
	});

	it('names the host that cannot be reached', async () => {
		const gone = await startRedis();
		await gone.stop();
		const result = await test({ host: gone.host, port: gone.port });
		expect(result.status).toBe('Error');
		expect(result.message).toBe(
			`Redis at ${gone.host}:${gone.port}, database 0 could not be reached (ECONNREFUSED)`,
		);
	});

	it('names a wrong password without showing it', async () => {
		await admin.call('ACL', 'SETUSER', 'tester', 'on', '>the-right-one-1', '~*', '+@all');
		try {
			const result = await test({
				host: redis.host,
				port: redis.port,
				user: 'tester',
				password: 'not-the-right-one',
			});
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(/refused the user name or password/);
			expect(result.message).not.toContain('not-the-right-one');
			expect(
				(
					await test({
						host: redis.host,
						port: redis.port,
						user: 'tester',
						password: 'the-right-one-1',
					})
				).status,
			).toBe('OK');
		} finally {
			await admin.call('ACL', 'DELUSER', 'tester');
		}
	});

	it('names a database number Redis does not have', async () => {
		const result = await test({ host: redis.host, port: redis.port, database: 99 });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/database 99: no such database number/);
	});
});
