/**
 * Hostile-input corpora for the reliability tests, generated rather than stored so that
 * megabyte strings, 10,000-level nesting and raw JSON that `JSON.stringify` cannot write (`1e400`,
 * duplicate keys, lone surrogates, invalid UTF-8) stay readable here.
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
import { gzipSync } from 'node:zlib';

import { artemisCallback } from './artemisPayload';

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

// -------------------------------------------------------------------------------------------------
// Building blocks

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');
const json = (value: unknown): Buffer => utf8(JSON.stringify(value));

/** `[[[…]]]`, `levels` deep. */
export const deepArray = (levels: number): string => '['.repeat(levels) + ']'.repeat(levels);

/** `{"a":{"a":…{"a":leaf}…}}`, `levels` deep. */
export const deepObject = (levels: number, leaf = '1'): string => '{"a":'.repeat(levels) + leaf + '}'.repeat(levels);

/** A JSON object's text with `,"key":<raw>` added before its closing brace. */
function withRaw(object: Record<string, unknown>, key: string, raw: string): string {
	const text = JSON.stringify(object);
	return `${text.slice(0, -1)}${text.length > 2 ? ',' : ''}${JSON.stringify(key)}:${raw}}`;
}

/** A JSON object's text with the value of `key` replaced by raw JSON text (`1e400`, `"\ud800"`). */
function replaceRaw(object: Record<string, unknown>, key: string, raw: string): string {
	const marker = `__RAW_${key}__`;
	return JSON.stringify({ ...object, [key]: marker }).replace(JSON.stringify(marker), raw);
}

/** `text` as UTF-8 with raw `bytes` (not valid UTF-8, say) in place of `marker`. */
function spliceBytes(text: string, marker: string, bytes: Buffer): Buffer {
	const at = text.indexOf(marker);
	return Buffer.concat([utf8(text.slice(0, at)), bytes, utf8(text.slice(at + marker.length))]);
}

const MB = 1024 * 1024;
/** One megabyte of text (not all one character, so that nothing compresses it away by accident). */
const megabyte = (seed: string): string => `${seed}-`.repeat(Math.ceil(MB / (seed.length + 1))).slice(0, MB);

const DEPTH = 10_000;
const LONG_DEPTHS = [100_000, 1_000_000];

// -------------------------------------------------------------------------------------------------
// Artemis

const ARTEMIS_REQUIRED = ['customerId', 'customerReferenceId', 'profileReferenceId', 'status', 'action', 'customerType'];
const ARTEMIS_TEXT_FIELDS = ['customerReferenceId', 'profileReferenceId', 'status', 'action', 'customerType'];

export function artemisBody(customerId: unknown, overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return artemisCallback({ customerId, customerReferenceId: `CUST-${String(customerId).slice(0, 20)}`, ...overrides });
}

/** Wrong values for a required string field, each with the 400 it must get. */
const WRONG_FOR_TEXT: Array<[string, unknown]> = [
	['number 5', 5],
	['true', true],
	['{}', {}],
	['[]', []],
	['["CLEARED"]', ['CLEARED']],
	['""', ''],
	['"   "', '   '],
	['NBSP only', '\u00a0\u00a0'],
	['tab and newline only', '\t\n'],
];

