import { randomBytes } from 'node:crypto';
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

/**
 * Format 3: format 2 plus the accepted and last-seen times of each record (memory.ts). `saveId`
 * (since 0.4.0; versions before it neither write nor read it) names the process memory that wrote
 * the save and which of its saves it is, so that a process recognizes its own saves without
 * comparing their content.
 */
interface PersistedStateV3 {
	version: 3;
	records: string;
	saveId?: string;
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

/** The save id of the state n8n loaded for this request; none for a save of a version before 0.4.0 or formats 1 and 2. */
function persistedSaveId(staticData: IDataObject): string | undefined {
	const persisted = staticData[STATIC_DATA_KEY] as Partial<PersistedStateV3> | undefined;
	return persisted?.version === 3 && typeof persisted.records === 'string' && typeof persisted.saveId === 'string'
		? persisted.saveId
		: undefined;
}

/**
 * Replaces (never mutates) the persisted state: n8n's static-data proxy marks the data changed only
 * on assignment, and only changed data is saved.
 */
export function persistToStaticData(staticData: IDataObject, memory: RecordMemory, saveId?: string): void {
	const state: PersistedStateV3 = { version: 3, records: memory.serialize(), ...(saveId === undefined ? {} : { saveId }) };
	staticData[STATIC_DATA_KEY] = state;
}

/**
 * A node's memory in this process, and the saves whose content it already holds: the last ones it
 * wrote or merged, by save id. n8n saves static data after a request and loads it per request, so
 * under concurrent requests a request often loads a save this process wrote a few requests
 * earlier (the saves land late and out of order); merging that back would change nothing (its
 * records are in memory with the same or later times), so it is skipped: the merge re-reads every
 * record, most of the node's work per request at 1,000 records. A save from another process, from
 * this process before a restart, or from a version before 0.4.0 is always merged.
 */
interface NodeMemory {
	memory: RecordMemory;
	/** Random, per memory: a process restarted, or a memory dropped and made anew, never reuses one. */
	writer: string;
	saves: number;
	known: Set<string>;
}

/** Save ids remembered per node (each about 20 characters). 4 saved strings were too few: under load n8n often loads an older save (the bench's profile: merges per duplicate gone with 64). */
const KNOWN_SAVES = 64;

function rememberKnown(held: NodeMemory, saveId: string): void {
	held.known.add(saveId);
	for (const oldest of held.known) {
		if (held.known.size <= KNOWN_SAVES) break;
		held.known.delete(oldest);
	}
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
		held = { memory: new RecordMemory(), writer: randomBytes(9).toString('base64url'), saves: 0, known: new Set() };
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
	const loaded = persistedSaveId(staticData);
	// The usual case on one process: static data holds what this process saved lately, nothing to merge.
	if (loaded === undefined || !held.known.has(loaded)) {
		held.memory.merge(restoreFromStaticData(staticData), capacity);
		if (loaded !== undefined) rememberKnown(held, loaded);
	}
	const isNew = held.memory.checkAndRecord(delivery.record, delivery.fingerprint, capacity, now);
	held.saves += 1;
	const saveId = `${held.writer}.${held.saves.toString(36)}`;
	persistToStaticData(staticData, held.memory, saveId);
	rememberKnown(held, saveId);
	return isNew;
}
