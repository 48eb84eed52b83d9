import type { IWebhookFunctions } from 'n8n-workflow';

import type { PayloadIssue } from './types';

/** The JSON bodies the triggers answer with (SPEC §2). Short, and never echoing a secret. */
export type Answer =
	| { status: 'accepted' | 'duplicate' | 'ignored' }
	| { status: 'rejected'; error: 'forbidden' | 'unauthorized'; message: string }
	| { status: 'rejected'; error: 'invalid_body' | 'invalid_payload'; message: string; issues: PayloadIssue[] };

export const ACCEPTED: Answer = { status: 'accepted' };
export const DUPLICATE: Answer = { status: 'duplicate' };
export const IGNORED: Answer = { status: 'ignored' };
export const FORBIDDEN: Answer = { status: 'rejected', error: 'forbidden', message: 'IP address not allowed' };
export const UNAUTHORIZED: Answer = {
	status: 'rejected',
	error: 'unauthorized',
	message: 'Missing or invalid bearer token',
};

/**
 * Writes the answer to the sender ourselves rather than letting n8n do it: in n8n 2.20 and later,
 * static data changed in `webhook()` is saved only when the node answers and returns
 * `noWebhookResponse` (see N8N-NOTES), and it also spares the sender n8n's `firstEntryJson` text.
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
