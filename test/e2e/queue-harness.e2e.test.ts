/**
 * Proves the queue-mode harness itself (test/support/queue.ts): PostgreSQL, Redis, an n8n main, two
 * webhook processes and a worker start; each of the three entry points answers a production
 * webhook of an active workflow, the executions run on the worker and are read back through the
 * main; a restarted webhook process answers again; stop() leaves no process and no folder behind.
 *
 * Each callback has its own customerId, so nothing here depends on deduplication across processes.
 */
import { existsSync } from 'node:fs';

import { artemisCallback } from '../support/payloads';
import { send } from '../support/http';
import { triggerWorkflow } from '../support/n8n';
import { ENTRY_POINTS, type QueueCluster, startQueueCluster } from '../support/queue';
import { groupAlive, pidAlive } from '../support/services';

const ARTEMIS_TYPE = 'n8n-nodes-artemis-artisio.artemisCallbackTrigger';

let cluster: QueueCluster | undefined;
let workflowId = '';
let webhookId = '';

function running(): QueueCluster {
	if (cluster === undefined) throw new Error('the queue cluster did not start (see beforeAll)');
	return cluster;
}

const customerIdOf = (item: unknown): unknown =>
	typeof item === 'object' && item !== null
		? (item as { customerId?: unknown }).customerId
		: undefined;

beforeAll(async () => {
	// N8N_HARNESS_PACKAGE_DIR: load another build, as globalSetup does for the shared n8n.
	cluster = await startQueueCluster({ packageDir: process.env.N8N_HARNESS_PACKAGE_DIR });
}, 600_000);

afterAll(async () => {
	await cluster?.stop();
}, 120_000);

describe('queue-mode harness', () => {
	it('answers 200 {"status":"accepted"} on main, webhook A and webhook B; the worker runs all three executions', async () => {
		const c = running();
		expect(Object.keys(c.entryPoints)).toEqual(['main', 'webhookA', 'webhookB']);
		const ports = ENTRY_POINTS.map((name) => c.entryPoints[name].port);
		expect(new Set(ports).size).toBe(3);
		expect(c.entryPoints.main.baseUrl).toBe(c.main.baseUrl);

		const built = triggerWorkflow({
			name: 'queue harness: three entry points',
			nodeType: ARTEMIS_TYPE,
		});
		webhookId = built.webhookId;
		({ id: workflowId } = await c.main.createWorkflow(built.workflow));
		// Not active yet: no entry point knows the URL.
		for (const entry of ENTRY_POINTS) {
			expect([
				entry,
				(
					await send(c.webhookUrl(webhookId, entry), {
						body: artemisCallback({ customerId: 7099 }),
					})
				).status,
			]).toEqual([entry, 404]);
		}

		await c.activate(workflowId);
		for (const [index, entry] of ENTRY_POINTS.entries()) {
			const reply = await send(c.webhookUrl(webhookId, entry), {
				body: artemisCallback({ customerId: 7100 + index }),
			});
			expect([entry, reply.status, reply.json]).toEqual([entry, 200, { status: 'accepted' }]);
		}

		const executions = await c.main.waitForExecutions(workflowId, 3);
		expect(executions).toHaveLength(3);
		expect(executions.map((execution) => execution.status)).toEqual([
			'success',
			'success',
			'success',
		]);
		expect(executions.map((execution) => execution.mode)).toEqual([
			'webhook',
			'webhook',
			'webhook',
		]);
		expect(executions.map((execution) => customerIdOf(execution.items[0]?.[0])).sort()).toEqual([
			7100, 7101, 7102,
		]);
		// Queue mode for real: each entry point put one execution on the queue, the worker ran them all.
		const enqueued = ENTRY_POINTS.map((entry) =>
			[...c.logs(entry, 5000).matchAll(/Enqueued execution (\d+) /g)].map((match) => match[1]),
		);
		expect(enqueued.map((ids) => ids.length)).toEqual([1, 1, 1]);
		expect(enqueued.flat().sort()).toEqual(executions.map((execution) => execution.id).sort());
		const workerLog = c.logs('worker', 5000);
		for (const execution of executions)
			expect(workerLog).toContain(`Worker finished execution ${execution.id} `);
	});

	it('webhook A answers again after restartProcess("webhookA")', async () => {
		const c = running();
		const before = c.pids().webhookA;
		await c.restartProcess('webhookA');
		const after = c.pids().webhookA;
		expect(after).toBeDefined();
		expect(after).not.toBe(before);
		if (before !== undefined) expect(pidAlive(before)).toBe(false);
		expect(c.entryPoints.webhookA.baseUrl).toBe(c.processes.webhookA.baseUrl);

		const reply = await send(c.webhookUrl(webhookId, 'webhookA'), {
			body: artemisCallback({ customerId: 7103 }),
		});
		expect([reply.status, reply.json]).toEqual([200, { status: 'accepted' }]);
		const executions = await c.main.waitForExecutions(workflowId, 4);
		expect(executions).toHaveLength(4);
		expect(executions.map((execution) => execution.status)).toEqual([
			'success',
			'success',
			'success',
			'success',
		]);
		expect(customerIdOf(executions[3]?.items[0]?.[0])).toBe(7103);
	});

	it('stop() ends every process by PID and removes every folder', async () => {
		const c = running();
		const pids = c.pids();
		const folders = c.folders();
		expect(Object.keys(pids).sort()).toEqual([
			'main',
			'postgres',
			'redis',
			'webhookA',
			'webhookB',
			'worker',
		]);
		for (const [name, pid] of Object.entries(pids)) {
			expect([name, typeof pid === 'number' && pidAlive(pid)]).toEqual([name, true]);
		}
		// One user folder per n8n process, PostgreSQL's and Redis'.
		expect(folders).toHaveLength(6);
		for (const folder of folders) expect([folder, existsSync(folder)]).toEqual([folder, true]);

		await c.stop();
		for (const [name, pid] of Object.entries(pids)) {
			if (pid === undefined) continue;
			// The group holds n8n's task runner and the watchdog as well.
			expect([name, pidAlive(pid), groupAlive(pid)]).toEqual([name, false, false]);
		}
		for (const folder of folders) expect([folder, existsSync(folder)]).toEqual([folder, false]);
		await expect(fetch(`${c.entryPoints.webhookB.baseUrl}/healthz`)).rejects.toThrow();
		cluster = undefined;
	});
});
