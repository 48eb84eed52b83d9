import type { IDataObject } from 'n8n-workflow';

import { digest } from '../../nodes/shared/dedupe/digest';
import { startArtemis } from '../support/artemis';
import { artemisCallback } from '../support/payloads';
import type { WebhookHarness } from '../support/webhookHarness';

let harness: WebhookHarness;
afterEach(async () => await harness?.close());

const accepted = { status: 'accepted' };
const duplicate = { status: 'duplicate' };
const ignored = { status: 'ignored' };

function firstItem(index = 0): IDataObject {
	const item = harness.executions[index]?.outputs[0]?.[0];
	if (!item) throw new Error(`no item in execution ${index}`);
	return item;
}

describe('Artemis Callback Trigger: accepted callbacks', () => {
	it.each(['POST', 'PUT', 'PATCH'])(
		'accepts %s and emits the normalized item of the design (section 3)',
		async (method) => {
			harness = await startArtemis();
			const reply = await harness.send({ method, body: artemisCallback() });

			expect(reply.status).toBe(200);
			expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
			expect(reply.json).toEqual(accepted);
			expect(harness.executions).toHaveLength(1);
			const item = firstItem();
			expect(item).toEqual({
				customerId: 1042,
				customerReferenceId: 'CUST-1042',
				profileReferenceId: 'PRF-77',
				status: 'CLEARED',
				riskRating: 'LOW',
				action: 'UPDATE',
				message: null,
				customerType: 'INDIVIDUAL',
				meta: {
					receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
					method,
					dedupeKey: '1042|UPDATE|CLEARED|LOW',
					unknownValues: [],
					warnings: [],
				},
			});
			expect(Object.keys(item)).toEqual([
				'customerId',
				'customerReferenceId',
				'profileReferenceId',
				'status',
				'riskRating',
				'action',
				'message',
				'customerType',
				'meta',
			]);
		},
	);

	it('coerces a customerId sent as a string of digits', async () => {
		harness = await startArtemis();
		await harness.send({ body: artemisCallback({ customerId: '1042' }) });
		expect(firstItem().customerId).toBe(1042);
	});

	it('writes a missing message as null and a null rating into the dedupe key as empty', async () => {
		harness = await startArtemis();
		await harness.send({
			body: artemisCallback({
				message: undefined,
				riskRating: null,
				action: 'INSERT',
				status: 'DRAFT',
			}),
		});
		const item = firstItem();
		expect(item.message).toBeNull();
		expect(item.riskRating).toBeNull();
		expect((item.meta as IDataObject).dedupeKey).toBe('1042|INSERT|DRAFT|');
	});

	it('matches known enum values case-insensitively and outputs them in upper case', async () => {
		harness = await startArtemis();
		await harness.send({
			body: artemisCallback({
				status: 'require_update',
				riskRating: 'Medium_High',
				action: 'update',
				customerType: 'corporate',
			}),
		});
		expect(firstItem()).toMatchObject({
			status: 'REQUIRE_UPDATE',
			riskRating: 'MEDIUM_HIGH',
			action: 'UPDATE',
			customerType: 'CORPORATE',
			meta: { unknownValues: [] },
		});
	});

	it('accepts values outside the documented enums as sent and lists them', async () => {
		harness = await startArtemis();
		const reply = await harness.send({
			body: artemisCallback({
				status: 'REQUEST_CHANGES',
				riskRating: 'UNKNOWN',
				customerType: 'Trust',
			}),
		});
		expect(reply.json).toEqual(accepted);
		expect(firstItem()).toMatchObject({
			status: 'REQUEST_CHANGES',
			riskRating: 'UNKNOWN',
			customerType: 'Trust',
			meta: {
				unknownValues: [
					{ field: 'status', value: 'REQUEST_CHANGES' },
					{ field: 'riskRating', value: 'UNKNOWN' },
					{ field: 'customerType', value: 'Trust' },
				],
			},
		});
	});

	it('passes undocumented fields through unchanged', async () => {
		harness = await startArtemis();
		const extra = { domainId: 7, reviewer: { name: 'A. Analyst' }, tags: ['pep'] };
		await harness.send({ body: artemisCallback(extra) });
		expect(firstItem()).toMatchObject(extra);
	});

	it('adds the request headers with secrets redacted when Include Headers is on', async () => {
		harness = await startArtemis({ parameters: { options: { includeHeaders: true } } });
		await harness.send({
			body: artemisCallback(),
			headers: { authorization: 'Bearer s3cret', cookie: 'sid=abc', 'x-trace': 't-1' },
		});
		const headers = (firstItem().meta as IDataObject).headers as IDataObject;
		expect(headers['x-trace']).toBe('t-1');
		expect(headers.authorization).toBe('[redacted]');
		expect(headers.cookie).toBe('[redacted]');
		expect(JSON.stringify(harness.executions)).not.toContain('s3cret');
	});

	it('removes __proto__ keys instead of letting them reach a prototype, and says so', async () => {
		harness = await startArtemis();
		const raw = `{"customerId":1,"customerReferenceId":"C","profileReferenceId":"P","status":"DRAFT","action":"INSERT","customerType":"INDIVIDUAL","__proto__":{"polluted":true},"nested":{"__proto__":{"polluted":true},"kept":1}}`;
		const reply = await harness.send({ rawBody: raw });
		expect(reply.json).toEqual(accepted);
		const item = firstItem();
		expect(Object.getPrototypeOf(item)).toBe(Object.prototype);
		expect((item as { polluted?: unknown }).polluted).toBeUndefined();
		expect(item.nested).toEqual({ kept: 1 });
		expect(Object.getPrototypeOf(item.nested)).toBe(Object.prototype);
		expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
		expect((item.meta as IDataObject).warnings).toEqual([
			{ path: '__proto__', value: null, message: 'key "__proto__" is not allowed and was removed' },
			{
				path: 'nested.__proto__',
				value: null,
				message: 'key "__proto__" is not allowed and was removed',
			},
		]);
	});
});

