import crypto from 'node:crypto';

import fc from 'fast-check';
import { isValidBearer } from '../../nodes/shared/bearer';
import { digest } from '../../nodes/shared/dedupe/digest';
import { clampCapacity, RecordMemory } from '../../nodes/shared/dedupe/memory';
import { ENTRY_LENGTH, restoreFromStaticData } from '../../nodes/shared/dedupe/savedFormat';
import { canonicalJson, canonicalJsonFast, fingerprintOf } from '../../nodes/shared/fingerprint';
import { isAllowed, parseAllowlist } from '../../nodes/shared/ipAllowlist';
import { sha256 } from '../../nodes/shared/sha256';
import { withoutUnsafeKeys } from '../../nodes/shared/unsafeKeys';

describe('IP allowlist', () => {
	const allowlist = parseAllowlist(
		'203.0.113.0/24, 198.51.100.7\n2001:db8::/32 ::1, fe80::1%eth0, 10.0.0.0/8',
	);

	it('parses addresses and ranges separated by commas, spaces or new lines', () => {
		expect(allowlist.ranges).toHaveLength(6);
		expect(allowlist.invalid).toEqual([]);
	});

	it.each([
		['203.0.113.255', true],
		['203.0.114.1', false],
		['198.51.100.7', true],
		['198.51.100.8', false],
		['::ffff:198.51.100.7', true],
		['::ffff:c633:6407', true],
		['10.255.0.1', true],
		['2001:db8:ffff::1', true],
		['2001:db9::1', false],
		['::1', true],
		['127.0.0.1', false],
		['fe80::1', true],
		['not-an-ip', false],
	])('%s → %s', (ip, allowed) => {
		expect(isAllowed(allowlist, ip)).toBe(allowed);
	});

	it('refuses a missing client address', () => {
		expect(isAllowed(allowlist, undefined)).toBe(false);
	});

	it.each([
		'300.1.1.1',
		'1.2.3',
		'1.2.3.4/33',
		'1.2.3.4/x',
		'2001:db8::/129',
		'1::2::3',
		'12345::',
		'localhost',
		'1.2.3.4/8/8',
		'1:2:3:4:5:6:7:8:9',
	])('lists %s as invalid', (entry) => {
		expect(parseAllowlist(entry)).toEqual({ ranges: [], invalid: [entry] });
	});

	it('matches everything with /0 ranges and exactly one address with /32 and /128', () => {
		expect(isAllowed(parseAllowlist('0.0.0.0/0'), '8.8.8.8')).toBe(true);
		expect(isAllowed(parseAllowlist('8.8.8.8/32'), '8.8.8.9')).toBe(false);
		expect(isAllowed(parseAllowlist('2001:db8::1/128'), '2001:db8::1')).toBe(true);
		expect(isAllowed(parseAllowlist('2001:db8::1/128'), '2001:db8::2')).toBe(false);
		expect(isAllowed(parseAllowlist('1:2:3:4:5:6:1.2.3.4'), '1:2:3:4:5:6:102:304')).toBe(true);
	});
});

describe('bearer token check', () => {
	const token = 'tok_9f8e7d6c5b4a';
	it.each([
		[`Bearer ${token}`, true],
		[`bearer ${token}`, true],
		[`BEARER ${token}`, true],
		[`Bearer  ${token}`, true],
		[`Bearer ${token.toUpperCase()}`, false],
		[`Bearer ${token}x`, false],
		[`Bearer ${token.slice(0, -1)}`, false],
		[`Bearer ${token} x`, false],
		[`Basic ${token}`, false],
		[token, false],
		['Bearer ', false],
		['Bearer', false],
		['', false],
	])('%j → %s', (header, valid) => {
		expect(isValidBearer(header, token)).toBe(valid);
	});

	it('refuses a missing header, several headers, and any header when no token is configured', () => {
		expect(isValidBearer(undefined, token)).toBe(false);
		expect(isValidBearer([`Bearer ${token}`, `Bearer ${token}`], token)).toBe(false);
		expect(isValidBearer('Bearer ', '')).toBe(false);
		expect(isValidBearer('Bearer x', '')).toBe(false);
	});
});

