import type { IDataObject } from 'n8n-workflow';

import { boundedKey } from './fingerprint';

/**
 * Deduplication with last-state semantics: a delivery is a repeat when its fingerprint equals the
 * last fingerprint accepted for the same record. A record that returns to an earlier state
 * (PENDING → REQUIRE_UPDATE → PENDING) is therefore not a repeat.
 *
 * Two layers, because neither is enough alone:
 * - an in-process store, checked and updated synchronously, so that deliveries racing each other
 *   in one n8n process cannot both pass (n8n loads static data per request and saves it whole, so
 *   concurrent requests miss each other's writes);
 * - the node's workflow static data, written after every accepted event, so that the state
 *   survives an n8n restart. Every save writes the whole store, so a save lost to a race is healed
 *   by the next one.
 */

export const DEFAULT_CAPACITY = 1000;
export const MAX_CAPACITY = 100_000;

/** `[record, fingerprint]` pairs, least recently seen first. An array keeps the order in JSON. */
type Entries = Array<[string, string]>;

interface PersistedState {
	version: 1;
	records: Entries;
}

const STATIC_DATA_KEY = 'dedupe';

export class DedupeStore {
	private readonly lastAccepted = new Map<string, string>();

	constructor(entries: Entries = []) {
		for (const [record, fingerprint] of entries) this.lastAccepted.set(record, fingerprint);
	}

	get size(): number {
		return this.lastAccepted.size;
	}

	/**
	 * Records the delivery unless it repeats the record's last accepted state; returns whether it
	 * was new. One synchronous call, so no other request can slip in between check and record.
	 */
	checkAndRecord(recordText: string, fingerprintText: string, capacity: number): boolean {
		// Long values are remembered by their hash: state stays bounded in bytes, not only in records.
		const record = boundedKey(recordText);
		const fingerprint = boundedKey(fingerprintText);
		const last = this.lastAccepted.get(record);
		// Delete first so that the record moves to the most recently seen end either way.
		this.lastAccepted.delete(record);
		this.lastAccepted.set(record, fingerprint);
		this.evictDownTo(capacity);
		return last !== fingerprint;
	}

	private evictDownTo(capacity: number): void {
		const limit = clampCapacity(capacity);
		for (const record of this.lastAccepted.keys()) {
			if (this.lastAccepted.size <= limit) return;
			this.lastAccepted.delete(record);
		}
	}

	entries(): Entries {
		return Array.from(this.lastAccepted);
	}
}

export function clampCapacity(capacity: number): number {
	if (!Number.isFinite(capacity)) return DEFAULT_CAPACITY;
	return Math.min(MAX_CAPACITY, Math.max(1, Math.floor(capacity)));
}

function isEntries(value: unknown): value is Entries {
	return (
		Array.isArray(value) &&
		value.every(
			(entry) =>
				Array.isArray(entry) &&
				entry.length === 2 &&
				typeof entry[0] === 'string' &&
				typeof entry[1] === 'string',
		)
	);
}

/** Reads what an earlier process saved; anything unreadable is treated as an empty history. */
export function restoreFromStaticData(staticData: IDataObject): Entries {
	const persisted = staticData[STATIC_DATA_KEY] as Partial<PersistedState> | undefined;
	return persisted?.version === 1 && isEntries(persisted.records) ? persisted.records : [];
}

/**
 * Replaces (never mutates) the persisted state: n8n's static-data proxy marks the data changed only
 * on assignment, and only changed data is saved.
 */
export function persistToStaticData(staticData: IDataObject, store: DedupeStore): void {
	const state: PersistedState = { version: 1, records: store.entries() };
	staticData[STATIC_DATA_KEY] = state;
}

/**
 * One store per trigger node per workflow, alive as long as this n8n process. Bounded: each store
 * holds at most MAX_CAPACITY records, and stores of nodes not heard from are dropped first when
 * more than MAX_STORES nodes are in use.
 */
const MAX_STORES = 500;
const stores = new Map<string, DedupeStore>();

export function storeFor(key: string, load: () => Entries): DedupeStore {
	let store = stores.get(key);
	if (store) {
		stores.delete(key);
	} else {
		store = new DedupeStore(load());
		if (stores.size >= MAX_STORES) {
			const oldest = stores.keys().next().value;
			if (oldest !== undefined) stores.delete(oldest);
		}
	}
	stores.set(key, store);
	return store;
}
