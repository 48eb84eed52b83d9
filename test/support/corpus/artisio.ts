/** The Artisio part of the malformed-body corpus. */
import { gzipSync } from 'node:zlib';

import { artisioBody } from '../payloads';
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

export function artisioCorpus(): CorpusCase[] {
	const cases: CorpusCase[] = [];
	let next = 0;
	const uuid = (): string => `rel-${(next++).toString().padStart(4, '0')}-5f0c8d2e-4a1b`;
	const add = (c: Omit<CorpusCase, 'node'>): void => {
		cases.push({ node: 'artisio', ...c });
	};
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
			add({
				name: `artisio wrong-type ${field}=${label}`,
				group: 'wrong-type',
				contentType: JSON_TYPE,
				body: json(artisioBody(uuid(), {}, { [field]: value })),
				expected: invalid([field]),
			});
		}
		add({
			name: `artisio null ${field}`,
			group: 'null',
			contentType: JSON_TYPE,
			body: json(artisioBody(uuid(), {}, { [field]: null })),
			expected: invalid([field]),
		});
		add({
			name: `artisio missing ${field}`,
			group: 'missing',
			contentType: JSON_TYPE,
			body: json(artisioBody(uuid(), {}, { [field]: undefined })),
			expected: invalid([field]),
		});
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
		add({
			name: `artisio wrong-type data=${label}`,
			group: 'wrong-type',
			contentType: JSON_TYPE,
			body: json(artisioBody(null, {}, { data: value })),
			expected: invalid(['data']),
		});
	}
	add({
		name: 'artisio null data',
		group: 'null',
		contentType: JSON_TYPE,
		body: json(artisioBody(null, {}, { data: null })),
		expected: invalid(['data']),
	});
	add({
		name: 'artisio missing data',
		group: 'missing',
		contentType: JSON_TYPE,
		body: json(artisioBody(null, {}, { data: undefined })),
		expected: invalid(['data']),
	});
	for (const [label, value] of [...wrong, ['["x"]', ['x']]] as Array<[string, unknown]>) {
		add({
			name: `artisio wrong-type data.uuid=${label}`,
			group: 'wrong-type',
			contentType: JSON_TYPE,
			body: json(artisioBody(value)),
			expected: invalid(['data.uuid']),
		});
	}
	add({
		name: 'artisio null data.uuid',
		group: 'null',
		contentType: JSON_TYPE,
		body: json(artisioBody(null)),
		expected: invalid(['data.uuid']),
	});
	add({
		name: 'artisio missing data.uuid',
		group: 'missing',
		contentType: JSON_TYPE,
		body: json(artisioBody(undefined, { uuid: undefined })),
		expected: invalid(['data.uuid']),
	});
	add({
		name: 'artisio every envelope field wrong at once',
		group: 'wrong-type',
		contentType: JSON_TYPE,
		body: json({ action: 1, object: 2, data: 3 }),
		expected: invalid(ENVELOPE),
	});

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
		[
			'every documented LOT field null',
			'LOT',
			{
				auction_uuid: null,
				lot_no: null,
				quantity: null,
				low: null,
				high: null,
				images: null,
				dynamic_fields: null,
				is_draft: null,
			},
		],
	];
	for (const [label, object, data] of lenient) {
		const record = uuid();
		add({
			name: `artisio lenient ${label}`,
			group: 'lenient',
			contentType: JSON_TYPE,
			body: json(artisioBody(record, data, { object })),
			expected: accepted(record),
		});
	}

	// --- empty object, empty body, scalars and arrays
	add({
		name: 'artisio empty object {}',
		group: 'empty',
		contentType: JSON_TYPE,
		body: utf8('{}'),
		expected: invalid(ENVELOPE),
	});
	add({
		name: 'artisio empty data {}',
		group: 'empty',
		contentType: JSON_TYPE,
		body: json({ action: 'UPDATE', object: 'LOT', data: {} }),
		expected: invalid(['data.uuid']),
	});
	add({
		name: 'artisio empty body, application/json',
		group: 'empty',
		contentType: JSON_TYPE,
		body: Buffer.alloc(0),
		expected: invalidBody,
	});
	add({
		name: 'artisio empty body, no content type',
		group: 'empty',
		contentType: null,
		body: Buffer.alloc(0),
		expected: invalidBody,
	});
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
		add({
			name: `artisio scalar ${label}, application/json`,
			group: 'scalar',
			contentType: JSON_TYPE,
			body: utf8(raw),
			expected: invalidBody,
		});
		add({
			name: `artisio scalar ${label}, no content type`,
			group: 'scalar',
			contentType: null,
			body: utf8(raw),
			expected: invalidBody,
		});
	}

	// --- sizes
	const bigUuid = `${uuid()}-${megabyte('u')}`;
	add({
		name: 'artisio size 1 MB data.uuid',
		group: 'size',
		contentType: JSON_TYPE,
		body: json(artisioBody(bigUuid)),
		expected: accepted(bigUuid),
	});
	const bigLow = uuid();
	add({
		name: 'artisio size 1 MB data.low (kept and flagged)',
		group: 'size',
		contentType: JSON_TYPE,
		body: json(artisioBody(bigLow, { low: megabyte('low') })),
		expected: accepted(bigLow),
	});
	const bigObject = uuid();
	add({
		name: 'artisio size 1 MB object name',
		group: 'size',
		contentType: JSON_TYPE,
		body: json(artisioBody(bigObject, {}, { object: megabyte('OBJ') })),
		expected: accepted(bigObject),
	});
	const bigAction = uuid();
	add({
		name: 'artisio size 1 MB action',
		group: 'size',
		contentType: JSON_TYPE,
		body: json(artisioBody(bigAction, {}, { action: megabyte('ACT') })),
		expected: accepted(bigAction),
	});
	const manyImages = uuid();
	add({
		name: 'artisio size 20,000 images',
		group: 'size',
		contentType: JSON_TYPE,
		body: json(
			artisioBody(manyImages, {
				images: Array.from({ length: 20_000 }, (_, i) => ({
					position: String(i),
					data: { lg: { width: '1600', height: 1200 } },
				})),
			}),
		),
		expected: accepted(manyImages),
	});
	add({
		name: 'artisio size 1 MB string as data',
		group: 'size',
		contentType: JSON_TYPE,
		body: json(artisioBody(null, {}, { data: megabyte('d') })),
		expected: invalid(['data']),
	});
	add({
		name: 'artisio size 17 MB body (over N8N_PAYLOAD_SIZE_MAX 16 MiB)',
		group: 'size',
		contentType: JSON_TYPE,
		body: json(artisioBody(uuid(), { note: 'x'.repeat(17 * MB) })),
		expected: { by: 'n8n', status: 500 },
		known: {
			kind: 'doubtful',
			note: 'n8n 2.41 answers 500 to a body over its size limit (not 413); the node never runs. n8n behaviour.',
		},
	});

	// --- depth
	const depthCases = (levels: number, long: boolean): void => {
		const tag = `${levels.toLocaleString('en')} levels`;
		add({
			name: `artisio depth body is ${tag} of arrays`,
			group: 'depth',
			long,
			contentType: JSON_TYPE,
			body: utf8(deepArray(levels)),
			expected: invalidBody,
		});
		add({
			name: `artisio depth body is ${tag} of objects`,
			group: 'depth',
			long,
			contentType: JSON_TYPE,
			body: utf8(deepObject(levels)),
			expected: invalid(ENVELOPE),
		});
		add({
			name: `artisio depth data is ${tag} of arrays`,
			group: 'depth',
			long,
			contentType: JSON_TYPE,
			body: utf8(replaceRaw(artisioBody(null), 'data', deepArray(levels))),
			expected: invalid(['data']),
		});
		add({
			name: `artisio depth data.uuid is ${tag} of objects`,
			group: 'depth',
			long,
			contentType: JSON_TYPE,
			body: utf8(`{"action":"UPDATE","object":"LOT","data":{"uuid":${deepObject(levels)}}}`),
			expected: invalid(['data.uuid']),
		});
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
			const raw =
				field === 'images' || field === 'addresses'
					? `[${deepObject(levels)}]`
					: deepObject(levels);
			add({
				name: `artisio depth ${label} ${tag}`,
				group: 'depth',
				long,
				deep: true,
				contentType: JSON_TYPE,
				body: utf8(
					`{"action":"UPDATE","object":${JSON.stringify(object)},"data":${withRaw({ uuid: record }, field, raw)}}`,
				),
				expected: accepted(record),
			});
		}
		const proto = uuid();
		add({
			name: `artisio depth __proto__ key at the bottom of ${tag}`,
			group: 'depth',
			long,
			deep: true,
			contentType: null,
			body: utf8(
				`{"action":"UPDATE","object":"LOT","data":${withRaw({ uuid: proto }, 'extra', deepObject(levels, '{"__proto__":{"polluted":true}}'))}}`,
			),
			expected: accepted(proto),
		});
	};
	depthCases(DEPTH, false);
	for (const levels of LONG_DEPTHS) depthCases(levels, true);

	// --- numbers
	const inf = uuid();
	add({
		name: 'artisio number 1e400 in data.low, -1e400 in data.high, 1e400 in data.quantity',
		group: 'number',
		contentType: JSON_TYPE,
		body: utf8(
			`{"action":"UPDATE","object":"LOT","data":{"uuid":${JSON.stringify(inf)},"low":1e400,"high":-1e400,"quantity":1e400}}`,
		),
		expected: accepted(inf),
	});
	add({
		name: 'artisio number 1e400 as data.uuid',
		group: 'number',
		contentType: JSON_TYPE,
		body: utf8('{"action":"UPDATE","object":"LOT","data":{"uuid":1e400}}'),
		expected: invalid(['data.uuid']),
	});
	add({
		name: 'artisio number 1e400 as action',
		group: 'number',
		contentType: JSON_TYPE,
		body: utf8(replaceRaw(artisioBody(uuid()), 'action', '1e400')),
		expected: invalid(['action']),
	});
	const bigInt = uuid();
	add({
		name: 'artisio number 30-digit integer in data.quantity',
		group: 'number',
		contentType: JSON_TYPE,
		body: utf8(
			`{"action":"UPDATE","object":"LOT","data":{"uuid":${JSON.stringify(bigInt)},"quantity":123456789012345678901234567890}}`,
		),
		expected: accepted(bigInt),
	});

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
			body: utf8(
				`{"action":"UPDATE","object":"LOT","data":{"uuid":${rawTemplate.replace('{id}', base)}}}`,
			),
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
		add({
			name: `artisio unicode ${label}`,
			group: 'unicode',
			contentType: JSON_TYPE,
			body: json(artisioBody(record, {}, envelope)),
			expected: accepted(record),
		});
	}
	const invalidUtf8 = uuid();
	add({
		name: 'artisio unicode invalid UTF-8 bytes in data.lot_no',
		group: 'unicode',
		contentType: JSON_TYPE,
		body: spliceBytes(
			JSON.stringify(artisioBody(invalidUtf8, { lot_no: '12@@A' })),
			'@@',
			Buffer.from([0xed, 0xa0, 0x80, 0xff]),
		),
		expected: accepted(invalidUtf8),
	});

	// --- duplicate keys
	const dupFine = uuid();
	add({
		name: 'artisio duplicate-keys data.uuid 5 then a string',
		group: 'duplicate-keys',
		contentType: JSON_TYPE,
		body: utf8(
			`{"action":"UPDATE","object":"LOT","data":{"uuid":5,"uuid":${JSON.stringify(dupFine)}}}`,
		),
		expected: accepted(dupFine),
	});
	add({
		name: 'artisio duplicate-keys data.uuid a string then 5',
		group: 'duplicate-keys',
		contentType: JSON_TYPE,
		body: utf8(
			`{"action":"UPDATE","object":"LOT","data":{"uuid":${JSON.stringify(uuid())},"uuid":5}}`,
		),
		expected: invalid(['data.uuid']),
	});
	add({
		name: 'artisio duplicate-keys data then null',
		group: 'duplicate-keys',
		contentType: JSON_TYPE,
		body: utf8(withRaw(artisioBody(uuid()), 'data', 'null')),
		expected: invalid(['data']),
	});
	add({
		name: 'artisio duplicate-keys action then null',
		group: 'duplicate-keys',
		contentType: JSON_TYPE,
		body: utf8(withRaw(artisioBody(uuid()), 'action', 'null')),
		expected: invalid(['action']),
	});

	// --- prototype keys
	add({
		name: 'artisio prototype whole event under __proto__',
		group: 'prototype',
		contentType: JSON_TYPE,
		body: utf8(`{"__proto__":${JSON.stringify(artisioBody(uuid()))}}`),
		expected: invalid(ENVELOPE),
	});
	add({
		name: 'artisio prototype data.uuid under data.__proto__',
		group: 'prototype',
		contentType: JSON_TYPE,
		body: utf8('{"action":"UPDATE","object":"LOT","data":{"__proto__":{"uuid":"from-proto"}}}'),
		expected: invalid(['data.uuid']),
	});
	for (const object of ['__proto__', 'constructor', 'hasOwnProperty', 'toString']) {
		const record = uuid();
		add({
			name: `artisio prototype object "${object}"`,
			group: 'prototype',
			contentType: JSON_TYPE,
			body: json(artisioBody(record, {}, { object })),
			expected: accepted(record),
		});
	}
	const dataProto = uuid();
	add({
		name: 'artisio prototype extra data.__proto__ and data.constructor',
		group: 'prototype',
		contentType: JSON_TYPE,
		body: utf8(
			`{"action":"UPDATE","object":"LOT","data":{"uuid":${JSON.stringify(dataProto)},"__proto__":{"polluted":true},"constructor":null}}`,
		),
		expected: accepted(dataProto),
	});

	// --- content types
	for (const [label, type] of [
		['application/json; charset=utf-8', 'application/json; charset=utf-8'],
		['application/octet-stream', 'application/octet-stream'],
		['no content type', ''],
	] as Array<[string, string]>) {
		const record = uuid();
		add({
			name: `artisio content-type ${label}`,
			group: 'content-type',
			contentType: type === '' ? null : type,
			body: json(artisioBody(record)),
			expected: accepted(record),
		});
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
		[
			'application/x-www-form-urlencoded',
			'application/x-www-form-urlencoded',
			utf8('action=UPDATE&object=LOT&data[uuid]=x'),
		],
		[
			'multipart/form-data',
			'multipart/form-data; boundary=XyZ',
			utf8('--XyZ\r\nContent-Disposition: form-data; name="action"\r\n\r\nUPDATE\r\n--XyZ--\r\n'),
		],
		[
			'application/xml',
			'application/xml',
			utf8('<event><action>UPDATE</action><object>LOT</object><data><uuid>x</uuid></data></event>'),
		],
		['text/plain holding a JSON object', 'text/plain', json(artisioBody(uuid()))],
		['application/octet-stream holding a string', 'application/octet-stream', utf8('"x"')],
	] as Array<[string, string, Buffer]>) {
		add({
			name: `artisio content-type ${label}`,
			group: 'content-type',
			contentType: type,
			body,
			expected: invalidBody,
		});
	}
	add({
		name: 'artisio content-type malformed JSON (n8n answers 422)',
		group: 'content-type',
		contentType: JSON_TYPE,
		body: utf8('{"action":'),
		expected: { by: 'n8n', status: 422 },
	});
	const gz = uuid();
	add({
		name: 'artisio encoding gzip body',
		group: 'encoding',
		contentType: JSON_TYPE,
		headers: { 'content-encoding': 'gzip' },
		body: gzipSync(json(artisioBody(gz))),
		expected: accepted(gz),
	});

	// --- methods
	add({
		name: 'artisio method PUT (not registered)',
		group: 'method',
		method: 'PUT',
		contentType: JSON_TYPE,
		body: json(artisioBody(uuid())),
		expected: { by: 'n8n', status: 404 },
	});
	add({
		name: 'artisio method GET (not registered)',
		group: 'method',
		method: 'GET',
		contentType: null,
		body: Buffer.alloc(0),
		expected: { by: 'n8n', status: 404 },
	});

	return cases;
}
