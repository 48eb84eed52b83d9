/**
 * Lenient field schemas for Artisio payloads.
 *
 * Artisio documents every field's type, but real deliveries send numbers as strings, booleans as
 * 0/1 or "true", dates without a zone, and so on. The schemas here coerce what they can and never
 * fail: a value that cannot be coerced is kept as sent and *flagged*. Flags are not zod issues
 * (an issue would fail the whole parse); a schema that has something to flag outputs a `Flagged`
 * instead of the bare value. Every schema that rebuilds a container (an object, a list, a record)
 * settles its children: it unwraps each `Flagged` child and re-flags it one level up with the
 * child's key prepended to the path. So flags bubble up to the root carrying their dotted path,
 * and the walk is bounded by the schema's depth, never by the payload's.
 *
 * `__proto__` own keys (JSON.parse creates them as ordinary properties) are set aside before zod
 * rebuilds an object: zod writes unknown keys with `result[key] = value`, which for `__proto__`
 * would replace the new object's prototype. The key is dropped and flagged instead. The trigger's
 * pipeline removes such keys before validation; this guard is for every other caller of the
 * exported schemas, which may hand them a body straight from JSON.parse.
 */
import * as z from 'zod/v4';

import type { JsonObject, NormalizationWarning } from '../../shared/types';
import {
	EXPECTED,
	expectedOnly,
	joinPath,
	removedKeyMessage,
} from '../../shared/validationMessages';
import type { Expectation } from '../../shared/validationMessages';

/** A warning whose path is relative to the value the schema was applied to (`''`: that value). */
export type Flag = NormalizationWarning;

/** What a lenient schema outputs when something had to be flagged: the value to keep, and why. */
export class Flagged {
	constructor(
		readonly value: unknown,
		readonly flags: readonly Flag[],
	) {}
}

/** A lenient field: accepts anything (including a missing key), never fails, may output `Flagged`. */
export type Field = z.ZodType<unknown>;

const PROTO_KEY = '__proto__';