function artemisCorpus(): CorpusCase[] {
	const cases: CorpusCase[] = [];
	let nextId = 710_000;
	const id = (): number => nextId++;
	const add = (c: Omit<CorpusCase, 'node'>): void => {
		cases.push({ node: 'artemis', ...c });
	};
	const accepted = (record: number | string): Expected => ({ by: 'node', status: 200, answer: 'accepted', record: String(record) });
	const invalid = (paths: string[]): Expected => ({ by: 'node', status: 400, error: 'invalid_payload', paths });
	const invalidBody: Expected = { by: 'node', status: 400, error: 'invalid_body' };
	const JSON_TYPE = 'application/json';

	// --- every documented field with a wrong type, null, missing
	for (const field of ARTEMIS_TEXT_FIELDS) {
		for (const [label, value] of WRONG_FOR_TEXT) {
			add({ name: `artemis wrong-type ${field}=${label}`, group: 'wrong-type', contentType: JSON_TYPE, body: json(artemisBody(id(), { [field]: value })), expected: invalid([field]) });
		}
		add({ name: `artemis null ${field}`, group: 'null', contentType: JSON_TYPE, body: json(artemisBody(id(), { [field]: null })), expected: invalid([field]) });
		add({ name: `artemis missing ${field}`, group: 'missing', contentType: JSON_TYPE, body: json(artemisBody(id(), { [field]: undefined })), expected: invalid([field]) });
	}
	const wrongCustomerIds: Array<[string, string]> = [
		['"abc"', '"abc"'],
		['""', '""'],
		['"  "', '"  "'],
		['10.5', '10.5'],
		['true', 'true'],
		['{}', '{}'],
		['[]', '[]'],
		['[1]', '[1]'],
		['null', 'null'],
		['"-5" (string with a sign)', '"-5"'],
		['"1e3" (string in exponent form)', '"1e3"'],
		['"0x10"', '"0x10"'],
		['"12.0"', '"12.0"'],
		['fullwidth digits', '"\\uff11\\uff12\\uff13"'],
		['Arabic-Indic digits', '"\\u0661\\u0662\\u0663"'],
		['1e20 (not a safe integer)', '1e20'],
		['2^53+1 (not a safe integer)', '9007199254740993'],
		['"99999999999999999999"', '"99999999999999999999"'],
		['30-digit number', '123456789012345678901234567890'],
		['1e400 (Infinity)', '1e400'],
		['-1e400 (-Infinity)', '-1e400'],
	];
	for (const [label, raw] of wrongCustomerIds) {
		add({
			name: `artemis wrong-type customerId=${label}`,
			group: label.includes('e400') || label.includes('safe') || label.includes('digit number') ? 'number' : 'wrong-type',
			contentType: JSON_TYPE,
			body: utf8(replaceRaw(artemisBody(0), 'customerId', raw)),
			expected: invalid(['customerId']),
		});
	}
	add({ name: 'artemis missing customerId', group: 'missing', contentType: JSON_TYPE, body: json(artemisBody(0, { customerId: undefined })), expected: invalid(['customerId']) });
	// Values that are fine: coerced or read as the number they are.
	const fineCustomerIds: Array<[string, string, number]> = [
		['"720001" (digits as a string)', '"720001"', 720_001],
		['" 720002 " (padded digits)', '" 720002 "', 720_002],
		['"000720003" (leading zeros)', '"000720003"', 720_003],
		['720004.0', '720004.0', 720_004],
		['7.20005e5', '7.20005e5', 720_005],
		['-720006 (negative)', '-720006', -720_006],
		['1e-400 (underflows to 0)', '1e-400', 0],
	];
	for (const [label, raw, record] of fineCustomerIds) {
		add({ name: `artemis number customerId=${label}`, group: 'number', contentType: JSON_TYPE, body: utf8(replaceRaw(artemisBody(0), 'customerId', raw)), expected: accepted(record) });
	}
	for (const field of ['riskRating', 'message']) {
		for (const [label, value] of [['number 5', 5], ['true', true], ['{}', {}], ['[]', []]] as Array<[string, unknown]>) {
			add({ name: `artemis wrong-type ${field}=${label}`, group: 'wrong-type', contentType: JSON_TYPE, body: json(artemisBody(id(), { [field]: value })), expected: invalid([field]) });
		}
		const nullId = id();
		add({ name: `artemis null ${field} (nullable)`, group: 'null', contentType: JSON_TYPE, body: json(artemisBody(nullId, { [field]: null })), expected: accepted(nullId) });
		const missingId = id();
		add({ name: `artemis missing ${field} (optional)`, group: 'missing', contentType: JSON_TYPE, body: json(artemisBody(missingId, { [field]: undefined })), expected: accepted(missingId) });
	}
	add({ name: 'artemis every field wrong at once', group: 'wrong-type', contentType: JSON_TYPE, body: json({ customerId: 'x', customerReferenceId: 1, profileReferenceId: 2, status: 3, action: 4, customerType: 5, riskRating: 6, message: 7 }), expected: invalid([...ARTEMIS_REQUIRED, 'riskRating', 'message']) });

	// --- empty object, empty body, scalars and arrays
	add({ name: 'artemis empty object {}', group: 'empty', contentType: JSON_TYPE, body: utf8('{}'), expected: invalid(ARTEMIS_REQUIRED) });
	add({ name: 'artemis empty body, application/json', group: 'empty', contentType: JSON_TYPE, body: Buffer.alloc(0), expected: invalidBody });
	add({ name: 'artemis empty body, no content type', group: 'empty', contentType: null, body: Buffer.alloc(0), expected: invalidBody });
	add({ name: 'artemis whitespace-only body, no content type', group: 'empty', contentType: null, body: utf8(' \n\t '), expected: invalidBody });
	add({ name: 'artemis whitespace-only body, application/json', group: 'empty', contentType: JSON_TYPE, body: utf8(' \n\t '), expected: { by: 'n8n', status: 422 } });
	const scalars: Array<[string, string]> = [
		['42', '42'],
		['-0.5', '-0.5'],
		['"text"', '"text"'],
		['true', 'true'],
		['false', 'false'],
		['null', 'null'],
		['[]', '[]'],
		['[{}]', '[{}]'],
		['array holding a valid callback', `[${JSON.stringify(artemisBody(id()))}]`],
		['a string that itself contains JSON', JSON.stringify(JSON.stringify(artemisBody(id())))],
		['1e400', '1e400'],
	];
	for (const [label, raw] of scalars) {
		add({ name: `artemis scalar ${label}, application/json`, group: 'scalar', contentType: JSON_TYPE, body: utf8(raw), expected: invalidBody });
		add({ name: `artemis scalar ${label}, no content type`, group: 'scalar', contentType: null, body: utf8(raw), expected: invalidBody });
	}

	// --- sizes
	const bigRef = id();
	add({ name: 'artemis size 1 MB customerReferenceId', group: 'size', contentType: JSON_TYPE, body: json(artemisBody(bigRef, { customerReferenceId: megabyte('ref') })), expected: accepted(bigRef) });
	const bigMessage = id();
	add({ name: 'artemis size 1 MB message', group: 'size', contentType: JSON_TYPE, body: json(artemisBody(bigMessage, { message: megabyte('msg') })), expected: accepted(bigMessage) });
	const bigExtra = id();
	add({ name: 'artemis size 1 MB undocumented field', group: 'size', contentType: JSON_TYPE, body: json(artemisBody(bigExtra, { note: megabyte('note') })), expected: accepted(bigExtra) });
	const bigKey = id();
	add({ name: 'artemis size 1 MB key', group: 'size', contentType: JSON_TYPE, body: json(artemisBody(bigKey, { [megabyte('k')]: 1 })), expected: accepted(bigKey) });
	const wideArray = id();
	add({ name: 'artemis size 200,000-element array', group: 'size', contentType: JSON_TYPE, body: utf8(withRaw(artemisBody(wideArray), 'list', `[${'0,'.repeat(199_999)}0]`)), expected: accepted(wideArray) });
	const wideObject = id();
	add({ name: 'artemis size object with 50,000 keys', group: 'size', contentType: JSON_TYPE, body: json(artemisBody(wideObject, { map: Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, i])) })), expected: accepted(wideObject) });
	add({ name: 'artemis size 1 MB string as customerId', group: 'size', contentType: JSON_TYPE, body: json(artemisBody(megabyte('9x'))), expected: invalid(['customerId']) });
	add({ name: 'artemis size 1 MB string array as status', group: 'size', contentType: JSON_TYPE, body: json(artemisBody(id(), { status: [megabyte('s')] })), expected: invalid(['status']) });
	add({
		name: 'artemis size 17 MB body (over N8N_PAYLOAD_SIZE_MAX 16 MiB)',
		group: 'size',
		contentType: JSON_TYPE,
		body: json(artemisBody(id(), { note: 'x'.repeat(17 * MB) })),
		expected: { by: 'n8n', status: 500 },
		known: { kind: 'doubtful', note: 'n8n 2.41 answers 500 "There was a problem executing the workflow" to a body over its size limit (not 413); the node never runs. n8n behaviour, README Limits could say so.' },
	});

	// --- depth
	const depthCases = (levels: number, long: boolean): void => {
		const tag = `${levels.toLocaleString('en')} levels`;
		add({ name: `artemis depth body is ${tag} of arrays`, group: 'depth', long, contentType: JSON_TYPE, body: utf8(deepArray(levels)), expected: invalidBody });
		add({ name: `artemis depth body is ${tag} of objects`, group: 'depth', long, contentType: JSON_TYPE, body: utf8(deepObject(levels)), expected: invalid(ARTEMIS_REQUIRED) });
		add({ name: `artemis depth status is ${tag} of arrays`, group: 'depth', long, contentType: JSON_TYPE, body: utf8(replaceRaw(artemisBody(id()), 'status', deepArray(levels))), expected: invalid(['status']) });
		add({ name: `artemis depth customerId is ${tag} of objects`, group: 'depth', long, contentType: JSON_TYPE, body: utf8(replaceRaw(artemisBody(0), 'customerId', deepObject(levels))), expected: invalid(['customerId']) });
		const a = id();
		add({ name: `artemis depth undocumented field ${tag} of arrays`, group: 'depth', long, deep: true, contentType: JSON_TYPE, body: utf8(withRaw(artemisBody(a), 'extra', deepArray(levels))), expected: accepted(a) });
		const b = id();
		add({ name: `artemis depth undocumented field ${tag} of objects, no content type`, group: 'depth', long, deep: true, contentType: null, body: utf8(withRaw(artemisBody(b), 'extra', deepObject(levels))), expected: accepted(b) });
		const c = id();
		add({ name: `artemis depth __proto__ key at the bottom of ${tag}`, group: 'depth', long, deep: true, contentType: JSON_TYPE, body: utf8(withRaw(artemisBody(c), 'extra', deepObject(levels, '{"__proto__":{"polluted":true}}'))), expected: accepted(c) });
	};
	depthCases(DEPTH, false);
	for (const levels of LONG_DEPTHS) depthCases(levels, true);

	// --- huge and non-finite numbers elsewhere
	const infExtra = id();
	add({ name: 'artemis number 1e400 in an undocumented field', group: 'number', contentType: JSON_TYPE, body: utf8(withRaw(artemisBody(infExtra), 'amount', '1e400')), expected: accepted(infExtra) });
	add({ name: 'artemis number 1e400 as status', group: 'number', contentType: JSON_TYPE, body: utf8(replaceRaw(artemisBody(id()), 'status', '1e400')), expected: invalid(['status']) });
	add({ name: 'artemis number NaN (not JSON)', group: 'number', contentType: JSON_TYPE, body: utf8(replaceRaw(artemisBody(0), 'customerId', 'NaN')), expected: { by: 'n8n', status: 422 } });
	add({ name: 'artemis number Infinity literal (not JSON)', group: 'number', contentType: null, body: utf8(replaceRaw(artemisBody(0), 'customerId', 'Infinity')), expected: invalidBody });

	// --- odd unicode
	const unicodeFine: Array<[string, string, string]> = [
		['lone high surrogate in customerReferenceId', 'customerReferenceId', '"\\ud800"'],
		['lone low surrogate then high in customerReferenceId', 'customerReferenceId', '"\\udc00x\\ud800"'],
		['NUL inside customerReferenceId', 'customerReferenceId', '"a\\u0000b"'],
		['RTL override before status', 'status', '"\\u202eCLEARED"'],
		['zero-width space after status', 'status', '"CLEARED\\u200b"'],
		['emoji customerType', 'customerType', '"\\ud83e\\udd84"'],
		['emoji in message, raw UTF-8', 'message', '"unicorn 🦄 ok"'],
		['RTL marks in profileReferenceId', 'profileReferenceId', '"\\u200fPRF\\u200e-77"'],
	];
	for (const [label, field, raw] of unicodeFine) {
		const record = id();
		add({ name: `artemis unicode ${label}`, group: 'unicode', contentType: JSON_TYPE, body: utf8(replaceRaw(artemisBody(record), field, raw)), expected: accepted(record) });
	}
	const nulKey = id();
	add({ name: 'artemis unicode NUL and lone-surrogate keys', group: 'unicode', contentType: JSON_TYPE, body: utf8(`${JSON.stringify(artemisBody(nulKey)).slice(0, -1)},"\\u0000":1,"\\ud800":2}`), expected: accepted(nulKey) });
	const invalidUtf8 = id();
	add({
		name: 'artemis unicode invalid UTF-8 bytes in customerReferenceId',
		group: 'unicode',
		contentType: JSON_TYPE,
		body: spliceBytes(JSON.stringify(artemisBody(invalidUtf8, { customerReferenceId: 'CUST-@@' })), '@@', Buffer.from([0xff, 0xfe, 0xc0, 0x80])),
		expected: accepted(invalidUtf8),
	});
	const bom = id();
	add({ name: 'artemis unicode UTF-8 BOM, application/json', group: 'unicode', contentType: JSON_TYPE, body: utf8(`\ufeff${JSON.stringify(artemisBody(bom))}`), expected: accepted(bom) });
	const bomRaw = id();
	add({
		name: 'artemis unicode UTF-8 BOM, no content type',
		group: 'unicode',
		contentType: null,
		body: utf8(`\ufeff${JSON.stringify(artemisBody(bomRaw))}`),
		expected: accepted(bomRaw),
	});
	const utf16 = id();
	add({ name: 'artemis unicode UTF-16LE body with charset=utf-16le', group: 'unicode', contentType: 'application/json; charset=utf-16le', body: Buffer.from(JSON.stringify(artemisBody(utf16)), 'utf16le'), expected: accepted(utf16) });
	add({ name: 'artemis unicode UTF-8 body declared charset=utf-16le', group: 'unicode', contentType: 'application/json; charset=utf-16le', body: json(artemisBody(id())), expected: { by: 'n8n', status: 422 } });

	// --- duplicate keys (JSON.parse keeps the last)
	const dupLastFine = id();
	add({ name: 'artemis duplicate-keys customerId "x" then a number', group: 'duplicate-keys', contentType: JSON_TYPE, body: utf8(`{"customerId":"x",${JSON.stringify(artemisBody(dupLastFine)).slice(1)}`), expected: accepted(dupLastFine) });
	add({ name: 'artemis duplicate-keys customerId a number then "x"', group: 'duplicate-keys', contentType: JSON_TYPE, body: utf8(withRaw(artemisBody(id()), 'customerId', '"x"')), expected: invalid(['customerId']) });
	add({ name: 'artemis duplicate-keys {"customerId":1,"customerId":"x"} alone', group: 'duplicate-keys', contentType: JSON_TYPE, body: utf8('{"customerId":1,"customerId":"x"}'), expected: invalid(ARTEMIS_REQUIRED) });
	add({ name: 'artemis duplicate-keys status then 5', group: 'duplicate-keys', contentType: JSON_TYPE, body: utf8(withRaw(artemisBody(id()), 'status', '5')), expected: invalid(['status']) });
	add({ name: 'artemis duplicate-keys message then {}', group: 'duplicate-keys', contentType: JSON_TYPE, body: utf8(withRaw(artemisBody(id()), 'message', '{}')), expected: invalid(['message']) });

	// --- prototype keys
	add({ name: 'artemis prototype every field only under __proto__', group: 'prototype', contentType: JSON_TYPE, body: utf8(`{"__proto__":${JSON.stringify(artemisBody(id()))}}`), expected: invalid(ARTEMIS_REQUIRED) });
	add({ name: 'artemis prototype customerId only under __proto__', group: 'prototype', contentType: JSON_TYPE, body: utf8(withRaw(artemisBody(0, { customerId: undefined }), '__proto__', '{"customerId":1}')), expected: invalid(['customerId']) });
	const protoExtra = id();
	add({ name: 'artemis prototype extra __proto__ key', group: 'prototype', contentType: JSON_TYPE, body: utf8(withRaw(artemisBody(protoExtra), '__proto__', '{"polluted":true}')), expected: accepted(protoExtra) });
	const ctor = id();
	add({ name: 'artemis prototype constructor.prototype key', group: 'prototype', contentType: JSON_TYPE, body: json(artemisBody(ctor, { constructor: { prototype: { polluted: true } }, toString: 'x', hasOwnProperty: 1 })), expected: accepted(ctor) });

	// --- content types
	const fineTypes: Array<[string, string]> = [
		['application/json; charset=utf-8', 'application/json; charset=utf-8'],
		['APPLICATION/JSON', 'APPLICATION/JSON'],
		['application/octet-stream', 'application/octet-stream'],
		['application/json; charset=latin1', 'application/json; charset=latin1'],
	];
	for (const [label, type] of fineTypes) {
		const record = id();
		add({ name: `artemis content-type ${label}`, group: 'content-type', contentType: type, body: json(artemisBody(record)), expected: accepted(record) });
	}
	const vnd = id();
	add({
		name: 'artemis content-type application/vnd.api+json',
		group: 'content-type',
		contentType: 'application/vnd.api+json',
		body: json(artemisBody(vnd)),
		expected: accepted(vnd),
	});
	const ows = id();
	add({
		name: 'artemis content-type "application/json ; charset=utf-8" (space before ;)',
		group: 'content-type',
		contentType: 'application/json ; charset=utf-8',
		body: json(artemisBody(ows)),
		expected: accepted(ows),
	});
	const refusedTypes: Array<[string, string, Buffer]> = [
		['application/x-www-form-urlencoded', 'application/x-www-form-urlencoded', utf8('customerId=1&customerReferenceId=C&status=CLEARED')],
		['form field holding JSON', 'application/x-www-form-urlencoded', utf8(`payload=${encodeURIComponent(JSON.stringify(artemisBody(id())))}`)],
		['multipart/form-data fields', 'multipart/form-data; boundary=XyZ', utf8('--XyZ\r\nContent-Disposition: form-data; name="customerId"\r\n\r\n1\r\n--XyZ--\r\n')],
		['multipart/form-data JSON file', 'multipart/form-data; boundary=XyZ', utf8(`--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.json"\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(artemisBody(id()))}\r\n--XyZ--\r\n`)],
		['application/xml', 'application/xml', utf8('<callback><customerId>1</customerId><status>CLEARED</status></callback>')],
		['text/xml', 'text/xml', utf8('<callback><customerId>1</customerId></callback>')],
		['text/plain holding a JSON object', 'text/plain', json(artemisBody(id()))],
		['text/html', 'text/html', utf8('<html><body>{"customerId":1}</body></html>')],
		['text/csv', 'text/csv', utf8('customerId,status\n1,CLEARED\n')],
		['image/png', 'image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
		['"application/json, text/plain" (a list)', 'application/json, text/plain', json(artemisBody(id()))],
		['application/octet-stream holding an array', 'application/octet-stream', utf8('[1,2]')],
		['application/octet-stream holding bytes that are not JSON', 'application/octet-stream', Buffer.from([0x00, 0x01, 0xff])],
		['no content type, bytes that are not JSON', '', utf8('{nope')],
	];
	for (const [label, type, body] of refusedTypes) {
		add({ name: `artemis content-type ${label}`, group: 'content-type', contentType: type === '' ? null : type, body, expected: invalidBody });
	}
	const n8nRefused: Array<[string, string, Buffer]> = [
		['malformed JSON', JSON_TYPE, utf8('{"customerId":1,')],
		['single quotes', JSON_TYPE, utf8("{'customerId':1}")],
		['trailing comma', JSON_TYPE, utf8('{"customerId":1,}')],
		['two objects', JSON_TYPE, utf8('{"a":1}{"b":2}')],
		['unknown charset', 'application/json; charset=no-such-charset', json(artemisBody(id()))],
	];
	for (const [label, type, body] of n8nRefused) {
		add({ name: `artemis content-type ${label} (n8n answers 422)`, group: 'content-type', contentType: type, body, expected: { by: 'n8n', status: 422 } });
	}
	add({
		name: 'artemis content-type malformed XML',
		group: 'content-type',
		contentType: 'application/xml',
		body: utf8('<a><b></a>'),
		expected: { by: 'n8n', status: 422 },
		// n8n 2.41 parses XML with one shared xml2js parser: the first malformed XML body an n8n process
		// sees gets 422, and from then on malformed XML is parsed leniently ({"a":{"b":""}}) and reaches
		// the node, which refuses XML with 400. Either way nothing starts.
		alternative: invalidBody,
		known: { kind: 'doubtful', note: 'n8n answers 422 to the first malformed XML body per process and lets later ones through leniently parsed (shared xml2js parser); the node then refuses them with 400. n8n behaviour; either answer is accepted here.' },
	});

	// --- content encodings
	const gz = id();
	add({ name: 'artemis encoding gzip body', group: 'encoding', contentType: JSON_TYPE, headers: { 'content-encoding': 'gzip' }, body: gzipSync(json(artemisBody(gz))), expected: accepted(gz) });
	add({
		name: 'artemis encoding gzip header, body not gzip',
		group: 'encoding',
		contentType: JSON_TYPE,
		headers: { 'content-encoding': 'gzip' },
		body: json(artemisBody(id())),
		expected: { by: 'n8n', status: 500 },
		known: { kind: 'doubtful', note: 'n8n 2.41 answers 500 "There was a problem executing the workflow" (zlib "incorrect header check") before the node runs: n8n behaviour' },
	});

	// --- methods
	const put = id();
	add({ name: 'artemis method PUT', group: 'method', method: 'PUT', contentType: JSON_TYPE, body: json(artemisBody(put)), expected: accepted(put) });
	add({ name: 'artemis method PATCH with an empty body', group: 'method', method: 'PATCH', contentType: JSON_TYPE, body: Buffer.alloc(0), expected: invalidBody });
	add({ name: 'artemis method PATCH with an array', group: 'method', method: 'PATCH', contentType: JSON_TYPE, body: utf8('[]'), expected: invalidBody });
	add({ name: 'artemis method DELETE (not registered)', group: 'method', method: 'DELETE', contentType: JSON_TYPE, body: json(artemisBody(id())), expected: { by: 'n8n', status: 404 } });
	add({ name: 'artemis method GET (not registered)', group: 'method', method: 'GET', contentType: null, body: Buffer.alloc(0), expected: { by: 'n8n', status: 404 } });

	return cases;
}

