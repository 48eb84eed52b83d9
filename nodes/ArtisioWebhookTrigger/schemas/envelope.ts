/**
 * The Artisio webhook envelope `{ action, object, data: { uuid, … } }`: the only part of a
 * payload that can make it invalid.
 */
import * as z from 'zod/v4';

import type { PayloadIssue } from '../../shared/types';

export const ARTISIO_OBJECTS = [
	'AUCTION',
	'CATEGORY',
	'CUSTOMER',
	'DEPARTMENT',
	'INVOICE',
	'LOT',
	'SETTLEMENT',
] as const;
export type ArtisioObject = (typeof ARTISIO_OBJECTS)[number];

export const ARTISIO_ACTIONS = ['CREATE', 'UPDATE', 'DELETE'] as const;
export type ArtisioAction = (typeof ARTISIO_ACTIONS)[number];

/** Longest piece of a received string quoted in an issue message. */
const MAX_QUOTED = 40;

/** How a received value is named in an issue message: its type, or a string quoted (truncated). */
export function describeReceived(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'string') {
		const shown = value.length > MAX_QUOTED ? `${value.slice(0, MAX_QUOTED)}…` : value;
		return JSON.stringify(shown);
	}
	return typeof value;
}

/** A zod error message: `is required` when missing, otherwise what was expected and received. */
const expected =
	(what: string) =>
	(issue: { input?: unknown }): string =>
		issue.input === undefined
			? 'is required'
			: `expected ${what}, received ${describeReceived(issue.input)}`;

const isNotBlank = (value: string): boolean => value.trim() !== '';

/** A string with something other than whitespace; output as sent. */
const nonEmptyString = z
	.string({ error: expected('a non-empty string') })
	.refine(isNotBlank, { error: expected('a non-empty string') });

/**
 * Validates the envelope only; `data` is checked for its `uuid` here and normalized by its model.
 * Strip mode (not loose): nothing but the fields below is copied, so no payload key is written.
 * `action` and `object` are output as sent (unknown ones are reported that way); see `toName`.
 */
export const Envelope = z.object(
	{
		action: nonEmptyString,
		object: nonEmptyString,
		data: z.object({ uuid: nonEmptyString }, { error: expected('an object') }),
	},
	{ error: expected('a JSON object') },
);

/** How `action` and `object` are matched and output: trimmed, upper-cased (`Lot` and `LOT` alike). */
export function toName(sent: string): string {
	return sent.trim().toUpperCase();
}

/** Zod issues as payload issues: dotted paths (`data.uuid`); the body itself is `body`. */
export function toPayloadIssues(error: z.ZodError): PayloadIssue[] {
	return error.issues.map((issue) => ({
		path: issue.path.length > 0 ? issue.path.map(String).join('.') : 'body',
		message: issue.message,
	}));
}
