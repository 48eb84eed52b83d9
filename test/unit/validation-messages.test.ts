import { validateArtemisCallback } from '../../nodes/ArtemisCallbackTrigger/schema';
import { validateArtisioEvent } from '../../nodes/ArtisioWebhookTrigger/schemas';
import type { JsonObject, PayloadIssue } from '../../nodes/shared/types';
import {
	describeKind,
	describeReceived,
	expectedReceived,
	EXPECTED,
	issuePath,
	MAX_QUOTED,
} from '../../nodes/shared/validationMessages';

const artemisCallback = (overrides: JsonObject): JsonObject => ({
	customerId: 7,
	customerReferenceId: 'C-7',
	profileReferenceId: 'P-7',
	status: 'PENDING',
	action: 'UPDATE',
	customerType: 'CORPORATE',
	...overrides,
});

const artisioEvent = (overrides: JsonObject): JsonObject => ({
	action: 'UPDATE',
	object: 'LOT',
	data: { uuid: 'u-1' },
	...overrides,
});

function issuesOf(
	result: { valid: true } | { valid: false; issues: PayloadIssue[] },
): PayloadIssue[] {
	if (result.valid) throw new Error('expected an invalid payload');
	return result.issues;
}

/** The message each node gives for one required text field holding `value`. */
function textFieldMessages(value: unknown): { artemis: string; artisio: string } {
	const [artemis] = issuesOf(
		validateArtemisCallback(artemisCallback({ status: value as JsonObject[string] })),
	);
	const [artisio] = issuesOf(
		validateArtisioEvent(artisioEvent({ action: value as JsonObject[string] })),
	);
	return { artemis: artemis.message, artisio: artisio.message };
}

describe('validation messages', () => {
	it.each<[unknown, string]>([
		['abc', '"abc"'],
		['', '""'],
		[5, '5'],
		[true, 'true'],
		[null, 'null'],
		[['x'], 'an array'],
		[{ a: 1 }, 'an object'],
		[undefined, 'nothing'],
	])('names the received value %p as %s', (value, named) => {
		expect(describeReceived(value)).toBe(named);
	});

	it('names only the kind of a whole body, never its content', () => {
		expect(['text', 42, false, null, [], {}].map(describeKind)).toEqual([
			'a string',
			'a number',
			'a boolean',
			'null',
			'an array',
			'an object',
		]);
	});

	it(`quotes at most ${MAX_QUOTED} characters of a received string`, () => {
		expect(MAX_QUOTED).toBe(40);
		expect(describeReceived('x'.repeat(41))).toBe(`"${'x'.repeat(40)}…"`);
		expect(describeReceived('x'.repeat(40))).toBe(`"${'x'.repeat(40)}"`);
	});

	it('says "is required" for a missing value, and what was expected and received otherwise', () => {
		expect(expectedReceived(EXPECTED.number, undefined)).toBe('is required');
		expect(expectedReceived(EXPECTED.number, 'abc')).toBe('expected a number, received "abc"');
	});

	it('writes paths dotted, and the body itself as `body`', () => {
		expect(issuePath(['data', 'images', 0, 'uuid'])).toBe('data.images.0.uuid');
		expect(issuePath([])).toBe('body');
	});

	it.each<[string, unknown, string]>([
		['missing', undefined, 'is required'],
		['a number', 5, 'expected a string, received 5'],
		['a boolean', true, 'expected a string, received true'],
		['null', null, 'expected a string, received null'],
		['an array', ['x'], 'expected a string, received an array'],
		['an object', { a: 1 }, 'expected a string, received an object'],
		['blank', '  ', 'expected a non-empty string, received "  "'],
	])('words a required text field that is %s alike in both nodes', (_label, value, message) => {
		expect(textFieldMessages(value)).toEqual({ artemis: message, artisio: message });
	});

	it.each<[string, string, string, unknown]>([
		['a fraction for a whole number', 'customerId', 'delay_batch', 10.5],
		['text for a whole number', 'customerId', 'delay_batch', 'abc'],
		['a number for a string or null', 'riskRating', 'title', 3],
	])(
		'words %s in an Artisio warning as in the Artemis 400, less the value it lists beside it',
		(_label, artemisField, artisioField, value) => {
			const [issue] = issuesOf(
				validateArtemisCallback(artemisCallback({ [artemisField]: value as JsonObject[string] })),
			);
			const artisioValue = artisioField === 'title' ? { en: value } : value;
			const result = validateArtisioEvent(
				artisioEvent({
					object: 'AUCTION',
					data: { uuid: 'u-1', [artisioField]: artisioValue as JsonObject[string] },
				}),
			);
			if (!result.valid) throw new Error('expected a valid event');
			const [warning] = result.event.warnings;
			expect(issue.message).toBe(`${warning.message}, received ${describeReceived(value)}`);
		},
	);

	it('words a body that is not an object alike in both nodes', () => {
		const body = ['x'] as unknown as JsonObject;
		const expected = [{ path: 'body', message: 'expected a JSON object, received an array' }];
		expect(issuesOf(validateArtemisCallback(body))).toEqual(expected);
		expect(issuesOf(validateArtisioEvent(body))).toEqual(expected);
	});
});
