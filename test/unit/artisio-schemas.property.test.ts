import { isDeepStrictEqual } from 'node:util';

import fc from 'fast-check';

import type { JsonObject } from '../../nodes/shared/types';
import {
	ARTISIO_ACTIONS,
	ARTISIO_OBJECTS,
	validateArtisioEvent,
} from '../../nodes/ArtisioWebhookTrigger/schemas';
import { isRecord } from '../support/util';

const RUNS = { seed: 42, numRuns: 10_000 };

const isNonBlankString = (value: unknown): value is string =>
	typeof value === 'string' && value.trim() !== '';
const hasOwn = (value: object, key: string) => Object.prototype.hasOwnProperty.call(value, key);

/** Keys that matter: the dangerous ones, every documented field name, and a few random ones. */
const FIELD_NAMES = [
	'uuid',
	'low',
	'high',
	'reserve',
	'quantity',
	'is_draft',
	'images',
	'dynamic_fields',
	'position',
	'data',
	'lg',
	'sm',
	'thumb',
	'width',
	'height',
	'url',
	'addresses',
	'is_primary',
	'tax_rate',
	'created_at',
	'birth_date',
	'tags',
	'optin',
	'title',
	'description',
	'name',
	'increments',
	'premium_terms',
	'start_date',
	'bidder_approval',
	'is_private_treaty',
	'dynamic_fields_template',
	'rules',
	'required',
	'label',
	'date',
	'total_amount',
	'is_credit_note',
	'extra_charge_data',
	'en',
	'de',
];
const key = fc.oneof(
	{
		weight: 3,
		arbitrary: fc.constantFrom(
			'__proto__',
			'constructor',
			'prototype',
			'polluted',
			'toString',
			'valueOf',
		),
	},
	{ weight: 6, arbitrary: fc.constantFrom(...FIELD_NAMES) },
	{ weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
);

/** Leaf values shaped like what Artisio sends, plus anything JSON. */
const leaf = fc.oneof(
	fc.constantFrom(
		'1200.50',
		' 12 ',
		'1e999',
		'abc',
		'',
		'true',
		'FALSE',
		'0',
		'1',
		'2026-11-25 10:00:00',
		'2026-11-25T10:00:00+02:00',
		'2026-02-30',
		'a, b,,c',
		0,
		1,
		2.5,
		true,
		false,
		null,
	),
	fc.jsonValue({ maxDepth: 1 }),
);

/** JSON-like trees built from those keys (objects with `__proto__` own keys, like JSON.parse makes). */
const { tree } = fc.letrec((tie) => ({
	tree: fc.oneof(
		{ depthSize: 'small', withCrossShrink: true },
		leaf,
		fc.array(tie('tree'), { maxLength: 4 }),
		fc.dictionary(key, tie('tree'), { maxKeys: 6, noNullPrototype: true }),
	),
}));

const label = (known: readonly string[]) =>
	fc.oneof(
		fc.constantFrom(
			...known,
			...known.map((name) => name.toLowerCase()),
			'Lot',
			' lot ',
			'Branch',
			'',
			'   ',
		),
		fc.string({ maxLength: 12 }),
		fc.jsonValue({ maxDepth: 1 }),
	);

/** `data` objects with a uuid first (an own data property, as JSON.parse makes it), then anything. */
const dataWithUuid = fc
	.tuple(
		fc.oneof(fc.uuid(), fc.string(), fc.jsonValue({ maxDepth: 1 })),
		fc.dictionary(key, tree, { maxKeys: 12, noNullPrototype: true }),
	)
	.map(([uuid, fields]): Record<string, unknown> =>
		Object.defineProperties(
			{},
			{
				uuid: { value: uuid, enumerable: true, writable: true, configurable: true },
				...Object.getOwnPropertyDescriptors(fields),
			},
		),
	);

const data = fc.oneof(
	{ weight: 6, arbitrary: dataWithUuid },
	{ weight: 2, arbitrary: fc.dictionary(key, tree, { maxKeys: 8, noNullPrototype: true }) },
	{ weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);

/** Bodies shaped like envelopes: `action`, `object` and `data`, each sometimes missing or wrong. */
const envelope = fc.record(
	{ action: label(ARTISIO_ACTIONS), object: label(ARTISIO_OBJECTS), data, extra: tree },
	{ requiredKeys: [], noNullPrototype: true },
);

const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype).sort();

/** Every object reachable from `root` (iteratively: values may be deep). */
function* objectsIn(root: unknown): Generator<object> {
	const seen = new Set<object>();
	const stack: unknown[] = [root];
	while (stack.length > 0) {
		const value = stack.pop();
		if (typeof value !== 'object' || value === null || seen.has(value)) continue;
		seen.add(value);
		yield value;
		for (const name of Object.keys(value)) stack.push((value as Record<string, unknown>)[name]);
	}
}

/** A cheap assertion for the hot loop (jest's `expect` costs more than the code under test). */
function check(condition: boolean, message: string, detail?: unknown): asserts condition {
	if (!condition)
		throw new Error(`${message}${detail === undefined ? '' : `: ${JSON.stringify(detail)}`}`);
}

/**
 * A deep copy made in this realm (jest runs tests in a vm context, and `structuredClone` returns
 * objects of the outer realm, which a strict comparison tells apart). Keys are defined, never set,
 * so `__proto__` own keys are copied as own keys.
 */
function clone(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(clone);
	if (!isRecord(value)) return value;
	return Object.fromEntries(Object.entries(value).map(([name, entry]) => [name, clone(entry)]));
}

function checkResult(body: unknown): void {
	const before = clone(body);
	const result = validateArtisioEvent(body as JsonObject);

	// The input is never mutated, and nothing leaks onto Object.prototype.
	check(isDeepStrictEqual(body, before), 'the input was mutated');
	check(({} as Record<string, unknown>).polluted === undefined, 'Object.prototype was polluted');
	check(
		isDeepStrictEqual(Object.getOwnPropertyNames(Object.prototype).sort(), PROTOTYPE_NAMES),
		'Object.prototype changed',
	);

	// Exactly the documented envelope rule decides validity.
	const bodyData = isRecord(body) ? body.data : undefined;
	const shouldBeValid =
		isRecord(body) &&
		isNonBlankString(body.action) &&
		isNonBlankString(body.object) &&
		isRecord(bodyData) &&
		isNonBlankString(bodyData.uuid);
	check(result.valid === shouldBeValid, `expected valid: ${shouldBeValid}`, result);

	if (!result.valid) {
		check(result.issues.length >= 1, 'an invalid payload names at least one issue');
		for (const issue of result.issues) {
			check(Object.keys(issue).sort().join() === 'message,path', 'issue shape', issue);
			check(
				typeof issue.path === 'string' && issue.path.length > 0,
				'issue path is a non-empty string',
				issue,
			);
			check(
				typeof issue.message === 'string' && issue.message.length > 0,
				'issue message is a string',
				issue,
			);
			check(issue.message.length < 120, 'issue message is short', issue);
		}
		return;
	}

	const input = body as Record<string, unknown>;
	const inputData = bodyData as Record<string, unknown>;
	const { event } = result;
	check(
		Object.keys(event).sort().join() === 'action,data,object,unknownValues,uuid,warnings',
		'event shape',
	);
	check(
		event.action === (input.action as string).trim().toUpperCase(),
		'action is trimmed and upper-cased',
	);
	check(
		event.object === (input.object as string).trim().toUpperCase(),
		'object is trimmed and upper-cased',
	);
	check(event.uuid === inputData.uuid && event.data.uuid === inputData.uuid, 'uuid as sent');
	check(isRecord(event.data) && event.data !== inputData, 'data is a new object');

	const expectedUnknown = [
		...((ARTISIO_OBJECTS as readonly string[]).includes(event.object)
			? []
			: [{ field: 'object', value: input.object }]),
		...((ARTISIO_ACTIONS as readonly string[]).includes(event.action)
			? []
			: [{ field: 'action', value: input.action }]),
	];
	check(
		isDeepStrictEqual(event.unknownValues, expectedUnknown),
		'unknown values',
		event.unknownValues,
	);

	for (const warning of event.warnings) {
		check(Object.keys(warning).sort().join() === 'message,path,value', 'warning shape');
		check(warning.path.startsWith('data.'), 'warning path is under data', warning.path);
		check(typeof warning.message === 'string' && warning.message.length > 0, 'warning message');
	}

	// Every key of the input data is kept, except `__proto__`, which is dropped and flagged.
	for (const name of Object.keys(inputData)) {
		check(
			hasOwn(event.data, name) === (name !== '__proto__'),
			'keys are kept, except __proto__',
			name,
		);
	}
	check(
		event.warnings.some((warning) => warning.path === 'data.__proto__') ===
			hasOwn(inputData, '__proto__'),
		'a dropped __proto__ is flagged',
	);
	// Data of an object without a model passes through as the very same values.
	if (!(ARTISIO_OBJECTS as readonly string[]).includes(event.object)) {
		for (const name of Object.keys(inputData)) {
			check(
				name === '__proto__' || event.data[name] === inputData[name],
				'undocumented data passes through',
				name,
			);
		}
	}

	// No object anywhere in the output has an unusual prototype.
	for (const object of objectsIn(event)) {
		const prototype: unknown = Object.getPrototypeOf(object);
		check(prototype === Object.prototype || prototype === Array.prototype, 'plain prototypes only');
	}
}

describe('validateArtisioEvent (property)', () => {
	test('any JSON value as the body: never throws, answers in the documented shape', () => {
		fc.assert(
			fc.property(fc.jsonValue(), (body) => checkResult(body)),
			RUNS,
		);
	});

	test('envelope-shaped bodies with arbitrary data (incl. __proto__, constructor, prototype keys)', () => {
		fc.assert(
			fc.property(envelope, (body) => checkResult(body)),
			RUNS,
		);
	});

	test('bodies for every documented object, always with a valid envelope', () => {
		const valid = fc.record(
			{
				action: fc.constantFrom(...ARTISIO_ACTIONS, 'create', 'Update'),
				object: fc.constantFrom(...ARTISIO_OBJECTS, 'Lot', 'auction', 'Customer'),
				data: fc
					.dictionary(key, tree, { maxKeys: 16, noNullPrototype: true })
					.map((fields) => ({ ...fields, uuid: 'u-1' })),
			},
			{ noNullPrototype: true },
		);
		fc.assert(
			fc.property(valid, (body) => {
				checkResult(body);
				expect(validateArtisioEvent(body as JsonObject).valid).toBe(true);
			}),
			RUNS,
		);
	});

	test('bodies that went through JSON text (JSON.parse semantics) behave the same', () => {
		fc.assert(
			fc.property(envelope, (body) => {
				checkResult(JSON.parse(JSON.stringify(body)) as unknown);
			}),
			{ ...RUNS, numRuns: 2_000 },
		);
	});

	test('objects with a null prototype (not JSON, but possible from code) never make it throw', () => {
		const anything = fc.anything({ withNullPrototype: true, maxDepth: 4 });
		fc.assert(
			fc.property(
				fc.record({
					action: fc.constantFrom('CREATE', 5),
					object: fc.constantFrom('LOT', 'CUSTOMER', 'CATEGORY', 'X'),
					data: fc.oneof(
						anything,
						fc
							.dictionary(key, anything, { noNullPrototype: false })
							.map((fields) => ({ ...fields, uuid: 'u' })),
					),
				}),
				(body) => {
					expect(() => validateArtisioEvent(body as JsonObject)).not.toThrow();
				},
			),
			{ ...RUNS, numRuns: 2_000 },
		);
	});
});
