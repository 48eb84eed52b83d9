/**
 * Building blocks of the corpora: raw JSON text that `JSON.stringify` cannot write, deep nesting,
 * megabyte strings, and the expected answers every corpus uses.
 */
import type { CorpusCase, Expected } from './types';

/** How a part of a corpus adds a case; the corpus it belongs to fills in `node`. */
export type AddCase = (c: Omit<CorpusCase, 'node'>) => void;

export const JSON_TYPE = 'application/json';

export const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');
export const json = (value: unknown): Buffer => utf8(JSON.stringify(value));

/** `[[[…]]]`, `levels` deep. */
export const deepArray = (levels: number): string => '['.repeat(levels) + ']'.repeat(levels);

/** `{"a":{"a":…{"a":leaf}…}}`, `levels` deep. */
export const deepObject = (levels: number, leaf = '1'): string =>
	'{"a":'.repeat(levels) + leaf + '}'.repeat(levels);

/** A JSON object's text with `,"key":<raw>` added before its closing brace. */
export function withRaw(object: Record<string, unknown>, key: string, raw: string): string {
	const text = JSON.stringify(object);
	return `${text.slice(0, -1)}${text.length > 2 ? ',' : ''}${JSON.stringify(key)}:${raw}}`;
}

/** A JSON object's text with the value of `key` replaced by raw JSON text (`1e400`, `"\ud800"`). */
export function replaceRaw(object: Record<string, unknown>, key: string, raw: string): string {
	const marker = `__RAW_${key}__`;
	return JSON.stringify({ ...object, [key]: marker }).replace(JSON.stringify(marker), raw);
}

/** `text` as UTF-8 with raw `bytes` (not valid UTF-8, say) in place of `marker`. */
export function spliceBytes(text: string, marker: string, bytes: Buffer): Buffer {
	const at = text.indexOf(marker);
	return Buffer.concat([utf8(text.slice(0, at)), bytes, utf8(text.slice(at + marker.length))]);
}

export const MB = 1024 * 1024;
/** One megabyte of text (not all one character, so that nothing compresses it away by accident). */
export const megabyte = (seed: string): string =>
	`${seed}-`.repeat(Math.ceil(MB / (seed.length + 1))).slice(0, MB);

export const DEPTH = 10_000;
export const LONG_DEPTHS = [100_000, 1_000_000];

export const accepted = (record: number | string): Expected => ({
	by: 'node',
	status: 200,
	answer: 'accepted',
	record: String(record),
});
export const invalid = (paths: string[]): Expected => ({
	by: 'node',
	status: 400,
	error: 'invalid_payload',
	paths,
});
export const invalidBody: Expected = { by: 'node', status: 400, error: 'invalid_body' };