// -------------------------------------------------------------------------------------------------
// Artisio

export function artisioBody(uuid: unknown, data: Record<string, unknown> = {}, envelope: Record<string, unknown> = {}): Record<string, unknown> {
	const body: Record<string, unknown> = {
		action: 'UPDATE',
		object: 'LOT',
		data: { uuid, lot_no: '12A', low: '1200.50', high: 1800, status: 'lotted', ...data },
		...envelope,
	};
	for (const [key, value] of Object.entries(envelope)) if (value === undefined) delete body[key];
	const inner = body.data as Record<string, unknown> | undefined;
	if (inner && typeof inner === 'object') for (const [key, value] of Object.entries(data)) if (value === undefined) delete inner[key];
	return body;
}

function artisioCorpus(): CorpusCase[] {
	const cases: CorpusCase[] = [];
	let next = 0;
	const uuid = (): string => `rel-${(next++).toString().padStart(4, '0')}-5f0c8d2e-4a1b`;
	const add = (c: Omit<CorpusCase, 'node'>): void => {
		cases.push({ node: 'artisio', ...c });
	};
	const accepted = (record: string): Expected => ({ by: 'node', status: 200, answer: 'accepted', record });
	const invalid = (paths: string[]): Expected => ({ by: 'node', status: 400, error: 'invalid_payload', paths });
	const invalidBody: Expected = { by: 'node', status: 400, error: 'invalid_body' };
	const JSON_TYPE = 'application/json';
	const ENVELOPE = ['action', 'object', 'data'];

	// --- envelope fields with wrong types, null, missing
	const wrong: Array<[string, unknown]> = [
		['number 5', 5],
		['true', true],
		['{}', {}],
		['[]', []],
		['""', ''],
		['"   "', '   '],
	];
	for (const field of ['action', 'object']) {
		for (const [label, value] of wrong) {
			add({ name: `artisio wrong-type ${field}=${label}`, group: 'wrong-type', contentType: JSON_TYPE, body: json(artisioBody(uuid(), {}, { [field]: value })), expected: invalid([field]) });
		}
		add({ name: `artisio null ${field}`, group: 'null', contentType: JSON_TYPE, body: json(artisioBody(uuid(), {}, { [field]: null })), expected: invalid([field]) });
		add({ name: `artisio missing ${field}`, group: 'missing', contentType: JSON_TYPE, body: json(artisioBody(uuid(), {}, { [field]: undefined })), expected: invalid([field]) });
	}
	const wrongData: Array<[string, unknown]> = [
		['number 5', 5],
		['"x"', 'x'],
		['true', true],
		['[]', []],
		['[{ uuid }]', [{ uuid: 'in-an-array' }]],
		['a string holding JSON', JSON.stringify({ uuid: 'in-a-string' })],
	];
	for (const [label, value] of wrongData) {
		add({ name: `artisio wrong-type data=${label}`, group: 'wrong-type', contentType: JSON_TYPE, body: json(artisioBody(null, {}, { data: value })), expected: invalid(['data']) });
	}
	add({ name: 'artisio null data', group: 'null', contentType: JSON_TYPE, body: json(artisioBody(null, {}, { data: null })), expected: invalid(['data']) });
	add({ name: 'artisio missing data', group: 'missing', contentType: JSON_TYPE, body: json(artisioBody(null, {}, { data: undefined })), expected: invalid(['data']) });
	for (const [label, value] of [...wrong, ['["x"]', ['x']]] as Array<[string, unknown]>) {
		add({ name: `artisio wrong-type data.uuid=${label}`, group: 'wrong-type', contentType: JSON_TYPE, body: json(artisioBody(value)), expected: invalid(['data.uuid']) });
	}
	add({ name: 'artisio null data.uuid', group: 'null', contentType: JSON_TYPE, body: json(artisioBody(null)), expected: invalid(['data.uuid']) });
	add({ name: 'artisio missing data.uuid', group: 'missing', contentType: JSON_TYPE, body: json(artisioBody(undefined, { uuid: undefined })), expected: invalid(['data.uuid']) });
	add({ name: 'artisio every envelope field wrong at once', group: 'wrong-type', contentType: JSON_TYPE, body: json({ action: 1, object: 2, data: 3 }), expected: invalid(ENVELOPE) });

	// --- documented data fields with wrong types: lenient, kept and flagged (accepted)
	const lenient: Array<[string, string, Record<string, unknown>]> = [
		['LOT low "abc"', 'LOT', { low: 'abc' }],
		['LOT quantity 1.5', 'LOT', { quantity: 1.5 }],
		['LOT is_draft "maybe"', 'LOT', { is_draft: 'maybe' }],
		['LOT images "x"', 'LOT', { images: 'x' }],
		['LOT images [5, null, "x"]', 'LOT', { images: [5, null, 'x'] }],
		['LOT dynamic_fields 5', 'LOT', { dynamic_fields: 5 }],
		['CUSTOMER tags 5', 'CUSTOMER', { tags: 5 }],
		['CUSTOMER tags of 200,000 commas', 'CUSTOMER', { tags: `${','.repeat(200_000)}vip` }],
		['CUSTOMER birth_date "not a date"', 'CUSTOMER', { birth_date: 'not a date' }],
		['CUSTOMER addresses {}', 'CUSTOMER', { addresses: {} }],
		['AUCTION start_date "2026-13-45 99:99"', 'AUCTION', { start_date: '2026-13-45 99:99' }],
		['AUCTION start_date year 99999', 'AUCTION', { start_date: '99999-01-01' }],
		['AUCTION title 5', 'AUCTION', { title: 5 }],
		['INVOICE total_amount {}', 'INVOICE', { total_amount: {} }],
		['CATEGORY dynamic_fields_template "x"', 'CATEGORY', { dynamic_fields_template: 'x' }],
		['every documented LOT field null', 'LOT', { auction_uuid: null, lot_no: null, quantity: null, low: null, high: null, images: null, dynamic_fields: null, is_draft: null }],
	];
	for (const [label, object, data] of lenient) {
		const record = uuid();
		add({ name: `artisio lenient ${label}`, group: 'lenient', contentType: JSON_TYPE, body: json(artisioBody(record, data, { object })), expected: accepted(record) });
	}

	// --- empty object, empty body, scalars and arrays
	add({ name: 'artisio empty object {}', group: 'empty', contentType: JSON_TYPE, body: utf8('{}'), expected: invalid(ENVELOPE) });
	add({ name: 'artisio empty data {}', group: 'empty', contentType: JSON_TYPE, body: json({ action: 'UPDATE', object: 'LOT', data: {} }), expected: invalid(['data.uuid']) });
	add({ name: 'artisio empty body, application/json', group: 'empty', contentType: JSON_TYPE, body: Buffer.alloc(0), expected: invalidBody });
	add({ name: 'artisio empty body, no content type', group: 'empty', contentType: null, body: Buffer.alloc(0), expected: invalidBody });
	const scalars: Array<[string, string]> = [
		['42', '42'],
		['"text"', '"text"'],
		['true', 'true'],
		['null', 'null'],
		['[]', '[]'],
		['array holding a valid event', `[${JSON.stringify(artisioBody(uuid()))}]`],
		['a string that itself contains JSON', JSON.stringify(JSON.stringify(artisioBody(uuid())))],
	];
	for (const [label, raw] of scalars) {
		add({ name: `artisio scalar ${label}, application/json`, group: 'scalar', contentType: JSON_TYPE, body: utf8(raw), expected: invalidBody });
		add({ name: `artisio scalar ${label}, no content type`, group: 'scalar', contentType: null, body: utf8(raw), expected: invalidBody });
	}

	// --- sizes
	const bigUuid = `${uuid()}-${megabyte('u')}`;
	add({ name: 'artisio size 1 MB data.uuid', group: 'size', contentType: JSON_TYPE, body: json(artisioBody(bigUuid)), expected: accepted(bigUuid) });
	const bigLow = uuid();
	add({ name: 'artisio size 1 MB data.low (kept and flagged)', group: 'size', contentType: JSON_TYPE, body: json(artisioBody(bigLow, { low: megabyte('low') })), expected: accepted(bigLow) });
	const bigObject = uuid();
	add({ name: 'artisio size 1 MB object name', group: 'size', contentType: JSON_TYPE, body: json(artisioBody(bigObject, {}, { object: megabyte('OBJ') })), expected: accepted(bigObject) });
	const bigAction = uuid();
	add({ name: 'artisio size 1 MB action', group: 'size', contentType: JSON_TYPE, body: json(artisioBody(bigAction, {}, { action: megabyte('ACT') })), expected: accepted(bigAction) });
	const manyImages = uuid();
	add({ name: 'artisio size 20,000 images', group: 'size', contentType: JSON_TYPE, body: json(artisioBody(manyImages, { images: Array.from({ length: 20_000 }, (_, i) => ({ position: String(i), data: { lg: { width: '1600', height: 1200 } } })) })), expected: accepted(manyImages) });
	add({ name: 'artisio size 1 MB string as data', group: 'size', contentType: JSON_TYPE, body: json(artisioBody(null, {}, { data: megabyte('d') })), expected: invalid(['data']) });
	add({
		name: 'artisio size 17 MB body (over N8N_PAYLOAD_SIZE_MAX 16 MiB)',
		group: 'size',
		contentType: JSON_TYPE,
		body: json(artisioBody(uuid(), { note: 'x'.repeat(17 * MB) })),
		expected: { by: 'n8n', status: 500 },
		known: { kind: 'doubtful', note: 'n8n 2.41 answers 500 to a body over its size limit (not 413); the node never runs. n8n behaviour.' },
	});

	// --- depth
	const depthCases = (levels: number, long: boolean): void => {
		const tag = `${levels.toLocaleString('en')} levels`;
		add({ name: `artisio depth body is ${tag} of arrays`, group: 'depth', long, contentType: JSON_TYPE, body: utf8(deepArray(levels)), expected: invalidBody });
		add({ name: `artisio depth body is ${tag} of objects`, group: 'depth', long, contentType: JSON_TYPE, body: utf8(deepObject(levels)), expected: invalid(ENVELOPE) });
		add({ name: `artisio depth data is ${tag} of arrays`, group: 'depth', long, contentType: JSON_TYPE, body: utf8(replaceRaw(artisioBody(null), 'data', deepArray(levels))), expected: invalid(['data']) });
		add({ name: `artisio depth data.uuid is ${tag} of objects`, group: 'depth', long, contentType: JSON_TYPE, body: utf8(`{"action":"UPDATE","object":"LOT","data":{"uuid":${deepObject(levels)}}}`), expected: invalid(['data.uuid']) });
		const nestedInData: Array<[string, string, string]> = [
			['undocumented data field', 'LOT', 'extra'],
			['AUCTION title (Translatable)', 'AUCTION', 'title'],
			['LOT images (list of Image)', 'LOT', 'images'],
			['LOT dynamic_fields', 'LOT', 'dynamic_fields'],
			['CATEGORY dynamic_fields_template', 'CATEGORY', 'dynamic_fields_template'],
			['CUSTOMER addresses', 'CUSTOMER', 'addresses'],
		];
		for (const [label, object, field] of nestedInData) {
			const record = uuid();
			const raw = field === 'images' || field === 'addresses' ? `[${deepObject(levels)}]` : deepObject(levels);
			add({
				name: `artisio depth ${label} ${tag}`,
				group: 'depth',
				long,
				deep: true,
				contentType: JSON_TYPE,
				body: utf8(`{"action":"UPDATE","object":${JSON.stringify(object)},"data":${withRaw({ uuid: record }, field, raw)}}`),
				expected: accepted(record),
			});
		}
		const proto = uuid();
		add({ name: `artisio depth __proto__ key at the bottom of ${tag}`, group: 'depth', long, deep: true, contentType: null, body: utf8(`{"action":"UPDATE","object":"LOT","data":${withRaw({ uuid: proto }, 'extra', deepObject(levels, '{"__proto__":{"polluted":true}}'))}}`), expected: accepted(proto) });
	};
	depthCases(DEPTH, false);
	for (const levels of LONG_DEPTHS) depthCases(levels, true);

	// --- numbers
	const inf = uuid();
	add({ name: 'artisio number 1e400 in data.low, -1e400 in data.high, 1e400 in data.quantity', group: 'number', contentType: JSON_TYPE, body: utf8(`{"action":"UPDATE","object":"LOT","data":{"uuid":${JSON.stringify(inf)},"low":1e400,"high":-1e400,"quantity":1e400}}`), expected: accepted(inf) });
	add({ name: 'artisio number 1e400 as data.uuid', group: 'number', contentType: JSON_TYPE, body: utf8('{"action":"UPDATE","object":"LOT","data":{"uuid":1e400}}'), expected: invalid(['data.uuid']) });
	add({ name: 'artisio number 1e400 as action', group: 'number', contentType: JSON_TYPE, body: utf8(replaceRaw(artisioBody(uuid()), 'action', '1e400')), expected: invalid(['action']) });
	const bigInt = uuid();
	add({ name: 'artisio number 30-digit integer in data.quantity', group: 'number', contentType: JSON_TYPE, body: utf8(`{"action":"UPDATE","object":"LOT","data":{"uuid":${JSON.stringify(bigInt)},"quantity":123456789012345678901234567890}}`), expected: accepted(bigInt) });

	// --- unicode
	const unicodeUuids: Array<[string, string, string]> = [
		['lone high surrogate in data.uuid', '"\\ud800-{id}"', '\ud800-{id}'],
		['NUL in data.uuid', '"a\\u0000-{id}"', 'a\u0000-{id}'],
		['RTL override in data.uuid', '"\\u202e-{id}"', '\u202e-{id}'],
		['emoji in data.uuid', '"\\ud83e\\udd84-{id}"', '\ud83e\udd84-{id}'],
	];
	for (const [label, rawTemplate, recordTemplate] of unicodeUuids) {
		const base = uuid();
		add({
			name: `artisio unicode ${label}`,
			group: 'unicode',
			contentType: JSON_TYPE,
			body: utf8(`{"action":"UPDATE","object":"LOT","data":{"uuid":${rawTemplate.replace('{id}', base)}}}`),
			expected: accepted(recordTemplate.replace('{id}', base)),
		});
	}
	const unicodeEnvelope: Array<[string, Record<string, unknown>]> = [
		['emoji object', { object: '🦄' }],
		['fullwidth action', { action: 'ＵＰＤＡＴＥ' }],
		['zero-width space in object', { object: 'LOT\u200b' }],
		['lone surrogate in action', { action: '\ud800' }],
		['dotless i in object', { object: 'l\u0131t' }],
		['German sharp s in action (toUpperCase changes length)', { action: 'stra\u00dfe' }],
	];
	for (const [label, envelope] of unicodeEnvelope) {
		const record = uuid();
		add({ name: `artisio unicode ${label}`, group: 'unicode', contentType: JSON_TYPE, body: json(artisioBody(record, {}, envelope)), expected: accepted(record) });
	}
	const invalidUtf8 = uuid();
	add({
		name: 'artisio unicode invalid UTF-8 bytes in data.lot_no',
		group: 'unicode',
		contentType: JSON_TYPE,
		body: spliceBytes(JSON.stringify(artisioBody(invalidUtf8, { lot_no: '12@@A' })), '@@', Buffer.from([0xed, 0xa0, 0x80, 0xff])),
		expected: accepted(invalidUtf8),
	});

	// --- duplicate keys
	const dupFine = uuid();
	add({ name: 'artisio duplicate-keys data.uuid 5 then a string', group: 'duplicate-keys', contentType: JSON_TYPE, body: utf8(`{"action":"UPDATE","object":"LOT","data":{"uuid":5,"uuid":${JSON.stringify(dupFine)}}}`), expected: accepted(dupFine) });
	add({ name: 'artisio duplicate-keys data.uuid a string then 5', group: 'duplicate-keys', contentType: JSON_TYPE, body: utf8(`{"action":"UPDATE","object":"LOT","data":{"uuid":${JSON.stringify(uuid())},"uuid":5}}`), expected: invalid(['data.uuid']) });
	add({ name: 'artisio duplicate-keys data then null', group: 'duplicate-keys', contentType: JSON_TYPE, body: utf8(withRaw(artisioBody(uuid()), 'data', 'null')), expected: invalid(['data']) });
	add({ name: 'artisio duplicate-keys action then null', group: 'duplicate-keys', contentType: JSON_TYPE, body: utf8(withRaw(artisioBody(uuid()), 'action', 'null')), expected: invalid(['action']) });

	// --- prototype keys
	add({ name: 'artisio prototype whole event under __proto__', group: 'prototype', contentType: JSON_TYPE, body: utf8(`{"__proto__":${JSON.stringify(artisioBody(uuid()))}}`), expected: invalid(ENVELOPE) });
	add({ name: 'artisio prototype data.uuid under data.__proto__', group: 'prototype', contentType: JSON_TYPE, body: utf8('{"action":"UPDATE","object":"LOT","data":{"__proto__":{"uuid":"from-proto"}}}'), expected: invalid(['data.uuid']) });
	for (const object of ['__proto__', 'constructor', 'hasOwnProperty', 'toString']) {
		const record = uuid();
		add({ name: `artisio prototype object "${object}"`, group: 'prototype', contentType: JSON_TYPE, body: json(artisioBody(record, {}, { object })), expected: accepted(record) });
	}
	const dataProto = uuid();
	add({ name: 'artisio prototype extra data.__proto__ and data.constructor', group: 'prototype', contentType: JSON_TYPE, body: utf8(`{"action":"UPDATE","object":"LOT","data":{"uuid":${JSON.stringify(dataProto)},"__proto__":{"polluted":true},"constructor":null}}`), expected: accepted(dataProto) });

	// --- content types
	for (const [label, type] of [
		['application/json; charset=utf-8', 'application/json; charset=utf-8'],
		['application/octet-stream', 'application/octet-stream'],
		['no content type', ''],
	] as Array<[string, string]>) {
		const record = uuid();
		add({ name: `artisio content-type ${label}`, group: 'content-type', contentType: type === '' ? null : type, body: json(artisioBody(record)), expected: accepted(record) });
	}
	const vnd = uuid();
	add({
		name: 'artisio content-type application/vnd.artisio+json',
		group: 'content-type',
		contentType: 'application/vnd.artisio+json',
		body: json(artisioBody(vnd)),
		expected: accepted(vnd),
	});
	for (const [label, type, body] of [
		['application/x-www-form-urlencoded', 'application/x-www-form-urlencoded', utf8('action=UPDATE&object=LOT&data[uuid]=x')],
		['multipart/form-data', 'multipart/form-data; boundary=XyZ', utf8('--XyZ\r\nContent-Disposition: form-data; name="action"\r\n\r\nUPDATE\r\n--XyZ--\r\n')],
		['application/xml', 'application/xml', utf8('<event><action>UPDATE</action><object>LOT</object><data><uuid>x</uuid></data></event>')],
		['text/plain holding a JSON object', 'text/plain', json(artisioBody(uuid()))],
		['application/octet-stream holding a string', 'application/octet-stream', utf8('"x"')],
	] as Array<[string, string, Buffer]>) {
		add({ name: `artisio content-type ${label}`, group: 'content-type', contentType: type, body, expected: invalidBody });
	}
	add({ name: 'artisio content-type malformed JSON (n8n answers 422)', group: 'content-type', contentType: JSON_TYPE, body: utf8('{"action":'), expected: { by: 'n8n', status: 422 } });
	const gz = uuid();
	add({ name: 'artisio encoding gzip body', group: 'encoding', contentType: JSON_TYPE, headers: { 'content-encoding': 'gzip' }, body: gzipSync(json(artisioBody(gz))), expected: accepted(gz) });

	// --- methods
	add({ name: 'artisio method PUT (not registered)', group: 'method', method: 'PUT', contentType: JSON_TYPE, body: json(artisioBody(uuid())), expected: { by: 'n8n', status: 404 } });
	add({ name: 'artisio method GET (not registered)', group: 'method', method: 'GET', contentType: null, body: Buffer.alloc(0), expected: { by: 'n8n', status: 404 } });

	return cases;
}

