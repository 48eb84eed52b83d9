/**
 * Hostile-input corpora for the reliability tests, generated rather than stored so that
 * megabyte strings, 10,000-level nesting and raw JSON that `JSON.stringify` cannot write (`1e400`,
 * duplicate keys, lone surrogates, invalid UTF-8) stay readable here.
 */
import { artemisCorpus } from './artemis';
import { artisioCorpus } from './artisio';
import { type CorpusCase, LONG } from './types';

/** The whole malformed-body corpus (long cases only with RELIABILITY_LONG=1). */
export function malformedCorpus(options: { long?: boolean } = {}): CorpusCase[] {
	const long = options.long ?? LONG;
	const all = [...artemisCorpus(), ...artisioCorpus()].filter((c) => long || c.long !== true);
	const names = new Set<string>();
	for (const c of all) {
		if (names.has(c.name)) throw new Error(`duplicate corpus case name: ${c.name}`);
		names.add(c.name);
	}
	return all;
}
