/**
 * The words of every validation message: how a received value is named, what a field expected,
 * and where the problem is. Both triggers, their schemas and the body reader take their words from
 * here, so that the same problem reads the same whichever node reports it.
 */
import * as z from 'zod/v4';

import type { PayloadIssue } from './types';

/** Longest piece of a received string quoted in a message: enough to recognize, never a payload. */
export const MAX_QUOTED = 40;

/**
 * What a field expected, one wording per kind of value. A message names its expectation through
 * this table only, so that two fields that expect the same thing cannot word it two ways.
 */
export const EXPECTED = {
	number: 'a number',
	wholeNumber: 'a whole number',
	boolean: 'a boolean',
	string: 'a string',
	nonEmptyString: 'a non-empty string',
	stringOrNull: 'a string or null',
	object: 'an object',
	jsonObject: 'a JSON object',
	list: 'a list',
	dateTime: 'a date and time',
	date: 'a date',
	tags: 'a comma-separated string or a list of strings',
} as const;

export type Expectation = (typeof EXPECTED)[keyof typeof EXPECTED];

/** The message of a missing field; a missing value has nothing to describe. */
const IS_REQUIRED = 'is required';

/**
 * A value's kind, never its content (`an array`, `a string`, `null`). The body reader names a
 * whole body this way: what is wrong is its kind, and the body itself is on the Rejected item.
 */
export function describeKind(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'an array';
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** A received string as a message shows it: JSON-escaped, cut after MAX_QUOTED characters. */
export function quote(text: string): string {
	return JSON.stringify(text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}…` : text);
}

/**
 * A field's received value as a message names it: a string quoted, a number or boolean as
 * written (short, and what the sender needs to find it), anything else by its kind.
 */
export function describeReceived(value: unknown): string {
	if (typeof value === 'string') return quote(value);
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return describeKind(value);
}

/** `expected a number`: for a warning, which lists the value beside its message. */
export function expectedOnly(what: Expectation): string {
	return `expected ${what}`;
}

/** `is required` for a missing field, else `expected X, received Y`: for an issue, which has no value beside it. */
export function expectedReceived(what: Expectation, received: unknown): string {
	return received === undefined
		? IS_REQUIRED
		: `${expectedOnly(what)}, received ${describeReceived(received)}`;
}

/** `expectedReceived` as zod's `error` option takes it, reading the value zod was given. */
export function zodMessage(what: Expectation): (issue: { input?: unknown }) => string {
	return (issue) => expectedReceived(what, issue.input);
}

/** Why a key was dropped from a body or its data (`key "__proto__" is not allowed and was removed`). */
export function removedKeyMessage(key: string): string {
	return `key ${quote(key)} is not allowed and was removed`;
}

const isNotBlank = (value: string): boolean => value.trim() !== '';

/**
 * A required text field in either node: a string with something other than whitespace, output as
 * sent. One schema, so that a wrong type and a blank value are worded alike everywhere.
 */
export const nonEmptyString = z
	.string({ error: zodMessage(EXPECTED.string) })
	.refine(isNotBlank, { error: zodMessage(EXPECTED.nonEmptyString) });

/** A zod path as users read it: `data.images.0.uuid`; the body itself, which has no path, is `body`. */
export function issuePath(path: ReadonlyArray<PropertyKey>): string {
	return path.length > 0 ? path.map(String).join('.') : 'body';
}

/** A path relative to the value at `prefix` made whole: `data` + `uuid` is `data.uuid`; `''` is that value. */
export function joinPath(prefix: string, relative: string): string {
	return relative === '' ? prefix : `${prefix}.${relative}`;
}

/** The path of `key` inside the value at `parent`, walking down from the body (whose path is `''`). */
export function childPath(parent: string, key: string): string {
	return parent === '' ? key : `${parent}.${key}`;
}

/** zod's issues as the answer lists them; `prefix` places them below a field (`['data']`). */
export function toPayloadIssues(
	error: z.ZodError,
	prefix: ReadonlyArray<PropertyKey> = [],
): PayloadIssue[] {
	return error.issues.map((issue) => ({
		path: issuePath([...prefix, ...issue.path]),
		message: issue.message,
	}));
}
