/** The Artemis part of the malformed-body corpus. */
import type { AddCase } from '../build';
import type { CorpusCase } from '../types';
import { artemisBodyCases } from './bodies';
import { artemisFieldCases } from './fields';
import { artemisHttpCases } from './http';
import { artemisJsonCases } from './json';

export function artemisCorpus(): CorpusCase[] {
	const cases: CorpusCase[] = [];
	// One counter for all the parts, so that no two accepted cases share a customerId.
	let nextId = 710_000;
	const id = (): number => nextId++;
	const add: AddCase = (c) => {
		cases.push({ node: 'artemis', ...c });
	};
	artemisFieldCases(add, id);
	artemisBodyCases(add, id);
	artemisJsonCases(add, id);
	artemisHttpCases(add, id);
	return cases;
}