export function isRecord(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const hasOwn = (value: object, key: string): boolean =>
	Object.prototype.hasOwnProperty.call(value, key);

/** `value` kept as sent, flagged with what its field expected. */
function flagged(value: unknown, what: Expectation): Flagged {
	return new Flagged(value, [{ path: '', value, message: expectedOnly(what) }]);
}

/** Splits a schema output into the value to keep and its flags (paths relative to it). */
export function settle(output: unknown): { value: unknown; flags: readonly Flag[] } {
	return output instanceof Flagged ? output : { value: output, flags: [] };
}

function prefixed(prefix: string, flags: readonly Flag[], into: Flag[]): void {
	for (const flag of flags) into.push({ ...flag, path: joinPath(prefix, flag.path) });
}

/**
 * Unwraps the `Flagged` children of an object that zod has just built (never an input object).
 * `rebuilt` hands zod only inputs without a `__proto__` key, so none of these keys is one, and
 * writing them back is safe.
 */
function settleObject(built: Record<string, unknown>, extra?: Flag): unknown {
	let flags: Flag[] | undefined = extra ? [extra] : undefined;
	for (const key of Object.keys(built)) {
		const child = built[key];
		if (!(child instanceof Flagged)) continue;
		built[key] = child.value;
		prefixed(key, child.flags, (flags ??= []));
	}
	return flags ? new Flagged(built, flags) : built;
}

function settleArray(built: unknown[]): unknown {
	let flags: Flag[] | undefined;
	for (let index = 0; index < built.length; index++) {
		const child = built[index];
		if (!(child instanceof Flagged)) continue;
		built[index] = child.value;
		prefixed(String(index), child.flags, (flags ??= []));
	}
	return flags ? new Flagged(built, flags) : built;
}

/** A copy of `value` without its `__proto__` own key, and that key's value. */
function setAsideProto(value: JsonObject): { fields: unknown; removed: unknown } {
	return {
		fields: Object.fromEntries(Object.entries(value).filter(([key]) => key !== PROTO_KEY)),
		removed: value[PROTO_KEY],
	};
}

/** Accepts anything, outputs it flagged: the last option of every lenient union. */
const keepAndFlag = (what: Expectation) => z.unknown().transform((value) => flagged(value, what));

/** A guard that stops the pipe after it when it fails (zod's custom checks continue by default). */
const guard = <T>(test: (value: unknown) => boolean) => z.custom<T>(test, { abort: true });

/** A leaf field: `coerce` returns the coerced value, or a `Flagged` holding the value as sent. */
export function leaf(coerce: (value: unknown) => unknown): Field {
	return z.transform(coerce).optional();
}

/** Anything, passed through as it came (strings, enums, JSON blobs, ids). */
export const passThrough: Field = z.unknown().optional();

/**
 * A payload object rebuilt through `inner` (a zod object schema of lenient fields), with its
 * flags settled. `null` stays `null`; anything else that is not an object is kept and flagged.
 */
export function rebuilt(inner: z.ZodType<Record<string, unknown>>): Field {
	const withoutProto = guard<unknown>((value) => isRecord(value) && !hasOwn(value, PROTO_KEY))
		.pipe(inner)
		.transform((built) => settleObject(built));
	const withProto = guard<JsonObject>(isRecord)
		.transform(setAsideProto)
		.pipe(z.object({ fields: inner, removed: z.unknown() }))
		.transform(({ fields, removed }) =>
			settleObject(fields, {
				path: PROTO_KEY,
				value: removed,
				message: removedKeyMessage(PROTO_KEY),
			}),
		);
	return z.union([withoutProto, z.null(), withProto, keepAndFlag(EXPECTED.object)]).optional();
}

/** A documented model: its fields are coerced, unknown fields pass through unchanged. */
export function model(shape: Record<string, Field>): Field {
	return rebuilt(z.looseObject(shape));
}

/**
 * An object whose keys are the payload's own (field names), each value an `entry`.
 * Not `z.record`: it rejects (or, for `"constructor": null`, throws on) objects whose own
 * `constructor` key is not a function. An empty object schema whose catchall is `entry` has none
 * of that: its keys are iterated with `Object.keys`, and `__proto__` is set aside before.
 */
export function recordOf(entry: Field): Field {
	return rebuilt(z.object({}).catchall(entry));
}

/** `List<Model>`: a new array of the items through `item`; not an array: kept and flagged. */
export function list(item: Field): Field {
	return z
		.union([z.array(item).transform(settleArray), z.null(), keepAndFlag(EXPECTED.list)])
		.optional();
}

/**
 * An object passed through as the same reference (not rebuilt), whose own values must each pass
 * `isValid`; any value that does not is flagged (and kept). `null` stays `null`.
 */
export function checkedObject(isValid: (value: unknown) => boolean, what: Expectation): Field {
	const allValid = (value: unknown) => isRecord(value) && Object.values(value).every(isValid);
	const flagInvalid = (value: JsonObject) => {
		const flags: Flag[] = [];
		for (const [key, entry] of Object.entries(value)) {
			if (!isValid(entry)) flags.push({ path: key, value: entry, message: expectedOnly(what) });
		}
		return new Flagged(value, flags);
	};
	return z
		.union([
			guard<JsonObject>(allValid),
			z.null(),
			guard<JsonObject>(isRecord).transform(flagInvalid),
			keepAndFlag(EXPECTED.object),
		])
		.optional();
}

// ---------------------------------------------------------------------------------------------
// Coercers: pure functions from a value as sent to the normalized value (or a `Flagged`).

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

export function toNumber(value: unknown, integer: boolean): unknown {
	if (value === null) return null;
	let number: number | undefined;
	if (typeof value === 'number') number = value;
	else if (typeof value === 'string') {
		const text = value.trim();
		if (DECIMAL.test(text)) number = Number(text);
	}
	if (number === undefined || !Number.isFinite(number)) return flagged(value, EXPECTED.number);
	if (integer && !Number.isInteger(number)) return flagged(value, EXPECTED.wholeNumber);
	return number;
}

export function toBoolean(value: unknown): unknown {
	if (value === null || typeof value === 'boolean') return value;
	if (value === 1 || value === 0) return value === 1;
	if (typeof value === 'string') {
		switch (value.trim().toLowerCase()) {
			case 'true':
			case '1':
				return true;
			case 'false':
			case '0':
				return false;
		}
	}
	return flagged(value, EXPECTED.boolean);
}

/**
 * `YYYY-MM-DD`, optionally followed by `T` or a space and `HH:mm`, `HH:mm:ss` or `HH:mm:ss.fff`,
 * optionally followed by `Z` or an offset (`+02:00`, `+0200`, `+02`). A zone needs a time.
 */
const DATE_TIME =
	/^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)? ?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

