/**
 * Artisio Webhook Trigger in a real n8n, with its credential: real HTTP requests to the production
 * URL of an active workflow, and the executions n8n records.
 */
import type { IDataObject } from 'n8n-workflow';

import { ARTISIO_TOKEN, ARTISIO_TYPE, artisioFixture, bearer } from '../support/artisio';
import { type DeployedTrigger, deployTrigger, firstItem, statusOf } from '../support/e2e';
import type { N8nClient } from '../support/n8n';
import { connectShared } from '../support/shared';

let n8n: N8nClient;
let credentials: Record<string, { id: string; name: string }>;

beforeAll(async () => {
	n8n = connectShared();
	const name = `Artisio e2e ${Date.now()}`;
	const { id } = await n8n.createCredential(name, 'artisioWebhookApi', { token: ARTISIO_TOKEN });
	credentials = { artisioWebhookApi: { id, name } };
});

const deploy = async (
	name: string,
	parameters: Record<string, unknown> = {},
): Promise<DeployedTrigger> =>
	await deployTrigger(n8n, {
		name: `artisio e2e: ${name}`,
		nodeType: ARTISIO_TYPE,
		parameters,
		credentials,
	});

const objects: Array<[string, string, string]> = [
	['customer.create', 'CUSTOMER', 'CREATE'],
	['auction.update', 'AUCTION', 'UPDATE'],
	['lot.create', 'LOT', 'CREATE'],
	['department.create', 'DEPARTMENT', 'CREATE'],
	['category.update', 'CATEGORY', 'UPDATE'],
	['invoice.update', 'INVOICE', 'UPDATE'],
	['settlement.create', 'SETTLEMENT', 'CREATE'],
];

