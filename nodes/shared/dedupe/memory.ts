import { digest } from './digest';
import { encodeEntry as encode, ENTRY_LENGTH, type RememberedRecord } from './savedFormat';

export const DEFAULT_CAPACITY = 1000;
export const MAX_CAPACITY = 100_000;

export function clampCapacity(capacity: number): number {
	if (!Number.isFinite(capacity)) return DEFAULT_CAPACITY;
	return Math.min(MAX_CAPACITY, Math.max(1, Math.floor(capacity)));
}

/** Which of two memories of one record holds its newer state; ties go to the larger digest, so every process decides alike. */
function newerState(a: RememberedRecord, b: RememberedRecord): RememberedRecord {
	if (a.acceptedAt !== b.acceptedAt) return a.acceptedAt > b.acceptedAt ? a : b;
	return a.fingerprint >= b.fingerprint ? a : b;
}

/**
 * The memory of one trigger node: record → last accepted state, with last-state semantics (a
 * delivery is a repeat when its fingerprint equals the last one accepted for the same record, so a
 * return to an earlier state is not a repeat), bounded to N records, least recently seen evicted.
 *
 * Several n8n processes may each hold one for the same node. They converge through `merge`: per
 * record the later accepted state wins and the later seen time counts, so merging never removes or
 * rolls back what another process recorded. Times are per-record Lamport clocks (never below the
 * last time known for the record plus one), so a process whose clock runs behind still orders its
 * own new state after the one it merged in.
 */
export class RecordMemory {
	/** digest(record) → what is remembered, least recently seen first. */
	private readonly records = new Map<string, RememberedRecord>();

	/**
	 * The same entries as one string, least recently seen first, kept in step on every change:
	 * rebuilding it for every save would cost a concatenation per remembered record.
	 */
	private serialized = '';

	constructor(entries: RememberedRecord[] = [], capacity = MAX_CAPACITY) {
		this.merge(entries, capacity);
	}

	get size(): number {
		return this.records.size;
	}

	/** The digest of the record's last accepted fingerprint, by the record's digest; undefined when not remembered. */
	lastFingerprint(recordDigest: string): string | undefined {
		return this.records.get(recordDigest)?.fingerprint;
	}

	/**
	 * Records the delivery unless it repeats the record's last accepted state; returns whether it
	 * was new. One synchronous call, so no other request of this process can slip in between check
	 * and record.
	 */
	checkAndRecord(
		recordText: string,
		fingerprintText: string,
		capacity: number,
		now: number,
	): boolean {
		const record = digest(recordText);
		const fingerprint = digest(fingerprintText);
		const last = this.records.get(record);
		const isNew = last?.fingerprint !== fingerprint;
		const acceptedAt = isNew
			? Math.max(now, (last?.acceptedAt ?? 0) + 1)
			: (last?.acceptedAt ?? now);
		const entry: RememberedRecord = {
			record,
			fingerprint: isNew ? fingerprint : (last?.fingerprint ?? fingerprint),
			acceptedAt,
			seenAt: Math.max(now, (last?.seenAt ?? 0) + 1, acceptedAt),
		};
		// Delete first so that the record moves to the most recently seen end either way.
		if (last !== undefined) {
			this.records.delete(record);
			this.removeSerialized(encode(last));
		}
		this.records.set(record, entry);
		this.serialized += encode(entry);
		this.evictDownTo(capacity);
		return isNew;
	}

	/**
	 * Takes in what another process saved (or an older save of this one): per record, the later
	 * accepted state and the later seen time win; then the least recently seen beyond `capacity` go.
	 */
	merge(entries: RememberedRecord[], capacity: number): void {
		if (entries.length === 0) return;
		const merged = new Map(this.records);
		for (const incoming of entries) {
			const mine = merged.get(incoming.record);
			if (mine === undefined) {
				merged.set(incoming.record, incoming);
				continue;
			}
			const state = newerState(mine, incoming);
			merged.set(incoming.record, {
				...state,
				seenAt: Math.max(mine.seenAt, incoming.seenAt, state.acceptedAt),
			});
		}
		const ordered = Array.from(merged.values()).sort((a, b) => a.seenAt - b.seenAt);
		this.records.clear();
		for (const entry of ordered.slice(Math.max(0, ordered.length - clampCapacity(capacity)))) {
			this.records.set(entry.record, entry);
		}
		this.serialized = Array.from(this.records.values(), encode).join('');
	}

	/** The whole memory as one string of fixed-width entries, least recently seen first (format 3). */
	serialize(): string {
		return this.serialized;
	}

	/** What is remembered, least recently seen first. */
	entries(): RememberedRecord[] {
		return Array.from(this.records.values());
	}

	private evictDownTo(capacity: number): void {
		const excess = this.records.size - clampCapacity(capacity);
		if (excess <= 0) return;
		let evicted = 0;
		for (const record of this.records.keys()) {
			if (evicted === excess) break;
			this.records.delete(record);
			evicted++;
		}
		// The least recently seen entries are the first ones in the string.
		this.serialized = this.serialized.slice(excess * ENTRY_LENGTH);
	}

	/** Removes one entry; only a match at an entry boundary counts (digests may share characters). */
	private removeSerialized(entry: string): void {
		let offset = this.serialized.indexOf(entry);
		while (offset !== -1 && offset % ENTRY_LENGTH !== 0)
			offset = this.serialized.indexOf(entry, offset + 1);
		if (offset === -1) {
			// Cannot happen while both are kept in step; should it ever, rebuild rather than drift.
			this.serialized = Array.from(this.records.values(), encode).join('');
			return;
		}
		this.serialized =
			this.serialized.slice(0, offset) + this.serialized.slice(offset + ENTRY_LENGTH);
	}
}
