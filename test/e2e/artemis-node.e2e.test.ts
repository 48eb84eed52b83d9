/**
 * The two-node loop in a real n8n: Artemis Callback Trigger → Artemis (Get Customer), against a
 * fake Artemis on loopback. n8n itself fetches the token (the credential's pre-authentication),
 * keeps it with the credential, and fetches a new one when Artemis answers 401.
 */
import { randomUUID } from 'node:crypto';

import { ARTEMIS_TYPE } from '../support/artemis';
import { runArtemisExample } from '../support/artemisExample';
import { statusOf } from '../support/e2e';
import { artemisCustomer, type FakeArtemis, startFakeArtemis } from '../support/fakeArtemis';
import { send } from '../support/http';
import { type ExecutionSummary, N8N_1, type N8nClient } from '../support/n8n';
import { artemisCallback } from '../support/payloads';
import { connectShared } from '../support/shared';

const ARTEMIS_NODE_TYPE = 'n8n-nodes-artemis-artisio.artemis';
const WRONG_SECRET = 'wrong-secret-e2e-7d3b91';

let n8n: N8nClient;
let fake: FakeArtemis;

beforeAll(async () => {
	n8n = connectShared();
	fake = await startFakeArtemis();
});

afterAll(async () => {
	await fake?.close();
});

const credentialData = (overrides: Record<string, unknown> = {}) => ({
	environment: 'custom',
	tokenUrl: fake.tokenUrl,
	baseUrl: fake.baseUrl,
	clientId: fake.clientId,
	clientSecret: fake.clientSecret,
	domainId: fake.domainId,
	// n8n 1.x adds its HTTP Request domain restriction to credentials that authenticate, and its
	// public API then requires both fields.
	...(N8N_1 ? { allowedHttpRequestDomains: 'all' } : {}),
	...overrides,
});

interface Loop {
	workflowId: string;
	callback(body: Record<string, unknown>): Promise<void>;
	executions(count: number): Promise<ExecutionSummary[]>;
}

