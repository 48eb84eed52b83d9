import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import type { Answer } from './answers';

/**
 * In the editor, while the user listens for a test event ("Execute step"), n8n keeps listening
 * until a request starts an execution. A request that production answers without one (ignored,
 * refused, or rejected with Output Rejected Requests off) would leave the user waiting with no sign,
 * since only the sender sees the answer. In test mode such a request ends the test instead, with one
 * item that says what production does and why. The sender's answer is the same in both modes.
 */
export function isTestRequest(context: IWebhookFunctions): boolean {
	// n8n runs test webhooks ("/webhook-test/…") in the 'manual' execution mode.
	return context.getMode() === 'manual';
}

const IN_PRODUCTION = 'in production (Production URL, published workflow) no execution starts.';

/** What a test note carries: never a header value, never a token, never the body of a refused request. */
interface NoteBase {
	statusCode: number;
	answer: Answer;
	method: string;
	ip: string | undefined;
}

function note(testNote: string, base: NoteBase, extra: IDataObject = {}): IDataObject {
	return {
		testNote,
		statusCode: base.statusCode,
		answer: base.answer,
		method: base.method,
		ip: base.ip ?? null,
		receivedAt: new Date().toISOString(),
		...extra,
	};
}

/** An event the editor's filters leave out: its normalized item under `event`, for a look at its values. */
export function ignoredNote(base: NoteBase, event: IDataObject): IDataObject {
	return note(
		`Ignored by this node's filters: the sender got 200 "ignored"; ${IN_PRODUCTION} The event is under "event": add its values to the filters, or empty them, to let such events through.`,
		base,
		{ event },
	);
}

/** 403: the address is named (the user needs it for the allowlist), nothing else of the request. */
export function forbiddenNote(base: NoteBase): IDataObject {
	return note(
		`Refused: the address ${base.ip ?? '(unknown)'} is not in Options, IP Allowlist. The sender got 403; ${IN_PRODUCTION} Add the address to IP Allowlist, or empty it, to let it through.`,
		base,
	);
}

/** 401: says whether the header was missing or wrong, never what it held. */
export function unauthorizedNote(base: NoteBase, hadAuthorizationHeader: boolean): IDataObject {
	const why = hadAuthorizationHeader
		? 'its Authorization header does not carry the token of the credential selected in this node'
		: 'it has no Authorization header';
	return note(
		`Refused: ${why}. The sender got 401; ${IN_PRODUCTION} Send "Authorization: Bearer <token>" with the token of the credential selected in this node, as Artisio does (see the sample command in the node's left pane).`,
		base,
	);
}

/** 400 with Output Rejected Requests off: the Rejected item, so the user sees what was wrong. */
export function rejectedNote(rejectedItem: IDataObject & { message: string }): IDataObject {
	return {
		testNote: `Rejected: ${rejectedItem.message}. The sender got 400; ${IN_PRODUCTION} Turn on Options, Output Rejected Requests to receive such requests on a second output.`,
		...rejectedItem,
	};
}
