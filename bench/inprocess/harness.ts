/**
 * The built triggers' webhook() outside n8n's server, on a real n8n-core `WebhookContext` over a
 * minimal request and response: what the in-process parts (measure.ts) time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import {
	type IDataObject,
	type INode,
	type INodeType,
	type IWebhookResponseData,
	Workflow,
} from 'n8n-workflow';

import { PACKAGE_NAME, PROJECT_ROOT } from '../../test/support/n8n/package';
import { SingleNodeTypes } from '../../test/support/singleNodeTypes';
import { triggerNode, webhookContext } from '../../test/support/webhookContext';
import { ARTISIO_TOKEN } from '../lib/payloads';

/** n8n-core writes a config file into the user folder when first used: a temporary one, removed on exit. */
export function useTemporaryUserFolder(): void {
	const folder = mkdtempSync(join(tmpdir(), 'artemis-artisio-bench-'));
	process.env.N8N_USER_FOLDER = folder;
	process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
	const silent = (): void => undefined;
	const logger = { error: silent, warn: silent, info: silent, debug: silent, scoped: () => logger };
	Container.set(Logger, logger as unknown as Logger);
}

export const elapsedUs = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1000;

class MinimalResponse {
	statusCode = 0;
	body = '';
	headersSent = false;
	writableEnded = false;
	writeHead(status: number): this {
		this.statusCode = status;
		this.headersSent = true;
		return this;
	}
	end(body = ''): void {
		this.body = body;
		this.writableEnded = true;
	}
}

/** One trigger node as a workflow holds it, and the request headers it expects. */
export interface Subject {
	nodeType: INodeType;
	typeName: string;
	parameters: IDataObject;
	credentials?: Record<string, IDataObject>;
	headers: Record<string, string>;
}

/** The built triggers (dist/, as n8n loads them) under this package's type names. */
export function loadTriggers(): {
	artemis: (parameters?: IDataObject) => Subject;
	artisio: Subject;
} {
	const load = (name: string): INodeType => {
		// A dynamic path, as n8n loads it: no static import can name it.
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const module = require(join(PROJECT_ROOT, 'dist', 'nodes', name, `${name}.node.js`)) as Record<
			string,
			new () => INodeType
		>;
		return new module[name]();
	};
	const artemis = load('ArtemisCallbackTrigger');
	const artisio: Subject = {
		nodeType: load('ArtisioWebhookTrigger'),
		typeName: `${PACKAGE_NAME}.artisioWebhookTrigger`,
		parameters: {},
		credentials: { artisioWebhookApi: { token: ARTISIO_TOKEN } },
		headers: { authorization: `Bearer ${ARTISIO_TOKEN}` },
	};
	return {
		artemis: (parameters = {}) => ({
			nodeType: artemis,
			typeName: `${PACKAGE_NAME}.artemisCallbackTrigger`,
			parameters,
			headers: {},
		}),
		artisio,
	};
}

/**
 * One workflow holding one trigger. `workflow()` is what n8n builds per request: a new Workflow
 * over the static data the previous request saved (`saved`), all of it wrapped in fresh
 * change-tracking proxies.
 */
export class Flow {
	saved: IDataObject = {};
	private readonly nodeTypes: SingleNodeTypes;

	constructor(
		readonly subject: Subject,
		private readonly workflowId: string,
	) {
		this.nodeTypes = new SingleNodeTypes(subject.typeName, subject.nodeType);
	}

	/** `withTrigger` false: the static data alone, wrapped as n8n wraps it. */
	workflow(staticData: IDataObject = this.saved, withTrigger = true): Workflow {
		const trigger = triggerNode({ id: 'a1b2c3d4-0000-4000-8000-00000000beef', ...this.subject });
		return new Workflow({
			id: this.workflowId,
			name: 'bench',
			nodes: withTrigger ? [trigger] : [],
			connections: {},
			active: true,
			nodeTypes: this.nodeTypes,
			staticData,
		});
	}

	/**
	 * webhook() on `workflow` (timed) with the answer as n8n 2.x gives it when the node has not
	 * written one: the node's `webhookResponse` as JSON, part of the node's own work.
	 */
	async call(
		workflow: Workflow,
		body: unknown,
	): Promise<{ status: number; body: string; result: IWebhookResponseData; webhookUs: number }> {
		const { nodeType, headers, credentials } = this.subject;
		if (nodeType.webhook === undefined) throw new Error('the node has no webhook()');
		const response = new MinimalResponse();
		const context = webhookContext({
			workflow,
			node: workflow.getNode('Trigger') as INode,
			request: {
				method: 'POST',
				headers: { 'content-type': 'application/json', ...headers },
				body,
				rawBody: null,
				ip: '127.0.0.1',
				socket: { remoteAddress: '127.0.0.1' },
				params: {},
				query: {},
				readRawBody: () => Promise.resolve(),
			},
			response,
			method: 'POST',
			mode: 'webhook',
			credential: (type) => credentials?.[type],
		});
		const start = process.hrtime.bigint();
		const result = await nodeType.webhook.call(context);
		if (!response.writableEnded && result.noWebhookResponse !== true && result.workflowData) {
			const answer: unknown = result.webhookResponse ?? { message: 'Workflow was started' };
			response.writeHead(200).end(JSON.stringify(answer));
		}
		const webhookUs = elapsedUs(start);
		return { status: response.statusCode, body: response.body, result, webhookUs };
	}

	/** Fills the store with `count` accepted events on one Workflow (re-wrapping the growing static data per request would make it quadratic). */
	async fill(bodies: (index: number) => string, count: number): Promise<Workflow> {
		const workflow = this.workflow({});
		for (let index = 0; index < count; index++)
			await this.call(workflow, JSON.parse(bodies(index)));
		return workflow;
	}
}
