import type { IDataObject } from 'n8n-workflow';

import { ARTISIO_TOKEN, artisioFixture, bearer, startArtisio } from '../support/artisio';
import type { WebhookHarness } from '../support/webhookHarness';

let harness: WebhookHarness;
afterEach(async () => await harness?.close());

const accepted = { status: 'accepted' };
const duplicate = { status: 'duplicate' };
const ignored = { status: 'ignored' };
const unauthorized = {
	status: 'rejected',
	error: 'unauthorized',
	message: 'Missing or invalid bearer token',
};

function item(index = 0): IDataObject {
	const found = harness.executions[index]?.outputs[0]?.[0];
	if (!found) throw new Error(`no item in execution ${index}`);
	return found;
}

/** Fixture, object, action, and the paths of the values the fixture sends that cannot be coerced. */
const objects: Array<[string, string, string, string[]]> = [
	['customer.create', 'CUSTOMER', 'CREATE', []],
	['auction.update', 'AUCTION', 'UPDATE', []],
	['lot.create', 'LOT', 'CREATE', []],
	['department.create', 'DEPARTMENT', 'CREATE', []],
	['category.update', 'CATEGORY', 'UPDATE', []],
	['invoice.update', 'INVOICE', 'UPDATE', ['data.extra_charge']],
	['settlement.create', 'SETTLEMENT', 'CREATE', []],
];

