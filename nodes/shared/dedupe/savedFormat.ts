import type { IDataObject } from 'n8n-workflow';

import { DIGEST_LENGTH, digest } from './digest';

/**
 * What the static-data store saves in a node's static data, and every format it has saved:
 * format 3 is written, formats 1 and 2 (versions 0.1.0 and 0.2.0) are read.
 *
 * Format 3 is ONE string of fixed-width entries: n8n parses, proxies and stringifies static data
 * several times per request, and one string costs a copy where one array per record cost work per
 * record. 40 bytes per record; no customer id or uuid in workflow exports.
 */

const STATIC_DATA_KEY = 'dedupe';

/**
 * What is remembered of one record: the digest of its last accepted fingerprint, when that state
 * was accepted, and when the record was last seen (any delivery that reached the dedupe step,
 * repeats included). Times are milliseconds, kept as Lamport clocks per record (see RecordMemory).
 */
export interface RememberedRecord {
	record: string;
	fingerprint: string;
	acceptedAt: number;
	seenAt: number;
}

/** Format 1 (version 0.1.0): `[record, fingerprint]` as sent. Read, never written. */
interface SavedStateV1 {
	version: 1;
	records: Array<[string, string]>;
}

/** Format 2 (version 0.2.0): `digest(record) + digest(fingerprint)` per record, oldest first. Read, never written. */
interface SavedStateV2 {
	version: 2;
	records: string;
}

/**
 * Format 3: per record its two digests and two times (see `encodeEntry`), least recently seen
 * first. `saveId` (optional: earlier versions of format 3 neither write nor read it) names the
 * process memory that wrote the save and which of its saves it is, so that a process recognizes
 * its own saves without comparing their content.
 */
interface SavedStateV3 {
	version: 3;
	records: string;
	saveId?: string;
}

type SavedState = SavedStateV1 | SavedStateV2 | SavedStateV3;

/**
 * Times in a format 3 entry: 9 base36 digits, which hold milliseconds up to the year 5000.
 * Fixed width, so an entry is found by its offset and the whole memory is one string.
 */
const TIME_LENGTH = 9;
const MAX_TIME = 36 ** TIME_LENGTH - 1;
export const ENTRY_LENGTH = 2 * DIGEST_LENGTH + 2 * TIME_LENGTH;

function encodeTime(ms: number): string {
	return Math.min(MAX_TIME, Math.max(0, Math.floor(ms)))
		.toString(36)
		.padStart(TIME_LENGTH, '0');
}

/** One format 3 entry. */
export function encodeEntry(entry: RememberedRecord): string {
	return entry.record + entry.fingerprint + encodeTime(entry.acceptedAt) + encodeTime(entry.seenAt);
}

const ENTRIES = /^(?:[A-Za-z0-9_-]{22}[0-9a-z]{18})*$/;

/** Reads a string of format 3 entries; undefined when it is not one. */
export function decodeEntries(text: string): RememberedRecord[] | undefined {
	if (text.length % ENTRY_LENGTH !== 0 || !ENTRIES.test(text)) return undefined;
	const entries: RememberedRecord[] = [];
	for (let offset = 0; offset < text.length; offset += ENTRY_LENGTH) {
		const times = offset + 2 * DIGEST_LENGTH;
		entries.push({
			record: text.slice(offset, offset + DIGEST_LENGTH),
			fingerprint: text.slice(offset + DIGEST_LENGTH, times),
			acceptedAt: parseInt(text.slice(times, times + TIME_LENGTH), 36),
			seenAt: parseInt(text.slice(times + TIME_LENGTH, offset + ENTRY_LENGTH), 36),
		});
	}
	return entries;
}

function isPairs(value: unknown): value is Array<[string, string]> {
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

const V2_ENTRY_LENGTH = 2 * DIGEST_LENGTH;
const V2_DIGESTS = /^[A-Za-z0-9_-]*$/;

/**
 * Formats 1 and 2 carry no times: their records count as seen and accepted before anything a
 * process of this version records (times 1, 2, 3… in their order), so any newer state wins a merge.
 */
function untimed(pairs: Array<[string, string]>): RememberedRecord[] {
	return pairs.map(([record, fingerprint], index) => ({
		record,
		fingerprint,
		acceptedAt: index + 1,
		seenAt: index + 1,
	}));
}

/**
 * Reads what the processes of this n8n saved (format 3, 2 or 1), least recently seen first;
 * anything unreadable is an empty history.
 */
export function restoreFromStaticData(staticData: IDataObject): RememberedRecord[] {
	const saved = staticData[STATIC_DATA_KEY] as Partial<SavedState> | undefined;
	if (saved?.version === 3 && typeof saved.records === 'string')
		return decodeEntries(saved.records) ?? [];
	if (saved?.version === 2 && typeof saved.records === 'string') {
		const text = saved.records;
		if (text.length % V2_ENTRY_LENGTH !== 0 || !V2_DIGESTS.test(text)) return [];
		const pairs: Array<[string, string]> = [];
		for (let offset = 0; offset < text.length; offset += V2_ENTRY_LENGTH) {
			pairs.push([
				text.slice(offset, offset + DIGEST_LENGTH),
				text.slice(offset + DIGEST_LENGTH, offset + V2_ENTRY_LENGTH),
			]);
		}
		return untimed(pairs);
	}
	if (saved?.version === 1 && isPairs(saved.records)) {
		return untimed(
			saved.records.map(([record, fingerprint]) => [digest(record), digest(fingerprint)]),
		);
	}
	return [];
}

/** The save id of the state n8n loaded for this request; none for a format 3 save without one, or formats 1 and 2. */
export function savedSaveId(staticData: IDataObject): string | undefined {
	const saved = staticData[STATIC_DATA_KEY] as Partial<SavedStateV3> | undefined;
	return saved?.version === 3 &&
		typeof saved.records === 'string' &&
		typeof saved.saveId === 'string'
		? saved.saveId
		: undefined;
}

/**
 * Replaces (never mutates) the saved state with a memory's format 3 string: n8n's static-data
 * proxy marks the data changed only on assignment, and only changed data is saved.
 */
export function persistToStaticData(
	staticData: IDataObject,
	memory: { serialize(): string },
	saveId?: string,
): void {
	const state: SavedStateV3 = {
		version: 3,
		records: memory.serialize(),
		...(saveId === undefined ? {} : { saveId }),
	};
	staticData[STATIC_DATA_KEY] = state;
}
