/**
 * Artemis cases, field by field: every documented field with a wrong type, null or missing, and the
 * `customerId` values that are refused or read as the number they are.
 */
import { artemisCallback } from '../../payloads';
import { accepted, type AddCase, invalid, JSON_TYPE, json, replaceRaw, utf8 } from '../build';

export const ARTEMIS_REQUIRED = [
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

export function artemisFieldCases(add: AddCase, id: () => number): void {
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
}