/** Trigger → Artemis (Get, Customer ID from the default expression), active, with its own credential. */
async function deployLoop(
	name: string,
	credentialOverrides: Record<string, unknown> = {},
	parameters: Record<string, unknown> = { resource: 'customer', operation: 'get' },
): Promise<Loop> {
	const credential = await n8n.createCredential(
		`Artemis API e2e ${name} ${Date.now()}`,
		'artemisApi',
		credentialData(credentialOverrides),
	);
	const webhookId = randomUUID();
	const { id } = await n8n.createWorkflow({
		name: `artemis node e2e: ${name}`,
		nodes: [
			{
				id: randomUUID(),
				name: 'Trigger',
				type: ARTEMIS_TYPE,
				typeVersion: 1.1,
				position: [0, 0],
				parameters: {},
				webhookId,
			},
			{
				id: randomUUID(),
				name: 'Artemis',
				type: ARTEMIS_NODE_TYPE,
				typeVersion: 1,
				position: [250, 0],
				parameters,
				credentials: { artemisApi: { id: credential.id, name: 'Artemis API' } },
			},
		],
		connections: { Trigger: { main: [[{ node: 'Artemis', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	});
	await n8n.activate(id);
	const url = n8n.webhookUrl(webhookId);
	return {
		workflowId: id,
		async callback(body) {
			const reply = await send(url, { method: 'POST', body });
			expect(statusOf(reply)).toBe('accepted');
		},
		async executions(count) {
			const executions = await n8n.waitForExecutions(id, count);
			expect(executions).toHaveLength(count);
			return executions;
		},
	};
}

const artemisItems = (execution: ExecutionSummary) =>
	(execution.nodes.Artemis?.[0] ?? []) as Array<Record<string, unknown>>;
const errorOf = (execution: ExecutionSummary) =>
	(
		execution.raw as {
			data?: { resultData?: { error?: { message?: string; description?: string } } };
		}
	).data?.resultData?.error;

describe('Artemis Callback Trigger → Artemis (Get Customer) in n8n', () => {
	const seen: ExecutionSummary[] = [];

	it('the execution holds the callback and the customer Artemis returned for its customerId', async () => {
		fake.setCustomer(1042, artemisCustomer(1042, { status: 'PENDING', riskRating: 'MEDIUM' }));
		const loop = await deployLoop('get');
		await loop.callback(
			artemisCallback({ customerId: 1042, status: 'CLEARED', riskRating: 'LOW' }),
		);
		const [execution] = await loop.executions(1);
		seen.push(execution);
		expect(execution.status).toBe('success');
		expect(execution.nodes.Trigger?.[0]?.[0]).toMatchObject({
			customerId: 1042,
			status: 'CLEARED',
			riskRating: 'LOW',
		});
		expect(artemisItems(execution)).toEqual([
			expect.objectContaining({
				id: 1042,
				referenceId: 'CUST-1042',
				status: 'PENDING',
				riskRating: 'MEDIUM',
			}),
		]);
		const [call] = fake.apiRequests().filter((request) => request.path === '/api/customer/1042');
		expect(call.headers.authorization).toMatch(/^Bearer fake-token-\d+$/);
		expect(call.headers['x-domain-id']).toBe(fake.domainId);
	});

	it('a token that expires between two executions is refreshed by n8n, and the new one is kept', async () => {
		const loop = await deployLoop('expiry');
		await loop.callback(artemisCallback({ customerId: 1042, status: 'PENDING' }));
		await loop.executions(1);
		const tokensBefore = fake.issuedTokens.length;
		fake.expireTokens();
		await loop.callback(artemisCallback({ customerId: 1043, status: 'PENDING' }));
		const executions = await loop.executions(2);
		seen.push(...executions);
		expect(executions.map((execution) => execution.status)).toEqual(['success', 'success']);
		expect(artemisItems(executions[1])).toEqual([expect.objectContaining({ id: 1043 })]);
		expect(fake.issuedTokens.length).toBe(tokensBefore + 1);
		const calls = fake.apiRequests().filter((request) => request.path === '/api/customer/1043');
		expect(calls.map((request) => request.status)).toEqual([401, 200]);
		expect(calls[1].headers.authorization).toBe(`Bearer ${fake.issuedTokens.at(-1)}`);
		// n8n saved the refreshed token with the credential: the next execution asks for none.
		await loop.callback(artemisCallback({ customerId: 1043, status: 'CLEARED' }));
		seen.push(...(await loop.executions(3)).slice(2));
		expect(fake.issuedTokens.length).toBe(tokensBefore + 1);
	});

	it('a token that expires in the middle of an execution (Get Many, page 2 of 3) is refreshed by n8n, and the pages go on', async () => {
		for (let id = 3001; id <= 3250; id++) fake.setCustomer(id, artemisCustomer(id));
		const loop = await deployLoop(
			'expiry mid-execution',
			{},
			{ resource: 'customer', operation: 'getAll', returnAll: true },
		);
		await loop.callback(artemisCallback({ customerId: 3001, status: 'PENDING' }));
		await loop.executions(1);
		const tokensBefore = fake.issuedTokens.length;
		const callsBefore = fake.apiRequests().length;
		fake.expireTokensAfter(1);
		await loop.callback(artemisCallback({ customerId: 3001, status: 'CLEARED' }));
		const executions = await loop.executions(2);
		seen.push(...executions);
		expect(executions[1].status).toBe('success');
		expect(artemisItems(executions[1])).toHaveLength(252);
		const calls = fake.apiRequests().slice(callsBefore);
		expect(calls.map((request) => [request.query.page, request.status])).toEqual([
			['0', 200],
			['1', 401],
			['1', 200],
			['2', 200],
		]);
		expect(fake.issuedTokens.length).toBe(tokensBefore + 1);
	});

	it('a wrong client secret fails the execution with an error that names the credential', async () => {
		const loop = await deployLoop('wrong secret', { clientSecret: WRONG_SECRET });
		await loop.callback(artemisCallback({ customerId: 1042, status: 'DRAFT' }));
		const [execution] = await loop.executions(1);
		seen.push(execution);
		expect(execution.status).toBe('error');
		const error = errorOf(execution);
		expect(error?.message).toBe('The "Artemis API" credential could not get an access token');
		expect(error?.description).toContain(
			'refused the client ID and secret (HTTP 401, invalid_client: Bad client credentials)',
		);
		// The trigger's item is still there: the callback is not lost.
		expect(execution.nodes.Trigger?.[0]?.[0]).toMatchObject({ customerId: 1042, status: 'DRAFT' });
	});

	it("the README's example (examples/artemis-callback-to-artemis.json) routes a stale callback apart from a current one", async () => {
		const credential = await n8n.createCredential(
			`Artemis API e2e example ${Date.now()}`,
			'artemisApi',
			credentialData(),
		);
		// Artemis holds 1042 as PENDING / MEDIUM (first test), 1043 as CLEARED / LOW.
		const { answers, executions } = await runArtemisExample(n8n, {
			id: credential.id,
			name: 'Artemis API',
		});
		expect(answers).toEqual(['accepted', 'accepted']);
		seen.push(...executions);
		expect(executions.map((execution) => execution.status)).toEqual(['success', 'success']);
		const ran = (execution: ExecutionSummary) => Object.keys(execution.nodes).sort();
		expect(ran(executions[0])).toEqual([
			'Artemis',
			'Artemis Callback Trigger',
			'Callback Still Current?',
			'Stale: Use the Fetched State',
		]);
		expect(ran(executions[1])).toEqual([
			'Act on the Callback',
			'Artemis',
			'Artemis Callback Trigger',
			'Callback Still Current?',
		]);
	});

	it('the client secrets and the access tokens appear in no execution and no n8n log line', () => {
		expect(seen.length).toBeGreaterThanOrEqual(9);
		const executions = JSON.stringify(seen.map((execution) => execution.raw));
		const logs = n8n.logs(100_000);
		for (const secret of [fake.clientSecret, WRONG_SECRET]) {
			expect(executions).not.toContain(secret);
			expect(logs).not.toContain(secret);
		}
		// Nor the access tokens n8n fetched.
		expect(fake.issuedTokens.length).toBeGreaterThanOrEqual(3);
		for (const token of fake.issuedTokens) {
			expect(executions).not.toContain(token);
			expect(logs).not.toContain(token);
		}
	});

	it("the credential's Test button: OK, or the part that failed", async () => {
		const testCredential = async (overrides: Record<string, unknown>) => {
			const name = `Artemis API test ${Date.now()}`;
			const { id } = await n8n.createCredential(name, 'artemisApi', credentialData(overrides));
			const answer = await n8n.api<{ data: { status: string; message: string } }>(
				'POST',
				'/rest/credentials/test',
				{
					credentials: { id, name, type: 'artemisApi', data: credentialData(overrides) },
				},
			);
			return answer.data;
		};
		expect(await testCredential({})).toEqual({ status: 'OK', message: 'Connection successful!' });
		const wrongSecret = await testCredential({ clientSecret: WRONG_SECRET });
		expect(wrongSecret).toEqual({
			status: 'Error',
			message: `Artemis API credential: the token URL ${fake.tokenUrl} refused the client ID and secret (HTTP 401, invalid_client: Bad client credentials)`,
		});
		expect(await testCredential({ domainId: '7' })).toEqual({
			status: 'Error',
			// n8n 1.x's tester does not apply the credential's response-code rules: its own words.
			message: N8N_1
				? 'Forbidden - perhaps check your credentials?'
				: 'The token works, but the Artemis API refused this Domain ID (403): check the Domain ID',
		});
		const listCalls = fake.apiRequests().filter((request) => request.path === '/api/customer');
		expect(listCalls.at(-1)?.query).toEqual({ page: '0', size: '1' });
	});
});