describe('Artemis Callback Trigger: rejected bodies', () => {
	it.each([
		['customerId', { customerId: 'abc' }, 'expected a number, received "abc"'],
		['customerId', { customerId: '' }, 'expected a number, received ""'],
		['customerId', { customerId: 10.5 }, 'expected a whole number, received 10.5'],
		['customerId', { customerId: undefined }, 'is required'],
		['status', { status: 5 }, 'expected a string, received 5'],
		['status', { status: '' }, 'expected a non-empty string, received ""'],
		['customerReferenceId', { customerReferenceId: null }, 'expected a string, received null'],
		['riskRating', { riskRating: 3 }, 'expected a string or null, received 3'],
		['message', { message: ['x'] }, 'expected a string or null, received an array'],
	])('answers 400 naming %s', async (path, overrides, message) => {
		harness = await startArtemis();
		const reply = await harness.send({ body: artemisCallback(overrides) });
		expect(reply.status).toBe(400);
		expect(reply.json).toEqual({
			status: 'rejected',
			error: 'invalid_payload',
			message: `${path}: ${message}`,
			issues: [{ path, message }],
		});
		expect(harness.executions).toHaveLength(0);
	});

	it('names every failing field at once', async () => {
		harness = await startArtemis();
		const reply = await harness.send({ body: { customerId: 'x', status: 1 } });
		expect(reply.status).toBe(400);
		const paths = (reply.json as { issues: Array<{ path: string }> }).issues.map(
			(issue) => issue.path,
		);
		expect(paths).toEqual([
			'customerId',
			'customerReferenceId',
			'profileReferenceId',
			'status',
			'action',
			'customerType',
		]);
	});

	it.each([
		[
			'a JSON array',
			{ rawBody: '[{"customerId":1}]' },
			'The body must be one JSON object, received an array',
		],
		['a JSON number', { rawBody: '42' }, 'The body must be one JSON object, received a number'],
		[
			'a JSON string holding JSON',
			{ body: JSON.stringify(artemisCallback()) },
			'The body must be one JSON object, received a string',
		],
		['JSON null', { rawBody: 'null' }, 'The body must be one JSON object, received null'],
		['an empty JSON body', { rawBody: '' }, 'The request body is empty: send one JSON object'],
		[
			'a form-urlencoded body',
			{ rawBody: 'customerId=1&status=DRAFT', contentType: 'application/x-www-form-urlencoded' },
			'Unsupported content type "application/x-www-form-urlencoded": send one JSON object with Content-Type: application/json',
		],
		[
			'an XML body',
			{ rawBody: '<callback/>', contentType: 'application/xml' },
			'Unsupported content type "application/xml": send one JSON object with Content-Type: application/json',
		],
		[
			'plain text',
			{ rawBody: '{"customerId":1}', contentType: 'text/plain' },
			'Unsupported content type "text/plain": send one JSON object with Content-Type: application/json',
		],
		[
			'invalid JSON without a content type',
			{ rawBody: '{nope', contentType: null },
			'The body is not valid JSON',
		],
	])('answers 400 to %s', async (_label, request, message) => {
		harness = await startArtemis();
		const reply = await harness.send(request);
		expect(reply.status).toBe(400);
		expect(reply.json).toEqual({ status: 'rejected', error: 'invalid_body', message, issues: [] });
		expect(harness.executions).toHaveLength(0);
	});

	it.each<[string, string | null, string]>([
		['no content type', null, ''],
		['application/octet-stream', 'application/octet-stream', ''],
		['a JSON content type with charset', 'application/json; charset=utf-8', ''],
		['a +json content type (n8n leaves it unparsed)', 'application/vnd.artemis+json', ''],
		['a UTF-8 byte order mark and no content type', null, '\ufeff'],
	])('accepts a JSON object sent with %s', async (_label, contentType, prefix) => {
		harness = await startArtemis();
		const reply = await harness.send({
			rawBody: `${prefix}${JSON.stringify(artemisCallback())}`,
			contentType,
		});
		expect(reply.json).toEqual(accepted);
		expect(harness.executions).toHaveLength(1);
	});

	it('logs a rejected request without starting anything when Output Rejected Requests is off', async () => {
		harness = await startArtemis();
		await harness.send({ body: artemisCallback({ customerId: 'abc' }) });
		expect(harness.executions).toHaveLength(0);
		expect(
			harness.logs.some(
				(line) => line.level === 'warn' && line.message.includes('customerId: expected a number'),
			),
		).toBe(true);
	});

	it('emits each 400 on the Rejected output when Output Rejected Requests is on', async () => {
		harness = await startArtemis({ parameters: { options: { outputRejected: true } } });
		const body = artemisCallback({ customerId: 'abc' });
		await harness.send({
			method: 'PUT',
			body,
			headers: { authorization: 'Basic c2VjcmV0', cookie: 'sid=1' },
		});
		await harness.send({ rawBody: '[1]' });
		expect(harness.executions).toHaveLength(2);
		const [first, second] = harness.executions;
		expect(first?.outputs[0]).toEqual([]);
		expect(first?.outputs[1]).toEqual([
			{
				error: 'invalid_payload',
				message: 'customerId: expected a number, received "abc"',
				issues: [{ path: 'customerId', message: 'expected a number, received "abc"' }],
				statusCode: 400,
				method: 'PUT',
				ip: '127.0.0.1',
				receivedAt: expect.any(String),
				headers: expect.objectContaining({ authorization: '[redacted]', cookie: '[redacted]' }),
				body,
			},
		]);
		expect(second?.outputs[1]?.[0]).toMatchObject({ error: 'invalid_body', body: [1] });
		expect(JSON.stringify(harness.executions)).not.toContain('c2VjcmV0');
	});

	it('puts the body on the Rejected output without __proto__ keys', async () => {
		harness = await startArtemis({ parameters: { options: { outputRejected: true } } });
		await harness.send({ rawBody: '{"customerId":"x","__proto__":{"polluted":true}}' });
		const rejected = harness.executions[0]?.outputs[1]?.[0];
		expect(rejected?.body).toEqual({ customerId: 'x' });
		expect(Object.getPrototypeOf(rejected?.body)).toBe(Object.prototype);
	});

	it('sends accepted items to the first of two outputs when Output Rejected Requests is on', async () => {
		harness = await startArtemis({ parameters: { options: { outputRejected: true } } });
		await harness.send({ body: artemisCallback() });
		expect(harness.executions[0]?.outputs).toEqual([
			[expect.objectContaining({ customerId: 1042 })],
			[],
		]);
	});
});