describe('Artisio Webhook Trigger in n8n', () => {
	it('accepts an event of every object and emits its normalized item', async () => {
		const trigger = await deploy('every object');
		for (const [fixture] of objects) {
			const reply = await trigger.send({ body: artisioFixture(fixture), headers: bearer() });
			expect([fixture, reply.status, reply.json]).toEqual([fixture, 200, { status: 'accepted' }]);
		}
		const executions = await trigger.expectExecutions(objects.length);
		const items = executions.map(firstItem);
		for (const [fixture, object, action] of objects) {
			const uuid = (artisioFixture(fixture).data as IDataObject).uuid as string;
			const emitted = items.find((item) => item.object === object);
			expect(emitted).toMatchObject({ action, object, uuid, data: { uuid } });
			expect((emitted?.meta as IDataObject).dedupeKey).toMatch(
				new RegExp(`^${object}\\|${uuid}\\|${action}\\|[0-9a-f]{16}$`),
			);
		}
		const lot = items.find((item) => item.object === 'LOT')?.data as IDataObject;
		expect(lot).toMatchObject({ low: 1200.5, high: 1800, quantity: 1, start_price: 800 });
		const customer = items.find((item) => item.object === 'CUSTOMER')?.data as IDataObject;
		expect(typeof customer.is_company).toBe('boolean');
		expect(customer.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		expect(Array.isArray(customer.tags)).toBe(true);
		expect(JSON.stringify(executions.map((execution) => execution.raw))).not.toContain(
			ARTISIO_TOKEN,
		);
	});

	it('answers 401 with WWW-Authenticate to every bad token and starts nothing', async () => {
		const trigger = await deploy('auth', { options: { outputRejected: true } });
		const body = artisioFixture('lot.create');
		const variants: Array<Record<string, string>> = [
			{},
			{ authorization: 'Bearer ' },
			{ authorization: `Basic ${ARTISIO_TOKEN}` },
			{ authorization: ARTISIO_TOKEN },
			{ authorization: 'Bearer wrong-token' },
			{ authorization: `Bearer ${ARTISIO_TOKEN.slice(0, -1)}` },
			{ authorization: `Bearer ${ARTISIO_TOKEN}x` },
			{ authorization: `Bearer ${ARTISIO_TOKEN.toUpperCase()}` },
		];
		for (const headers of variants) {
			const reply = await trigger.send({ body, headers });
			expect([headers.authorization, reply.status]).toEqual([headers.authorization, 401]);
			expect(reply.headers['www-authenticate']).toBe('Bearer');
			expect(reply.json).toEqual({
				status: 'rejected',
				error: 'unauthorized',
				message: 'Missing or invalid bearer token',
			});
			expect(reply.text).not.toContain(ARTISIO_TOKEN);
		}
		await trigger.expectExecutions(0);
		expect(
			statusOf(await trigger.send({ body, headers: { authorization: `bearer ${ARTISIO_TOKEN}` } })),
		).toBe('accepted');
		await trigger.expectExecutions(1);
	});

	it('accepts "Lot" and "LOT" alike', async () => {
		const trigger = await deploy('object case', { objects: ['LOT'] });
		expect(
			statusOf(
				await trigger.send({ body: artisioFixture('lot.object-mixed-case'), headers: bearer() }),
			),
		).toBe('accepted');
		expect(
			statusOf(await trigger.send({ body: artisioFixture('lot.update'), headers: bearer() })),
		).toBe('accepted');
		const executions = await trigger.expectExecutions(2);
		expect(executions.map((execution) => firstItem(execution).object)).toEqual(['LOT', 'LOT']);
	});

	it("starts one execution for the sender's three tries of one delivery", async () => {
		const trigger = await deploy('retries');
		const body = artisioFixture('auction.update');
		const answers = [];
		for (let attempt = 0; attempt < 3; attempt++)
			answers.push(statusOf(await trigger.send({ body, headers: bearer() })));
		expect(answers).toEqual(['accepted', 'duplicate', 'duplicate']);
		await trigger.expectExecutions(1);
	});

	it('applies the Objects and Actions filters', async () => {
		const trigger = await deploy('filters', {
			objects: ['LOT', 'INVOICE'],
			actions: ['UPDATE', 'DELETE'],
		});
		const cases: Array<[string, string]> = [
			['lot.update', 'accepted'],
			['lot.create', 'ignored'],
			['invoice.update', 'accepted'],
			['auction.update', 'ignored'],
			['lot.delete', 'accepted'],
			['unknown-object.create', 'ignored'],
		];
		for (const [fixture, expected] of cases) {
			expect([
				fixture,
				statusOf(await trigger.send({ body: artisioFixture(fixture), headers: bearer() })),
			]).toEqual([fixture, expected]);
		}
		const executions = await trigger.expectExecutions(3);
		expect(
			executions
				.map(
					(execution) =>
						`${String(firstItem(execution).object)} ${String(firstItem(execution).action)}`,
				)
				.sort(),
		).toEqual(['INVOICE UPDATE', 'LOT DELETE', 'LOT UPDATE']);
	});

	it('answers 400 naming data.uuid or data, and starts nothing', async () => {
		const trigger = await deploy('invalid');
		const noUuid = await trigger.send({
			body: { action: 'UPDATE', object: 'LOT', data: { lot_no: '12A' } },
			headers: bearer(),
		});
		expect(noUuid.status).toBe(400);
		expect(noUuid.json).toMatchObject({
			status: 'rejected',
			error: 'invalid_payload',
			issues: [{ path: 'data.uuid' }],
		});
		expect((noUuid.json as { message: string }).message).toMatch(/^data\.uuid: /);
		const notObject = await trigger.send({
			body: { action: 'UPDATE', object: 'LOT', data: 'lot-1' },
			headers: bearer(),
		});
		expect(notObject.status).toBe(400);
		expect(notObject.json).toMatchObject({ issues: [{ path: 'data' }] });
		await trigger.expectExecutions(0);
	});

	it('starts 50 executions for 50 distinct events sent one after another, as Artisio sends them', async () => {
		const trigger = await deploy('fifty');
		const base = artisioFixture('lot.create');
		for (let index = 0; index < 50; index++) {
			const body = {
				...base,
				data: { ...(base.data as IDataObject), uuid: `lot-e2e-${index}`, lot_no: String(index) },
			};
			expect(statusOf(await trigger.send({ body, headers: bearer() }))).toBe('accepted');
		}
		const executions = await trigger.expectExecutions(50);
		expect(new Set(executions.map((execution) => firstItem(execution).uuid)).size).toBe(50);
		expect(executions.every((execution) => execution.status === 'success')).toBe(true);
	});
});