interface ParsedDateTime {
	/** The calendar date as written (`YYYY-MM-DD`). */
	date: string;
	/** The instant, reading a value without zone as UTC. */
	instant: Date;
}

function parseDateTime(value: unknown): ParsedDateTime | undefined {
	if (typeof value !== 'string') return undefined;
	const match = DATE_TIME.exec(value.trim());
	if (!match) return undefined;
	const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone] = match;
	const year = Number(y);
	const month = Number(mo);
	const day = Number(d);
	const hour = Number(h);
	const minute = Number(mi);
	const second = Number(s);
	if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59)
		return undefined;
	const millisecond = Number(fraction.slice(0, 3).padEnd(3, '0'));
	const local = new Date(Date.UTC(year, month - 1, day, hour, minute, second, millisecond));
	if (year < 100) local.setUTCFullYear(year); // Date.UTC maps years 0-99 to 1900-1999
	if (local.getUTCDate() !== day) return undefined; // 2026-02-30 and the like
	let offsetMinutes = 0;
	if (zone && zone !== 'Z' && zone !== 'z') {
		const digits = zone.slice(1).replace(':', '');
		const offsetHours = Number(digits.slice(0, 2));
		const offsetMins = digits.length > 2 ? Number(digits.slice(2)) : 0;
		if (offsetHours > 23 || offsetMins > 59) return undefined;
		offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (offsetHours * 60 + offsetMins);
	}
	const instant = new Date(local.getTime() - offsetMinutes * 60_000);
	if (Number.isNaN(instant.getTime())) return undefined;
	return { date: `${y}-${mo}-${d}`, instant };
}

export function toDateTime(value: unknown): unknown {
	if (value === null) return null;
	const parsed = parseDateTime(value);
	return parsed ? parsed.instant.toISOString() : flagged(value, EXPECTED.dateTime);
}

/** The calendar date as written: `1985-03-14T00:00:00+02:00` is the 14th, not the UTC 13th. */
export function toDate(value: unknown): unknown {
	if (value === null) return null;
	const parsed = parseDateTime(value);
	return parsed ? parsed.date : flagged(value, EXPECTED.date);
}

const isString = (value: unknown): value is string => typeof value === 'string';

export function toTags(value: unknown): unknown {
	if (value === null) return null;
	let parts: readonly string[] | undefined;
	if (typeof value === 'string') parts = value.split(',');
	else if (Array.isArray(value) && value.every(isString)) parts = value;
	if (!parts) return flagged(value, EXPECTED.tags);
	const tags: string[] = [];
	for (const part of parts) {
		const tag = part.trim();
		if (tag !== '') tags.push(tag);
	}
	return tags;
}

// ---------------------------------------------------------------------------------------------
// The lenient fields, one per documented type.

export const float = leaf((value) => toNumber(value, false));
export const integer = leaf((value) => toNumber(value, true));
export const boolean = leaf(toBoolean);
export const dateTime = leaf(toDateTime);
export const date = leaf(toDate);
export const tags = leaf(toTags);
/** Strings, UUIDs and enums are not coerced: passed through as sent. */
export const text = passThrough;
/** Documented as `JSON`: any value, passed through. */
export const json = passThrough;
