import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { JsonObject } from '../../nodes/shared/types';
import { validateArtisioEvent } from '../../nodes/ArtisioWebhookTrigger/schemas';
import type { ArtisioEvent } from '../../nodes/ArtisioWebhookTrigger/schemas';

const FIXTURES = join(__dirname, '..', 'fixtures', 'artisio');
const PROTO_MESSAGE = 'key "__proto__" is not allowed and was removed';

/** Parsed the way n8n parses a body: JSON.parse (so `__proto__` keys are own properties). */
function fixture(name: string): JsonObject {
	return JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as JsonObject;
}

function deepFreeze<T>(value: T): T {
	const stack: unknown[] = [value];
	while (stack.length > 0) {
		const current = stack.pop();
		if (typeof current !== 'object' || current === null || Object.isFrozen(current)) continue;
		Object.freeze(current);
		for (const key of Reflect.ownKeys(current)) {
			stack.push((current as Record<PropertyKey, unknown>)[key]);
		}
	}
	return value;
}

/** Validates a frozen body (so any write to the input throws) and expects it to be valid. */
function accept(body: unknown): ArtisioEvent {
	const result = validateArtisioEvent(deepFreeze(body) as JsonObject);
	if (!result.valid)
		throw new Error(`expected a valid event, got ${JSON.stringify(result.issues)}`);
	return result.event;
}

function issuesOf(body: unknown) {
	const result = validateArtisioEvent(body as JsonObject);
	if (result.valid) throw new Error('expected an invalid payload');
	return result.issues;
}

/** Normalizes one field of a LOT (or another object) and returns its value and warnings. */
function normalizeField(field: string, value: unknown, object = 'LOT') {
	const event = accept({ action: 'UPDATE', object, data: { uuid: 'u-1', [field]: value } });
	return { value: event.data[field], warnings: event.warnings };
}

const LOT_UUID = '5f0c8d2e-4a1b-4c3d-9e8f-7a6b5c4d3e2f';
const AUCTION_UUID = '3f6c2a8e-91d4-4b7a-8e2f-5c1d9a0b7e43';
const CUSTOMER_UUID = 'c1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8';
const DEPARTMENT_UUID = 'd7e8f9a0-b1c2-4d3e-8f4a-5b6c7d8e9f01';