/** The whole malformed-body corpus (long cases only with RELIABILITY_LONG=1). */
export function malformedCorpus(options: { long?: boolean } = {}): CorpusCase[] {
	const long = options.long ?? LONG;
	const all = [...artemisCorpus(), ...artisioCorpus()].filter((c) => long || c.long !== true);
	const names = new Set<string>();
	for (const c of all) {
		if (names.has(c.name)) throw new Error(`duplicate corpus case name: ${c.name}`);
		names.add(c.name);
	}
	return all;
}

// -------------------------------------------------------------------------------------------------
// Answers

export interface Answer {
	status: number;
	headers: Record<string, string>;
	text: string;
	json: unknown;
}

/** Answers of the node are short: even 1 MB values are quoted at most 40 characters. */
export const MAX_ANSWER_BYTES = 2048;

/** `checkAnswer` against the case's expected answer, or its alternative when it has one. */
export function checkCase(c: CorpusCase, answer: Answer): string[] {
	const problems = checkAnswer(c.expected, answer);
	if (problems.length === 0 || c.alternative === undefined) return problems;
	return checkAnswer(c.alternative, answer).length === 0 ? [] : problems;
}

/** What is wrong with an answer, as readable lines (empty: the answer is the expected one). */
export function checkAnswer(expected: Expected, answer: Answer): string[] {
	const problems: string[] = [];
	if (answer.status !== expected.status) return [`status ${answer.status}, expected ${expected.status}: ${answer.text.slice(0, 300)}`];
	if (expected.by === 'n8n') {
		if (expected.status === 422 && answer.status === 422) {
			const message = (answer.json as { message?: unknown } | undefined)?.message;
			if (message !== 'Failed to parse request body') problems.push(`422 without n8n's parse message: ${answer.text.slice(0, 200)}`);
		}
		return problems;
	}
	if (!/^application\/json/.test(answer.headers['content-type'] ?? '')) problems.push(`content-type ${answer.headers['content-type'] ?? '(none)'}`);
	if (Buffer.byteLength(answer.text) > MAX_ANSWER_BYTES) problems.push(`answer of ${Buffer.byteLength(answer.text)} bytes (over ${MAX_ANSWER_BYTES})`);
	const body = answer.json as { status?: unknown; error?: unknown; message?: unknown; issues?: unknown } | undefined;
	if (expected.status === 200) {
		if (JSON.stringify(body) !== JSON.stringify({ status: expected.answer })) problems.push(`answer ${answer.text.slice(0, 200)}, expected {"status":"${expected.answer}"}`);
		return problems;
	}
	if (body?.status !== 'rejected') problems.push(`status field ${String(body?.status)}, expected rejected`);
	if (body?.error !== expected.error) problems.push(`error ${String(body?.error)}, expected ${expected.error}: ${String(body?.message).slice(0, 200)}`);
	if (typeof body?.message !== 'string' || body.message === '') problems.push('no message');
	if (!Array.isArray(body?.issues)) problems.push('no issues array');
	else if (expected.paths) {
		const paths = (body.issues as Array<{ path?: unknown }>).map((issue) => String(issue.path)).sort();
		const want = [...expected.paths].sort();
		if (JSON.stringify(paths) !== JSON.stringify(want)) problems.push(`issue paths ${JSON.stringify(paths)}, expected ${JSON.stringify(want)}`);
	}
	return problems;
}

