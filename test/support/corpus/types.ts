/**
 * The shape of a hostile-input case and of the answer it must get.
 *
 * Every case carries the answer it must get. Who answers:
 * - `node`: the trigger's own answer (docs/design.md, section 2): `accepted`, or 400 with `error`;
 * - `n8n`: n8n refuses the request before the node runs (422 malformed body, 404 method, and the
 *   5xx that n8n itself gives to some bodies: these are n8n's, the node never sees them).
 *
 * `known` marks a case whose expected answer is not what the contract alone would say:
 * `bug` (the expectation is the contract; the node currently answers otherwise, so the test fails
 * until the node is fixed) or `doubtful` (the expectation is the current behaviour, questioned in
 * the note). The tests print both lists.
 *
 * Accepted cases each carry a distinct record (Artemis `customerId`, Artisio `data.uuid`) so that
 * none is a repeat of another; `record` is how that record reads in the execution's item.
 */
export type NodeKind = 'artemis' | 'artisio';

export type Group =
	| 'wrong-type'
	| 'null'
	| 'missing'
	| 'empty'
	| 'scalar'
	| 'size'
	| 'depth'
	| 'number'
	| 'unicode'
	| 'duplicate-keys'
	| 'prototype'
	| 'content-type'
	| 'encoding'
	| 'method'
	| 'lenient';

export type Expected =
	| { by: 'node'; status: 200; answer: 'accepted'; record: string }
	| { by: 'node'; status: 400; error: 'invalid_body' | 'invalid_payload'; paths?: string[] }
	| { by: 'n8n'; status: 404 | 422 | 500 };

export interface Known {
	kind: 'bug' | 'doubtful';
	note: string;
}

export interface CorpusCase {
	/** Unique within the corpus, e.g. `artemis wrong-type customerId="abc"`. */
	name: string;
	node: NodeKind;
	group: Group;
	/** Default POST. */
	method?: string;
	/** `null`: no Content-Type header at all. */
	contentType: string | null;
	headers?: Record<string, string>;
	body: Buffer;
	expected: Expected;
	/**
	 * Accepted with a body nested more than ~3,000 levels deep: the execution runs and succeeds, but
	 * n8n 2.41's API answers 500 when asked for its data, so such cases go to a workflow of their own
	 * whose executions are counted, not read.
	 */
	deep?: boolean;
	/** Only with RELIABILITY_LONG=1 (slow or very large). */
	long?: boolean;
	known?: Known;
	/** Another answer that is right too, where n8n itself is not consistent (see `checkCase`). */
	alternative?: Expected;
}

export const LONG = process.env.RELIABILITY_LONG === '1';
