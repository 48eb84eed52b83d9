/**
 * Artemis Callback Trigger in a real n8n: real HTTP requests to the production URL of an active
 * workflow, and the executions n8n records.
 */
import { ARTEMIS_TYPE } from '../support/artemis';
import { deployTrigger, firstItem, statusOf } from '../support/e2e';
import { send, sendMany } from '../support/http';
import { type N8nClient, triggerWorkflow } from '../support/n8n';
import { artemisCallback } from '../support/payloads';
import { connectShared } from '../support/shared';
import { sleep } from '../support/util';

let n8n: N8nClient;
beforeAll(() => {
	n8n = connectShared();
});

const deploy = async (name: string, parameters: Record<string, unknown> = {}) =>
	await deployTrigger(n8n, { name: `artemis e2e: ${name}`, nodeType: ARTEMIS_TYPE, parameters });

describe('Artemis Callback Trigger in n8n', () => {
	it('accepts POST, PUT and PATCH on the production URL with the item of the design (section 3)', async () => {
		const trigger = await deploy('methods');
		const methods = ['POST', 'PUT', 'PATCH'];
		for (const [index, method] of methods.entries()) {
			const reply = await trigger.send({
				method,
				body: artemisCallback({ customerId: 500 + index }),
			});
			expect(reply.status).toBe(200);
			expect(reply.headers['content-type']).toMatch(/^application\/json/);
			expect(reply.json).toEqual({ status: 'accepted' });
		}
		const executions = await trigger.expectExecutions(3);
		expect(executions.map((execution) => execution.mode)).toEqual([
			'webhook',
			'webhook',
			'webhook',
		]);
		expect(executions.map((execution) => execution.status)).toEqual([
			'success',
			'success',
			'success',
		]);
		const items = executions
			.map(firstItem)
			.sort((a, b) => Number(a.customerId) - Number(b.customerId));
		expect(items.map((item) => (item.meta as { method: string }).method)).toEqual(methods);
		expect(items[0]).toEqual({
			customerId: 500,
			customerReferenceId: 'CUST-1042',
			profileReferenceId: 'PRF-77',
			status: 'CLEARED',
			riskRating: 'LOW',
			action: 'UPDATE',
			message: null,
			customerType: 'INDIVIDUAL',
			meta: {
				receivedAt: expect.stringMatching(/Z$/),
				method: 'POST',
				dedupeKey: '500|UPDATE|CLEARED|LOW',
				unknownValues: [],
				warnings: [],
			},
		});
		// Other methods are not registered: n8n answers 404 and nothing runs.
		expect((await send(trigger.url, { method: 'DELETE' })).status).toBe(404);
		await trigger.expectExecutions(3);
	});

	it('answers a repeat "duplicate" without a new execution; PENDING → REQUIRE_UPDATE → PENDING starts three', async () => {
		const trigger = await deploy('dedupe');
		const sequence = ['PENDING', 'PENDING', 'REQUIRE_UPDATE', 'PENDING', 'PENDING'];
		const answers = [];
		for (const status of sequence)
			answers.push(statusOf(await trigger.send({ body: artemisCallback({ status }) })));
		expect(answers).toEqual(['accepted', 'duplicate', 'accepted', 'accepted', 'duplicate']);
		const executions = await trigger.expectExecutions(3);
		expect(executions.map((execution) => firstItem(execution).status)).toEqual([
			'PENDING',
			'REQUIRE_UPDATE',
			'PENDING',
		]);
	});

	it('still runs a workflow saved with typeVersion 1 (package 0.1.0): same answers, same item', async () => {
		const trigger = await deployTrigger(n8n, {
			name: 'artemis e2e: typeVersion 1',
			nodeType: ARTEMIS_TYPE,
			typeVersion: 1,
		});
		const body = artemisCallback({ customerId: 1001 });
		expect(statusOf(await trigger.send({ body }))).toBe('accepted');
		expect(statusOf(await trigger.send({ body }))).toBe('duplicate');
		const [execution] = await trigger.expectExecutions(1);
		expect(firstItem(execution)).toMatchObject({
			customerId: 1001,
			status: 'CLEARED',
			meta: { dedupeKey: '1001|UPDATE|CLEARED|LOW' },
		});
	});

	it('starts exactly one execution for 20 identical callbacks sent at once', async () => {
		const trigger = await deploy('concurrency');
		const body = artemisCallback({ customerId: 2020 });
		const replies = await sendMany(
			Array.from({ length: 20 }, () => ({ url: trigger.url, method: 'POST', body })),
			20,
		);
		const answers = replies.map(statusOf);
		expect(answers.filter((answer) => answer === 'accepted')).toHaveLength(1);
		expect(answers.filter((answer) => answer === 'duplicate')).toHaveLength(19);
		await trigger.expectExecutions(1);
	});

	it('applies each filter: unselected events are answered "ignored" and start nothing', async () => {
		const trigger = await deploy('filters', {
			actions: ['UPDATE'],
			statuses: ['CLEARED', 'REJECTED'],
			options: { riskRatings: ['HIGH', 'NONE'], customerTypes: ['CORPORATE'] },
		});
		const wanted = { customerType: 'CORPORATE', riskRating: 'HIGH' };
		const cases: Array<[Record<string, unknown>, string]> = [
			[{ ...wanted, customerId: 1 }, 'accepted'],
			[{ ...wanted, customerId: 2, riskRating: null }, 'accepted'],
			[{ ...wanted, customerId: 3, action: 'INSERT' }, 'ignored'],
			[{ ...wanted, customerId: 4, status: 'PENDING' }, 'ignored'],
			[{ ...wanted, customerId: 5, riskRating: 'LOW' }, 'ignored'],
			[{ ...wanted, customerId: 6, customerType: 'INDIVIDUAL' }, 'ignored'],
			[{ ...wanted, customerId: 7, status: 'REQUEST_CHANGES' }, 'ignored'],
		];
		for (const [overrides, expected] of cases) {
			const reply = await trigger.send({ body: artemisCallback(overrides) });
			expect(reply.status).toBe(200);
			expect([overrides.customerId, statusOf(reply)]).toEqual([overrides.customerId, expected]);
		}
		const executions = await trigger.expectExecutions(2);
		expect(executions.map((execution) => firstItem(execution).customerId).sort()).toEqual([1, 2]);
	});

	it('answers 400 naming the field, and refuses JSON that is not one object', async () => {
		const trigger = await deploy('invalid');
		const missing = await trigger.send({
			body: artemisCallback({ customerReferenceId: undefined }),
		});
		expect(missing.status).toBe(400);
		expect(missing.json).toEqual({
			status: 'rejected',
			error: 'invalid_payload',
			message: 'customerReferenceId: is required',
			issues: [{ path: 'customerReferenceId', message: 'is required' }],
		});
		const wrongType = await trigger.send({ body: artemisCallback({ customerId: 'abc' }) });
		expect(wrongType.status).toBe(400);
		expect(wrongType.json).toMatchObject({
			issues: [{ path: 'customerId', message: 'expected a number, received "abc"' }],
		});
		for (const rawBody of ['[{"customerId":1}]', '42', '"text"', 'null']) {
			const reply = await trigger.send({ rawBody, contentType: 'application/json' });
			expect([rawBody, reply.status, (reply.json as { error?: string }).error]).toEqual([
				rawBody,
				400,
				'invalid_body',
			]);
		}
		const form = await trigger.send({
			rawBody: 'customerId=1',
			contentType: 'application/x-www-form-urlencoded',
		});
		expect(form.status).toBe(400);
		// Malformed JSON never reaches the node: n8n answers 422 itself.
		expect((await trigger.send({ rawBody: '{nope', contentType: 'application/json' })).status).toBe(
			422,
		);
		// A JSON object without a content type is read from the raw body (bytes: fetch adds no type).
		expect(
			statusOf(await trigger.send({ rawBody: Buffer.from(JSON.stringify(artemisCallback())) })),
		).toBe('accepted');
		await trigger.expectExecutions(1);
	});

	it('emits 400s on the Rejected output when Output Rejected Requests is on', async () => {
		const trigger = await deploy('rejected output', { options: { outputRejected: true } });
		const body = artemisCallback({ status: 5 });
		expect(
			(await trigger.send({ body, headers: { cookie: 'session=secret-cookie' } })).status,
		).toBe(400);
		expect(statusOf(await trigger.send({ body: artemisCallback() }))).toBe('accepted');
		const executions = await trigger.expectExecutions(2);
		const [rejectedRun, acceptedRun] = executions;
		expect(rejectedRun?.items[0]).toEqual([]);
		expect(rejectedRun?.items[1]).toEqual([
			{
				error: 'invalid_payload',
				message: 'status: expected a string, received 5',
				issues: [{ path: 'status', message: 'expected a string, received 5' }],
				statusCode: 400,
				method: 'POST',
				ip: expect.stringMatching(/127\.0\.0\.1$/),
				receivedAt: expect.any(String),
				headers: expect.objectContaining({
					cookie: '[redacted]',
					'content-type': 'application/json',
				}),
				body,
			},
		]);
		expect(acceptedRun?.items[0]).toHaveLength(1);
		expect(acceptedRun?.items[1]).toEqual([]);
		expect(JSON.stringify(executions.map((execution) => execution.raw))).not.toContain(
			'secret-cookie',
		);
	});

	it('answers 403 outside the IP allowlist without an execution, and lets the allowed address through', async () => {
		const blocked = await deploy('allowlist blocks', {
			options: { ipAllowlist: '203.0.113.0/24', outputRejected: true },
		});
		const refused = await blocked.send({ body: artemisCallback() });
		expect(refused.status).toBe(403);
		expect(refused.json).toEqual({
			status: 'rejected',
			error: 'forbidden',
			message: 'IP address not allowed',
		});
		await blocked.expectExecutions(0);

		const allowed = await deploy('allowlist allows', {
			options: { ipAllowlist: '203.0.113.0/24, 127.0.0.1, ::1' },
		});
		expect(statusOf(await allowed.send({ body: artemisCallback() }))).toBe('accepted');
		await allowed.expectExecutions(1);
	});

	it('does not go live with an IP Allowlist entry that is not an address', async () => {
		// n8n 1.x refuses the activation with the node's message; 2.41 activates through its
		// publication service, which reports the error in the editor, not in the API's answer.
		// Either way the URL must never start answering.
		const { workflow, webhookId } = triggerWorkflow({
			name: 'artemis e2e: allowlist typo',
			nodeType: ARTEMIS_TYPE,
			parameters: { options: { ipAllowlist: '203.0.113.300' } },
		});
		const { id } = await n8n.createWorkflow(workflow);
		const refusal = await n8n.api('POST', `/api/v1/workflows/${id}/activate`, {}).then(
			() => undefined,
			(error: unknown) => String(error),
		);
		if (refusal !== undefined)
			expect(refusal).toMatch(
				/400.*IP Allowlist: .*203\.0\.113\.300.* is not an IP address or CIDR range/,
			);
		await sleep(3000);
		expect(
			(await send(n8n.webhookUrl(webhookId), { method: 'POST', body: artemisCallback() })).status,
		).toBe(404);
		await n8n.waitForExecutions(id, 0, { settleMs: 0 });
		expect(await n8n.executions(id)).toHaveLength(0);
	});

	it('never drops a test event as a duplicate', async () => {
		const trigger = await deploy('test mode', {});
		for (let attempt = 0; attempt < 2; attempt++) {
			await n8n.listenForTestEvent(trigger.workflowId);
			const reply = await send(trigger.testUrl, {
				method: 'POST',
				body: artemisCallback({ customerId: 77 }),
			});
			expect(statusOf(reply)).toBe('accepted');
		}
	});
});
