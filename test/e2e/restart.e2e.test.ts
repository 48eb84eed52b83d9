/**
 * Deduplication survives an n8n restart: the memory is in the workflow's static data. Runs on an
 * n8n of its own, since it restarts it.
 */
import { ARTEMIS_TYPE } from '../support/artemis';
import { deployTrigger, statusOf } from '../support/e2e';
import { type N8nInstance, startN8n } from '../support/n8n';
import { artemisCallback } from '../support/payloads';

let n8n: N8nInstance | undefined;
afterAll(async () => await n8n?.stop());

it('still answers a repeat "duplicate" after n8n restarts, and accepts a new state', async () => {
	n8n = await startN8n();
	const trigger = await deployTrigger(n8n, {
		name: 'artemis e2e: restart',
		nodeType: ARTEMIS_TYPE,
	});
	expect(statusOf(await trigger.send({ body: artemisCallback({ customerId: 9001 }) }))).toBe(
		'accepted',
	);
	await trigger.expectExecutions(1);

	await n8n.restart();
	await n8n.activate(trigger.workflowId).catch(() => undefined); // active workflows come back by themselves; this only waits for the webhook

	expect(statusOf(await trigger.send({ body: artemisCallback({ customerId: 9001 }) }))).toBe(
		'duplicate',
	);
	expect(
		statusOf(
			await trigger.send({ body: artemisCallback({ customerId: 9001, status: 'REJECTED' }) }),
		),
	).toBe('accepted');
	await trigger.expectExecutions(2);
});
