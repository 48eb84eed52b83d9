import type { PayloadIssue } from './types';

const MAX_QUOTED = 40;

/** How a received value reads in an error message: short, and never a whole payload. */
export function describeReceived(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'an array';
	switch (typeof value) {
		case 'string':
			return JSON.stringify(value.length > MAX_QUOTED ? `${value.slice(0, MAX_QUOTED)}…` : value);
		case 'number':
		case 'boolean':
			return String(value);
		case 'object':
			return 'an object';
		default:
			return `a ${typeof value}`;
	}
}

/** `is required` for a missing field, else `expected X, received Y`. */
export function expected(what: string, received: unknown): string {
	return received === undefined ? 'is required' : `expected ${what}, received ${describeReceived(received)}`;
}

/** zod paths are arrays; users read dotted strings (`data.addresses.0.city`). */
export function dottedPath(path: ReadonlyArray<PropertyKey>): string {
	return path.map(String).join('.');
}

export function issue(path: ReadonlyArray<PropertyKey>, message: string): PayloadIssue {
	return { path: dottedPath(path), message };
}