describe('Artemis Callback Trigger: filters', () => {
	it.each([
		['Actions', { actions: ['INSERT'] }, {}, false],
		['Actions', { actions: ['UPDATE'] }, {}, true],
		['Statuses', { statuses: ['PENDING', 'REJECTED'] }, {}, false],
		['Statuses', { statuses: ['CLEARED'] }, {}, true],
		['Risk Ratings', { options: { riskRatings: ['HIGH'] } }, {}, false],
		['Risk Ratings', { options: { riskRatings: ['LOW'] } }, {}, true],
		['Risk Ratings: No Rating', { options: { riskRatings: ['NONE'] } }, { riskRating: null }, true],
		['Risk Ratings: No Rating', { options: { riskRatings: ['NONE'] } }, {}, false],
		['Customer Types', { options: { customerTypes: ['CORPORATE'] } }, {}, false],
		[
			'Customer Types',
			{ options: { customerTypes: ['INDIVIDUAL'] } },
			{ customerType: 'individual' },
			true,
		],
		['an unknown status against an empty filter', {}, { status: 'REQUEST_CHANGES' }, true],
		[
			'an unknown status against a set filter',
			{ statuses: ['CLEARED', 'PENDING'] },
			{ status: 'REQUEST_CHANGES' },
			false,
		],
	])('%s %j, body %j: starts=%s', async (_label, parameters, overrides, starts) => {
		harness = await startArtemis({ parameters });
		const reply = await harness.send({ body: artemisCallback(overrides) });
		expect(reply.status).toBe(200);
		expect(reply.json).toEqual(starts ? accepted : ignored);
		expect(harness.executions).toHaveLength(starts ? 1 : 0);
	});

	it('does not remember an ignored callback: it is accepted once the filter lets it through', async () => {
		harness = await startArtemis({ parameters: { statuses: ['PENDING'] } });
		await harness.send({ body: artemisCallback() });
		harness.update({ parameters: {} });
		expect((await harness.send({ body: artemisCallback() })).json).toEqual(accepted);
	});
});

