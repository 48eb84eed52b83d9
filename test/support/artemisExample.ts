/**
 * The README's two-node example (`examples/artemis-callback-to-artemis.json`: Artemis Callback
 * Trigger → Artemis, Get Customer → "Callback Still Current?") in a real n8n, with a credential of
 * its own, under the node types of any of the packages (the combined one or the Artemis edition).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { statusOf } from './e2e';
import { send } from './http';
import { type ExecutionSummary, type N8nClient, PACKAGE_NAME, PROJECT_ROOT } from './n8n';
import { artemisCallback } from './payloads';

interface ExampleWorkflow {
	name: string;
	nodes: Array<Record<string, unknown>>;
	connections: unknown;
	settings: unknown;
}

/**
 * Creates and activates the example with `credential` on its Artemis node, its node types under
 * `packageName`; sends a stale callback (1042, which Artemis must hold as PENDING / MEDIUM) and
 * then a current one (1043, CLEARED / LOW), each answered; returns their two executions and the
 * answers.
 */
export async function runArtemisExample(
	n8n: N8nClient,
	credential: { id: string; name: string },
	packageName = PACKAGE_NAME,
): Promise<{ answers: unknown[]; executions: ExecutionSummary[] }> {
	const text = readFileSync(
		join(PROJECT_ROOT, 'examples', 'artemis-callback-to-artemis.json'),
		'utf8',
	);
	const example = JSON.parse(
		text.split(`${PACKAGE_NAME}.`).join(`${packageName}.`),
	) as ExampleWorkflow;
	const webhookId = randomUUID();
	for (const node of example.nodes) {
		if (node.name === 'Artemis Callback Trigger') node.webhookId = webhookId;
		if (node.name === 'Artemis') node.credentials = { artemisApi: credential };
	}
	const { id } = await n8n.createWorkflow({ ...example, name: `${packageName}: ${example.name}` });
	await n8n.activate(id);
	const url = n8n.webhookUrl(webhookId);
	const callback = async (customerId: number): Promise<unknown> =>
		statusOf(
			await send(url, {
				method: 'POST',
				body: artemisCallback({ customerId, status: 'CLEARED', riskRating: 'LOW' }),
			}),
		);
	const answers = [await callback(1042)];
	await n8n.waitForExecutions(id, 1);
	answers.push(await callback(1043));
	return { answers, executions: await n8n.waitForExecutions(id, 2) };
}
