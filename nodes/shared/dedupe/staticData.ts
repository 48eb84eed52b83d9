import type { IDataObject } from 'n8n-workflow';

import { DIGEST_LENGTH, digest } from './digest';
import { decodeEntries, RecordMemory, type RememberedRecord } from './memory';

/**
 * The default store: the node's workflow static data, which n8n loads from the database on every
 * request and saves whole after `webhook()` returns. Every process of an instance (queue mode: the
 * main and each webhook process) therefore reads, on every request, what the others saved; and
 * since each save replaces the whole object, each process merges that into its own memory before it
 * checks and saves, so that a save never removes or rolls back another process's records.
 *
 * The in-process memory stays for what static data cannot do: deliveries in flight at once on one
 * process (n8n loads static data per request, so concurrent requests miss each other's writes) and
 * saves that n8n loses between back-to-back requests. Deliveries that reach two processes within
 * the time n8n takes to load, run and save one request can both be accepted: the README says so and
 * points to the Redis store.
 *
 * Persisted as ONE string of fixed-width entries (format 3, see memory.ts): n8n parses, proxies and
 * stringifies static data several times per request, and one string costs a copy where one array
 * per record cost work per record. 40 bytes per record; no customer id or uuid in workflow exports.
 */

const STATIC_DATA_KEY = 'dedupe';

/** Format 1 (version 0.1.0): `[record, fingerprint]` as sent. Read, never written. */
interface PersistedStateV1 {
	version: 1;
	records: Array<[string, string]>;
}

/** Format 2 (version 0.2.0): `digest(record) + digest(fingerprint)` per record, oldest first. Read, never written. */
interface PersistedStateV2 {
	version: 2;
	records: string;
}

/** Format 3: format 2 plus the accepted and last-seen times of each record (memory.ts). */
interface PersistedStateV3 {
	version: 3;
	records: string;
}

type PersistedState = PersistedStateV1 | PersistedStateV2 | PersistedStateV3;

function isPairs(value: unknown): value is Array<[string, string]> {
	return (
		Array.isArray(value) &&
		value.every(
			(entry) =>
				Array.isArray(entry) && entry.length === 2 && typeof entry[0] === 'string' && typeof entry[1] === 'string',
		)
	);
}

const V2_ENTRY_LENGTH = 2 * DIGEST_LENGTH;
const V2_DIGESTS = /^[A-Za-z0-9_-]*$/;

/**
 * Formats 1 and 2 carry no times: their records count as seen and accepted before anything a
 * process of this version records (times 1, 2, 3… in their order), so any newer state wins a merge.
 */
function untimed(pairs: Array<[string, string]>): RememberedRecord[] {
	return pairs.map(([record, fingerprint], index) => ({ record, fingerprint, acceptedAt: index + 1, seenAt: index + 1 }));
}

/**
 * Reads what the processes of this n8n saved (format 3, or formats 2 and 1 of versions 0.2.0 and
 * 0.1.0), least recently seen first; anything unreadable is an empty history.
 */
export function restoreFromStaticData(staticData: IDataObject): RememberedRecord[] {
	const persisted = staticData[STATIC_DATA_KEY] as Partial<PersistedState> | undefined;
	if (persisted?.version === 3 && typeof persisted.records === 'string') return decodeEntries(persisted.records) ?? [];
	if (persisted?.version === 2 && typeof persisted.records === 'string') {
		const text = persisted.records;
		if (text.length % V2_ENTRY_LENGTH !== 0 || !V2_DIGESTS.test(text)) return [];
		const pairs: Array<[string, string]> = [];
		for (let offset = 0; offset < text.length; offset += V2_ENTRY_LENGTH) {
			pairs.push([text.slice(offset, offset + DIGEST_LENGTH), text.slice(offset + DIGEST_LENGTH, offset + V2_ENTRY_LENGTH)]);
		}
		return untimed(pairs);
	}
	if (persisted?.version === 1 && isPairs(persisted.records)) {
		return untimed(persisted.records.map(([record, fingerprint]) => [digest(record), digest(fingerprint)]));
	}
	return [];
}

/** The persisted string as n8n loaded it for this request, to tell whether anything changed since we last saw it. */
function persistedText(staticData: IDataObject): string | undefined {
	const persisted = staticData[STATIC_DATA_KEY] as Partial<PersistedState> | undefined;
	return persisted?.version === 3 && typeof persisted.records === 'string' ? persisted.records : undefined;
}

/**
 * Replaces (never mutates) the persisted state: n8n's static-data proxy marks the data changed only
 * on assignment, and only changed data is saved.
 */
export function persistToStaticData(staticData: IDataObject, memory: RecordMemory): string {
	const state: PersistedStateV3 = { version: 3, records: memory.serialize() };
	staticData[STATIC_DATA_KEY] = state;
	return state.records;
}

/**
 * A node's memory in this process, and the persisted strings whose content it already holds: the
 * last ones it wrote or merged, newest first. n8n saves static data after a request and loads it
 * per request, so under concurrent requests a request often loads a string this process wrote one
 * or two requests ago; merging that back would change nothing (its records are in memory with the
 * same or later times), so it is skipped. A string from another process is always merged.
 */
interface NodeMemory {
	memory: RecordMemory;
	known: string[];
}

/** How many written strings are kept per node, and their total length at most (1,000 records are 40,000 characters). */
const KNOWN_STRINGS = 4;
const KNOWN_CHARACTERS = 1_000_000;

function rememberKnown(held: NodeMemory, text: string): void {
	if (held.known[0] === text) return;
	held.known.unshift(text);
	let total = 0;
	let kept = 0;
	// The newest is always kept: it is the one the next request most likely loads.
	while (kept < held.known.length && kept < KNOWN_STRINGS && (kept === 0 || total + held.known[kept].length <= KNOWN_CHARACTERS)) {
		total += held.known[kept].length;
		kept += 1;
	}
	held.known.length = kept;
}

/**
 * One memory per trigger node per workflow, alive as long as this n8n process. Bounded: each holds
 * at most MAX_CAPACITY records, and memories of nodes not heard from are dropped first when more
 * than MAX_NODES nodes are in use (their records stay in static data).
 */
const MAX_NODES = 500;
const memories = new Map<string, NodeMemory>();

function memoryOf(nodeKey: string): NodeMemory {
	let held = memories.get(nodeKey);
	if (held) {
		memories.delete(nodeKey);
	} else {
		held = { memory: new RecordMemory(), known: [] };
		if (memories.size >= MAX_NODES) {
			const oldest = memories.keys().next().value;
			if (oldest !== undefined) memories.delete(oldest);
		}
	}
	memories.set(nodeKey, held);
	return held;
}

/**
 * Checks one delivery against the node's memory in this process merged with what every process
 * saved, records it, and replaces the static data with the merged memory. Synchronous from the
 * read of static data to the write, so that concurrent requests of one process see each other.
 * Returns whether the delivery is new.
 */
export function checkWithStaticData(
	staticData: IDataObject,
	nodeKey: string,
	delivery: { record: string; fingerprint: string },
	capacity: number,
	now: number,
): boolean {
	const held = memoryOf(nodeKey);
	const persisted = persistedText(staticData);
	// The usual case on one process: static data holds what this process saved lately, nothing to merge.
	if (persisted === undefined || !held.known.includes(persisted)) {
		held.memory.merge(restoreFromStaticData(staticData), capacity);
		if (persisted !== undefined) rememberKnown(held, persisted);
	}
	const isNew = held.memory.checkAndRecord(delivery.record, delivery.fingerprint, capacity, now);
	rememberKnown(held, persistToStaticData(staticData, held.memory));
	return isNew;
}
