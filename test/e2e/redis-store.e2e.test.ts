/**
 * The Deduplication Store as n8n's editor and API see it (shared regular-mode n8n): the field and
 * its hint, the Redis credential shown only with the Redis store, the credential test behind the
 * editor's Test button, and the Redis store answering real requests.
 */
import { ARTEMIS_TYPE } from '../support/artemis';
import { deployTrigger, firstItem, statusOf } from '../support/e2e';
import { N8N_1, type N8nClient } from '../support/n8n';
import { artemisCallback } from '../support/payloads';
import { type RedisServer, startRedis } from '../support/services';
import { connectShared } from '../support/shared';

let n8n: N8nClient;
let redis: RedisServer;

beforeAll(async () => {
	n8n = connectShared();
	redis = await startRedis();
});

afterAll(async () => {
	await redis?.stop();
});

type Described = {
	name: string;
	properties?: Array<Record<string, unknown>>;
	credentials?: Array<Record<string, unknown>>;
};

describe('Deduplication Store in n8n', () => {
	it('offers the field with its hint on both triggers, and asks for the Redis credential only with the Redis store', async () => {
		const nodeTypes = (await n8n.api<Described[]>('GET', '/types/nodes.json')).filter((type) =>
			type.name.startsWith('n8n-nodes-artemis-artisio.'),
		);
		expect(nodeTypes.map((type) => type.name).sort()).toEqual([
			'n8n-nodes-artemis-artisio.artemis',
			'n8n-nodes-artemis-artisio.artemisCallbackTrigger',
			// usableAsTool: n8n derives the AI-tool variant of the Artemis node itself.
			'n8n-nodes-artemis-artisio.artemisTool',
			'n8n-nodes-artemis-artisio.artisioWebhookTrigger',
		]);
		// The Artemis node (a regular node) has no deduplication; the two triggers have it.
		for (const type of nodeTypes.filter((described) => described.name.endsWith('Trigger'))) {
			const field = type.properties?.find((property) => property.name === 'dedupeStore');
			expect(field).toMatchObject({
				displayName: 'Deduplication Store',
				type: 'options',
				default: 'staticData',
				hint: expect.stringMatching(/Redis when n8n runs in queue mode/),
				options: [
					expect.objectContaining({ value: 'staticData' }),
					expect.objectContaining({ value: 'redis' }),
				],
			});
			expect(type.credentials).toContainEqual({
				name: 'dedupeRedisApi',
				required: true,
				displayOptions: { show: { dedupeStore: ['redis'] } },
				testedBy: 'dedupeRedisConnectionTest',
			});
		}
		const credentialTypes = await n8n.api<Described[]>('GET', '/types/credentials.json');
		const credential = credentialTypes.find((type) => type.name === 'dedupeRedisApi');
		expect(credential?.properties?.map((property) => property.name)).toEqual([
			'notice',
			'host',
			'port',
			'user',
			'password',
			'database',
			'ssl',
			'disableTlsVerification',
		]);
	});

	it("runs the credential's Test button: OK for a reachable Redis, the failing part otherwise", async () => {
		// 2.x tests what the editor holds; 1.x answers 403 for an unsaved credential, so there the
		// editor (and this test) saves it first and tests it by id.
		const testCredential = async (data: Record<string, unknown>) => {
			const name = `Redis (Deduplication) test ${Date.now()}`;
			const id = N8N_1
				? (await n8n.createCredential(name, 'dedupeRedisApi', { ssl: false, ...data })).id
				: '';
			return await n8n.api<{ data: { status: string; message: string } }>(
				'POST',
				'/rest/credentials/test',
				{
					credentials: { id, name, type: 'dedupeRedisApi', data },
				},
			);
		};
		expect(
			(
				await testCredential({
					host: redis.host,
					port: redis.port,
					user: '',
					password: '',
					database: 2,
					ssl: false,
				})
			).data,
		).toEqual({
			status: 'OK',
			message: `Connected to Redis at ${redis.host}:${redis.port}, database 2`,
		});
		const gone = await startRedis();
		await gone.stop();
		expect((await testCredential({ host: gone.host, port: gone.port, database: 0 })).data).toEqual({
			status: 'Error',
			message: `Redis at ${gone.host}:${gone.port}, database 0 could not be reached (ECONNREFUSED)`,
		});
		const wrongDatabase = (
			await testCredential({ host: redis.host, port: redis.port, database: 999 })
		).data;
		expect(wrongDatabase.status).toBe('Error');
		expect(wrongDatabase.message).toMatch(/database 999: no such database number/);
	});

	it('refuses to activate a Redis store without its credential, naming it', async () => {
		const trigger = await deployTrigger(n8n, {
			name: 'redis store without credential',
			nodeType: ARTEMIS_TYPE,
			parameters: { dedupeStore: 'redis' },
			activate: false,
		});
		// 2.x refuses it itself ("Missing required credential: dedupeRedisApi"); 1.x does not, and the
		// node's own check answers instead.
		await expect(n8n.activate(trigger.workflowId)).rejects.toThrow(
			N8N_1
				? /Deduplication Store is Redis, but no \\"Redis \(Deduplication\)\\" credential is selected/
				: /dedupeRedisApi/,
		);
		expect((await trigger.send({ body: artemisCallback() })).status).toBe(404);
	});

	it('deduplicates real requests through Redis on one n8n process, and starts one execution', async () => {
		const { id } = await n8n.createCredential(`Redis e2e ${Date.now()}`, 'dedupeRedisApi', {
			host: redis.host,
			port: redis.port,
			database: 0,
			ssl: false,
		});
		const trigger = await deployTrigger(n8n, {
			name: 'redis store e2e',
			nodeType: ARTEMIS_TYPE,
			parameters: { dedupeStore: 'redis' },
			credentials: { dedupeRedisApi: { id, name: 'Redis e2e' } },
		});
		const body = artemisCallback({ customerId: 9100 });
		const answers = [
			statusOf(await trigger.send({ body })),
			statusOf(await trigger.send({ body })),
			statusOf(
				await trigger.send({ body: artemisCallback({ customerId: 9100, status: 'PENDING' }) }),
			),
		];
		expect(answers).toEqual(['accepted', 'duplicate', 'accepted']);
		const executions = await trigger.expectExecutions(2);
		expect((firstItem(executions[0]).meta as { warnings: unknown[] }).warnings).toEqual([]);
		// Nothing of the Redis store lands in static data.
		const workflow = await n8n.api<{ staticData?: Record<string, unknown> | null }>(
			'GET',
			`/api/v1/workflows/${trigger.workflowId}`,
		);
		expect(JSON.stringify(workflow.staticData ?? {})).not.toContain('dedupe');
	});
});