// -------------------------------------------------------------------------------------------------
// Authorization corpus (Artisio)

export interface AuthCase {
	name: string;
	/**
	 * Authorization header values as they go on the wire (latin1: one char per byte); several
	 * values send several headers. `undefined`: no Authorization header.
	 */
	authorization?: string | string[];
	/** Other headers, wire strings too. */
	headers?: Array<[string, string]>;
	/** Appended to the URL. */
	query?: string;
	/** Fields added to the (valid) body. */
	bodyExtra?: Record<string, unknown>;
	expected: 'accepted' | 401;
	known?: Known;
}

/** UTF-8 bytes of `text` as a latin1 string: how non-ASCII really travels in a header. */
export const wire = (text: string): string => Buffer.from(text, 'utf8').toString('latin1');

const swapCase = (text: string): string =>
	[...text].map((ch) => (ch === ch.toUpperCase() ? ch.toLowerCase() : ch.toUpperCase())).join('');

/**
 * `token` must mix upper- and lower-case letters and contain an `a` and an `e` (for the look-alikes).
 * Valid forms, per `nodes/shared/bearer.ts` (`/^Bearer +(.+)$/i`, exact token) and HTTP itself:
 * the scheme in any case, one or more spaces after it; whitespace around the whole value is not part
 * of the value (RFC 9110 §5.5, Node's parser strips it), so it passes too.
 */
