/**
 * Artisio cases, field by field: `action`, `object`, `data` and `data.uuid` with a wrong type, null
 * or missing (refused), and documented data fields with a wrong type (kept and flagged: accepted).
 */
import { artisioBody } from '../../payloads';
import { accepted, type AddCase, invalid, JSON_TYPE, json } from '../build';

export const ENVELOPE = ['action', 'object', 'data'];

export function artisioFieldCases(add: AddCase, uuid: () => string): void {
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
}
