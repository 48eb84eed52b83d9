import fc from 'fast-check';

import {
	ARTEMIS_ACTIONS,
	ARTEMIS_CUSTOMER_TYPES,
	ARTEMIS_RISK_RATINGS,
	ARTEMIS_STATUSES,
	validateArtemisCallback,
} from '../../nodes/ArtemisCallbackTrigger/schema';
import type { JsonObject } from '../../nodes/shared/types';
import { withoutUnsafeKeys } from '../../nodes/shared/unsafeKeys';

const RUNS = { seed: 42, numRuns: 10_000 };
const FIELDS = [
	'customerId',
	'customerReferenceId',
	'profileReferenceId',
	'status',
	'riskRating',
	'action',
	'message',
	'customerType',
];

/** Values shaped like what a callback might carry, right or wrong, plus anything JSON. */
const fieldValue = fc.oneof(
	fc.constantFrom(
		...ARTEMIS_STATUSES,
		...ARTEMIS_RISK_RATINGS,
		...ARTEMIS_ACTIONS,
		...ARTEMIS_CUSTOMER_TYPES,
		'cleared',
		'REQUEST_CHANGES',
		'',
		'   ',
		'1042',
		'abc',
		'1e3',
		'-1',
		1042,
		0,
		-5,
		10.5,
		1e300,
		Number.MAX_SAFE_INTEGER + 2,
		null,
		true,
	),
	fc.jsonValue({ maxDepth: 2 }),
);

const key = fc.oneof(
	{ weight: 6, arbitrary: fc.constantFrom(...FIELDS) },
	{
		weight: 2,
		arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'meta'),
	},
	{ weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
);

/** Bodies as JSON.parse makes them: `__proto__` arrives as an own data property. */
const body = fc
	.array(fc.tuple(key, fieldValue), { maxLength: 12 })
	.map(
		(entries) =>
			JSON.parse(
				`{${entries.map(([name, value]) => `${JSON.stringify(name)}:${JSON.stringify(value) ?? 'null'}`).join(',')}}`,
			) as JsonObject,
	);

/** A valid callback with one field replaced by an arbitrary value. */
const nearlyValid = fc
	.tuple(fc.constantFrom(...FIELDS), fieldValue)
	.map(([field, value]): JsonObject => ({
		customerId: 7,
		customerReferenceId: 'C-7',
		profileReferenceId: 'P-7',
		status: 'PENDING',
		riskRating: null,
		action: 'UPDATE',
		message: null,
		customerType: 'CORPORATE',
		[field]: value,
	}));

/** What the pipeline hands the schema: the body with unsafe keys removed. */
const validate = (input: JsonObject) => validateArtemisCallback(withoutUnsafeKeys(input).body);

describe('Artemis schema, for any body', () => {
	it.each([
		['arbitrary objects', body],
		['nearly valid callbacks', nearlyValid],
	])(
		'%s: never throws, answers an item or field-named issues, leaves the input and prototypes alone',
		(_label, arbitrary) => {
			fc.assert(
				fc.property(arbitrary, (input) => {
					const before = JSON.stringify(input);
					const result = validate(input);
					expect(JSON.stringify(input)).toBe(before);
					expect(({} as Record<string, unknown>).polluted).toBeUndefined();
					if (result.valid) {
						const { event } = result;
						expect(Number.isSafeInteger(event.customerId)).toBe(true);
						for (const text of [
							event.customerReferenceId,
							event.profileReferenceId,
							event.status,
							event.action,
							event.customerType,
						]) {
							expect(typeof text === 'string' && text.trim() !== '').toBe(true);
						}
						expect(event.riskRating === null || typeof event.riskRating === 'string').toBe(true);
						expect(event.message === null || typeof event.message === 'string').toBe(true);
						expect(Object.getPrototypeOf(event.otherFields)).toBe(Object.prototype);
						expect(Object.prototype.hasOwnProperty.call(event.otherFields, '__proto__')).toBe(
							false,
						);
						for (const unknown of event.unknownValues) expect(typeof unknown.value).toBe('string');
					} else {
						expect(result.issues.length).toBeGreaterThan(0);
						for (const issue of result.issues) {
							expect(FIELDS).toContain(issue.path);
							expect(issue.message.length).toBeGreaterThan(0);
							expect(issue.message.length).toBeLessThan(120);
						}
					}
				}),
				RUNS,
			);
		},
	);

	it('accepts exactly the bodies whose documented fields have the documented types', () => {
		fc.assert(
			fc.property(nearlyValid, (input) => {
				const id = input.customerId;
				const text = (value: unknown) => typeof value === 'string' && value.trim() !== '';
				const nullableText = (value: unknown) =>
					value === undefined || value === null || typeof value === 'string';
				const expectedValid =
					((typeof id === 'number' && Number.isSafeInteger(id)) ||
						(typeof id === 'string' &&
							/^\s*\d+\s*$/.test(id) &&
							Number.isSafeInteger(Number(id)))) &&
					['customerReferenceId', 'profileReferenceId', 'status', 'action', 'customerType'].every(
						(field) => text(input[field]),
					) &&
					nullableText(input.riskRating) &&
					nullableText(input.message);
				expect(validate(input).valid).toBe(expectedValid);
			}),
			RUNS,
		);
	});
});
