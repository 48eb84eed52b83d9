/**
 * The example workflows `npm run dev` imports: one workflow per trigger, and the README's two-node
 * loop with a placeholder "Artemis API" credential.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { type N8nInstance, PACKAGE_NAME, PROJECT_ROOT } from '../../test/support/n8n';
import { isRecord } from '../../test/support/util';
import { CREDENTIAL_NAME, CREDENTIAL_TYPE, DEV_TOKEN, say } from './common';

interface Example {
	workflowName: string;
	nodeType: string;
	triggerName: string;
	needsCredential: boolean;
}

export const EXAMPLES: Example[] = [
	{
		workflowName: 'Example: Artemis Callback Trigger',
		nodeType: `${PACKAGE_NAME}.artemisCallbackTrigger`,
		triggerName: 'Artemis Callback Trigger',
		needsCredential: false,
	},
	{
		workflowName: 'Example: Artisio Webhook Trigger',
		nodeType: `${PACKAGE_NAME}.artisioWebhookTrigger`,
		triggerName: 'Artisio Webhook Trigger',
		needsCredential: true,
	},
];

/** All items of a paginated public-API list (`{ data, nextCursor }`). */
export async function listAll(
	n8n: N8nInstance,
	path: string,
): Promise<Array<Record<string, unknown>>> {
	const all: Array<Record<string, unknown>> = [];
	let cursor: string | undefined;
	for (;;) {
		const query = new URLSearchParams({ limit: '250' });
		if (cursor !== undefined) query.set('cursor', cursor);
		const page = await n8n.api<unknown>('GET', `${path}?${query.toString()}`);
		if (!isRecord(page) || !Array.isArray(page.data))
			throw new Error(`unexpected answer to GET ${path}`);
		for (const entry of page.data) if (isRecord(entry)) all.push(entry);
		if (typeof page.nextCursor !== 'string' || page.nextCursor === '' || page.data.length === 0)
			return all;
		cursor = page.nextCursor;
	}
}

async function ensureCredential(n8n: N8nInstance): Promise<{ id: string; name: string }> {
	const existing = (await listAll(n8n, '/api/v1/credentials')).find(
		(credential) => credential.name === CREDENTIAL_NAME && credential.type === CREDENTIAL_TYPE,
	);
	if (existing !== undefined && typeof existing.id === 'string')
		return { id: existing.id, name: CREDENTIAL_NAME };
	const { id } = await n8n.createCredential(CREDENTIAL_NAME, CREDENTIAL_TYPE, { token: DEV_TOKEN });
	say(`  created credential "${CREDENTIAL_NAME}" (token ${DEV_TOKEN})`);
	return { id, name: CREDENTIAL_NAME };
}

/** The example workflow's webhook id, creating the workflow (inactive) when it is not there yet. */
export async function ensureExample(
	n8n: N8nInstance,
	example: Example,
	workflows: Array<Record<string, unknown>>,
): Promise<string | undefined> {
	const existing = workflows.find(
		(workflow) => workflow.name === example.workflowName && workflow.isArchived !== true,
	);
	if (existing !== undefined) {
		const nodes: unknown[] = Array.isArray(existing.nodes) ? existing.nodes : [];
		const trigger: unknown = nodes.find(
			(node: unknown) => isRecord(node) && node.type === example.nodeType,
		);
		return isRecord(trigger) && typeof trigger.webhookId === 'string'
			? trigger.webhookId
			: undefined;
	}
	const webhookId = randomUUID();
	const trigger: Record<string, unknown> = {
		id: randomUUID(),
		name: example.triggerName,
		type: example.nodeType,
		typeVersion: 1.1,
		position: [0, 0],
		parameters: {},
		webhookId,
	};
	if (example.needsCredential)
		trigger.credentials = { [CREDENTIAL_TYPE]: await ensureCredential(n8n) };
	await n8n.createWorkflow({
		name: example.workflowName,
		nodes: [
			trigger,
			{
				id: randomUUID(),
				name: 'No Operation, do nothing',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [240, 0],
				parameters: {},
			},
		],
		connections: {
			[example.triggerName]: {
				main: [[{ node: 'No Operation, do nothing', type: 'main', index: 0 }]],
			},
		},
	});
	say(`  imported "${example.workflowName}" (inactive)`);
	return webhookId;
}

const ARTEMIS_EXAMPLE_FILE = join(PROJECT_ROOT, 'examples', 'artemis-callback-to-artemis.json');
const ARTEMIS_CREDENTIAL_NAME = 'Artemis API (dev, fill in)';

/**
 * The two-node example of the README (Artemis Callback Trigger → Artemis), imported inactive with
 * a placeholder "Artemis API" credential: the user fills in the client ID, secret and domain ID.
 * Returns the trigger's webhook id, as `ensureExample` does.
 */
export async function ensureArtemisNodeExample(
	n8n: N8nInstance,
	workflows: Array<Record<string, unknown>>,
): Promise<string | undefined> {
	const example = JSON.parse(readFileSync(ARTEMIS_EXAMPLE_FILE, 'utf8')) as {
		name: string;
		nodes: Array<Record<string, unknown>>;
		connections: unknown;
		settings: unknown;
	};
	const triggerOf = (nodes: unknown[]): unknown =>
		nodes.find(
			(node: unknown) => isRecord(node) && node.type === `${PACKAGE_NAME}.artemisCallbackTrigger`,
		);
	const existing = workflows.find(
		(workflow) => workflow.name === example.name && workflow.isArchived !== true,
	);
	if (existing !== undefined) {
		const trigger = triggerOf(Array.isArray(existing.nodes) ? existing.nodes : []);
		return isRecord(trigger) && typeof trigger.webhookId === 'string'
			? trigger.webhookId
			: undefined;
	}
	const credentials = await listAll(n8n, '/api/v1/credentials');
	let credential = credentials.find(
		(entry) => entry.name === ARTEMIS_CREDENTIAL_NAME && entry.type === 'artemisApi',
	);
	if (credential === undefined) {
		credential = await n8n.createCredential(ARTEMIS_CREDENTIAL_NAME, 'artemisApi', {
			environment: 'uat',
			baseUrl: 'https://replace-with-your-uat-api.example.com',
			clientId: 'replace-me',
			clientSecret: 'replace-me',
			domainId: '0',
		});
		say(
			`  created credential "${ARTEMIS_CREDENTIAL_NAME}" (placeholders: fill in your client ID, secret and domain ID)`,
		);
	}
	const webhookId = randomUUID();
	for (const node of example.nodes) {
		if (node === triggerOf(example.nodes)) node.webhookId = webhookId;
		if (isRecord(node.credentials) && 'artemisApi' in node.credentials) {
			node.credentials = { artemisApi: { id: credential.id, name: ARTEMIS_CREDENTIAL_NAME } };
		}
	}
	await n8n.createWorkflow(example);
	say(`  imported "${example.name}" (inactive)`);
	return webhookId;
}
