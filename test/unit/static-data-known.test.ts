/**
 * The static-data store skips merging a save this process wrote or merged lately, recognized by its
 * save id: under concurrent requests n8n often loads one written a few requests earlier, and merging
 * it again costs work per record and changes nothing. A save from elsewhere is always merged.
 */
import type { IDataObject } from 'n8n-workflow';

import { RecordMemory } from '../../nodes/shared/dedupe/memory';
import { checkWithStaticData } from '../../nodes/shared/dedupe/staticData';

let nodeCounter = 0;
const nextNode = (): string => `workflow-known:node-${++nodeCounter}`;

/** One request: n8n loads `loaded` (a copy), the node checks and records, n8n saves the copy. */
function deliver(
	node: string,
	loaded: IDataObject,
	record: string,
	fingerprint: string,
	now: number,
): { isNew: boolean; saved: IDataObject } {
	const staticData = structuredClone(loaded);
	const isNew = checkWithStaticData(staticData, node, { record, fingerprint }, 1000, now);
	return { isNew, saved: staticData };
}

describe('static-data store: saves it already holds', () => {
	let merge: jest.SpyInstance;
	beforeEach(() => {
		merge = jest.spyOn(RecordMemory.prototype, 'merge');
	});
	afterEach(() => merge.mockRestore());

	it('does not merge again a string it wrote two requests ago, and still drops a repeat recorded since', () => {
		const node = nextNode();
		const first = deliver(node, {}, 'customer-1', 'INSERT|DRAFT|', 1000).saved;
		const second = deliver(node, first, 'customer-2', 'INSERT|DRAFT|', 2000).saved;
		deliver(node, second, 'customer-3', 'INSERT|DRAFT|', 3000);
		merge.mockClear();

		// A save that lost the race: n8n loads the string of the first request again.
		const stale = deliver(node, first, 'customer-3', 'INSERT|DRAFT|', 4000);
		expect(merge).not.toHaveBeenCalled();
		expect(stale.isNew).toBe(false);
		expect(deliver(node, first, 'customer-2', 'INSERT|DRAFT|', 5000).isNew).toBe(false);
	});

	it('merges a string another process wrote, and what it says counts', () => {
		const mine = nextNode();
		const other = nextNode();
		const ours = deliver(mine, {}, 'customer-1', 'INSERT|DRAFT|', 1000).saved;
		// "Another process": another node key has its own memory; its save carries customer 9.
		const theirs = deliver(other, ours, 'customer-9', 'UPDATE|CLEARED|LOW', 2000).saved;
		merge.mockClear();

		expect(deliver(mine, theirs, 'customer-9', 'UPDATE|CLEARED|LOW', 3000).isNew).toBe(false);
		expect(merge).toHaveBeenCalledTimes(1);
	});

	it('recognizes its own saves up to 64 writes back, merges an older one again, and stays right', () => {
		const node = nextNode();
		let saved: IDataObject = {};
		const written: IDataObject[] = [];
		for (let index = 0; index < 66; index++) {
			saved = deliver(node, saved, `customer-${index}`, 'INSERT|DRAFT|', 1000 * (index + 1)).saved;
			written.push(saved);
		}
		merge.mockClear();
		// Save 4 of 66: still among the last 64 known (saves 3 to 66).
		deliver(node, written[3], 'customer-65', 'INSERT|DRAFT|', 70_000);
		expect(merge).not.toHaveBeenCalled();
		const oldest = deliver(node, written[0], 'customer-65', 'INSERT|DRAFT|', 71_000);
		expect(merge).toHaveBeenCalledTimes(1);
		expect(oldest.isNew).toBe(false);
		expect(deliver(node, written[0], 'customer-0', 'INSERT|DRAFT|', 72_000).isNew).toBe(false);
	});

	it('always merges a save without a save id (written by a version before 0.4.0), and what it says counts', () => {
		const node = nextNode();
		const ours = deliver(node, {}, 'customer-1', 'INSERT|DRAFT|', 1000).saved;
		const other = nextNode();
		const theirs = deliver(other, ours, 'customer-9', 'UPDATE|CLEARED|LOW', 2000).saved as {
			dedupe: { version: number; records: string };
		};
		const withoutId: IDataObject = {
			dedupe: { version: theirs.dedupe.version, records: theirs.dedupe.records },
		};
		merge.mockClear();
		expect(deliver(node, withoutId, 'customer-9', 'UPDATE|CLEARED|LOW', 3000).isNew).toBe(false);
		deliver(node, withoutId, 'customer-1', 'INSERT|DRAFT|', 4000);
		expect(merge).toHaveBeenCalledTimes(2);
	});

	it('a memory made anew (a restarted process) merges its own earlier saves: its save ids are new', () => {
		const node = nextNode();
		const before = deliver(node, {}, 'customer-1', 'INSERT|DRAFT|', 1000).saved as {
			dedupe: { saveId?: unknown };
		};
		expect(typeof before.dedupe.saveId).toBe('string');
		jest.isolateModules(() => {
			const fresh =
				// eslint-disable-next-line @typescript-eslint/no-require-imports
				require('../../nodes/shared/dedupe/staticData') as typeof import('../../nodes/shared/dedupe/staticData');
			const staticData = structuredClone(before) as IDataObject;
			expect(
				fresh.checkWithStaticData(
					staticData,
					node,
					{ record: 'customer-1', fingerprint: 'INSERT|DRAFT|' },
					1000,
					2000,
				),
			).toBe(false);
			const after = staticData.dedupe as { saveId?: unknown };
			expect(typeof after.saveId).toBe('string');
			expect(String(after.saveId).split('.')[0]).not.toBe(
				String(before.dedupe.saveId).split('.')[0],
			);
		});
	});
});
