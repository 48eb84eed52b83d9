/**
 * Runs a trigger node the way n8n does, without n8n's server: a real HTTP server receives the
 * request, parses the body as n8n would (422 for malformed JSON, raw body left for octet-stream),
 * builds a real `WebhookContext` from n8n-core over a real `Workflow` (webhookContext.ts), and calls
 * `webhook()`.
 * Static data is loaded per request from a saved copy and saved only when it changed, as n8n does,
 * so tests see the same persistence semantics as production.
 */
import './unitUserFolder';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQueryString } from 'node:querystring';

import {
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type WorkflowExecuteMode,
	Workflow,
} from 'n8n-workflow';

import { clearLogLines, type LogLine, logLines } from './capturingLogger';
import { SingleNodeTypes } from './singleNodeTypes';
import { triggerNode, WEBHOOK_ID, webhookContext } from './webhookContext';

export interface HarnessOptions {
	nodeType: INodeType;
	/** `<package>.<name>`, as in a saved workflow. */
	typeName: string;
	parameters?: IDataObject;
	/** Decrypted credential data by credential type, e.g. `{ artisioWebhookApi: { token } }`. */
	credentials?: Record<string, IDataObject>;
	/** Credential ids by type, as a saved workflow names them; default `'1'` for each. */
	credentialIds?: Record<string, string>;
	/** `webhook` for production URLs, `manual` for "Listen for test event". */
	mode?: WorkflowExecuteMode;
	/** Client address the node sees (n8n's `req.ip`); default: the socket's. */
	clientIp?: string;
	workflowId?: string;
	/** Static data as a previous n8n process saved it (to simulate a restart). */
	staticData?: IDataObject;
}

export interface Execution {
	/** Items per output, as returned in `workflowData`. */
	outputs: IDataObject[][];
}

export interface Reply {
	status: number;
	headers: Headers;
	text: string;
	json: unknown;
}

export interface SendOptions {
	method?: string;
	body?: unknown;
	rawBody?: string | Buffer;
	contentType?: string | null;
	headers?: Record<string, string>;
	/** Appended to the URL, e.g. `?token=x`. */
	query?: string;
}

export interface WebhookHarness {
	url: string;
	/** Starts that resulted from requests so far, in order. */
	executions: Execution[];
	/** The static data as last saved (what survives a restart). */
	savedStaticData(): IDataObject;
	logs: LogLine[];
	send(options?: SendOptions): Promise<Reply>;
	/** Changes parameters or client IP for the next requests, as editing the node would. */
	update(
		changes: Partial<Pick<HarnessOptions, 'parameters' | 'clientIp' | 'mode' | 'credentials'>>,
	): void;
	close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => resolve(Buffer.concat(chunks)));
		request.on('error', reject);
	});
}

type N8nRequest = IncomingMessage & { body?: unknown; ip?: string; rawBody: Buffer };

