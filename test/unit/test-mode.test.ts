import type { IDataObject } from 'n8n-workflow';

import { startArtemis } from '../support/artemis';
import { ARTISIO_TOKEN, artisioFixture, bearer, startArtisio } from '../support/artisio';
import { artemisCallback } from '../support/payloads';
import type { WebhookHarness } from '../support/webhookHarness';

/**
 * In test mode ("Execute step", n8n's 'manual' mode) every request that reaches
 * the node ends the test with an item the user can read; the sender's answer is the same as in
 * production, and production starts nothing for these requests (docs/design.md, section 2).
 */
let harness: WebhookHarness;
afterEach(async () => await harness?.close());

function onlyExecution(): IDataObject[][] {
	expect(harness.executions).toHaveLength(1);
	return harness.executions[0].outputs;
}

const timestamp = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

describe('test mode: a request production answers without an execution ends the test with a note', () => {
	it('an event left out by the filters: answered "ignored", and the note holds the event as it would come out', async () => {
		harness = await startArtemis({ mode: 'manual', parameters: { statuses: ['PENDING'] } });
		const reply = await harness.send({ body: artemisCallback({ status: 'cleared' }) });

		expect(reply.status).toBe(200);
		expect(reply.json).toEqual({ status: 'ignored' });
		const [first] = onlyExecution();
		expect(first).toHaveLength(1);
		expect(first[0]).toEqual({
			testNote: expect.stringMatching(
				/^Ignored by this node's filters: the sender got 200 "ignored"; in production .* no execution starts\. The event is under "event"/,
			),
			statusCode: 200,
			answer: { status: 'ignored' },
			method: 'POST',
			ip: expect.any(String),
			receivedAt: timestamp,
			event: expect.objectContaining({
				customerId: 1042,
				status: 'CLEARED',
				meta: expect.objectContaining({ dedupeKey: '1042|UPDATE|CLEARED|LOW' }),
			}),
		});
	});

	it('an invalid payload with Output Rejected Requests off: answered 400, and the note is the Rejected item on the one output', async () => {
		harness = await startArtemis({ mode: 'manual' });
		const reply = await harness.send({ body: artemisCallback({ customerId: 'abc' }) });

		expect(reply.status).toBe(400);
		expect(reply.json).toMatchObject({ status: 'rejected', error: 'invalid_payload' });
		const outputs = onlyExecution();
		expect(outputs).toHaveLength(1);
		expect(outputs[0][0]).toMatchObject({
			testNote: expect.stringMatching(
				/^Rejected: customerId: .*The sender got 400; .*Turn on Options, Output Rejected Requests/,
			),
			error: 'invalid_payload',
			statusCode: 400,
			issues: [expect.objectContaining({ path: 'customerId' })],
			body: expect.objectContaining({ customerId: 'abc' }),
		});
	});

	it('an invalid payload with Output Rejected Requests on: the Rejected item exactly as in production, no note', async () => {
		harness = await startArtemis({
			mode: 'manual',
			parameters: { options: { outputRejected: true } },
		});
		await harness.send({ body: artemisCallback({ customerId: 'abc' }) });
		const [accepted, rejected] = onlyExecution();
		expect(accepted).toEqual([]);
		expect(rejected).toHaveLength(1);
		expect(rejected[0]).not.toHaveProperty('testNote');
		expect(rejected[0]).toMatchObject({ error: 'invalid_payload', statusCode: 400 });
	});

	it('an address outside the IP Allowlist: answered 403, and the note names the address', async () => {
		harness = await startArtemis({
			mode: 'manual',
			parameters: { options: { ipAllowlist: '203.0.113.10' } },
			clientIp: '198.51.100.7',
		});
		const reply = await harness.send({ body: artemisCallback() });

		expect(reply.status).toBe(403);
		expect(reply.json).toEqual({
			status: 'rejected',
			error: 'forbidden',
			message: 'IP address not allowed',
		});
		const [first] = onlyExecution();
		expect(first[0]).toEqual({
			testNote: expect.stringContaining('the address 198.51.100.7 is not in Options, IP Allowlist'),
			statusCode: 403,
			answer: { status: 'rejected', error: 'forbidden', message: 'IP address not allowed' },
			method: 'POST',
			ip: '198.51.100.7',
			receivedAt: timestamp,
		});
	});

	it('a refusal goes to the Rejected output when it is on', async () => {
		harness = await startArtemis({
			mode: 'manual',
			parameters: { options: { ipAllowlist: '203.0.113.10', outputRejected: true } },
			clientIp: '198.51.100.7',
		});
		await harness.send({ body: artemisCallback() });
		const [accepted, rejected] = onlyExecution();
		expect(accepted).toEqual([]);
		expect(rejected[0]).toMatchObject({
			statusCode: 403,
			testNote: expect.stringContaining('198.51.100.7'),
		});
	});

	it.each([
		['no Authorization header', {}, 'it has no Authorization header'],
		[
			'a wrong token',
			bearer('art_wrong_but_long_enough_token_0000000000'),
			'its Authorization header does not carry the token',
		],
		[
			'another scheme',
			{ authorization: `Basic ${ARTISIO_TOKEN}` },
			'its Authorization header does not carry the token',
		],
	])(
		'an Artisio request with %s: answered 401, the note says why and holds no token',
		async (_case, headers, why) => {
			harness = await startArtisio({ mode: 'manual' });
			const reply = await harness.send({ body: artisioFixture('lot.update'), headers });

			expect(reply.status).toBe(401);
			expect(reply.headers.get('www-authenticate')).toBe('Bearer');
			const [first] = onlyExecution();
			expect(first[0]).toMatchObject({
				statusCode: 401,
				answer: { status: 'rejected', error: 'unauthorized' },
			});
			expect(first[0].testNote).toContain(why);
			const shown = JSON.stringify(first[0]);
			expect(shown).not.toContain(ARTISIO_TOKEN);
			expect(shown).not.toContain('art_wrong_but_long_enough');
			// The body of an unauthenticated request is not read, let alone shown.
			expect(shown).not.toContain('5f0c8d2e');
		},
	);

	it('an accepted event: the same item as in production', async () => {
		harness = await startArtisio({ mode: 'manual' });
		const reply = await harness.send({ body: artisioFixture('lot.update'), headers: bearer() });
		expect(reply.json).toEqual({ status: 'accepted' });
		const [first] = onlyExecution();
		expect(first[0]).not.toHaveProperty('testNote');
		expect(first[0]).toMatchObject({
			action: 'UPDATE',
			object: 'LOT',
			uuid: '5f0c8d2e-4a1b-4c3d-9e8f-7a6b5c4d3e2f',
		});
	});
});

describe('production (docs/design.md, section 2): the same requests start nothing', () => {
	it.each([
		['ignored', { parameters: { statuses: ['PENDING'] } }, artemisCallback(), 200],
		['invalid, Rejected off', {}, artemisCallback({ customerId: 'abc' }), 400],
		[
			'outside the allowlist',
			{ parameters: { options: { ipAllowlist: '203.0.113.10' } }, clientIp: '198.51.100.7' },
			artemisCallback(),
			403,
		],
	])('Artemis, %s', async (_case, settings, body, status) => {
		harness = await startArtemis({ mode: 'webhook', ...settings });
		expect((await harness.send({ body })).status).toBe(status);
		expect(harness.executions).toHaveLength(0);
	});

	it('Artisio without the token', async () => {
		harness = await startArtisio({ mode: 'webhook' });
		expect((await harness.send({ body: artisioFixture('lot.update') })).status).toBe(401);
		expect(harness.executions).toHaveLength(0);
	});
});