describe('canonical JSON and fingerprint', () => {
	it('sorts keys at every level and keeps array order', () => {
		expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
			'{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
		);
	});

	it('gives the same fingerprint whatever the key order, and another for other data', () => {
		expect(fingerprintOf({ a: 1, b: 'x' })).toBe(fingerprintOf({ b: 'x', a: 1 }));
		expect(fingerprintOf({ a: 1, b: 'x' })).not.toBe(fingerprintOf({ a: 2, b: 'x' }));
		expect(fingerprintOf({ a: [1, 2] })).not.toBe(fingerprintOf({ a: [2, 1] }));
		expect(fingerprintOf({})).toMatch(/^[0-9a-f]{16}$/);
	});

	it('equals JSON.stringify for data without objects to sort', () => {
		const value = [1, 'two', null, true, [3.5, 'é\u2028'], []];
		expect(canonicalJson(value)).toBe(JSON.stringify(value));
	});

	it('writes exactly what canonicalJson writes on the fast path too (fingerprints stay stable)', () => {
		const json = fc.jsonValue();
		const withAwkwardKeys = fc.dictionary(
			fc.constantFrom('10', '9', '0', '__proto__', 'b', 'a', '', 'é'),
			json,
		);
		fc.assert(
			fc.property(fc.oneof(json, withAwkwardKeys, fc.array(withAwkwardKeys)), (value) => {
				expect(canonicalJsonFast(value)).toBe(canonicalJson(value));
			}),
			{ numRuns: 2000, seed: 42 },
		);
		let deep: unknown = 'leaf';
		for (let level = 0; level < 2_000; level++) deep = { k: deep, a: [level] };
		expect(canonicalJsonFast(deep)).toBe(canonicalJson(deep));
		const withDate = { b: new Date(0), a: [new Date(1)] };
		expect(canonicalJsonFast(withDate)).toBe(canonicalJson(withDate));
	});

	it('handles 100,000 levels of nesting without overflowing the stack', () => {
		let deep: unknown = 'leaf';
		for (let level = 0; level < 100_000; level++) deep = level % 2 ? [deep] : { k: deep };
		expect(fingerprintOf(deep)).toMatch(/^[0-9a-f]{16}$/);
	});
});

/** A clock that moves 1 ms per call, as deliveries on one process would. */
let clock = 1_800_000_000_000;
const tick = (): number => ++clock;
/** `[record, fingerprint]` digests, least recently seen first. */
const pairsOf = (memory: RecordMemory): Array<[string, string]> =>
	memory.entries().map((entry) => [entry.record, entry.fingerprint]);
const pairsOfText = (text: string): Array<[string, string]> =>
	restoreFromStaticData({ dedupe: { version: 3, records: text } }).map((entry) => [
		entry.record,
		entry.fingerprint,
	]);

