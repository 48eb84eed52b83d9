import type { IDataObject } from 'n8n-workflow';

import { sha256 } from './sha256';

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
 *
 * Records and fingerprints are remembered as digests (the first 11 base64url characters of their
 * SHA-256, 66 bits), so each record costs 22 bytes whatever a sender puts in its fields, and the
 * static data holds them all as ONE string. n8n loads static data from the database, parses it and
 * wraps every nested object in a change-tracking proxy two or three times per request (webhook and
 * execution), and serializes it on save: with one `[record, fingerprint]` array per record that
 * work grew with the number of records (about 40 ms of n8n's time per request at 10,000); with one
 * string it is a copy of 22 bytes per record. It also keeps customer ids out of workflow exports.
 */

export const DEFAULT_CAPACITY = 1000;
export const MAX_CAPACITY = 100_000;

/** `[record, fingerprint]` pairs, least recently seen first. */
type Entries = Array<[string, string]>;

/** Format 1 (version 0.1.0): the pairs as sent. Read for compatibility, never written. */
interface PersistedStateV1 {
	version: 1;
	records: Entries;
}

/** Format 2: `digest(record) + digest(fingerprint)` per record, least recently seen first. */
interface PersistedStateV2 {
	version: 2;
	records: string;
}

const DIGEST_LENGTH = 11;
const ENTRY_LENGTH = 2 * DIGEST_LENGTH;
const DIGESTS = /^[A-Za-z0-9_-]*$/;

/** 66 bits of SHA-256 in base64url: collisions are negligible at 100,000 records (about 1e-10). */
export function digest(text: string): string {
	return sha256(text, 'base64url').slice(0, DIGEST_LENGTH);
}

const STATIC_DATA_KEY = 'dedupe';

export class DedupeStore {
	/** digest(record) → digest(fingerprint), least recently seen first. */
	private readonly lastAccepted = new Map<string, string>();

	/**
	 * The same entries as one string (format 2), kept in step with `lastAccepted` on every change:
	 * rebuilding it for each save would cost a concatenation per remembered record.
	 */
	private serialized = '';

	/** `entries`: pairs of digests, as `restoreFromStaticData` returns them. */
	constructor(entries: Entries = []) {
		for (const [record, fingerprint] of entries) {
			this.lastAccepted.delete(record);
			this.lastAccepted.set(record, fingerprint);
		}
		this.serialized = this.joined();
	}

	get size(): number {
		return this.lastAccepted.size;
	}

	/**
	 * Records the delivery unless it repeats the record's last accepted state; returns whether it
	 * was new. One synchronous call, so no other request can slip in between check and record.
	 */
	checkAndRecord(recordText: string, fingerprintText: string, capacity: number): boolean {
		// Remembered by digest: state stays bounded in bytes (22 per record), not only in records.
		const record = digest(recordText);
		const fingerprint = digest(fingerprintText);
		const last = this.lastAccepted.get(record);
		// Delete first so that the record moves to the most recently seen end either way.
		if (last !== undefined) {
			this.lastAccepted.delete(record);
			this.removeSerialized(record + last);
		}
		this.lastAccepted.set(record, fingerprint);
		this.serialized += record + fingerprint;
		this.evictDownTo(capacity);
		return last !== fingerprint;
	}

	/** The whole store as one string of fixed-width entries, least recently seen first (format 2). */
	serialize(): string {
		return this.serialized;
	}

	/** Pairs of digests, least recently seen first. */
	entries(): Entries {
		return Array.from(this.lastAccepted);
	}

	private evictDownTo(capacity: number): void {
		const excess = this.lastAccepted.size - clampCapacity(capacity);
		if (excess <= 0) return;
		let evicted = 0;
		for (const record of this.lastAccepted.keys()) {
			if (evicted === excess) break;
			this.lastAccepted.delete(record);
			evicted++;
		}
		// The least recently seen entries are the first ones in the string.
		this.serialized = this.serialized.slice(excess * ENTRY_LENGTH);
	}

	private joined(): string {
		return Array.from(this.lastAccepted, ([record, fingerprint]) => record + fingerprint).join('');
	}

	/** Removes one entry; only a match at an entry boundary counts (digests may share characters). */
	private removeSerialized(entry: string): void {
		let offset = this.serialized.indexOf(entry);
		while (offset !== -1 && offset % ENTRY_LENGTH !== 0) offset = this.serialized.indexOf(entry, offset + 1);
		if (offset === -1) {
			// Cannot happen while both are kept in step; should it ever, rebuild rather than drift.
			this.serialized = this.joined();
			return;
		}
		this.serialized = this.serialized.slice(0, offset) + this.serialized.slice(offset + ENTRY_LENGTH);
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

function isDigests(value: unknown): value is string {
	return typeof value === 'string' && value.length % ENTRY_LENGTH === 0 && DIGESTS.test(value);
}

/**
 * Reads what an earlier process saved (format 2, or format 1 of version 0.1.0), as pairs of
 * digests; anything unreadable is treated as an empty history.
 */
export function restoreFromStaticData(staticData: IDataObject): Entries {
	const persisted = staticData[STATIC_DATA_KEY] as Partial<PersistedStateV1> | Partial<PersistedStateV2> | undefined;
	if (persisted?.version === 2 && isDigests(persisted.records)) {
		const entries: Entries = [];
		for (let offset = 0; offset < persisted.records.length; offset += ENTRY_LENGTH) {
			entries.push([
				persisted.records.slice(offset, offset + DIGEST_LENGTH),
				persisted.records.slice(offset + DIGEST_LENGTH, offset + ENTRY_LENGTH),
			]);
		}
		return entries;
	}
	if (persisted?.version === 1 && isEntries(persisted.records)) {
		return persisted.records.map(([record, fingerprint]) => [digest(record), digest(fingerprint)]);
	}
	return [];
}

/**
 * Replaces (never mutates) the persisted state: n8n's static-data proxy marks the data changed only
 * on assignment, and only changed data is saved.
 */
export function persistToStaticData(staticData: IDataObject, store: DedupeStore): void {
	const state: PersistedStateV2 = { version: 2, records: store.serialize() };
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
