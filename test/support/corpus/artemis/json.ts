/**
 * Artemis cases of JSON text that parses in surprising ways: non-finite numbers, odd Unicode and
 * byte encodings, duplicate keys (the last one wins) and prototype keys.
 */
import { artemisCallback } from '../../payloads';
import {
	accepted,
	type AddCase,
	invalid,
	invalidBody,
	JSON_TYPE,
	json,
	replaceRaw,
	spliceBytes,
	utf8,
	withRaw,
} from '../build';
import { ARTEMIS_REQUIRED } from './fields';

export function artemisJsonCases(add: AddCase, id: () => number): void {
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
}
