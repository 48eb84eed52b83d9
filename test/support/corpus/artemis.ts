/** The Artemis part of the malformed-body corpus. */
import { gzipSync } from 'node:zlib';

import { artemisCallback } from '../payloads';
import {
	accepted,
	deepArray,
	deepObject,
	DEPTH,
	invalid,
	invalidBody,
	JSON_TYPE,
	json,
	LONG_DEPTHS,
	MB,
	megabyte,
	replaceRaw,
	spliceBytes,
	utf8,
	withRaw,
} from './build';
import type { CorpusCase } from './types';

const ARTEMIS_REQUIRED = [
	'customerId',
	'customerReferenceId',
	'profileReferenceId',
	'status',
	'action',
	'customerType',
];
const ARTEMIS_TEXT_FIELDS = [
	'customerReferenceId',
	'profileReferenceId',
	'status',
	'action',
	'customerType',
];

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

export function artemisCorpus(): CorpusCase[] {
	const cases: CorpusCase[] = [];
	let nextId = 710_000;
	const id = (): number => nextId++;
	const add = (c: Omit<CorpusCase, 'node'>): void => {
		cases.push({ node: 'artemis', ...c });
	};

	// --- every documented field with a wrong type, null, missing
	for (const field of ARTEMIS_TEXT_FIELDS) {
		for (const [label, value] of WRONG_FOR_TEXT) {
			add({
				name: `artemis wrong-type ${field}=${label}`,
				group: 'wrong-type',
				contentType: JSON_TYPE,
				body: json(artemisCallback({ [field]: value }, { customer: id() })),
				expected: invalid([field]),
			});
		}
		add({
			name: `artemis null ${field}`,
			group: 'null',
			contentType: JSON_TYPE,
			body: json(artemisCallback({ [field]: null }, { customer: id() })),
			expected: invalid([field]),
		});
		add({
			name: `artemis missing ${field}`,
			group: 'missing',
			contentType: JSON_TYPE,
			body: json(artemisCallback({ [field]: undefined }, { customer: id() })),
			expected: invalid([field]),
		});
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
			group:
				label.includes('e400') || label.includes('safe') || label.includes('digit number')
					? 'number'
					: 'wrong-type',
			contentType: JSON_TYPE,
			body: utf8(replaceRaw(artemisCallback({}, { customer: 0 }), 'customerId', raw)),
			expected: invalid(['customerId']),
		});
	}
	add({
		name: 'artemis missing customerId',
		group: 'missing',
		contentType: JSON_TYPE,
		body: json(artemisCallback({ customerId: undefined }, { customer: 0 })),
		expected: invalid(['customerId']),
	});
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
		add({
			name: `artemis number customerId=${label}`,
			group: 'number',
			contentType: JSON_TYPE,
			body: utf8(replaceRaw(artemisCallback({}, { customer: 0 }), 'customerId', raw)),
			expected: accepted(record),
		});
	}
	for (const field of ['riskRating', 'message']) {
		for (const [label, value] of [
			['number 5', 5],
			['true', true],
			['{}', {}],
			['[]', []],
		] as Array<[string, unknown]>) {
			add({
				name: `artemis wrong-type ${field}=${label}`,
				group: 'wrong-type',
				contentType: JSON_TYPE,
				body: json(artemisCallback({ [field]: value }, { customer: id() })),
				expected: invalid([field]),
			});
		}
		const nullId = id();
		add({
			name: `artemis null ${field} (nullable)`,
			group: 'null',
			contentType: JSON_TYPE,
			body: json(artemisCallback({ [field]: null }, { customer: nullId })),
			expected: accepted(nullId),
		});
		const missingId = id();
		add({
			name: `artemis missing ${field} (optional)`,
			group: 'missing',
			contentType: JSON_TYPE,
			body: json(artemisCallback({ [field]: undefined }, { customer: missingId })),
			expected: accepted(missingId),
		});
	}
	add({
		name: 'artemis every field wrong at once',
		group: 'wrong-type',
		contentType: JSON_TYPE,
		body: json({
			customerId: 'x',
			customerReferenceId: 1,
			profileReferenceId: 2,
			status: 3,
			action: 4,
			customerType: 5,
			riskRating: 6,
			message: 7,
		}),
		expected: invalid([...ARTEMIS_REQUIRED, 'riskRating', 'message']),
	});

	// --- empty object, empty body, scalars and arrays
	add({
		name: 'artemis empty object {}',
		group: 'empty',
		contentType: JSON_TYPE,
		body: utf8('{}'),
		expected: invalid(ARTEMIS_REQUIRED),
	});
	add({
		name: 'artemis empty body, application/json',
		group: 'empty',
		contentType: JSON_TYPE,
		body: Buffer.alloc(0),
		expected: invalidBody,
	});
	add({
		name: 'artemis empty body, no content type',
		group: 'empty',
		contentType: null,
		body: Buffer.alloc(0),
		expected: invalidBody,
	});
	add({
		name: 'artemis whitespace-only body, no content type',
		group: 'empty',
		contentType: null,
		body: utf8(' \n\t '),
		expected: invalidBody,
	});
	add({
		name: 'artemis whitespace-only body, application/json',
		group: 'empty',
		contentType: JSON_TYPE,
		body: utf8(' \n\t '),
		expected: { by: 'n8n', status: 422 },
	});
	const scalars: Array<[string, string]> = [
		['42', '42'],
		['-0.5', '-0.5'],
		['"text"', '"text"'],
		['true', 'true'],
		['false', 'false'],
		['null', 'null'],
		['[]', '[]'],
		['[{}]', '[{}]'],
		[
			'array holding a valid callback',
			`[${JSON.stringify(artemisCallback({}, { customer: id() }))}]`,
		],
		[
			'a string that itself contains JSON',
			JSON.stringify(JSON.stringify(artemisCallback({}, { customer: id() }))),
		],
		['1e400', '1e400'],
	];
	for (const [label, raw] of scalars) {
		add({
			name: `artemis scalar ${label}, application/json`,
			group: 'scalar',
			contentType: JSON_TYPE,
			body: utf8(raw),
			expected: invalidBody,
		});
		add({
			name: `artemis scalar ${label}, no content type`,
			group: 'scalar',
			contentType: null,
			body: utf8(raw),
			expected: invalidBody,
		});
	}

	// --- sizes
	const bigRef = id();
	add({
		name: 'artemis size 1 MB customerReferenceId',
		group: 'size',
		contentType: JSON_TYPE,
		body: json(artemisCallback({ customerReferenceId: megabyte('ref') }, { customer: bigRef })),
		expected: accepted(bigRef),
	});
	const bigMessage = id();
	add({
		name: 'artemis size 1 MB message',
		group: 'size',
		contentType: JSON_TYPE,
		body: json(artemisCallback({ message: megabyte('msg') }, { customer: bigMessage })),
		expected: accepted(bigMessage),
	});
	const bigExtra = id();
	add({
		name: 'artemis size 1 MB undocumented field',
		group: 'size',
		contentType: JSON_TYPE,
		body: json(artemisCallback({ note: megabyte('note') }, { customer: bigExtra })),
		expected: accepted(bigExtra),
	});
	const bigKey = id();
	add({
		name: 'artemis size 1 MB key',
		group: 'size',
		contentType: JSON_TYPE,
		body: json(artemisCallback({ [megabyte('k')]: 1 }, { customer: bigKey })),
		expected: accepted(bigKey),
	});
	const wideArray = id();
	add({
		name: 'artemis size 200,000-element array',
		group: 'size',
		contentType: JSON_TYPE,
		body: utf8(
			withRaw(artemisCallback({}, { customer: wideArray }), 'list', `[${'0,'.repeat(199_999)}0]`),
		),
		expected: accepted(wideArray),
	});
	const wideObject = id();
	add({
		name: 'artemis size object with 50,000 keys',
		group: 'size',
		contentType: JSON_TYPE,
		body: json(
			artemisCallback(
				{ map: Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, i])) },
				{ customer: wideObject },
			),
		),
		expected: accepted(wideObject),
	});
	add({
		name: 'artemis size 1 MB string as customerId',
		group: 'size',
		contentType: JSON_TYPE,
		body: json(artemisCallback({}, { customer: megabyte('9x') })),
		expected: invalid(['customerId']),
	});
	add({
		name: 'artemis size 1 MB string array as status',
		group: 'size',
		contentType: JSON_TYPE,
		body: json(artemisCallback({ status: [megabyte('s')] }, { customer: id() })),
		expected: invalid(['status']),
	});
	add({
		name: 'artemis size 17 MB body (over N8N_PAYLOAD_SIZE_MAX 16 MiB)',
		group: 'size',
		contentType: JSON_TYPE,
		body: json(artemisCallback({ note: 'x'.repeat(17 * MB) }, { customer: id() })),
		expected: { by: 'n8n', status: 500 },
		known: {
			kind: 'doubtful',
			note: 'n8n 2.41 answers 500 "There was a problem executing the workflow" to a body over its size limit (not 413); the node never runs. n8n behaviour, README Limits could say so.',
		},
	});

	// --- depth
	const depthCases = (levels: number, long: boolean): void => {
		const tag = `${levels.toLocaleString('en')} levels`;
		add({
			name: `artemis depth body is ${tag} of arrays`,
			group: 'depth',
			long,
			contentType: JSON_TYPE,
			body: utf8(deepArray(levels)),
			expected: invalidBody,
		});
		add({
			name: `artemis depth body is ${tag} of objects`,
			group: 'depth',
			long,
			contentType: JSON_TYPE,
			body: utf8(deepObject(levels)),
			expected: invalid(ARTEMIS_REQUIRED),
		});
		add({
			name: `artemis depth status is ${tag} of arrays`,
			group: 'depth',
			long,
			contentType: JSON_TYPE,
			body: utf8(replaceRaw(artemisCallback({}, { customer: id() }), 'status', deepArray(levels))),
			expected: invalid(['status']),
		});
		add({
			name: `artemis depth customerId is ${tag} of objects`,
			group: 'depth',
			long,
			contentType: JSON_TYPE,
			body: utf8(
				replaceRaw(artemisCallback({}, { customer: 0 }), 'customerId', deepObject(levels)),
			),
			expected: invalid(['customerId']),
		});
		const a = id();
		add({
			name: `artemis depth undocumented field ${tag} of arrays`,
			group: 'depth',
			long,
			deep: true,
			contentType: JSON_TYPE,
			body: utf8(withRaw(artemisCallback({}, { customer: a }), 'extra', deepArray(levels))),
			expected: accepted(a),
		});
		const b = id();
		add({
			name: `artemis depth undocumented field ${tag} of objects, no content type`,
			group: 'depth',
			long,
			deep: true,
			contentType: null,
			body: utf8(withRaw(artemisCallback({}, { customer: b }), 'extra', deepObject(levels))),
			expected: accepted(b),
		});
		const c = id();
		add({
			name: `artemis depth __proto__ key at the bottom of ${tag}`,
			group: 'depth',
			long,
			deep: true,
			contentType: JSON_TYPE,
			body: utf8(
				withRaw(
					artemisCallback({}, { customer: c }),
					'extra',
					deepObject(levels, '{"__proto__":{"polluted":true}}'),
				),
			),
			expected: accepted(c),
		});
	};
	depthCases(DEPTH, false);
	for (const levels of LONG_DEPTHS) depthCases(levels, true);

	// --- huge and non-finite numbers elsewhere
	const infExtra = id();
	add({
		name: 'artemis number 1e400 in an undocumented field',
		group: 'number',
		contentType: JSON_TYPE,
		body: utf8(withRaw(artemisCallback({}, { customer: infExtra }), 'amount', '1e400')),
		expected: accepted(infExtra),
	});
	add({
		name: 'artemis number 1e400 as status',
		group: 'number',
		contentType: JSON_TYPE,
		body: utf8(replaceRaw(artemisCallback({}, { customer: id() }), 'status', '1e400')),
		expected: invalid(['status']),
	});
	add({
		name: 'artemis number NaN (not JSON)',
		group: 'number',
		contentType: JSON_TYPE,
		body: utf8(replaceRaw(artemisCallback({}, { customer: 0 }), 'customerId', 'NaN')),
		expected: { by: 'n8n', status: 422 },
	});
	add({
		name: 'artemis number Infinity literal (not JSON)',
		group: 'number',
		contentType: null,
		body: utf8(replaceRaw(artemisCallback({}, { customer: 0 }), 'customerId', 'Infinity')),
		expected: invalidBody,
	});

	// --- odd unicode
	const unicodeFine: Array<[string, string, string]> = [
		['lone high surrogate in customerReferenceId', 'customerReferenceId', '"\\ud800"'],
		[
			'lone low surrogate then high in customerReferenceId',
			'customerReferenceId',
			'"\\udc00x\\ud800"',
		],
		['NUL inside customerReferenceId', 'customerReferenceId', '"a\\u0000b"'],
		['RTL override before status', 'status', '"\\u202eCLEARED"'],
		['zero-width space after status', 'status', '"CLEARED\\u200b"'],
		['emoji customerType', 'customerType', '"\\ud83e\\udd84"'],
		['emoji in message, raw UTF-8', 'message', '"unicorn 🦄 ok"'],
		['RTL marks in profileReferenceId', 'profileReferenceId', '"\\u200fPRF\\u200e-77"'],
	];
	for (const [label, field, raw] of unicodeFine) {
		const record = id();
		add({
			name: `artemis unicode ${label}`,
			group: 'unicode',
			contentType: JSON_TYPE,
			body: utf8(replaceRaw(artemisCallback({}, { customer: record }), field, raw)),
			expected: accepted(record),
		});
	}
	const nulKey = id();
	add({
		name: 'artemis unicode NUL and lone-surrogate keys',
		group: 'unicode',
		contentType: JSON_TYPE,
		body: utf8(
			`${JSON.stringify(artemisCallback({}, { customer: nulKey })).slice(0, -1)},"\\u0000":1,"\\ud800":2}`,
		),
		expected: accepted(nulKey),
	});
	const invalidUtf8 = id();
	add({
		name: 'artemis unicode invalid UTF-8 bytes in customerReferenceId',
		group: 'unicode',
		contentType: JSON_TYPE,
		body: spliceBytes(
			JSON.stringify(
				artemisCallback({ customerReferenceId: 'CUST-@@' }, { customer: invalidUtf8 }),
			),
			'@@',
			Buffer.from([0xff, 0xfe, 0xc0, 0x80]),
		),
		expected: accepted(invalidUtf8),
	});
	const bom = id();
	add({
		name: 'artemis unicode UTF-8 BOM, application/json',
		group: 'unicode',
		contentType: JSON_TYPE,
		body: utf8(`\ufeff${JSON.stringify(artemisCallback({}, { customer: bom }))}`),
		expected: accepted(bom),
	});
	const bomRaw = id();
	add({
		name: 'artemis unicode UTF-8 BOM, no content type',
		group: 'unicode',
		contentType: null,
		body: utf8(`\ufeff${JSON.stringify(artemisCallback({}, { customer: bomRaw }))}`),
		expected: accepted(bomRaw),
	});
	const utf16 = id();
	add({
		name: 'artemis unicode UTF-16LE body with charset=utf-16le',
		group: 'unicode',
		contentType: 'application/json; charset=utf-16le',
		body: Buffer.from(JSON.stringify(artemisCallback({}, { customer: utf16 })), 'utf16le'),
		expected: accepted(utf16),
	});
	add({
		name: 'artemis unicode UTF-8 body declared charset=utf-16le',
		group: 'unicode',
		contentType: 'application/json; charset=utf-16le',
		body: json(artemisCallback({}, { customer: id() })),
		expected: { by: 'n8n', status: 422 },
	});

	// --- duplicate keys (JSON.parse keeps the last)
	const dupLastFine = id();
	add({
		name: 'artemis duplicate-keys customerId "x" then a number',
		group: 'duplicate-keys',
		contentType: JSON_TYPE,
		body: utf8(
			`{"customerId":"x",${JSON.stringify(artemisCallback({}, { customer: dupLastFine })).slice(1)}`,
		),
		expected: accepted(dupLastFine),
	});
	add({
		name: 'artemis duplicate-keys customerId a number then "x"',
		group: 'duplicate-keys',
		contentType: JSON_TYPE,
		body: utf8(withRaw(artemisCallback({}, { customer: id() }), 'customerId', '"x"')),
		expected: invalid(['customerId']),
	});
	add({
		name: 'artemis duplicate-keys {"customerId":1,"customerId":"x"} alone',
		group: 'duplicate-keys',
		contentType: JSON_TYPE,
		body: utf8('{"customerId":1,"customerId":"x"}'),
		expected: invalid(ARTEMIS_REQUIRED),
	});
	add({
		name: 'artemis duplicate-keys status then 5',
		group: 'duplicate-keys',
		contentType: JSON_TYPE,
		body: utf8(withRaw(artemisCallback({}, { customer: id() }), 'status', '5')),
		expected: invalid(['status']),
	});
	add({
		name: 'artemis duplicate-keys message then {}',
		group: 'duplicate-keys',
		contentType: JSON_TYPE,
		body: utf8(withRaw(artemisCallback({}, { customer: id() }), 'message', '{}')),
		expected: invalid(['message']),
	});

	// --- prototype keys
	add({
		name: 'artemis prototype every field only under __proto__',
		group: 'prototype',
		contentType: JSON_TYPE,
		body: utf8(`{"__proto__":${JSON.stringify(artemisCallback({}, { customer: id() }))}}`),
		expected: invalid(ARTEMIS_REQUIRED),
	});
	add({
		name: 'artemis prototype customerId only under __proto__',
		group: 'prototype',
		contentType: JSON_TYPE,
		body: utf8(
			withRaw(
				artemisCallback({ customerId: undefined }, { customer: 0 }),
				'__proto__',
				'{"customerId":1}',
			),
		),
		expected: invalid(['customerId']),
	});
	const protoExtra = id();
	add({
		name: 'artemis prototype extra __proto__ key',
		group: 'prototype',
		contentType: JSON_TYPE,
		body: utf8(
			withRaw(artemisCallback({}, { customer: protoExtra }), '__proto__', '{"polluted":true}'),
		),
		expected: accepted(protoExtra),
	});
	const ctor = id();
	add({
		name: 'artemis prototype constructor.prototype key',
		group: 'prototype',
		contentType: JSON_TYPE,
		body: json(
			artemisCallback(
				{ constructor: { prototype: { polluted: true } }, toString: 'x', hasOwnProperty: 1 },
				{ customer: ctor },
			),
		),
		expected: accepted(ctor),
	});

	// --- content types
	const fineTypes: Array<[string, string]> = [
		['application/json; charset=utf-8', 'application/json; charset=utf-8'],
		['APPLICATION/JSON', 'APPLICATION/JSON'],
		['application/octet-stream', 'application/octet-stream'],
		['application/json; charset=latin1', 'application/json; charset=latin1'],
	];
	for (const [label, type] of fineTypes) {
		const record = id();
		add({
			name: `artemis content-type ${label}`,
			group: 'content-type',
			contentType: type,
			body: json(artemisCallback({}, { customer: record })),
			expected: accepted(record),
		});
	}
	const vnd = id();
	add({
		name: 'artemis content-type application/vnd.api+json',
		group: 'content-type',
		contentType: 'application/vnd.api+json',
		body: json(artemisCallback({}, { customer: vnd })),
		expected: accepted(vnd),
	});
	const ows = id();
	add({
		name: 'artemis content-type "application/json ; charset=utf-8" (space before ;)',
		group: 'content-type',
		contentType: 'application/json ; charset=utf-8',
		body: json(artemisCallback({}, { customer: ows })),
		expected: accepted(ows),
	});
	const refusedTypes: Array<[string, string, Buffer]> = [
		[
			'application/x-www-form-urlencoded',
			'application/x-www-form-urlencoded',
			utf8('customerId=1&customerReferenceId=C&status=CLEARED'),
		],
		[
			'form field holding JSON',
			'application/x-www-form-urlencoded',
			utf8(
				`payload=${encodeURIComponent(JSON.stringify(artemisCallback({}, { customer: id() })))}`,
			),
		],
		[
			'multipart/form-data fields',
			'multipart/form-data; boundary=XyZ',
			utf8('--XyZ\r\nContent-Disposition: form-data; name="customerId"\r\n\r\n1\r\n--XyZ--\r\n'),
		],
		[
			'multipart/form-data JSON file',
			'multipart/form-data; boundary=XyZ',
			utf8(
				`--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.json"\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(artemisCallback({}, { customer: id() }))}\r\n--XyZ--\r\n`,
			),
		],
		[
			'application/xml',
			'application/xml',
			utf8('<callback><customerId>1</customerId><status>CLEARED</status></callback>'),
		],
		['text/xml', 'text/xml', utf8('<callback><customerId>1</customerId></callback>')],
		[
			'text/plain holding a JSON object',
			'text/plain',
			json(artemisCallback({}, { customer: id() })),
		],
		['text/html', 'text/html', utf8('<html><body>{"customerId":1}</body></html>')],
		['text/csv', 'text/csv', utf8('customerId,status\n1,CLEARED\n')],
		['image/png', 'image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
		[
			'"application/json, text/plain" (a list)',
			'application/json, text/plain',
			json(artemisCallback({}, { customer: id() })),
		],
		['application/octet-stream holding an array', 'application/octet-stream', utf8('[1,2]')],
		[
			'application/octet-stream holding bytes that are not JSON',
			'application/octet-stream',
			Buffer.from([0x00, 0x01, 0xff]),
		],
		['no content type, bytes that are not JSON', '', utf8('{nope')],
	];
	for (const [label, type, body] of refusedTypes) {
		add({
			name: `artemis content-type ${label}`,
			group: 'content-type',
			contentType: type === '' ? null : type,
			body,
			expected: invalidBody,
		});
	}
	const n8nRefused: Array<[string, string, Buffer]> = [
		['malformed JSON', JSON_TYPE, utf8('{"customerId":1,')],
		['single quotes', JSON_TYPE, utf8("{'customerId':1}")],
		['trailing comma', JSON_TYPE, utf8('{"customerId":1,}')],
		['two objects', JSON_TYPE, utf8('{"a":1}{"b":2}')],
		[
			'unknown charset',
			'application/json; charset=no-such-charset',
			json(artemisCallback({}, { customer: id() })),
		],
	];
	for (const [label, type, body] of n8nRefused) {
		add({
			name: `artemis content-type ${label} (n8n answers 422)`,
			group: 'content-type',
			contentType: type,
			body,
			expected: { by: 'n8n', status: 422 },
		});
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
		known: {
			kind: 'doubtful',
			note: 'n8n answers 422 to the first malformed XML body per process and lets later ones through leniently parsed (shared xml2js parser); the node then refuses them with 400. n8n behaviour; either answer is accepted here.',
		},
	});

	// --- content encodings
	const gz = id();
	add({
		name: 'artemis encoding gzip body',
		group: 'encoding',
		contentType: JSON_TYPE,
		headers: { 'content-encoding': 'gzip' },
		body: gzipSync(json(artemisCallback({}, { customer: gz }))),
		expected: accepted(gz),
	});
	add({
		name: 'artemis encoding gzip header, body not gzip',
		group: 'encoding',
		contentType: JSON_TYPE,
		headers: { 'content-encoding': 'gzip' },
		body: json(artemisCallback({}, { customer: id() })),
		expected: { by: 'n8n', status: 500 },
		known: {
			kind: 'doubtful',
			note: 'n8n 2.41 answers 500 "There was a problem executing the workflow" (zlib "incorrect header check") before the node runs: n8n behaviour',
		},
	});

	// --- methods
	const put = id();
	add({
		name: 'artemis method PUT',
		group: 'method',
		method: 'PUT',
		contentType: JSON_TYPE,
		body: json(artemisCallback({}, { customer: put })),
		expected: accepted(put),
	});
	add({
		name: 'artemis method PATCH with an empty body',
		group: 'method',
		method: 'PATCH',
		contentType: JSON_TYPE,
		body: Buffer.alloc(0),
		expected: invalidBody,
	});
	add({
		name: 'artemis method PATCH with an array',
		group: 'method',
		method: 'PATCH',
		contentType: JSON_TYPE,
		body: utf8('[]'),
		expected: invalidBody,
	});
	add({
		name: 'artemis method DELETE (not registered)',
		group: 'method',
		method: 'DELETE',
		contentType: JSON_TYPE,
		body: json(artemisCallback({}, { customer: id() })),
		expected: { by: 'n8n', status: 404 },
	});
	add({
		name: 'artemis method GET (not registered)',
		group: 'method',
		method: 'GET',
		contentType: null,
		body: Buffer.alloc(0),
		expected: { by: 'n8n', status: 404 },
	});

	return cases;
}