describe('Artemis Callback Trigger: deduplication', () => {
	it('answers a repeat "duplicate" and starts nothing', async () => {
		harness = await startArtemis();
		expect((await harness.send({ body: artemisCallback() })).json).toEqual(accepted);
		expect(
			(await harness.send({ method: 'PUT', body: artemisCallback({ message: 'different note' }) }))
				.json,
		).toEqual(duplicate);
		expect(harness.executions).toHaveLength(1);
	});

	it('treats a return to an earlier state as new: PENDING → REQUIRE_UPDATE → PENDING', async () => {
		harness = await startArtemis();
		for (const status of ['PENDING', 'REQUIRE_UPDATE', 'PENDING']) {
			expect((await harness.send({ body: artemisCallback({ status }) })).json).toEqual(accepted);
		}
		expect(harness.executions).toHaveLength(3);
	});

	it('keeps customers apart', async () => {
		harness = await startArtemis();
		await harness.send({ body: artemisCallback({ customerId: 1 }) });
		expect((await harness.send({ body: artemisCallback({ customerId: 2 }) })).json).toEqual(
			accepted,
		);
	});

	it('treats a change of risk rating alone as new', async () => {
		harness = await startArtemis();
		await harness.send({ body: artemisCallback({ riskRating: 'LOW' }) });
		expect((await harness.send({ body: artemisCallback({ riskRating: 'HIGH' }) })).json).toEqual(
			accepted,
		);
	});

	it('lets every repeat through when Deduplicate is off', async () => {
		harness = await startArtemis({ parameters: { options: { deduplicate: false } } });
		await harness.send({ body: artemisCallback() });
		expect((await harness.send({ body: artemisCallback() })).json).toEqual(accepted);
		expect(harness.executions).toHaveLength(2);
	});

	it('never drops a test event as a duplicate ("Listen for test event")', async () => {
		harness = await startArtemis({ mode: 'manual' });
		await harness.send({ body: artemisCallback() });
		expect((await harness.send({ body: artemisCallback() })).json).toEqual(accepted);
		expect(harness.executions).toHaveLength(2);
	});

	it('starts exactly one execution for 20 identical callbacks sent at once', async () => {
		harness = await startArtemis({ workflowId: 'wf-concurrent' });
		const replies = await Promise.all(
			Array.from({ length: 20 }, async () => await harness.send({ body: artemisCallback() })),
		);
		const statuses = replies.map((reply) => (reply.json as { status: string }).status).sort();
		expect(statuses.filter((status) => status === 'accepted')).toHaveLength(1);
		expect(statuses.filter((status) => status === 'duplicate')).toHaveLength(19);
		expect(harness.executions).toHaveLength(1);
	});

	it('persists its memory in static data, bounded by Remember Last N Records', async () => {
		harness = await startArtemis({
			workflowId: 'wf-bounded',
			parameters: { options: { dedupeSize: 3 } },
		});
		for (let customerId = 1; customerId <= 5; customerId++)
			await harness.send({ body: artemisCallback({ customerId }) });
		// Format 3: digest(record) + digest(fingerprint) + accepted and seen times per record, oldest first, in one string.
		const entry = (customerId: string): string =>
			`${digest(customerId)}${digest('UPDATE|CLEARED|LOW')}`;
		const saved = harness.savedStaticData() as {
			'node:Trigger': { dedupe: { version: number; records: string } };
		};
		expect(Object.keys(saved)).toEqual(['node:Trigger']);
		expect(saved['node:Trigger'].dedupe.version).toBe(3);
		expect(saved['node:Trigger'].dedupe.records).toMatch(
			new RegExp(
				`^${['3', '4', '5'].map((id) => `${entry(id).replace(/[-]/g, '\\-')}[0-9a-z]{18}`).join('')}$`,
			),
		);
		// Customer 1 was forgotten (least recently seen), so its repeat is accepted again.
		expect((await harness.send({ body: artemisCallback({ customerId: 1 }) })).json).toEqual(
			accepted,
		);
		expect((await harness.send({ body: artemisCallback({ customerId: 5 }) })).json).toEqual(
			duplicate,
		);
	});

	it('reads the memory that version 0.2.0 saved (format 2)', async () => {
		const staticData = {
			'node:Trigger': {
				dedupe: { version: 2, records: `${digest('1042')}${digest('UPDATE|CLEARED|LOW')}` },
			},
		};
		harness = await startArtemis({ workflowId: 'wf-format-2', staticData });
		expect((await harness.send({ body: artemisCallback() })).json).toEqual(duplicate);
		expect((await harness.send({ body: artemisCallback({ status: 'REJECTED' }) })).json).toEqual(
			accepted,
		);
	});

	it('reads the memory that version 0.1.0 saved (format 1)', async () => {
		const staticData = {
			'node:Trigger': { dedupe: { version: 1, records: [['1042', 'UPDATE|CLEARED|LOW']] } },
		};
		harness = await startArtemis({ workflowId: 'wf-format-1', staticData });
		expect((await harness.send({ body: artemisCallback() })).json).toEqual(duplicate);
		expect((await harness.send({ body: artemisCallback({ status: 'REJECTED' }) })).json).toEqual(
			accepted,
		);
	});

	it('still knows a repeat after a restart, from static data alone', async () => {
		harness = await startArtemis({ workflowId: 'wf-restart' });
		await harness.send({ body: artemisCallback() });
		const staticData = harness.savedStaticData();
		await harness.close();

		await jest.isolateModulesAsync(async () => {
			// A fresh copy of the node module: no in-process memory survives, as after a restart.
			const { ArtemisCallbackTrigger } =
				await import('../../nodes/ArtemisCallbackTrigger/ArtemisCallbackTrigger.node');
			harness = await startArtemis({
				workflowId: 'wf-restart',
				staticData,
				nodeType: new ArtemisCallbackTrigger(),
			});
			expect((await harness.send({ body: artemisCallback() })).json).toEqual(duplicate);
			expect((await harness.send({ body: artemisCallback({ status: 'REJECTED' }) })).json).toEqual(
				accepted,
			);
			expect(harness.executions).toHaveLength(1);
		});
	});
});