describe('Artisio Webhook Trigger: accepted events', () => {
	it.each(objects)(
		'accepts %s and emits { action, object, uuid, data, meta }',
		async (fixture, object, action, warningPaths) => {
			harness = await startArtisio();
			const body = artisioFixture(fixture);
			const reply = await harness.send({ body, headers: bearer() });

			expect(reply.status).toBe(200);
			expect(reply.json).toEqual(accepted);
			expect(harness.executions).toHaveLength(1);
			const emitted = item();
			const uuid = (body.data as IDataObject).uuid as string;
			expect(Object.keys(emitted)).toEqual(['action', 'object', 'uuid', 'data', 'meta']);
			expect(emitted).toMatchObject({ action, object, uuid, data: { uuid } });
			const meta = emitted.meta as IDataObject;
			expect(meta.dedupeKey).toMatch(
				new RegExp(`^${object}\\|${uuid}\\|${action}\\|[0-9a-f]{16}$`),
			);
			expect(meta.receivedAt).toMatch(/Z$/);
			expect(meta.unknownValues).toEqual([]);
			expect((meta.warnings as Array<{ path: string }>).map((warning) => warning.path)).toEqual(
				warningPaths,
			);
			expect(JSON.stringify(emitted)).not.toContain(ARTISIO_TOKEN);
		},
	);

	it('normalizes a Lot: numeric strings to numbers, 0/1 to booleans', async () => {
		harness = await startArtisio();
		await harness.send({ body: artisioFixture('lot.create'), headers: bearer() });
		const data = item().data as IDataObject;
		expect(data).toMatchObject({
			lot_no: '12A',
			quantity: 1,
			low: 1200.5,
			high: 1800,
			reserve: 1000,
			buy_now_price: null,
			start_price: 800,
		});
		expect(typeof data.is_draft).toBe('boolean');
	});

	it('normalizes a Customer: booleans, ISO dates, Date fields and tags', async () => {
		harness = await startArtisio();
		await harness.send({ body: artisioFixture('customer.create'), headers: bearer() });
		const data = item().data as IDataObject;
		expect(typeof data.is_company).toBe('boolean');
		expect(typeof data.optin).toBe('boolean');
		expect(data.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		expect(data.birth_date).toMatch(/^\d{4}-\d\d-\d\d$/);
		expect(Array.isArray(data.tags)).toBe(true);
		for (const tag of data.tags as string[]) expect(tag).toBe(tag.trim());
		const addresses = data.addresses as IDataObject[];
		expect(addresses.length).toBeGreaterThan(0);
		expect(typeof addresses[0]?.is_primary).toBe('boolean');
	});

	it('accepts "Lot" and "LOT" alike and outputs LOT', async () => {
		harness = await startArtisio({ parameters: { objects: ['LOT'] } });
		const mixed = artisioFixture('lot.object-mixed-case');
		expect(mixed.object).toBe('Lot');
		expect((await harness.send({ body: mixed, headers: bearer() })).json).toEqual(accepted);
		expect(item().object).toBe('LOT');
	});

	it('accepts a DELETE that carries only the uuid', async () => {
		harness = await startArtisio();
		const reply = await harness.send({ body: artisioFixture('lot.delete'), headers: bearer() });
		expect(reply.json).toEqual(accepted);
		expect(item()).toMatchObject({
			action: 'DELETE',
			object: 'LOT',
			data: { uuid: '5f0c8d2e-4a1b-4c3d-9e8f-7a6b5c4d3e2f' },
		});
	});

	it('keeps values it cannot coerce, as sent, and lists them in meta.warnings', async () => {
		harness = await startArtisio();
		expect(
			(await harness.send({ body: artisioFixture('lot.uncoercible'), headers: bearer() })).json,
		).toEqual(accepted);
		const emitted = item();
		expect((emitted.data as IDataObject).low).toBe('abc');
		const warnings = (emitted.meta as IDataObject).warnings as Array<{ path: string }>;
		expect(warnings.map((warning) => warning.path)).toEqual(
			expect.arrayContaining(['data.low', 'data.is_draft']),
		);
	});

	it('accepts an unknown object and action, upper-cased and flagged', async () => {
		harness = await startArtisio();
		const reply = await harness.send({
			body: { action: 'archive', object: 'Branch', data: { uuid: 'b-1', name: 'x' } },
			headers: bearer(),
		});
		expect(reply.json).toEqual(accepted);
		expect(item()).toMatchObject({
			action: 'ARCHIVE',
			object: 'BRANCH',
			data: { uuid: 'b-1', name: 'x' },
			meta: {
				unknownValues: expect.arrayContaining([
					{ field: 'object', value: 'Branch' },
					{ field: 'action', value: 'archive' },
				]),
			},
		});
	});
});

describe('Artisio Webhook Trigger: authentication', () => {
	const lot = artisioFixture('lot.create');
	it.each<[string, { headers?: Record<string, string>; query?: string; body?: IDataObject }]>([
		['no Authorization header', {}],
		['an empty bearer token', { headers: { authorization: 'Bearer ' } }],
		['the Basic scheme', { headers: { authorization: `Basic ${ARTISIO_TOKEN}` } }],
		['the token without a scheme', { headers: { authorization: ARTISIO_TOKEN } }],
		['a wrong token', { headers: { authorization: 'Bearer wrong' } }],
		['a shortened token', { headers: { authorization: `Bearer ${ARTISIO_TOKEN.slice(0, -1)}` } }],
		['an extended token', { headers: { authorization: `Bearer ${ARTISIO_TOKEN}0` } }],
		[
			'the token in another case',
			{ headers: { authorization: `Bearer ${ARTISIO_TOKEN.toUpperCase()}` } },
		],
		[
			'the token in the query string',
			{ query: `?token=${ARTISIO_TOKEN}&access_token=${ARTISIO_TOKEN}` },
		],
		[
			'the token in the body',
			{ body: { ...lot, token: ARTISIO_TOKEN, authorization: `Bearer ${ARTISIO_TOKEN}` } },
		],
	])('answers 401 with WWW-Authenticate to %s and starts nothing', async (_label, request) => {
		harness = await startArtisio({ parameters: { options: { outputRejected: true } } });
		const reply = await harness.send({
			body: request.body ?? lot,
			headers: request.headers,
			query: request.query,
		});
		expect(reply.status).toBe(401);
		expect(reply.headers.get('www-authenticate')).toBe('Bearer');
		expect(reply.json).toEqual(unauthorized);
		expect(harness.executions).toHaveLength(0);
		expect(reply.text).not.toContain(ARTISIO_TOKEN);
		expect(JSON.stringify(harness.logs)).not.toContain(ARTISIO_TOKEN);
	});

	it.each(['Bearer', 'bearer', 'BEARER', 'BeArEr'])(
		'accepts the scheme written %s',
		async (scheme) => {
			harness = await startArtisio();
			const reply = await harness.send({
				body: artisioFixture('lot.create'),
				headers: { authorization: `${scheme} ${ARTISIO_TOKEN}` },
			});
			expect(reply.json).toEqual(accepted);
		},
	);

	describe('a token changed in n8n (the node remembers a digest of the token for 2 s per credential)', () => {
		const rotated = 'art_rotated_0123456789abcdef0123456789';
		let clock = 0;
		beforeEach(() => {
			clock = Date.now();
			jest.spyOn(Date, 'now').mockImplementation(() => clock);
		});
		afterEach(() => jest.restoreAllMocks());

		it('takes the new token at once, and then refuses the old one at once', async () => {
			harness = await startArtisio({
				credentials: { artisioWebhookApi: { token: ARTISIO_TOKEN } },
				credentialIds: { artisioWebhookApi: 'rotation-1' },
			});
			expect(
				(await harness.send({ body: artisioFixture('lot.create'), headers: bearer() })).status,
			).toBe(200);
			harness.update({ credentials: { artisioWebhookApi: { token: rotated } } });
			clock += 100;
			expect(
				(await harness.send({ body: artisioFixture('lot.update'), headers: bearer(rotated) }))
					.status,
			).toBe(200);
			expect(
				(await harness.send({ body: artisioFixture('lot.update'), headers: bearer() })).status,
			).toBe(401);
		});

		it('refuses the old token 2 s after the change at the latest, when only the old one is sent', async () => {
			harness = await startArtisio({
				credentials: { artisioWebhookApi: { token: ARTISIO_TOKEN } },
				credentialIds: { artisioWebhookApi: 'rotation-2' },
			});
			expect(
				(await harness.send({ body: artisioFixture('lot.create'), headers: bearer() })).status,
			).toBe(200);
			harness.update({ credentials: { artisioWebhookApi: { token: rotated } } });
			// Within the bound the token read before the change still passes (the stated bound, not "at once")…
			clock += 1999;
			expect(
				(await harness.send({ body: artisioFixture('lot.update'), headers: bearer() })).status,
			).toBe(200);
			// …and from 2 s after that read it is refused, while the new one works.
			clock += 1;
			const refused = await harness.send({ body: artisioFixture('lot.delete'), headers: bearer() });
			expect(refused.status).toBe(401);
			expect(refused.json).toEqual(unauthorized);
			expect(
				(await harness.send({ body: artisioFixture('lot.delete'), headers: bearer(rotated) }))
					.status,
			).toBe(200);
		});
	});

	it('checks the token before the body: a bad body without a token gets 401, not 400', async () => {
		harness = await startArtisio();
		expect((await harness.send({ rawBody: '[1]' })).status).toBe(401);
	});
});

describe('Artisio Webhook Trigger: rejected bodies', () => {
	it.each([
		[
			'data.uuid missing',
			{ action: 'UPDATE', object: 'LOT', data: { lot_no: '1' } },
			['data.uuid'],
		],
		[
			'data.uuid not a string',
			{ action: 'UPDATE', object: 'LOT', data: { uuid: 42 } },
			['data.uuid'],
		],
		['data not an object', { action: 'UPDATE', object: 'LOT', data: 'x' }, ['data']],
		['data an array', { action: 'UPDATE', object: 'LOT', data: [{ uuid: 'x' }] }, ['data']],
		['data missing', { action: 'UPDATE', object: 'LOT' }, ['data']],
		['action and object missing', { data: { uuid: 'x' } }, ['action', 'object']],
		['object empty', { action: 'UPDATE', object: '', data: { uuid: 'x' } }, ['object']],
	])('answers 400 when %s, naming the field', async (_label, body, paths) => {
		harness = await startArtisio();
		const reply = await harness.send({ body, headers: bearer() });
		expect(reply.status).toBe(400);
		const answer = reply.json as {
			status: string;
			error: string;
			message: string;
			issues: Array<{ path: string }>;
		};
		expect(answer).toMatchObject({ status: 'rejected', error: 'invalid_payload' });
		expect(answer.issues.map((issue) => issue.path)).toEqual(paths);
		for (const path of paths) expect(answer.message).toContain(`${path}:`);
		expect(harness.executions).toHaveLength(0);
	});

	it('emits a 400 on the Rejected output with the Authorization header redacted', async () => {
		harness = await startArtisio({ parameters: { options: { outputRejected: true } } });
		const body = { action: 'UPDATE', object: 'LOT', data: {} };
		await harness.send({ body, headers: bearer() });
		expect(harness.executions).toHaveLength(1);
		const rejected = harness.executions[0]?.outputs[1]?.[0];
		expect(rejected).toMatchObject({
			error: 'invalid_payload',
			statusCode: 400,
			method: 'POST',
			body,
			headers: { authorization: '[redacted]' },
		});
		expect(JSON.stringify(harness.executions)).not.toContain(ARTISIO_TOKEN);
	});
});

describe('Artisio Webhook Trigger: filters', () => {
	it.each([
		[{ objects: ['LOT'] }, 'lot.create', true],
		[{ objects: ['AUCTION', 'INVOICE'] }, 'lot.create', false],
		[{ actions: ['CREATE'] }, 'lot.create', true],
		[{ actions: ['UPDATE', 'DELETE'] }, 'lot.create', false],
		[{ objects: ['LOT'], actions: ['DELETE'] }, 'lot.delete', true],
		[{ objects: ['CUSTOMER'] }, 'unknown-object.create', false],
		[{}, 'unknown-object.create', true],
	])('%j with %s: starts=%s', async (parameters, fixture, starts) => {
		harness = await startArtisio({ parameters });
		const reply = await harness.send({ body: artisioFixture(fixture), headers: bearer() });
		expect(reply.json).toEqual(starts ? accepted : ignored);
		expect(harness.executions).toHaveLength(starts ? 1 : 0);
	});
});

describe('Artisio Webhook Trigger: deduplication', () => {
	it("starts one execution for the sender's three tries of one delivery", async () => {
		harness = await startArtisio();
		const body = artisioFixture('auction.update');
		const answers = [];
		for (let attempt = 0; attempt < 3; attempt++)
			answers.push((await harness.send({ body, headers: bearer() })).json);
		expect(answers).toEqual([accepted, duplicate, duplicate]);
		expect(harness.executions).toHaveLength(1);
	});

	it('treats the same data with keys in another order as a repeat', async () => {
		harness = await startArtisio();
		await harness.send({
			body: { action: 'UPDATE', object: 'LOT', data: { uuid: 'u1', low: 1, high: 2 } },
			headers: bearer(),
		});
		const reordered = await harness.send({
			body: { data: { high: '2', uuid: 'u1', low: '1' }, object: 'lot', action: 'update' },
			headers: bearer(),
		});
		expect(reordered.json).toEqual(duplicate);
	});

	it('accepts a real change of the same record, and a return to an earlier state', async () => {
		harness = await startArtisio();
		const states = [{ status: 'lotted' }, { status: 'sold' }, { status: 'lotted' }];
		for (const state of states) {
			const reply = await harness.send({
				body: { action: 'UPDATE', object: 'LOT', data: { uuid: 'u1', ...state } },
				headers: bearer(),
			});
			expect(reply.json).toEqual(accepted);
		}
	});

	it('keeps objects apart even when they share a uuid', async () => {
		harness = await startArtisio();
		await harness.send({
			body: { action: 'CREATE', object: 'LOT', data: { uuid: 'same' } },
			headers: bearer(),
		});
		const reply = await harness.send({
			body: { action: 'CREATE', object: 'AUCTION', data: { uuid: 'same' } },
			headers: bearer(),
		});
		expect(reply.json).toEqual(accepted);
	});

	it('accepts 50 distinct events in a row', async () => {
		harness = await startArtisio();
		for (let index = 0; index < 50; index++) {
			const reply = await harness.send({
				body: { action: 'CREATE', object: 'LOT', data: { uuid: `lot-${index}` } },
				headers: bearer(),
			});
			expect(reply.json).toEqual(accepted);
		}
		expect(harness.executions).toHaveLength(50);
	});
});
