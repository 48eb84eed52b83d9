/** The Artisio part of the malformed-body corpus. */
import type { AddCase } from '../build';
import type { CorpusCase } from '../types';
import { artisioBodyCases } from './bodies';
import { artisioFieldCases } from './fields';
import { artisioHttpCases } from './http';
import { artisioJsonCases } from './json';

export function artisioCorpus(): CorpusCase[] {
	const cases: CorpusCase[] = [];
	// One counter for all the parts, so that no two accepted cases share a data.uuid.
	let next = 0;
	const uuid = (): string => `rel-${(next++).toString().padStart(4, '0')}-5f0c8d2e-4a1b`;
	const add: AddCase = (c) => {
		cases.push({ node: 'artisio', ...c });
	};
	artisioFieldCases(add, uuid);
	artisioBodyCases(add, uuid);
	artisioJsonCases(add, uuid);
	artisioHttpCases(add, uuid);
	return cases;
}