describe('dedupe memory', () => {
	it('drops only a repeat of the last accepted state of a record', () => {
		const store = new RecordMemory();
		expect(store.checkAndRecord('1', 'UPDATE|PENDING|', 10, tick())).toBe(true);
		expect(store.checkAndRecord('1', 'UPDATE|PENDING|', 10, tick())).toBe(false);
		expect(store.checkAndRecord('1', 'UPDATE|REQUIRE_UPDATE|', 10, tick())).toBe(true);
		expect(store.checkAndRecord('1', 'UPDATE|PENDING|', 10, tick())).toBe(true);
		expect(store.checkAndRecord('2', 'UPDATE|PENDING|', 10, tick())).toBe(true);
	});

	it('forgets the least recently seen record first, where a repeat counts as seen', () => {
		const store = new RecordMemory();
		store.checkAndRecord('a', 'x', 2, tick());
		store.checkAndRecord('b', 'x', 2, tick());
		store.checkAndRecord('a', 'x', 2, tick()); // a repeat: a is now the most recently seen
		store.checkAndRecord('c', 'x', 2, tick());
		expect(pairsOf(store)).toEqual([
			[digest('a'), digest('x')],
			[digest('c'), digest('x')],
		]);
		expect(pairsOfText(store.serialize())).toEqual(pairsOf(store));
		expect(store.serialize()).toHaveLength(2 * ENTRY_LENGTH);
	});

	it('shrinks to a lowered capacity on the next delivery', () => {
		const store = new RecordMemory(
			Array.from({ length: 50 }, (_, index) => ({
				record: digest(String(index)),
				fingerprint: digest('x'),
				acceptedAt: index + 1,
				seenAt: index + 1,
			})),
		);
		expect(store.size).toBe(50);
		store.checkAndRecord('new', 'x', 5, tick());
		expect(store.size).toBe(5);
		expect(pairsOf(store).map(([record]) => record)).toEqual([
			...['46', '47', '48', '49'].map(digest),
			digest('new'),
		]);
		expect(store.serialize()).toHaveLength(5 * ENTRY_LENGTH);
	});

	it('keeps its saved string in step with its records through any sequence of deliveries', () => {
		// Few distinct records and states, so that repeats, returns to old states and evictions all happen.
		const delivery = fc.record({
			record: fc.integer({ min: 0, max: 12 }).map(String),
			state: fc.constantFrom('PENDING', 'CLEARED', 'REJECTED'),
			capacity: fc.constantFrom(1, 3, 8, 20),
		});
		fc.assert(
			fc.property(fc.array(delivery, { maxLength: 80 }), (deliveries) => {
				const store = new RecordMemory();
				const model = new Map<string, string>();
				for (const { record, state, capacity } of deliveries) {
					const isNew = model.get(record) !== state;
					model.delete(record);
					model.set(record, state);
					while (model.size > capacity) model.delete(model.keys().next().value as string);
					expect(store.checkAndRecord(record, state, capacity, tick())).toBe(isNew);
				}
				const expected = Array.from(model, ([record, state]): [string, string] => [
					digest(record),
					digest(state),
				]);
				expect(pairsOf(store)).toEqual(expected);
				expect(pairsOfText(store.serialize())).toEqual(expected);
				expect(new RecordMemory(store.entries()).serialize()).toBe(store.serialize());
			}),
			{ numRuns: 1000, seed: 7 },
		);
	});

	it('clamps the capacity to 1 … 100,000', () => {
		expect(clampCapacity(0)).toBe(1);
		expect(clampCapacity(-5)).toBe(1);
		expect(clampCapacity(1e9)).toBe(100_000);
		expect(clampCapacity(Number.NaN)).toBe(1000);
		expect(clampCapacity(12.7)).toBe(12);
	});

	it('hashes as SHA-256 of the UTF-8 text', () => {
		const reference = (text: string, encoding: 'hex' | 'base64url') =>
			crypto.createHash('sha256').update(text, 'utf8').digest(encoding);
		const expected = [
			reference('1042 é', 'base64url'),
			reference('1042 é', 'hex'),
			reference('1042', 'base64url').slice(0, 11),
		];
		expect([sha256('1042 é', 'base64url'), sha256('1042 é', 'hex'), digest('1042')]).toEqual(
			expected,
		);
	});

	it('keeps 64-bit digests: 11 base64url characters, stable', () => {
		expect(digest('1042')).toMatch(/^[A-Za-z0-9_-]{11}$/);
		expect(digest('1042')).toBe(digest('1042'));
		expect(digest('1042')).not.toBe(digest('1043'));
	});

	it('restores only well-formed persisted state', () => {
		const pair = `${digest('1')}${digest('a')}`;
		const untimed = (index: number, record: string, fingerprint: string) => ({
			record,
			fingerprint,
			acceptedAt: index,
			seenAt: index,
		});
		expect(restoreFromStaticData({ dedupe: { version: 2, records: pair } })).toEqual([
			untimed(1, digest('1'), digest('a')),
		]);
		// Format 3: the digests and two base36 times per record.
		const timed = `${pair}00000000a00000000b`;
		expect(restoreFromStaticData({ dedupe: { version: 3, records: timed } })).toEqual([
			{ record: digest('1'), fingerprint: digest('a'), acceptedAt: 10, seenAt: 11 },
		]);
		expect(restoreFromStaticData({ dedupe: { version: 3, records: timed.slice(1) } })).toEqual([]);
		expect(
			restoreFromStaticData({ dedupe: { version: 3, records: `${pair}00000000A00000000b` } }),
		).toEqual([]);
		expect(restoreFromStaticData({ dedupe: { version: 3, records: pair } })).toEqual([]);
		expect(restoreFromStaticData({ dedupe: { version: 2, records: '' } })).toEqual([]);
		expect(restoreFromStaticData({ dedupe: { version: 2, records: pair.slice(1) } })).toEqual([]);
		expect(
			restoreFromStaticData({ dedupe: { version: 2, records: `${pair.slice(2)}!!` } }),
		).toEqual([]);
		// Format 1 (version 0.1.0): read and turned into digests.
		expect(restoreFromStaticData({ dedupe: { version: 1, records: [['1', 'a']] } })).toEqual([
			untimed(1, digest('1'), digest('a')),
		]);
		expect(restoreFromStaticData({})).toEqual([]);
		expect(restoreFromStaticData({ dedupe: { version: 2, records: [['1', 'a']] } })).toEqual([]);
		expect(restoreFromStaticData({ dedupe: { version: 1, records: [['1']] } })).toEqual([]);
		expect(restoreFromStaticData({ dedupe: 'garbage' })).toEqual([]);
	});
});