describe('Artemis Callback Trigger: IP allowlist', () => {
	it('answers 403 to an address outside the allowlist and starts nothing', async () => {
		harness = await startArtemis({
			parameters: { options: { ipAllowlist: '203.0.113.0/24, 2001:db8::/32' } },
			clientIp: '198.51.100.7',
		});
		const reply = await harness.send({ body: artemisCallback() });
		expect(reply.status).toBe(403);
		expect(reply.json).toEqual({
			status: 'rejected',
			error: 'forbidden',
			message: 'IP address not allowed',
		});
		expect(harness.executions).toHaveLength(0);
		expect(harness.logs.some((line) => line.message.includes('403'))).toBe(true);
	});

	it('never emits a 403 on the Rejected output', async () => {
		harness = await startArtemis({
			parameters: { options: { ipAllowlist: '203.0.113.10', outputRejected: true } },
			clientIp: '198.51.100.7',
		});
		expect((await harness.send({ body: artemisCallback() })).status).toBe(403);
		expect(harness.executions).toHaveLength(0);
	});

	it.each(['203.0.113.10', '::ffff:203.0.113.99', '2001:db8:5::1'])(
		'lets %s through',
		async (clientIp) => {
			harness = await startArtemis({
				parameters: { options: { ipAllowlist: '203.0.113.0/24, 2001:db8::/32' } },
				clientIp,
			});
			expect((await harness.send({ body: artemisCallback() })).json).toEqual(accepted);
		},
	);

	it('checks the allowlist before the body: a bad body from a stranger still gets 403', async () => {
		harness = await startArtemis({
			parameters: { options: { ipAllowlist: '203.0.113.10' } },
			clientIp: '198.51.100.7',
		});
		expect((await harness.send({ rawBody: '[1]' })).status).toBe(403);
	});
});