export function authCorpus(token: string): AuthCase[] {
	if (token === token.toUpperCase() || token === token.toLowerCase() || !token.includes('a') || !token.includes('e')) {
		throw new Error('authCorpus needs a token with upper- and lower-case letters, an "a" and an "e"');
	}
	const ok = (name: string, authorization: string | string[], extra: Partial<AuthCase> = {}): AuthCase => ({ name, authorization, expected: 'accepted', ...extra });
	const no = (name: string, authorization: string | string[] | undefined, extra: Partial<AuthCase> = {}): AuthCase => ({ name, authorization, expected: 401, ...extra });
	const b64 = (text: string): string => Buffer.from(text).toString('base64');
	return [
		// Valid forms
		ok('Bearer <token>', `Bearer ${token}`),
		ok('bearer <token> (scheme lower case)', `bearer ${token}`),
		ok('BEARER <token> (scheme upper case)', `BEARER ${token}`),
		ok('BeArEr <token> (scheme mixed case)', `BeArEr ${token}`),
		ok('two spaces after the scheme', `Bearer  ${token}`),
		ok('eight spaces after the scheme', `Bearer        ${token}`),
		ok('leading spaces before the scheme (optional whitespace, stripped by HTTP)', `   Bearer ${token}`),
		ok('leading tab before the scheme (optional whitespace, stripped by HTTP)', `\tBearer ${token}`),
		ok('trailing spaces after the token (optional whitespace, stripped by HTTP)', `Bearer ${token}   `),
		ok('trailing tab after the token (optional whitespace, stripped by HTTP)', `Bearer ${token}\t`),
		{ name: 'header name in upper case (AUTHORIZATION)', headers: [['AUTHORIZATION', `Bearer ${token}`]], expected: 'accepted' },
		// Missing or empty
		no('no Authorization header', undefined),
		no('empty Authorization header', ''),
		no('"Bearer" alone', 'Bearer'),
		no('"Bearer " with an empty token', 'Bearer '),
		no('"Bearer" and spaces only', 'Bearer      '),
		no('"Bearer" and a tab only', 'Bearer\t'),
		// Other schemes
		no('Basic with the token', `Basic ${token}`),
		no('Basic base64(user:token)', `Basic ${b64(`artisio:${token}`)}`),
		no('Basic base64(token:)', `Basic ${b64(`${token}:`)}`),
		no('Token <token>', `Token ${token}`),
		no('Token token=<token>', `Token token=${token}`),
		no('Digest with the token', `Digest username="artisio", realm="n8n", response="${token}"`),
		no('Bearer2 <token>', `Bearer2 ${token}`),
		no('"Bear <token>"', `Bear ${token}`),
		no('the token alone, no scheme', token),
		no('BearerToken without a space', `Bearer${token}`),
		no('"Bearer: <token>"', `Bearer: ${token}`),
		no('Bearer twice', `Bearer Bearer ${token}`),
		// Token variations
		no('a wrong token', 'Bearer wrong-token'),
		no('one character missing at the end', `Bearer ${token.slice(0, -1)}`),
		no('one character missing at the start', `Bearer ${token.slice(1)}`),
		no('one character extra at the end', `Bearer ${token}x`),
		no('one character extra at the start', `Bearer x${token}`),
		no('the token twice', `Bearer ${token}${token}`),
		no('the token twice, space-separated', `Bearer ${token} ${token}`),
		no('the token, a comma and the token', `Bearer ${token}, Bearer ${token}`),
		no('a trailing comma', `Bearer ${token},`),
		no('the token in quotes', `Bearer "${token}"`),
		no('the token in angle brackets', `Bearer <${token}>`),
		no('the token upper-cased', `Bearer ${token.toUpperCase()}`),
		no('the token lower-cased', `Bearer ${token.toLowerCase()}`),
		no('the token with its case swapped', `Bearer ${swapCase(token)}`),
		no('the token base64-encoded', `Bearer ${b64(token)}`),
		no('the token percent-encoded', `Bearer ${[...token].map((ch) => `%${ch.charCodeAt(0).toString(16)}`).join('')}`),
		// Whitespace inside
		no('a tab instead of the space after the scheme', `Bearer\t${token}`),
		no('a space then a tab after the scheme', `Bearer \t${token}`),
		no('a space inside the token', `Bearer ${token.slice(0, 5)} ${token.slice(5)}`),
		no('a tab inside the token', `Bearer ${token.slice(0, 5)}\t${token.slice(5)}`),
		no('a no-break space (0xA0) after the scheme', `Bearer\u00a0${token}`),
		no('a no-break space (0xA0) after the token', `Bearer ${token}\u00a0`),
		no('a UTF-8 no-break space after the scheme', wire(`Bearer\u00a0${token}`)),
		no('an ideographic space after the scheme', wire(`Bearer\u3000${token}`)),
		// Unicode look-alikes (their UTF-8 bytes on the wire)
		no('Cyrillic "В" and "е" in the scheme', wire(`\u0412\u0435arer ${token}`)),
		no('fullwidth scheme', wire(`\uff22\uff45\uff41\uff52\uff45\uff52 ${token}`)),
		no('Cyrillic "а" for "a" in the token', wire(`Bearer ${token.replace('a', '\u0430')}`)),
		no('Cyrillic "е" for "e" in the token', wire(`Bearer ${token.replace('e', '\u0435')}`)),
		no('a zero-width space after the token', wire(`Bearer ${token}\u200b`)),
		no('a zero-width joiner inside the token', wire(`Bearer ${token.slice(0, 4)}\u200d${token.slice(4)}`)),
		no('an RTL mark before the token', wire(`Bearer \u200f${token}`)),
		no('a BOM before the scheme', wire(`\ufeffBearer ${token}`)),
		no('the token in fullwidth characters', wire(`Bearer ${[...token].map((ch) => (ch >= '!' && ch <= '~' ? String.fromCharCode(ch.charCodeAt(0) + 0xfee0) : ch)).join('')}`)),
		// Several Authorization headers (Node keeps the first and drops the others)
		no('two headers: a wrong one, then the valid one', ['Bearer wrong-token', `Bearer ${token}`]),
		no('two headers: an empty one, then the valid one', ['', `Bearer ${token}`]),
		ok('two headers: the valid one, then a wrong one', [`Bearer ${token}`, 'Bearer wrong-token'], {
			known: {
				kind: 'doubtful',
				note: 'Authorization is a singleton header: a request with two is malformed (RFC 9110 §5.3), but Node keeps the first and drops the rest, so bearer.ts never sees the second (its string[] branch is unreachable in n8n). Not a bypass: the valid token is still required. Checking req.rawHeaders would refuse it.',
			},
		}),
		ok('two identical valid headers', [`Bearer ${token}`, `Bearer ${token}`], {
			known: { kind: 'doubtful', note: 'same as above: the duplicate is dropped by Node before the node runs' },
		}),
		// The token elsewhere
		no('the token in the query string', undefined, { query: `?token=${token}&access_token=${token}&authorization=Bearer%20${token}` }),
		no('the token in the body', undefined, { bodyExtra: { token, access_token: token, authorization: `Bearer ${token}` } }),
		no('the token in X-Authorization', undefined, { headers: [['X-Authorization', `Bearer ${token}`]] }),
		no('the token in Proxy-Authorization', undefined, { headers: [['Proxy-Authorization', `Bearer ${token}`]] }),
		no('the token in a cookie', undefined, { headers: [['Cookie', `token=${token}; Authorization=Bearer ${token}`]] }),
		no('the token in X-Api-Key', undefined, { headers: [['X-Api-Key', token]] }),
		no('the valid header under another name: Authorisation', undefined, { headers: [['Authorisation', `Bearer ${token}`]] }),
	];
}