describe('unsafe keys', () => {
	it('returns the same body when there is nothing to remove', () => {
		const body = { a: { b: [1, { c: 2 }] } };
		expect(withoutUnsafeKeys(body).body).toBe(body);
	});

	it('copies the body without __proto__ keys at any depth, leaving the input as it was', () => {
		const body = JSON.parse(
			'{"a":[{"__proto__":{"x":1},"k":1}],"__proto__":{"y":2},"constructor":{"prototype":1}}',
		) as Record<string, unknown>;
		const before = JSON.stringify(body);
		const { body: clean, warnings } = withoutUnsafeKeys(body);
		expect(clean).toEqual({ a: [{ k: 1 }], constructor: { prototype: 1 } });
		expect(Object.getPrototypeOf(clean)).toBe(Object.prototype);
		expect(Object.getPrototypeOf((clean.a as unknown[])[0])).toBe(Object.prototype);
		expect(Array.isArray(clean.a)).toBe(true);
		expect(warnings.map((warning) => warning.path).sort()).toEqual(['__proto__', 'a.0.__proto__']);
		expect(JSON.stringify(body)).toBe(before);
	});
});

describe('dedupe store with hostile lengths', () => {
	it('remembers long records and fingerprints by hash, with the same repeat semantics', () => {
		const store = new RecordMemory();
		const longState = `UPDATE|${'X'.repeat(100_000)}|`;
		const longRecord = 'u'.repeat(50_000);
		expect(store.checkAndRecord(longRecord, longState, 10, tick())).toBe(true);
		expect(store.checkAndRecord(longRecord, longState, 10, tick())).toBe(false);
		expect(store.checkAndRecord(longRecord, `${longState}Y`, 10, tick())).toBe(true);
		expect(store.checkAndRecord('1', 'UPDATE|CLEARED|LOW', 10, tick())).toBe(true);
		const entries = pairsOf(store);
		expect(entries[1]).toEqual([digest('1'), digest('UPDATE|CLEARED|LOW')]);
		for (const [record, fingerprint] of entries) {
			expect(record).toMatch(/^[A-Za-z0-9_-]{11}$/);
			expect(fingerprint).toMatch(/^[A-Za-z0-9_-]{11}$/);
		}
		expect(store.serialize()).toHaveLength(2 * ENTRY_LENGTH);
	});
});