/** Body parsing as n8n's webhook server does it, for the content types the tests send. */
function parseLikeN8n(request: N8nRequest, raw: Buffer, response: ServerResponse): boolean {
	const mediaType =
		(request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
	// n8n 2.41 parses exactly `application/json`; vendor `+json` types stay unparsed, like no type.
	if (
		mediaType === '' ||
		mediaType === 'application/octet-stream' ||
		(mediaType !== 'application/json' && mediaType.endsWith('+json'))
	) {
		// Not parsed: the node must read the raw body itself.
		(request as { rawBody: Buffer | null }).rawBody = null;
		request.readRawBody = () => {
			request.rawBody = raw;
			return Promise.resolve();
		};
		return true;
	}
	request.rawBody = raw;
	request.readRawBody = () => Promise.resolve();
	const text = raw.toString('utf8');
	if (mediaType === 'application/json') {
		if (text === '') return true;
		try {
			request.body = JSON.parse(text);
		} catch {
			response.writeHead(422, { 'Content-Type': 'application/json' });
			response.end(JSON.stringify({ code: 422, message: 'Failed to parse request body' }));
			return false;
		}
	} else if (mediaType === 'application/x-www-form-urlencoded') {
		request.body = { ...parseQueryString(text) };
	} else {
		request.body = text;
	}
	return true;
}

let harnessCount = 0;

export async function startWebhookHarness(options: HarnessOptions): Promise<WebhookHarness> {
	// Each harness is its own workflow unless a test says otherwise: the nodes keep per-workflow
	// memory for the life of the process, as they do in n8n.
	let settings = { ...options, workflowId: options.workflowId ?? `wf-unit-${++harnessCount}` };
	const nodeTypes = new SingleNodeTypes(options.typeName, options.nodeType);
	const executions: Execution[] = [];
	const logs: LogLine[] = logLines;
	clearLogLines();
	let saved: IDataObject = structuredClone(options.staticData ?? {});

	async function handle(request: N8nRequest, response: ServerResponse): Promise<void> {
		const raw = await readBody(request);
		if (!parseLikeN8n(request, raw, response)) return;
		request.ip = settings.clientIp ?? request.socket.remoteAddress;

		const node = triggerNode({
			id: 'a1b2c3d4-0000-4000-8000-000000000001',
			typeName: options.typeName,
			parameters: structuredClone(settings.parameters ?? {}),
			credentials: settings.credentials,
			credentialIds: settings.credentialIds,
		});
		// A fresh Workflow per request with static data loaded from the saved copy: as n8n does.
		const loaded = structuredClone(saved);
		const workflowParameters = {
			id: settings.workflowId,
			name: 'unit',
			nodes: [node],
			connections: {},
			active: true,
			nodeTypes,
		};
		const workflow = new Workflow({ ...workflowParameters, staticData: loaded });
		const context = webhookContext({
			workflow,
			node,
			request,
			response,
			method: request.method,
			mode: settings.mode ?? 'webhook',
			credential: (type) => settings.credentials?.[type],
		});
		try {
			const result = await (options.nodeType.webhook as NonNullable<INodeType['webhook']>).call(
				context,
			);
			const staticData = workflow.staticData as IDataObject & { __dataChanged?: boolean };
			const saveStaticData = () => {
				if (staticData.__dataChanged === true && settings.mode !== 'manual') {
					saved = JSON.parse(JSON.stringify(staticData)) as IDataObject;
				}
			};
			if (result.workflowData) {
				executions.push({
					outputs: result.workflowData.map((items: INodeExecutionData[]) =>
						items.map((item) => item.json),
					),
				});
			}
			if (
				response.writableEnded ||
				result.noWebhookResponse === true ||
				result.workflowData === undefined
			) {
				saveStaticData();
			} else {
				// n8n 2.x, `onReceived` and no answer yet: it records the execution (building the
				// execution's Workflow around the same static data, which clears its changed flag), then
				// reads `webhookResponse` (with an empty `responseData`), saves static data and answers.
				new Workflow({ ...workflowParameters, staticData: loaded });
				const body: unknown = result.webhookResponse ?? { message: 'Workflow was started' };
				saveStaticData();
				const text = JSON.stringify(body);
				response.writeHead(200, {
					'Content-Type': 'application/json; charset=utf-8',
					'Content-Length': String(Buffer.byteLength(text)),
				});
				response.end(text);
			}
			if (!response.writableEnded) {
				response.writeHead(200, { 'Content-Type': 'text/plain' });
				response.end('firstEntryJson');
			}
		} catch (error) {
			// What n8n does with an error thrown from webhook(): a 500.
			logLines.push({ level: 'error', message: `webhook() threw: ${String(error)}` });
			if (!response.headersSent) {
				response.writeHead(500, { 'Content-Type': 'application/json' });
			}
			response.end(JSON.stringify({ code: 500, message: 'Error in workflow' }));
		}
	}

	const server: Server = createServer((request, response) => {
		void handle(request, response);
	});
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	const { port } = server.address() as AddressInfo;
	const url = `http://127.0.0.1:${port}/webhook/${WEBHOOK_ID}/webhook`;

	return {
		url,
		executions,
		logs,
		savedStaticData: () => saved,
		async send(sendOptions: SendOptions = {}): Promise<Reply> {
			const headers: Record<string, string> = { ...sendOptions.headers };
			let payload: string | Buffer | undefined;
			if (sendOptions.rawBody !== undefined) {
				payload = sendOptions.rawBody;
			} else if (sendOptions.body !== undefined) {
				payload = JSON.stringify(sendOptions.body);
			}
			// Bytes, not a string: fetch would add `Content-Type: text/plain` to a string body.
			const body = payload === undefined ? undefined : Buffer.from(payload);
			const contentType =
				sendOptions.contentType === undefined ? 'application/json' : sendOptions.contentType;
			if (contentType !== null) headers['content-type'] = contentType;
			const response = await fetch(`${url}${sendOptions.query ?? ''}`, {
				method: sendOptions.method ?? 'POST',
				headers,
				body,
			});
			const text = await response.text();
			let json: unknown;
			try {
				json = JSON.parse(text);
			} catch {
				json = undefined;
			}
			return { status: response.status, headers: response.headers, text, json };
		},
		update(changes) {
			settings = { ...settings, ...changes };
		},
		async close() {
			server.closeAllConnections();
			server.close();
			await once(server, 'close');
		},
	};
}
