/**
 * The Artemis node through n8n-core's real execution context, against a fake Artemis on loopback:
 * n8n's pre-authentication gets the token, n8n adds the credential's headers, the node pages,
 * simplifies and words its errors.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { ArtemisApi } from '../../credentials/ArtemisApi.credentials';
import { Artemis } from '../../nodes/Artemis/Artemis.node';
import { runNode, type StoredCredential } from '../support/executeHarness';
import {
	artemisCustomer,
	type FakeArtemis,
	riskAssessmentOf,
	startFakeArtemis,
} from '../support/fakeArtemis';

const TYPE = 'n8n-nodes-artemis-artisio.artemis';

let fake: FakeArtemis;
let credential: StoredCredential;

beforeEach(async () => {
	fake = await startFakeArtemis({ extraCustomers: 0 });
	credential = {
		type: new ArtemisApi(),
		data: {
			environment: 'custom',
			tokenUrl: fake.tokenUrl,
			baseUrl: `${fake.baseUrl}/`,
			clientId: fake.clientId,
			clientSecret: fake.clientSecret,
			domainId: fake.domainId,
			accessToken: '',
		},
	};
});

afterEach(async () => {
	await fake.close();
});

async function run(
	parameters: IDataObject,
	items: IDataObject[] = [{ customerId: 1042 }],
	continueOnFail = false,
) {
	return await runNode({
		nodeType: new Artemis(),
		typeName: TYPE,
		parameters,
		items,
		credential,
		continueOnFail,
	});
}

const jsonOf = (items: INodeExecutionData[]) => items.map((item) => item.json);

/** The error a run throws, as n8n would store it (JSON), and its parts. */
async function failureOf(parameters: IDataObject, items?: IDataObject[]) {
	try {
		await run(parameters, items);
	} catch (error) {
		const { message, description, httpCode } = error as {
			message: string;
			description?: string;
			httpCode?: string | null;
		};
		return {
			error,
			message,
			description,
			httpCode,
			serialized: JSON.stringify(error) + String((error as Error).stack),
		};
	}
	throw new Error('the run did not fail');
}

