/**
 * Artisio cases of JSON text that parses in surprising ways: non-finite and huge numbers, odd
 * Unicode and invalid UTF-8, duplicate keys (the last one wins) and prototype keys.
 */
import { artisioBody } from '../../payloads';
import {
	accepted,
	type AddCase,
	invalid,
	JSON_TYPE,
	json,
	replaceRaw,
	spliceBytes,
	utf8,
	withRaw,
} from '../build';
import { ENVELOPE } from './fields';

export function artisioJsonCases(add: AddCase, uuid: () => string): void {
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
}
