/**
 * Proves the real-n8n harness itself: the built package is loaded, a workflow activates, a real
 * HTTP request starts exactly one execution, and the executions reader returns its items.
 */
import { randomUUID } from 'node:crypto';

import { send } from '../support/http';
import type { N8nClient } from '../support/n8n';
import { connectShared } from '../support/shared';

function names(types: unknown): string[] {
	if (!Array.isArray(types)) throw new Error(`expected an array, got ${typeof types}`);
	return types.flatMap((type: unknown) =>
		typeof type === 'object' && type !== null && 'name' in type && typeof type.name === 'string'
			? [type.name]
			: [],
	);
}

describe('real-n8n harness', () => {
	let n8n: N8nClient;

	beforeAll(() => {
		n8n = connectShared();
	});

	it('loads the nodes and the credentials of this package', async () => {
		// /types/*.json is what the editor loads; it needs the login cookie (api() sends it for /types/).
		const nodeTypes = names(await n8n.api('GET', '/types/nodes.json'));
		expect(nodeTypes).toEqual(
			expect.arrayContaining([
				'n8n-nodes-artemis-artisio.artemis',
				'n8n-nodes-artemis-artisio.artemisCallbackTrigger',
				'n8n-nodes-artemis-artisio.artisioWebhookTrigger',
			]),
		);
		const credentialTypes = names(await n8n.api('GET', '/types/credentials.json'));
		expect(credentialTypes).toContain('artisioWebhookApi');
		expect(credentialTypes).toContain('artemisApi');
	});

	it('activates a built-in Webhook workflow; one POST starts exactly one execution', async () => {
		const path = randomUUID();
		const { id } = await n8n.createWorkflow({
			name: `harness: built-in webhook ${path}`,
			nodes: [
				{
					id: randomUUID(),
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: [0, 0],
					webhookId: randomUUID(),
					parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
				},
			],
			connections: {},
		});
		const url = `${n8n.baseUrl}/webhook/${path}`;

		// Before activation n8n does not know the path.
		expect((await send(url, { body: { probe: true } })).status).toBe(404);

		// activate() waits for registration with OPTIONS probes, which must not start executions.
		await n8n.activate(id);
		const response = await send(url, { body: { hello: 'world', n: 1 } });
		expect(response.status).toBe(200);

		const executions = await n8n.waitForExecutions(id, 1);
		expect(executions).toHaveLength(1);
		const [execution] = executions;
		expect(execution.status).toBe('success');
		expect(execution.mode).toBe('webhook');
		expect(execution.triggerNode).toBe('Webhook');
		expect(execution.items).toHaveLength(1);
		expect(execution.items[0]).toHaveLength(1);
		expect(execution.items[0][0]).toMatchObject({ body: { hello: 'world', n: 1 } });

		// After deactivation the production URL is gone again.
		await n8n.deactivate(id);
		expect((await send(url, { body: { late: true } })).status).toBe(404);
		expect(await n8n.executions(id)).toHaveLength(1);
	});

	it('listens for a test event like the editor does; the test URL then starts a manual execution', async () => {
		const path = randomUUID();
		const { id } = await n8n.createWorkflow({
			name: `harness: test webhook ${path}`,
			nodes: [
				{
					id: randomUUID(),
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: [0, 0],
					webhookId: randomUUID(),
					parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
				},
			],
			connections: {},
		});
		const testUrl = `${n8n.baseUrl}/webhook-test/${path}`;
		expect((await send(testUrl, { body: { early: true } })).status).toBe(404);

		await n8n.listenForTestEvent(id, 'Webhook');
		expect((await send(testUrl, { body: { sample: 1 } })).status).toBe(200);

		const executions = await n8n.waitForExecutions(id, 1);
		expect(executions).toHaveLength(1);
		expect(executions[0].mode).toBe('manual');
		expect(executions[0].items[0][0]).toMatchObject({ body: { sample: 1 } });
	});

	it('builds webhook URLs the way n8n serves custom triggers', () => {
		const id = randomUUID();
		expect(n8n.webhookUrl(id)).toBe(`${n8n.baseUrl}/webhook/${id}/webhook`);
		expect(n8n.webhookUrl(id, 'test')).toBe(`${n8n.baseUrl}/webhook-test/${id}/webhook`);
	});
});