describe('Artemis node: Get', () => {
	it('fetches the customer named by the incoming item ({{ $json.customerId }}) with the Bearer token and X-Domain-ID', async () => {
		const { items } = await run({ resource: 'customer', operation: 'get', simplify: false });
		expect(jsonOf(items)).toEqual([artemisCustomer(1042)]);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		const [tokenCall] = fake.tokenRequests();
		expect(tokenCall.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
		expect(Object.fromEntries(new URLSearchParams(tokenCall.body))).toEqual({
			grant_type: 'client_credentials',
			client_id: fake.clientId,
			client_secret: fake.clientSecret,
		});
		const [apiCall] = fake.apiRequests();
		expect(apiCall.path).toBe('/api/customer/1042');
		expect(apiCall.headers.authorization).toBe('Bearer fake-token-1');
		expect(apiCall.headers['x-domain-id']).toBe('42');
		expect(apiCall.status).toBe(200);
		// n8n keeps the token with the credential: the next run asks for none.
		expect(credential.data.accessToken).toBe('fake-token-1');
		await run({ resource: 'customer', operation: 'get' });
		expect(fake.tokenRequests()).toHaveLength(1);
	});
});

describe('Artemis node: Simplify and the other operations', () => {
	it('Simplify (the default) keeps the fields a workflow compares, as Artemis sent them', async () => {
		const { items } = await run({ resource: 'customer', operation: 'get' });
		expect(jsonOf(items)).toEqual([
			{
				id: 1042,
				referenceId: 'CUST-1042',
				profileReferenceId: 'PRF-1042',
				profileId: 71042,
				parentId: null,
				status: 'CLEARED',
				riskRating: 'LOW',
				active: true,
				lastRiskAssessment: '2026-11-20T08:00:00Z',
				listRoleAsText: ['CUSTOMER'],
				createdAt: '2026-11-01T08:00:00.000+00:00',
				updatedAt: '2026-11-25T10:00:00.000+00:00',
			},
		]);
	});

	it('Simplify adds nothing Artemis did not send', async () => {
		fake.setCustomer(1042, { id: 1042, riskRating: 'HIGH' });
		const { items } = await run({ resource: 'customer', operation: 'get' });
		expect(jsonOf(items)).toEqual([{ id: 1042, riskRating: 'HIGH' }]);
	});

	it('Get Risk Assessment reads /risk-assessment, whole or simplified', async () => {
		const whole = await run({
			resource: 'customer',
			operation: 'getRiskAssessment',
			customerId: 1043,
			simplify: false,
		});
		expect(jsonOf(whole.items)).toEqual([riskAssessmentOf(artemisCustomer(1043))]);
		expect(fake.apiRequests().map((request) => request.path)).toEqual([
			'/api/customer/1043/risk-assessment',
		]);
		const simple = await run({ resource: 'customer', operation: 'getRiskAssessment' });
		expect(jsonOf(simple.items)).toEqual([
			{
				id: 1642,
				customerId: 1042,
				riskRating: 'LOW',
				overrideRiskRating: null,
				riskScore: 12.5,
				approvalStatus: 'ACCEPTED',
				createdAt: '2026-11-20T08:00:00.000+00:00',
				updatedAt: '2026-11-20T08:00:00.000+00:00',
			},
		]);
	});

	it('takes a customer ID given as a string of digits, refuses anything else before calling Artemis', async () => {
		const { items } = await run({ resource: 'customer', operation: 'get' }, [
			{ customerId: '1043' },
		]);
		expect(items[0].json.id).toBe(1043);
		const failure = await failureOf({ resource: 'customer', operation: 'get' }, [
			{ customerId: 'abc' },
		]);
		expect(failure.message).toBe('Customer ID must be a positive whole number, got "abc"');
		expect(fake.apiRequests()).toHaveLength(1);
	});
});

describe('Artemis node: Get Many', () => {
	const pageCalls = () => fake.apiRequests().map((request) => request.query);

	it('Limit 50 (the default) over 120 customers: one page of 50', async () => {
		await fake.close();
		fake = await startFakeArtemis({ extraCustomers: 118 });
		credential.data = { ...credential.data, tokenUrl: fake.tokenUrl, baseUrl: fake.baseUrl };
		const { items } = await run({ resource: 'customer', operation: 'getAll', simplify: false });
		expect(items).toHaveLength(50);
		expect(items.map((item) => item.json.id)).toEqual([
			1042,
			1043,
			...Array.from({ length: 48 }, (_, index) => 2001 + index),
		]);
		expect(pageCalls()).toEqual([{ page: '0', size: '50' }]);
		expect(items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('Limit 250 over 320 customers: pages of 100 until the limit', async () => {
		await fake.close();
		fake = await startFakeArtemis({ extraCustomers: 318 });
		credential.data = { ...credential.data, tokenUrl: fake.tokenUrl, baseUrl: fake.baseUrl };
		const { items } = await run({ resource: 'customer', operation: 'getAll', limit: 250 });
		expect(items).toHaveLength(250);
		expect(new Set(items.map((item) => item.json.id)).size).toBe(250);
		expect(pageCalls()).toEqual([
			{ page: '0', size: '100' },
			{ page: '1', size: '100' },
			{ page: '2', size: '100' },
		]);
	});

	it('Return All over 230 customers: every page until Artemis says last', async () => {
		await fake.close();
		fake = await startFakeArtemis({ extraCustomers: 228 });
		credential.data = { ...credential.data, tokenUrl: fake.tokenUrl, baseUrl: fake.baseUrl };
		const { items } = await run({ resource: 'customer', operation: 'getAll', returnAll: true });
		expect(items).toHaveLength(230);
		expect(items[229].json.id).toBe(2228);
		expect(items[0].json).not.toHaveProperty('particular');
		expect(pageCalls()).toHaveLength(3);
	});

	it('Return All when Artemis caps the page size below 100: follows `last`, not the size', async () => {
		await fake.close();
		fake = await startFakeArtemis({ extraCustomers: 68, maxPageSize: 25 });
		credential.data = { ...credential.data, tokenUrl: fake.tokenUrl, baseUrl: fake.baseUrl };
		const { items } = await run({ resource: 'customer', operation: 'getAll', returnAll: true });
		expect(items).toHaveLength(70);
		expect(pageCalls().map((query) => query.page)).toEqual(['0', '1', '2']);
	});

	it('an empty domain gives no items and one call', async () => {
		await fake.close();
		fake = await startFakeArtemis({ customers: {} });
		credential.data = { ...credential.data, tokenUrl: fake.tokenUrl, baseUrl: fake.baseUrl };
		const { items } = await run({ resource: 'customer', operation: 'getAll', returnAll: true });
		expect(items).toEqual([]);
		expect(pageCalls()).toHaveLength(1);
	});
});

describe('Artemis node: tokens', () => {
	it('an expired token: Artemis answers 401, n8n fetches a new token and the call is repeated once', async () => {
		await run({ resource: 'customer', operation: 'get' });
		fake.expireTokens();
		const { items } = await run({ resource: 'customer', operation: 'get', customerId: 1043 });
		expect(items[0].json.id).toBe(1043);
		expect(fake.issuedTokens).toEqual(['fake-token-1', 'fake-token-2']);
		expect(
			fake.apiRequests().map((request) => [request.headers.authorization, request.status]),
		).toEqual([
			['Bearer fake-token-1', 200],
			['Bearer fake-token-1', 401],
			['Bearer fake-token-2', 200],
		]);
		expect(credential.data.accessToken).toBe('fake-token-2');
	});

	it('a token expiring between two items of one run: both items succeed, the second after a refresh', async () => {
		fake.expireTokensAfter(1);
		const { items } = await run({ resource: 'customer', operation: 'get' }, [
			{ customerId: 1042 },
			{ customerId: 1043 },
		]);
		expect(items.map((item) => item.json.id)).toEqual([1042, 1043]);
		expect(
			fake
				.apiRequests()
				.map((request) => [request.path, request.headers.authorization, request.status]),
		).toEqual([
			['/api/customer/1042', 'Bearer fake-token-1', 200],
			['/api/customer/1043', 'Bearer fake-token-1', 401],
			['/api/customer/1043', 'Bearer fake-token-2', 200],
		]);
	});

	it('a wrong client secret: the error names the credential and the token URL, never the secret', async () => {
		credential.data.clientSecret = 'wrong-secret-1234';
		const failure = await failureOf({ resource: 'customer', operation: 'get' });
		expect(failure.message).toBe('The "Artemis API" credential could not get an access token');
		expect(failure.description).toBe(
			`Artemis API credential: the token URL ${fake.tokenUrl} refused the client ID and secret (HTTP 401, invalid_client: Bad client credentials). Check its Environment, Client ID and Client Secret.`,
		);
		expect(failure.serialized).not.toContain('wrong-secret-1234');
		expect(fake.apiRequests()).toHaveLength(0);
	});
});

describe('Artemis node: errors', () => {
	it('404: "The customer was not found", with the ID and the API\'s message', async () => {
		const failure = await failureOf({ resource: 'customer', operation: 'get', customerId: 99 });
		expect(failure.message).toBe('The customer was not found');
		expect(failure.description).toBe(
			'Artemis has no customer with ID 99 in this domain (HTTP 404). Artemis said: "Customer 99 not found"',
		);
		expect(failure.httpCode).toBe('404');
		expect(failure.error).toBeInstanceOf(Error);
		expect((failure.error as Error).constructor.name).toBe('NodeApiError');
	});

	it('401 even with a fresh token: names the credential; no token in the error', async () => {
		await run({ resource: 'customer', operation: 'get' });
		fake.failNext(401, 2);
		const failure = await failureOf({ resource: 'customer', operation: 'get' });
		expect(failure.message).toBe(
			'Artemis refused the access token of the "Artemis API" credential (401)',
		);
		expect(failure.httpCode).toBe('401');
		expect(fake.tokenRequests()).toHaveLength(2);
		for (const token of fake.issuedTokens) expect(failure.serialized).not.toContain(token);
	});

	it('403 (a Domain ID without access): names the credential and the Domain ID', async () => {
		credential.data.domainId = '7';
		const failure = await failureOf({ resource: 'customer', operation: 'get' });
		expect(failure.message).toBe('Artemis refused access for the "Artemis API" credential (403)');
		expect(failure.description).toContain('Check the Domain ID of the credential');
		expect(failure.description).toContain('Artemis said: "Access is denied for this domain"');
		expect(fake.apiRequests()[0].headers['x-domain-id']).toBe('7');
	});

	it.each([
		[429, 'Artemis is receiving too many requests (429)', 'too many requests'],
		[503, 'Artemis failed to process the request (HTTP 503)', 'service unavailable'],
		[500, 'Artemis failed to process the request (HTTP 500)', 'service unavailable'],
	])(
		'%i: a NodeApiError in plain words, with the API message',
		async (status, message, apiWords) => {
			fake.failNext(status);
			const failure = await failureOf({ resource: 'customer', operation: 'getAll' });
			expect(failure.message).toBe(message);
			expect(failure.description).toContain(`Artemis said: "Fake Artemis: ${apiWords}"`);
			expect(failure.description).toContain('Retry On Fail');
			expect(failure.httpCode).toBe(String(status));
		},
	);

	it('Continue On Fail: a failing item gives an error item paired with it; the others go on', async () => {
		const { items } = await run(
			{ resource: 'customer', operation: 'get' },
			[{ customerId: 1042 }, { customerId: 99 }, { customerId: 1043 }],
			true,
		);
		expect(items.map((item) => [item.json.id ?? item.json.error, item.pairedItem])).toEqual([
			[1042, { item: 0 }],
			['The customer was not found', { item: 1 }],
			[1043, { item: 2 }],
		]);
	});

	it('without Continue On Fail the first failing item stops the run', async () => {
		const failure = await failureOf({ resource: 'customer', operation: 'get' }, [
			{ customerId: 99 },
			{ customerId: 1043 },
		]);
		expect(failure.message).toBe('The customer was not found');
		expect(fake.apiRequests().map((request) => request.path)).toEqual(['/api/customer/99']);
	});

	it('an unreachable API base URL: says so and points at the credential', async () => {
		credential.data.baseUrl = 'http://127.0.0.1:9';
		const failure = await failureOf({ resource: 'customer', operation: 'get' });
		expect(failure.message).toBe('The Artemis API could not be reached');
		expect(failure.description).toContain('Check the API Base URL of the "Artemis API" credential');
	});
});

describe('Artemis API credential', () => {
	it('production and UAT use the documented token URLs; UAT and Custom use the API Base URL given', async () => {
		const { tokenUrlOf, baseUrlOf } = await import('../../nodes/Artemis/environment');
		expect(tokenUrlOf({ environment: 'production' })).toBe('https://crm.cynopsis.co/oauth/token');
		expect(baseUrlOf({ environment: 'production', baseUrl: 'http://ignored' })).toBe(
			'https://api.artemis.cynopsis.co',
		);
		expect(tokenUrlOf({ environment: 'uat' })).toBe('https://crm-demo.cynopsis.co/oauth/token');
		expect(baseUrlOf({ environment: 'uat', baseUrl: ' https://uat.example.com// ' })).toBe(
			'https://uat.example.com',
		);
		expect(tokenUrlOf({ environment: 'custom', tokenUrl: 'http://x/oauth/token' })).toBe(
			'http://x/oauth/token',
		);
	});

	it('has the fixed names of the design (section 7) and a test request that lists one customer', () => {
		const type = new ArtemisApi();
		expect(type.name).toBe('artemisApi');
		expect(type.displayName).toBe('Artemis API');
		expect(type.properties.map((property) => property.name)).toEqual([
			'environment',
			'tokenUrl',
			'baseUrl',
			'clientId',
			'clientSecret',
			'domainId',
			'accessToken',
		]);
		expect(
			type.properties.find((property) => property.name === 'clientSecret')?.typeOptions?.password,
		).toBe(true);
		expect(type.test.request).toMatchObject({ url: '/api/customer', qs: { page: 0, size: 1 } });
	});
});