describe('Artisio fixtures', () => {
	test('customer.create: booleans, dates, tags and nested addresses are normalized', () => {
		const body = fixture('customer.create.json');
		const event = accept(body);
		expect(event).toMatchObject({
			action: 'CREATE',
			object: 'CUSTOMER',
			uuid: CUSTOMER_UUID,
			unknownValues: [],
			warnings: [],
		});
		expect(event.data).toEqual({
			uuid: CUSTOMER_UUID,
			first_name: 'Eleanor',
			middle_name: null,
			last_name: 'Whitcombe',
			company_name: '',
			personal_id: 'QQ123456C',
			is_company: false,
			email: 'eleanor.whitcombe@example.co.uk',
			phone: '+44 20 7946 0321',
			status: 'active',
			title: 'Mrs',
			acquisition_source: 'Google Ads — Autumn catalogue',
			optin: true,
			tags: ['VIP', 'Newsletter', 'Online bidder', 'Jewellery'],
			customer_no: 'C0010427',
			display_name: 'Mrs Eleanor Whitcombe',
			enable_estimate_request: true,
			created_at: '2026-11-25T10:00:00.000Z',
			updated_at: '2026-11-25T08:00:00.000Z',
			mobile: '+44 7700 900123',
			skip_auction_deposit_requirement: false,
			birth_date: '1978-06-02',
			addresses: [
				{
					uuid: 'a0d1e2f3-0415-4263-8748-596a7b8c9d0e',
					customer_uuid: CUSTOMER_UUID,
					type: 'billing',
					is_primary: true,
					country_code: 'GB',
					address_1: '14 Cadogan Gardens',
					address_2: 'Flat 3',
					city: 'London',
					state: 'Greater London',
					tax_rate: 20,
					zip_code: 'SW3 2RS',
					created_at: '2026-11-25T10:00:00.000Z',
					updated_at: '2026-11-25T10:00:00.000Z',
					phone: '+44 20 7946 0321',
					email: 'eleanor.whitcombe@example.co.uk',
				},
				{
					uuid: 'b1e2f304-1526-4374-9859-6a7b8c9d0e1f',
					customer_uuid: CUSTOMER_UUID,
					type: 'shipping',
					is_primary: false,
					country_code: 'GB',
					address_1: 'The Old Rectory',
					address_2: null,
					city: 'Chipping Campden',
					state: 'Gloucestershire',
					tax_rate: 20,
					zip_code: 'GL55 6AT',
					created_at: '2026-11-25T10:05:00.000Z',
					updated_at: null,
					phone: null,
					email: null,
				},
			],
			timezone: 'Europe/London',
			preferred_language: 'en',
		});
		expect(event.data).not.toBe(body.data);
		expect(event.data.addresses).not.toBe((body.data as JsonObject).addresses);
	});

	test('auction.update (large): dates, integers, images, undocumented lists', () => {
		const body = fixture('auction.update.json');
		const input = body.data as JsonObject;
		const event = accept(body);
		const data = event.data;
		expect(event).toMatchObject({
			action: 'UPDATE',
			object: 'AUCTION',
			uuid: AUCTION_UUID,
			unknownValues: [],
			warnings: [],
		});
		expect(data).toMatchObject({
			sale_no: 'HV-2611',
			currency_code: 'GBP',
			type: 'timed',
			status: 'published',
			start_date: '2026-11-25T10:00:00.000Z',
			end_date: '2026-12-02T18:00:00.000Z',
			viewing_start_date: '2026-11-20T08:30:00.000Z',
			viewing_end_date: '2026-11-24T17:00:00.000Z',
			delay_batch: 10,
			delay_interval: 30,
			bidding_extension: 120,
			bidder_approval: true,
			max_total_delay: 3600,
			is_private_treaty: 0,
		});
		// Translatable models and undocumented fields pass through as the same values.
		expect(data.title).toBe(input.title);
		expect(data.description).toBe(input.description);
		expect(data.terms_and_conditions).toBe(input.terms_and_conditions);
		expect(data.lot_count).toBe('412');
		expect(data.created_at).toBe('2026-09-14 08:12:45');
		// IncrementModel and PremiumTierModel are undefined: new lists, same items.
		const increments = data.increments as JsonObject[];
		expect(increments).not.toBe(input.increments);
		expect(increments).toHaveLength(8);
		increments.forEach((item, index) =>
			expect(item).toBe((input.increments as JsonObject[])[index]),
		);
		expect(increments[0]).toEqual({ from: '0.00', to: '100.00', increment: '5.00' });
		expect((data.premium_terms as JsonObject[])[2]).toBe((input.premium_terms as JsonObject[])[2]);

		const images = data.images as JsonObject[];
		expect(images).toHaveLength(20);
		images.forEach((image, index) => {
			expect(image.position).toBe(index + 1);
			const renditions = image.data as Record<string, JsonObject>;
			for (const size of ['lg', 'sm', 'thumb']) {
				expect(typeof renditions[size].width).toBe('number');
				expect(typeof renditions[size].height).toBe('number');
				expect(renditions[size].url).toMatch(/^https:\/\/cdn\.artisio\.co\//);
			}
		});
		const first = images[0].data as Record<string, JsonObject>;
		expect(Object.keys(first.lg)).toEqual(['url', 'width', 'height']);
		expect(first.lg).toMatchObject({ width: 1600, height: 1200 });
		expect(first.sm).toMatchObject({ width: 400, height: 300 });
		expect(images[0].created_at).toBe('2026-10-10 14:10:07'); // undocumented on ImageModel
	});

	test('lot.create (large): floats, integer, boolean, images and dynamic fields', () => {
		const body = fixture('lot.create.json');
		const input = body.data as JsonObject;
		const event = accept(body);
		expect(event).toMatchObject({
			action: 'CREATE',
			object: 'LOT',
			uuid: LOT_UUID,
			unknownValues: [],
			warnings: [],
		});
		expect(event.data).toMatchObject({
			lot_no: '12A',
			status: 'lotted',
			quantity: 1,
			low: 1200.5,
			high: 1800,
			reserve: 1000,
			buy_now_price: null,
			start_price: 800,
			is_draft: false,
			withdrawn_reason: null,
			sort_order: 12,
		});
		expect(event.data.dynamic_fields).toBe(input.dynamic_fields);
		expect(Object.keys(event.data.dynamic_fields as JsonObject)).toEqual(['en', 'de', 'fr']);
		expect(event.data.title).toBe(input.title);
		const images = event.data.images as JsonObject[];
		expect(images).toHaveLength(15);
		expect(images.map((image) => image.position)).toEqual(
			Array.from({ length: 15 }, (_, i) => i + 1),
		);
		expect((images[3].data as Record<string, JsonObject>).lg).toMatchObject({
			width: 2200,
			height: 1200,
		});
	});

	test('lot.update: the documented item example', () => {
		const event = accept(fixture('lot.update.json'));
		expect(event).toEqual({
			action: 'UPDATE',
			object: 'LOT',
			uuid: LOT_UUID,
			data: {
				uuid: LOT_UUID,
				lot_no: '12A',
				low: 1200,
				high: 1800,
				status: 'lotted',
				is_draft: false,
			},
			unknownValues: [],
			warnings: [],
		});
	});

	test('`Lot` and `LOT` (and surrounding whitespace) are all LOT', () => {
		const mixed = accept(fixture('lot.object-mixed-case.json'));
		expect(mixed).toMatchObject({ action: 'UPDATE', object: 'LOT', unknownValues: [] });
		expect(mixed.data).toMatchObject({
			low: 1200,
			high: 1800,
			quantity: 1,
			is_draft: false,
			status: 'sold',
		});
		expect(accept(fixture('lot.update.json')).object).toBe('LOT');
		expect(accept({ action: ' delete ', object: '\tlot\n', data: { uuid: 'x' } })).toMatchObject({
			action: 'DELETE',
			object: 'LOT',
			unknownValues: [],
		});
	});

	test('lot.delete: a DELETE carrying only the uuid is valid', () => {
		const body = fixture('lot.delete.json');
		const event = accept(body);
		expect(event).toEqual({
			action: 'DELETE',
			object: 'LOT',
			uuid: LOT_UUID,
			data: { uuid: LOT_UUID },
			unknownValues: [],
			warnings: [],
		});
		expect(event.data).not.toBe(body.data);
	});

	test('department.create: the translatable name passes through', () => {
		const body = fixture('department.create.json');
		const event = accept(body);
		expect(event.data).toEqual({
			uuid: DEPARTMENT_UUID,
			name: {
				en: 'Jewellery & Watches',
				de: 'Schmuck & Uhren',
				fr: 'Bijoux & Montres',
				es: 'Joyería y Relojes',
			},
			code: 'JW',
			sort_order: '3',
		});
		expect(event.data.name).toBe((body.data as JsonObject).name);
		expect(event.warnings).toEqual([]);
	});

	test('category.update: rules.required of the dynamic fields template is a boolean', () => {
		const event = accept(fixture('category.update.json'));
		expect(event.object).toBe('CATEGORY');
		expect(event.data.dynamic_fields_template).toEqual({
			maker: { label: 'Maker', rules: { required: true } },
			period: { label: 'Period', rules: { required: false } },
			materials: { label: 'Materials', rules: { required: true } },
			dimensions: { label: 'Dimensions', rules: { required: false } },
			weight: { label: 'Weight', rules: { required: false, max: 55 } },
			condition: { label: 'Condition', rules: { required: true }, type: 'textarea' },
			provenance: { label: 'Provenance', rules: {} },
		});
		expect(event.data.parent_uuid).toBeNull();
		expect(event.warnings).toEqual([]);
	});

	test('invoice.update: floats and booleans; an empty amount is kept and flagged', () => {
		const body = fixture('invoice.update.json');
		const input = body.data as JsonObject;
		const event = accept(body);
		expect(event.data).toMatchObject({
			invoice_no: 'INV-2026-004417',
			is_credit_note: false,
			is_credited: false,
			total_amount: 2310.6,
			paid_amount: 2310.6,
			outstanding_amount: 0,
			deposit_sale_no: null,
			hammer_price: 1800,
			shipping_vat: 0,
			deposit_amount: 0,
			hammer_vat: 0,
			premium: 450,
			premium_vat: 90,
			miscellaneous_charge: 15.5,
			miscellaneous_vat: 3.1,
			shipping_amount: null,
			extra_charge: '',
			extra_charge_vat: 0,
			paid_at: '2026-12-03 15:22:10',
		});
		expect(event.data.extra_charge_data).toBe(input.extra_charge_data);
		expect(event.data.miscellaneous_data).toBe(input.miscellaneous_data);
		expect(event.warnings).toEqual([
			{ path: 'data.extra_charge', value: '', message: 'expected a number' },
		]);
	});

	test('settlement.create: date and floats', () => {
		const event = accept(fixture('settlement.create.json'));
		expect(event.data).toMatchObject({
			date: '2026-12-05',
			hammer_price: 1800,
			payable_amount: 1521,
			hammer_vat: 0,
			hammer_adjustment: -50,
			hammer_adjustment_vat: -10,
			commission: 180,
			commission_vat: 36,
			miscellaneous: 12,
			miscellaneous_vat: 2.4,
			miscellaneous_data: '{"photography":"12.00"}',
			lot_handling_charge: 5,
			lot_handling_vat: 1,
			insurance_fee: 27,
			insurance_vat: 5.4,
			shipping_taxable: '0',
			shipping_tracking_code: null,
		});
		expect(event.warnings).toEqual([]);
	});

	test('unknown object and action: accepted, upper-cased, flagged as sent, data passed through', () => {
		const body = fixture('unknown-object.create.json');
		const event = accept(body);
		expect(event.action).toBe('ARCHIVE');
		expect(event.object).toBe('BRANCH');
		expect(event.unknownValues).toEqual([
			{ field: 'object', value: 'Branch' },
			{ field: 'action', value: 'ARCHIVE' },
		]);
		expect(event.data).toEqual(body.data);
		expect(event.data).not.toBe(body.data);
		expect(event.data.is_active).toBe('1'); // no model: nothing is coerced
		expect(event.data.name).toBe((body.data as JsonObject).name);
		expect(event.warnings).toEqual([]);
	});

	test('lot.uncoercible: every value that cannot be coerced is kept as sent and flagged', () => {
		const body = fixture('lot.uncoercible.json');
		const input = body.data as JsonObject;
		const event = accept(body);
		expect(event.data).toEqual(input);
		expect(event.data.images).toBe(input.images);
		expect(event.warnings).toEqual([
			{ path: 'data.quantity', value: '1.5', message: 'expected a whole number' },
			{ path: 'data.low', value: 'abc', message: 'expected a number' },
			{ path: 'data.high', value: '', message: 'expected a number' },
			{ path: 'data.reserve', value: '1e999', message: 'expected a number' },
			{ path: 'data.buy_now_price', value: true, message: 'expected a number' },
			{ path: 'data.start_price', value: '1,200.00', message: 'expected a number' },
			{ path: 'data.images', value: { uuid: 'not-a-list' }, message: 'expected a list' },
			{ path: 'data.dynamic_fields', value: 'not-an-object', message: 'expected an object' },
			{ path: 'data.is_draft', value: 'maybe', message: 'expected a boolean' },
		]);
	});

	test('every fixture: the input is never mutated', () => {
		for (const name of [
			'auction.update.json',
			'category.update.json',
			'customer.create.json',
			'department.create.json',
			'invoice.update.json',
			'lot.create.json',
			'lot.delete.json',
			'lot.object-mixed-case.json',
			'lot.uncoercible.json',
			'lot.update.json',
			'settlement.create.json',
			'unknown-object.create.json',
		]) {
			const body = fixture(name);
			const copy = structuredClone(body);
			expect(validateArtisioEvent(body).valid).toBe(true);
			expect(body).toEqual(copy);
			expect(() => validateArtisioEvent(deepFreeze(fixture(name)))).not.toThrow();
		}
	});
});

describe('envelope validation', () => {
	test.each<[string, unknown, Array<{ path: string; message: string }>]>([
		[
			'empty body',
			{},
			[
				{ path: 'action', message: 'is required' },
				{ path: 'object', message: 'is required' },
				{ path: 'data', message: 'is required' },
			],
		],
		[
			'wrong types everywhere',
			{ action: 5, object: '', data: [] },
			[
				{ path: 'action', message: 'expected a string, received 5' },
				{ path: 'object', message: 'expected a non-empty string, received ""' },
				{ path: 'data', message: 'expected an object, received an array' },
			],
		],
		[
			'null and array',
			{ action: null, object: ['LOT'], data: null },
			[
				{ path: 'action', message: 'expected a string, received null' },
				{ path: 'object', message: 'expected a string, received an array' },
				{ path: 'data', message: 'expected an object, received null' },
			],
		],
		[
			'data is a string',
			{ action: 'CREATE', object: 'LOT', data: '{"uuid":"x"}' },
			[{ path: 'data', message: 'expected an object, received "{\\"uuid\\":\\"x\\"}"' }],
		],
		[
			'data without uuid',
			{ action: 'CREATE', object: 'LOT', data: {} },
			[{ path: 'data.uuid', message: 'is required' }],
		],
		[
			'uuid null',
			{ action: 'CREATE', object: 'LOT', data: { uuid: null } },
			[{ path: 'data.uuid', message: 'expected a string, received null' }],
		],
		[
			'uuid a number',
			{ action: 'CREATE', object: 'LOT', data: { uuid: 42 } },
			[{ path: 'data.uuid', message: 'expected a string, received 42' }],
		],
		[
			'uuid blank',
			{ action: 'CREATE', object: 'LOT', data: { uuid: '   ' } },
			[{ path: 'data.uuid', message: 'expected a non-empty string, received "   "' }],
		],
		[
			'blank action with a bad uuid',
			{ action: ' \t', object: 'LOT', data: { uuid: true } },
			[
				{ path: 'action', message: 'expected a non-empty string, received " \\t"' },
				{ path: 'data.uuid', message: 'expected a string, received true' },
			],
		],
		[
			'action an object',
			{ action: { type: 'CREATE' }, object: 'LOT', data: { uuid: 'x' } },
			[{ path: 'action', message: 'expected a string, received an object' }],
		],
	])('%s', (_name, body, expected) => {
		expect(issuesOf(body)).toEqual(expected);
	});

	test('a body that is not an object is named `body`', () => {
		for (const body of [[], 'text', 42, null, true]) {
			const issues = issuesOf(body);
			expect(issues).toHaveLength(1);
			expect(issues[0].path).toBe('body');
			expect(issues[0].message).toMatch(/^expected a JSON object, received /);
		}
	});

	test('huge values are never quoted in full', () => {
		const huge = ` ${'x'.repeat(100_000)}`.replace(/x/g, ' ');
		const [issue] = issuesOf({ action: 'CREATE', object: 'LOT', data: { uuid: huge } });
		expect(issue.path).toBe('data.uuid');
		expect(issue.message.length).toBeLessThan(100);
		expect(issue.message).toMatch(/…"$/);
	});

	test('unknown values are accepted and listed as sent', () => {
		const event = accept({ action: 'archive', object: ' Branch ', data: { uuid: 'b-1' } });
		expect(event).toMatchObject({ action: 'ARCHIVE', object: 'BRANCH', uuid: 'b-1' });
		expect(event.unknownValues).toEqual([
			{ field: 'object', value: ' Branch ' },
			{ field: 'action', value: 'archive' },
		]);
	});

	test('object names that are Object.prototype members are just unknown', () => {
		for (const object of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'prototype']) {
			const event = accept({ action: 'CREATE', object, data: { uuid: 'x', low: 'abc' } });
			expect(event.object).toBe(object.toUpperCase());
			expect(event.unknownValues).toEqual([{ field: 'object', value: object }]);
			expect(event.data).toEqual({ uuid: 'x', low: 'abc' });
		}
	});

	test('the uuid is kept exactly as sent', () => {
		expect(accept({ action: 'CREATE', object: 'LOT', data: { uuid: ' a b ' } }).uuid).toBe(' a b ');
	});

	test('envelope keys other than action, object and data are ignored', () => {
		const event = accept({ action: 'CREATE', object: 'LOT', data: { uuid: 'x' }, timestamp: 1 });
		expect(Object.keys(event).sort()).toEqual([
			'action',
			'data',
			'object',
			'unknownValues',
			'uuid',
			'warnings',
		]);
	});
});

describe('field coercion', () => {
	test.each<[unknown, unknown]>([
		['1200.50', 1200.5],
		[' 12 ', 12],
		['-3.25', -3.25],
		['+7', 7],
		['.5', 0.5],
		['5.', 5],
		['1e3', 1000],
		[1200.5, 1200.5],
		[0, 0],
		[null, null],
	])('Float %p → %p', (sent, expected) => {
		expect(normalizeField('low', sent)).toEqual({ value: expected, warnings: [] });
	});

	test.each<unknown>([
		'',
		'   ',
		'abc',
		'1e999',
		'-1e999',
		'Infinity',
		'NaN',
		'0x10',
		'1,200.50',
		'12 EUR',
		true,
		{},
		[],
		[1],
	])('Float %p is kept and flagged', (sent) => {
		expect(normalizeField('low', sent)).toEqual({
			value: sent,
			warnings: [{ path: 'data.low', value: sent, message: 'expected a number' }],
		});
	});

	test('a JSON number too large for a double (parsed as Infinity) is flagged', () => {
		const body = JSON.parse(
			'{"action":"CREATE","object":"LOT","data":{"uuid":"x","high":1e999}}',
		) as JsonObject;
		const event = accept(body);
		expect(event.data.high).toBe(Infinity);
		expect(event.warnings).toEqual([
			{ path: 'data.high', value: Infinity, message: 'expected a number' },
		]);
	});

	test.each<[unknown, unknown]>([
		['3', 3],
		['12.0', 12],
		[' 7 ', 7],
		[4, 4],
		[null, null],
	])('Integer %p → %p', (sent, expected) => {
		expect(normalizeField('quantity', sent)).toEqual({ value: expected, warnings: [] });
	});

	test.each<[unknown, string]>([
		['12.5', 'expected a whole number'],
		[12.5, 'expected a whole number'],
		['abc', 'expected a number'],
		['', 'expected a number'],
		[false, 'expected a number'],
	])('Integer %p is kept and flagged: %s', (sent, message) => {
		expect(normalizeField('quantity', sent)).toEqual({
			value: sent,
			warnings: [{ path: 'data.quantity', value: sent, message }],
		});
	});

	test.each<[unknown, unknown]>([
		[true, true],
		[false, false],
		[1, true],
		[0, false],
		['true', true],
		['FALSE', false],
		['True', true],
		[' 1 ', true],
		['0', false],
		[null, null],
	])('Boolean %p → %p', (sent, expected) => {
		expect(normalizeField('is_draft', sent)).toEqual({ value: expected, warnings: [] });
	});

	test.each<unknown>([2, -1, 0.5, 'yes', 'no', 'on', '', 'truee', [], {}])(
		'Boolean %p is kept and flagged',
		(sent) => {
			expect(normalizeField('is_draft', sent)).toEqual({
				value: sent,
				warnings: [{ path: 'data.is_draft', value: sent, message: 'expected a boolean' }],
			});
		},
	);

	test.each<[unknown, unknown]>([
		['2026-11-25 10:00:00', '2026-11-25T10:00:00.000Z'],
		['2026-11-25T10:00:00', '2026-11-25T10:00:00.000Z'],
		['2026-11-25T10:00:00Z', '2026-11-25T10:00:00.000Z'],
		['2026-11-25t10:00:00z', '2026-11-25T10:00:00.000Z'],
		['2026-11-25T10:00:00+02:00', '2026-11-25T08:00:00.000Z'],
		['2026-11-25T10:00:00-05:30', '2026-11-25T15:30:00.000Z'],
		['2026-11-25 10:00:00+0200', '2026-11-25T08:00:00.000Z'],
		['2026-11-25 10:00:00 +02:00', '2026-11-25T08:00:00.000Z'],
		['2026-11-25T10:00:00+02', '2026-11-25T08:00:00.000Z'],
		['2026-11-25T01:00:00+02:00', '2026-11-24T23:00:00.000Z'],
		['2026-11-25T10:00:00.5Z', '2026-11-25T10:00:00.500Z'],
		['2026-11-25T10:00:00.123456+00:00', '2026-11-25T10:00:00.123Z'],
		['2026-11-25 10:00', '2026-11-25T10:00:00.000Z'],
		['2026-11-25', '2026-11-25T00:00:00.000Z'],
		[' 2026-11-25 10:00:00 ', '2026-11-25T10:00:00.000Z'],
		['2024-02-29 12:00:00', '2024-02-29T12:00:00.000Z'],
		['0099-01-01', '0099-01-01T00:00:00.000Z'],
		[null, null],
	])('DateTime %p → %p', (sent, expected) => {
		expect(normalizeField('start_date', sent, 'AUCTION')).toEqual({
			value: expected,
			warnings: [],
		});
	});

	test.each<unknown>([
		'',
		'tomorrow',
		'25/11/2026 10:00',
		'2026-02-30 10:00:00',
		'2025-02-29',
		'2026-13-01',
		'2026-11-25T24:00:00Z',
		'2026-11-25T10:60:00Z',
		'2026-11-25T10:00:00+25:00',
		'0000-00-00 00:00:00',
		'2026-11-25Z',
		1764064800,
		true,
		{},
	])('DateTime %p is kept and flagged', (sent) => {
		expect(normalizeField('start_date', sent, 'AUCTION')).toEqual({
			value: sent,
			warnings: [{ path: 'data.start_date', value: sent, message: 'expected a date and time' }],
		});
	});

	test.each<[unknown, unknown]>([
		['1978-06-02', '1978-06-02'],
		['1978-06-02 00:00:00', '1978-06-02'],
		['1985-03-14T00:00:00+02:00', '1985-03-14'],
		['2026-12-05T23:30:00-05:00', '2026-12-05'],
		[null, null],
	])('Date %p → %p (the calendar date as written)', (sent, expected) => {
		expect(normalizeField('birth_date', sent, 'CUSTOMER')).toEqual({
			value: expected,
			warnings: [],
		});
	});

	test.each<unknown>(['02/06/1978', '1978-02-30', '', 19780602])(
		'Date %p is kept and flagged',
		(sent) => {
			expect(normalizeField('birth_date', sent, 'CUSTOMER')).toEqual({
				value: sent,
				warnings: [{ path: 'data.birth_date', value: sent, message: 'expected a date' }],
			});
		},
	);

	test.each<[unknown, unknown]>([
		['VIP, Newsletter ,  Online bidder,', ['VIP', 'Newsletter', 'Online bidder']],
		['single', ['single']],
		['', []],
		[' , ,', []],
		[
			['a ', ' b', '', '  '],
			['a', 'b'],
		],
		[[], []],
		[null, null],
	])('tags %p → %p', (sent, expected) => {
		expect(normalizeField('tags', sent, 'CUSTOMER')).toEqual({ value: expected, warnings: [] });
	});

	test.each<unknown>([5, true, ['a', 1], [null], { a: 'b' }])(
		'tags %p is kept and flagged',
		(sent) => {
			expect(normalizeField('tags', sent, 'CUSTOMER')).toEqual({
				value: sent,
				warnings: [
					{
						path: 'data.tags',
						value: sent,
						message: 'expected a comma-separated string or a list of strings',
					},
				],
			});
		},
	);

	test('a tags array is a new array even when nothing changes', () => {
		const tags = ['a', 'b'];
		const event = accept({ action: 'CREATE', object: 'CUSTOMER', data: { uuid: 'x', tags } });
		expect(event.data.tags).toEqual(['a', 'b']);
		expect(event.data.tags).not.toBe(tags);
	});

	test('null stays null for every kind of field', () => {
		const lot = accept({
			action: 'UPDATE',
			object: 'LOT',
			data: {
				uuid: 'x',
				low: null,
				quantity: null,
				is_draft: null,
				images: null,
				dynamic_fields: null,
				status: null,
			},
		});
		expect(lot.data).toEqual({
			uuid: 'x',
			low: null,
			quantity: null,
			is_draft: null,
			images: null,
			dynamic_fields: null,
			status: null,
		});
		const customer = accept({
			action: 'UPDATE',
			object: 'CUSTOMER',
			data: {
				uuid: 'x',
				created_at: null,
				birth_date: null,
				tags: null,
				addresses: [null],
				optin: null,
			},
		});
		expect(customer.data).toEqual({
			uuid: 'x',
			created_at: null,
			birth_date: null,
			tags: null,
			addresses: [null],
			optin: null,
		});
		const auction = accept({
			action: 'UPDATE',
			object: 'AUCTION',
			data: {
				uuid: 'x',
				title: null,
				increments: null,
				images: [{ uuid: 'i', data: { lg: null, sm: { width: null } } }],
			},
		});
		expect(auction.data).toEqual({
			uuid: 'x',
			title: null,
			increments: null,
			images: [{ uuid: 'i', data: { lg: null, sm: { width: null } } }],
		});
		const category = accept({
			action: 'UPDATE',
			object: 'CATEGORY',
			data: {
				uuid: 'x',
				name: { en: 'Rings', de: null },
				dynamic_fields_template: { f: { rules: { required: null } } },
			},
		});
		expect(category.data.dynamic_fields_template).toEqual({ f: { rules: { required: null } } });
		for (const event of [lot, customer, auction, category]) expect(event.warnings).toEqual([]);
	});
});

describe('nested models', () => {
	test('warnings carry the full dotted path into nested models and lists', () => {
		const event = accept({
			action: 'UPDATE',
			object: 'CUSTOMER',
			data: {
				uuid: 'x',
				addresses: [
					{ is_primary: '1', tax_rate: '20' },
					{ is_primary: 'yes', tax_rate: '7.5', created_at: 'yesterday' },
					'14 Cadogan Gardens',
				],
			},
		});
		expect(event.data.addresses).toEqual([
			{ is_primary: true, tax_rate: 20 },
			{ is_primary: 'yes', tax_rate: '7.5', created_at: 'yesterday' },
			'14 Cadogan Gardens',
		]);
		expect(event.warnings).toEqual([
			{ path: 'data.addresses.1.is_primary', value: 'yes', message: 'expected a boolean' },
			{ path: 'data.addresses.1.tax_rate', value: '7.5', message: 'expected a whole number' },
			{
				path: 'data.addresses.1.created_at',
				value: 'yesterday',
				message: 'expected a date and time',
			},
			{ path: 'data.addresses.2', value: '14 Cadogan Gardens', message: 'expected an object' },
		]);
	});

	test('images: sizes are integers, deep paths are reported', () => {
		const event = accept({
			action: 'UPDATE',
			object: 'LOT',
			data: {
				uuid: 'x',
				images: [
					{
						uuid: 'i1',
						position: '1',
						data: { lg: { url: 'u', width: '800', height: '600' }, thumb: { width: 150.5 } },
					},
					{ uuid: 'i2', position: 'first', data: 'none' },
					{ uuid: 'i3', data: { sm: [] } },
				],
			},
		});
		expect(event.data.images).toEqual([
			{
				uuid: 'i1',
				position: 1,
				data: { lg: { url: 'u', width: 800, height: 600 }, thumb: { width: 150.5 } },
			},
			{ uuid: 'i2', position: 'first', data: 'none' },
			{ uuid: 'i3', data: { sm: [] } },
		]);
		expect(event.warnings).toEqual([
			{ path: 'data.images.0.data.thumb.width', value: 150.5, message: 'expected a whole number' },
			{ path: 'data.images.1.position', value: 'first', message: 'expected a number' },
			{ path: 'data.images.1.data', value: 'none', message: 'expected an object' },
			{ path: 'data.images.2.data.sm', value: [], message: 'expected an object' },
		]);
	});

	test('list fields that are not arrays are kept and flagged', () => {
		const event = accept({
			action: 'UPDATE',
			object: 'AUCTION',
			data: { uuid: 'x', images: 'a.jpg', increments: { from: 0 }, premium_terms: '25%' },
		});
		expect(event.data).toEqual({
			uuid: 'x',
			images: 'a.jpg',
			increments: { from: 0 },
			premium_terms: '25%',
		});
		expect(event.warnings.map((warning) => [warning.path, warning.message])).toEqual([
			['data.images', 'expected a list'],
			['data.increments', 'expected a list'],
			['data.premium_terms', 'expected a list'],
		]);
	});

	test('translatable values must be strings: others are kept and flagged', () => {
		const title = { en: 'Jewels', de: 42, fr: { text: 'Bijoux' } };
		const event = accept({
			action: 'UPDATE',
			object: 'AUCTION',
			data: { uuid: 'x', title, description: 'Jewels' },
		});
		expect(event.data.title).toBe(title);
		expect(event.data.description).toBe('Jewels');
		expect(event.warnings).toEqual([
			{ path: 'data.title.de', value: 42, message: 'expected a string or null' },
			{ path: 'data.title.fr', value: { text: 'Bijoux' }, message: 'expected a string or null' },
			{ path: 'data.description', value: 'Jewels', message: 'expected an object' },
		]);
	});

	test('dynamic fields template entries and rules are rebuilt; odd entries flagged', () => {
		const event = accept({
			action: 'UPDATE',
			object: 'CATEGORY',
			data: {
				uuid: 'x',
				dynamic_fields_template: {
					a: { label: 'A', rules: { required: 'sometimes' } },
					b: { rules: 'required' },
					c: 3,
				},
			},
		});
		expect(event.data.dynamic_fields_template).toEqual({
			a: { label: 'A', rules: { required: 'sometimes' } },
			b: { rules: 'required' },
			c: 3,
		});
		expect(event.warnings).toEqual([
			{
				path: 'data.dynamic_fields_template.a.rules.required',
				value: 'sometimes',
				message: 'expected a boolean',
			},
			{
				path: 'data.dynamic_fields_template.b.rules',
				value: 'required',
				message: 'expected an object',
			},
			{ path: 'data.dynamic_fields_template.c', value: 3, message: 'expected an object' },
		]);
	});

	test('dynamic fields that are lists or strings are kept and flagged', () => {
		expect(normalizeField('dynamic_fields', [{ en: {} }]).warnings).toEqual([
			{ path: 'data.dynamic_fields', value: [{ en: {} }], message: 'expected an object' },
		]);
	});

	test('unknown fields pass through as the same value, not copied', () => {
		const extra = { nested: { deeper: [1, 2, { x: 'y' }] } };
		const event = accept({ action: 'UPDATE', object: 'LOT', data: { uuid: 'x', extra, low: '1' } });
		expect(event.data.extra).toBe(extra);
		expect(event.data.low).toBe(1);
	});
});

describe('safety', () => {
	test('`__proto__` keys of rebuilt objects are dropped and flagged; prototypes never change', () => {
		const body = JSON.parse(`{
			"action": "UPDATE", "object": "CUSTOMER",
			"data": {
				"uuid": "x", "__proto__": { "polluted": "data" },
				"addresses": [{ "city": "London", "__proto__": null }, { "__proto__": "text", "is_primary": "1" }],
				"extra": { "__proto__": { "polluted": "passthrough" } }
			}
		}`) as JsonObject;
		const copy = structuredClone(body);
		const event = accept(body);
		expect(body).toEqual(copy);
		expect(Object.getPrototypeOf(event.data)).toBe(Object.prototype);
		expect(Object.prototype.hasOwnProperty.call(event.data, '__proto__')).toBe(false);
		const addresses = event.data.addresses as JsonObject[];
		expect(Object.getPrototypeOf(addresses[0])).toBe(Object.prototype);
		expect(addresses).toEqual([{ city: 'London' }, { is_primary: true }]);
		expect(Object.prototype.hasOwnProperty.call(addresses[1], '__proto__')).toBe(false);
		expect(event.data.polluted).toBeUndefined();
		expect(event.warnings).toEqual([
			{ path: 'data.__proto__', value: { polluted: 'data' }, message: PROTO_MESSAGE },
			{ path: 'data.addresses.0.__proto__', value: null, message: PROTO_MESSAGE },
			{ path: 'data.addresses.1.__proto__', value: 'text', message: PROTO_MESSAGE },
		]);
		// A pass-through value is not walked: its own `__proto__` data property stays as it came.
		const extra = event.data.extra as JsonObject;
		expect(extra).toBe((body.data as JsonObject).extra);
		expect(Object.getPrototypeOf(extra)).toBe(Object.prototype);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});

	test('`__proto__` inside images, renditions and the dynamic fields template', () => {
		const lot = accept(
			JSON.parse(
				'{"action":"CREATE","object":"LOT","data":{"uuid":"x","images":[{"__proto__":{"a":1},"data":{"__proto__":[],"lg":{"__proto__":{"width":1},"width":"5"}}}]}}',
			),
		);
		expect(lot.data.images).toEqual([{ data: { lg: { width: 5 } } }]);
		expect(lot.warnings.map((warning) => warning.path)).toEqual([
			'data.images.0.__proto__',
			'data.images.0.data.__proto__',
			'data.images.0.data.lg.__proto__',
		]);
		const category = accept(
			JSON.parse(
				'{"action":"CREATE","object":"CATEGORY","data":{"uuid":"x","dynamic_fields_template":{"__proto__":{"label":"P"},"f":{"rules":{"__proto__":{"required":true},"required":"0"}}}}}',
			),
		);
		expect(category.data.dynamic_fields_template).toEqual({ f: { rules: { required: false } } });
		const template = category.data.dynamic_fields_template as Record<string, JsonObject>;
		expect(Object.getPrototypeOf(template)).toBe(Object.prototype);
		expect(Object.getPrototypeOf(template.f.rules)).toBe(Object.prototype);
		expect(category.warnings.map((warning) => warning.path)).toEqual([
			'data.dynamic_fields_template.__proto__',
			'data.dynamic_fields_template.f.rules.__proto__',
		]);
	});

	test('`__proto__` in the data of an unknown object is dropped too', () => {
		const event = accept(
			JSON.parse(
				'{"action":"CREATE","object":"BRANCH","data":{"uuid":"x","__proto__":{"isAdmin":true},"a":1}}',
			),
		);
		expect(event.data).toEqual({ uuid: 'x', a: 1 });
		expect((event.data as Record<string, unknown>).isAdmin).toBeUndefined();
		expect(event.warnings).toEqual([
			{ path: 'data.__proto__', value: { isAdmin: true }, message: PROTO_MESSAGE },
		]);
	});

	test('`__proto__` at the top of the body is ignored', () => {
		const event = accept(
			JSON.parse(
				'{"__proto__":{"action":"DELETE"},"action":"CREATE","object":"LOT","data":{"uuid":"x"}}',
			),
		);
		expect(event.action).toBe('CREATE');
	});

	test('`constructor` and `prototype` keys stay ordinary data properties', () => {
		const body = JSON.parse(
			'{"action":"CREATE","object":"CUSTOMER","data":{"uuid":"x","constructor":{"prototype":{"polluted":1}},"prototype":"p","addresses":[{"constructor":"c","prototype":{"a":1}}]}}',
		) as JsonObject;
		const event = accept(body);
		expect(Object.prototype.hasOwnProperty.call(event.data, 'constructor')).toBe(true);
		expect(event.data.constructor).toBe((body.data as JsonObject).constructor);
		expect(event.data.prototype).toBe('p');
		expect((event.data.addresses as JsonObject[])[0]).toEqual({
			constructor: 'c',
			prototype: { a: 1 },
		});
		expect(event.warnings).toEqual([]);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});

	test('a dynamic fields template may name its fields `constructor` or `prototype`', () => {
		const event = accept(
			JSON.parse(
				'{"action":"CREATE","object":"CATEGORY","data":{"uuid":"x","dynamic_fields_template":{"constructor":{"label":"C","rules":{"required":"1","constructor":null}},"prototype":{"label":"P","constructor":"x"}}}}',
			),
		);
		expect(event.data.dynamic_fields_template).toEqual({
			constructor: { label: 'C', rules: { required: true, constructor: null } },
			prototype: { label: 'P', constructor: 'x' },
		});
		expect(event.warnings).toEqual([]);
		const nullConstructor = accept(
			JSON.parse(
				'{"action":"CREATE","object":"CATEGORY","data":{"uuid":"x","dynamic_fields_template":{"constructor":null}}}',
			),
		);
		expect(nullConstructor.data.dynamic_fields_template).toEqual({ constructor: null });
		expect(nullConstructor.warnings).toEqual([]); // null stays null, as everywhere
	});

	test('very deep pass-through values are not walked', () => {
		let deep: unknown = 'bottom';
		for (let level = 0; level < 200_000; level++) deep = level % 2 === 0 ? { next: deep } : [deep];
		const event = accept({
			action: 'CREATE',
			object: 'LOT',
			data: {
				uuid: 'x',
				extra: deep,
				dynamic_fields: { en: deep },
				images: [{ data: { lg: { url: deep } } }],
			},
		});
		expect(event.data.extra).toBe(deep);
		const auction = accept({
			action: 'CREATE',
			object: 'AUCTION',
			data: { uuid: 'x', increments: [deep], title: { en: deep } },
		});
		expect((auction.data.increments as unknown[])[0]).toBe(deep);
		expect(auction.warnings).toEqual([
			{ path: 'data.title.en', value: deep, message: 'expected a string or null' },
		]);
		const unknownObject = accept({
			action: 'CREATE',
			object: 'BRANCH',
			data: { uuid: 'x', tree: deep },
		});
		expect(unknownObject.data.tree).toBe(deep);
	});

	test('objects in the output are plain: new containers for every rebuilt model', () => {
		const body = fixture('auction.update.json');
		const event = accept(body);
		const input = body.data as JsonObject;
		const images = event.data.images as JsonObject[];
		const inputImages = input.images as JsonObject[];
		expect(images).not.toBe(inputImages);
		images.forEach((image, index) => {
			expect(image).not.toBe(inputImages[index]);
			expect(image.data).not.toBe(inputImages[index].data);
			expect(Object.getPrototypeOf(image)).toBe(Object.prototype);
		});
	});
});
