/**
 * The static-data store seen from several n8n processes. Each "process" is its own copy of the
 * store module (its own in-process memories, as in a separate `n8n webhook` process); the shared
 * "database" is the static data as JSON, loaded by each request and saved whole after it, as n8n does.
 */
import fc from 'fast-check';

import { digest } from '../../nodes/shared/dedupe/digest';
import { ENTRY_LENGTH } from '../../nodes/shared/dedupe/savedFormat';
import { Database, newProcess, NODE, type StoreModule } from '../support/storeProcesses';

/** One request on one process: load, check, save (n8n saves static data whole after webhook()). */
function deliver(
	process: StoreModule,
	db: Database,
	record: string,
	fingerprint: string,
	now: number,
	capacity = 1000,
): boolean {
	const staticData = db.load();
	const isNew = process.checkWithStaticData(
		staticData,
		NODE,
		{ record, fingerprint },
		capacity,
		now,
	);
	db.save(staticData);
	return isNew;
}

describe('static-data store across processes', () => {
	it('drops the same event sent to process A and then to B, in both orders', () => {
		const db = new Database();
		const [a, b] = [newProcess(), newProcess()];
		expect(deliver(a, db, '1042', 'UPDATE|CLEARED|LOW', 1000)).toBe(true);
		expect(deliver(b, db, '1042', 'UPDATE|CLEARED|LOW', 4000)).toBe(false);
		expect(deliver(b, db, '1043', 'INSERT|DRAFT|', 5000)).toBe(true);
		expect(deliver(a, db, '1043', 'INSERT|DRAFT|', 35_000)).toBe(false);
	});

	it('accepts every real change spread over processes, and drops the last state again on either', () => {
		const db = new Database();
		const [a, b] = [newProcess(), newProcess()];
		const states = ['PENDING', 'CLEARED', 'PENDING', 'CLEARED'];
		states.forEach((state, index) => {
			expect(
				deliver(index % 2 === 0 ? a : b, db, '7', `UPDATE|${state}|LOW`, 1000 * (index + 1)),
			).toBe(true);
		});
		expect(deliver(a, db, '7', 'UPDATE|CLEARED|LOW', 9000)).toBe(false);
		expect(deliver(b, db, '7', 'UPDATE|CLEARED|LOW', 9500)).toBe(false);
	});

	it('never rolls back a state another process accepted, even when this process has an older one in memory', () => {
		const db = new Database();
		const [a, b] = [newProcess(), newProcess()];
		deliver(a, db, '7', 'UPDATE|PENDING|', 1000);
		deliver(b, db, '7', 'UPDATE|CLEARED|', 2000);
		// A still remembers PENDING in memory; the saved CLEARED is newer and wins.
		expect(deliver(a, db, '7', 'UPDATE|CLEARED|', 3000)).toBe(false);
		expect(db.records()).toEqual([[digest('7'), digest('UPDATE|CLEARED|')]]);
	});

	it("orders a process's new state after the one it merged, even when its clock runs 10 s behind", () => {
		const db = new Database();
		const [a, b] = [newProcess(), newProcess()];
		const skew = 10_000;
		deliver(a, db, '7', 'UPDATE|PENDING|', 1000);
		deliver(b, db, '7', 'UPDATE|CLEARED|', 2000 + skew);
		expect(deliver(a, db, '7', 'UPDATE|PENDING|', 3000)).toBe(true);
		// PENDING (from A, "earlier" by A's clock) is the last accepted state everywhere.
		expect(deliver(b, db, '7', 'UPDATE|PENDING|', 4000 + skew)).toBe(false);
		expect(deliver(b, db, '7', 'UPDATE|CLEARED|', 4100 + skew)).toBe(true);
	});

	it('keeps what another process saved when this one saves: no record of theirs is removed', () => {
		const db = new Database();
		const [a, b] = [newProcess(), newProcess()];
		for (let customer = 0; customer < 30; customer++)
			deliver(customer % 2 ? a : b, db, String(customer), 'INSERT|DRAFT|', 1000 + customer);
		expect(db.records()).toHaveLength(30);
		// Each repeat to the other process is a duplicate.
		for (let customer = 0; customer < 30; customer++) {
			expect(
				deliver(customer % 2 ? b : a, db, String(customer), 'INSERT|DRAFT|', 5000 + customer),
			).toBe(false);
		}
		// And after a restart of A (a fresh process): still duplicates.
		const restartedA = newProcess();
		for (let customer = 0; customer < 30; customer++) {
			expect(deliver(restartedA, db, String(customer), 'INSERT|DRAFT|', 9000 + customer)).toBe(
				false,
			);
		}
	});

	it('stops identical deliveries in flight at once on one process (each request loaded static data before any saved)', () => {
		const db = new Database();
		const a = newProcess();
		const loaded = Array.from({ length: 20 }, () => db.load());
		const verdicts = loaded.map((staticData) =>
			a.checkWithStaticData(staticData, NODE, { record: '1', fingerprint: 'x' }, 1000, 1000),
		);
		expect(verdicts.filter(Boolean)).toHaveLength(1);
	});

	it('heals a save that n8n lost between back-to-back requests of one process', () => {
		const db = new Database();
		const a = newProcess();
		const first = db.load();
		const second = db.load(); // loaded before the first request's save landed
		a.checkWithStaticData(first, NODE, { record: '1', fingerprint: 'x' }, 1000, 1000);
		a.checkWithStaticData(second, NODE, { record: '2', fingerprint: 'x' }, 1000, 1001);
		db.save(second);
		db.save(first); // the first save lands last and overwrites the second
		expect(deliver(a, db, '3', 'x', 1002)).toBe(true);
		expect(db.records().map(([record]) => record)).toEqual(['1', '2', '3'].map(digest));
	});

	it('bounds the merged memory to N records, least recently seen first, whichever process saw them', () => {
		const db = new Database();
		const [a, b] = [newProcess(), newProcess()];
		for (let customer = 0; customer < 20; customer++)
			deliver(customer % 2 ? a : b, db, String(customer), 'x', 1000 + customer, 5);
		expect(db.records().map(([record]) => record)).toEqual(
			['15', '16', '17', '18', '19'].map(digest),
		);
		expect(JSON.stringify(db.load())).toContain('"version":3');
	});

	it('reads what 0.2.0 saved (format 2) and what 0.1.0 saved (format 1), and keeps those records on the next save', () => {
		for (const saved of [
			{ dedupe: { version: 2, records: `${digest('1042')}${digest('UPDATE|CLEARED|LOW')}` } },
			{ dedupe: { version: 1, records: [['1042', 'UPDATE|CLEARED|LOW']] } },
		]) {
			const db = new Database();
			db.json = JSON.stringify(saved);
			const [a, b] = [newProcess(), newProcess()];
			expect(deliver(a, db, '1042', 'UPDATE|CLEARED|LOW', 1000)).toBe(false);
			expect(deliver(a, db, '2000', 'INSERT|DRAFT|', 1001)).toBe(true);
			const state = db.load().dedupe as { version: number; records: string };
			expect(state.version).toBe(3);
			expect(state.records).toHaveLength(2 * ENTRY_LENGTH);
			expect(deliver(b, db, '1042', 'UPDATE|CLEARED|LOW', 1002)).toBe(false);
			expect(deliver(b, db, '1042', 'UPDATE|PENDING|LOW', 1003)).toBe(true);
		}
	});

	it('decides like one process for any sequence of deliveries spread over three processes one after another', () => {
		const delivery = fc.record({
			process: fc.integer({ min: 0, max: 2 }),
			restart: fc.boolean(),
			record: fc.integer({ min: 0, max: 9 }).map(String),
			state: fc.constantFrom('PENDING', 'CLEARED', 'REJECTED'),
			gap: fc.integer({ min: 1, max: 5000 }),
		});
		fc.assert(
			fc.property(
				fc.array(delivery, { maxLength: 60 }),
				fc.constantFrom(3, 6, 50),
				(deliveries, capacity) => {
					const db = new Database();
					const processes = [newProcess(), newProcess(), newProcess()];
					const model = new Map<string, string>();
					let now = 1_800_000_000_000;
					for (const { process, restart, record, state, gap } of deliveries) {
						if (restart && gap > 4500) processes[process] = newProcess();
						now += gap;
						const isNew = model.get(record) !== state;
						// Seen counts for eviction, repeats included.
						model.delete(record);
						model.set(record, state);
						while (model.size > capacity) model.delete(model.keys().next().value as string);
						const target = processes[process];
						if (target === undefined) throw new Error('no process');
						expect(deliver(target, db, record, state, now, capacity)).toBe(isNew);
					}
					expect(db.records()).toEqual(
						Array.from(model, ([record, state]) => [digest(record), digest(state)]),
					);
				},
			),
			{ numRuns: 300, seed: 11 },
		);
	});
});
