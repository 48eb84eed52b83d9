import type { INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import type { PayloadIssue } from './types';

/** The JSON bodies the triggers answer with (docs/design.md, section 2). Short, and never echoing a secret. */
export type Answer =
	| { status: 'accepted' | 'duplicate' | 'ignored' }
	| { status: 'rejected'; error: 'forbidden' | 'unauthorized'; message: string }
	| {
			status: 'rejected';
			error: 'invalid_body' | 'invalid_payload';
			message: string;
			issues: PayloadIssue[];
	  };

export const ACCEPTED: Answer = { status: 'accepted' };
export const DUPLICATE: Answer = { status: 'duplicate' };
export const IGNORED: Answer = { status: 'ignored' };
export const FORBIDDEN: Answer = {
	status: 'rejected',
	error: 'forbidden',
	message: 'IP address not allowed',
};
export const UNAUTHORIZED: Answer = {
	status: 'rejected',
	error: 'unauthorized',
	message: 'Missing or invalid bearer token',
};

/**
 * Writes an answer that starts no execution to the sender at once, and ends the request there
 * (the node then returns `noWebhookResponse`). n8n saves static data changed in `webhook()` on
 * this path, before the answer leaves.
 */
export function writeAnswer(
	context: IWebhookFunctions,
	statusCode: number,
	answer: Answer,
	headers: Record<string, string> = {},
): void {
	const response = context.getResponseObject();
	const body = JSON.stringify(answer);
	response.writeHead(statusCode, {
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': String(Buffer.byteLength(body)),
		'Cache-Control': 'no-store',
		...headers,
	});
	response.end(body);
}

/**
 * Starts the workflow and lets n8n answer `accepted` itself, which n8n 2.x does only once it has
 * recorded the execution (in queue mode: enqueued it), as it answers its own Webhook node: so an
 * `accepted` that reached the sender survives a crash of n8n, and a sender faster than n8n records
 * waits instead of filling n8n's memory.
 *
 * n8n reads `webhookResponse` when it builds that answer, after recording the execution and before
 * it saves the workflow's static data, so the getter is where a delivery's dedupe record becomes
 * final (`onRecorded`): a process that dies before it leaves no record behind, and the sender's
 * next try is accepted. (n8n 1.x answers, and so reads it, before recording the execution.) The
 * webhook description's empty `responseData` makes n8n send `webhookResponse` as JSON.
 */
export function acceptOnceRecorded(
	workflowData: INodeExecutionData[][],
	onRecorded?: () => void,
): IWebhookResponseData {
	let recorded = false;
	return {
		workflowData,
		get webhookResponse(): Answer {
			if (!recorded) {
				recorded = true;
				onRecorded?.();
			}
			return ACCEPTED;
		},
	};
}
