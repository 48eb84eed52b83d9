import { randomBytes } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import { digest } from './digest';
import { RecordMemory } from './memory';
import { persistToStaticData, restoreFromStaticData, savedSaveId } from './savedFormat';

/**
 * The default store: the node's workflow static data, which n8n loads from the database on every
 * request and saves whole. Every process of an instance (queue mode: the main and each webhook
 * process) therefore reads, on every request, what the others saved; and since each save replaces
 * the whole object, each process merges that into its own memory before it checks and saves, so
 * that a save never removes or rolls back another process's records. The saved format is
 * savedFormat.ts's.
 *
 * The in-process memory stays for what static data cannot do: deliveries in flight at once on one
 * process (n8n loads static data per request, so concurrent requests miss each other's writes) and
 * saves that n8n loses between back-to-back requests. Deliveries that reach two processes within
 * the time n8n takes to load, run and save one request can both be accepted: the README says so and
 * points to the Redis store.
 */

/**
 * A node's memory in this process, and the saves whose content it already holds: the last ones it
 * wrote or merged, by save id. n8n saves static data after a request and loads it per request, so
 * under concurrent requests a request often loads a save this process wrote a few requests
 * earlier (the saves land late and out of order); merging that back would change nothing (its
 * records are in memory with the same or later times), so it is skipped: the merge re-reads every
 * record, most of the node's work per request at 1,000 records. A save from another process, from
 * this process before a restart, or from a save without an id is always merged.
 *
 * `pending` holds the deliveries this process has accepted whose executions n8n has not recorded
 * yet (see `reserveWithStaticData`): they count for the deliveries that reach this process, and are
 * never written to static data, so a crash before n8n records them leaves no trace that would turn
 * the sender's next try into a duplicate.
 */
interface NodeMemory {
	memory: RecordMemory;
	/** Random, per memory: a process restarted, or a memory dropped and made anew, never reuses one. */
	writer: string;
	saves: number;
	known: Set<string>;
	/** digest(record) → the state accepted and not yet recorded by n8n, oldest reservation first. */
	pending: Map<string, Reservation>;
}

interface Reservation {
	fingerprint: string;
	expiresAt: number;
}

/**
 * Save ids remembered per node (each about 20 characters). Under load n8n often loads a save
 * written dozens of requests earlier, so the window is wide.
 */
const KNOWN_SAVES = 64;

/**
 * How long an accepted delivery counts as in flight without n8n having recorded its execution.
 * n8n records it within milliseconds; when it cannot (its database fails), it answers the sender
 * an error and never records it, and the sender's next try must then be accepted: after this time
 * it is. Deliveries that repeat one still in flight after this time are accepted again
 * (at-least-once), never dropped.
 */
export const IN_FLIGHT_MS = 5000;

/** In-flight deliveries per node at most; older ones are forgotten first (they are then accepted again). */
const MAX_IN_FLIGHT = 10_000;

function rememberKnown(held: NodeMemory, saveId: string): void {
	held.known.add(saveId);
	for (const oldest of held.known) {
		if (held.known.size <= KNOWN_SAVES) break;
		held.known.delete(oldest);
	}
}

/**
 * One memory per trigger node per workflow, alive as long as this n8n process. Bounded: each holds
 * at most MAX_CAPACITY records and MAX_IN_FLIGHT reservations, and memories of nodes not heard
 * from are dropped first when more than MAX_NODES nodes are in use (their records stay in static data).
 */
const MAX_NODES = 500;
const memories = new Map<string, NodeMemory>();

function memoryOf(nodeKey: string): NodeMemory {
	let held = memories.get(nodeKey);
	if (held) {
		memories.delete(nodeKey);
	} else {
		held = {
			memory: new RecordMemory(),
			writer: randomBytes(9).toString('base64url'),
			saves: 0,
			known: new Set(),
			pending: new Map(),
		};
		if (memories.size >= MAX_NODES) {
			const oldest = memories.keys().next().value;
			if (oldest !== undefined) memories.delete(oldest);
		}
	}
	memories.set(nodeKey, held);
	return held;
}

/** Takes in what the processes saved, unless it is a save this memory wrote or merged already. */
function mergeLoaded(held: NodeMemory, staticData: IDataObject, capacity: number): void {
	const loaded = savedSaveId(staticData);
	if (loaded !== undefined && held.known.has(loaded)) return;
	held.memory.merge(restoreFromStaticData(staticData), capacity);
	if (loaded !== undefined) rememberKnown(held, loaded);
}

/** Reservations are made in time order, so the expired ones are at the front. */
function forgetExpired(held: NodeMemory, now: number): void {
	for (const [record, reservation] of held.pending) {
		if (reservation.expiresAt > now && held.pending.size <= MAX_IN_FLIGHT) break;
		held.pending.delete(record);
	}
}

/** Replaces the static data with the memory's recorded states (never the in-flight ones). */
function persist(held: NodeMemory, staticData: IDataObject): void {
	held.saves += 1;
	const saveId = `${held.writer}.${held.saves.toString(36)}`;
	persistToStaticData(staticData, held.memory, saveId);
	rememberKnown(held, saveId);
}

/** The answer of the static-data store for one delivery. */
export interface StaticDataVerdict {
	isNew: boolean;
	/**
	 * New deliveries only: makes the delivery's record final in this process's memory and in the
	 * static data n8n loaded for the request. Call it once n8n has recorded the execution, before
	 * n8n saves static data; calling it again does nothing.
	 */
	commit?: (now: number) => void;
}

/**
 * Checks one delivery against the node's memory in this process merged with what every process
 * saved, and reserves it when it is new. Synchronous from the read of static data to the
 * reservation, so that concurrent requests of one process see each other.
 *
 * A repeat of the record's last accepted state (recorded, or still in flight on this process) is
 * not new; it moves the record's seen time, and the static data is replaced with the memory's
 * recorded states at once (n8n saves it as it answers). A new delivery is only reserved: its
 * record reaches static data through `commit`, once its execution exists.
 */
export function reserveWithStaticData(
	staticData: IDataObject,
	nodeKey: string,
	delivery: { record: string; fingerprint: string },
	capacity: number,
	now: number,
): StaticDataVerdict {
	const held = memoryOf(nodeKey);
	mergeLoaded(held, staticData, capacity);
	forgetExpired(held, now);
	const record = digest(delivery.record);
	const fingerprint = digest(delivery.fingerprint);
	const inFlight = held.pending.get(record);
	// A state still in flight is the record's last accepted one, also when it differs from the recorded state.
	if (inFlight !== undefined && inFlight.fingerprint === fingerprint) return { isNew: false };
	if (inFlight === undefined && held.memory.lastFingerprint(record) === fingerprint) {
		// Records the repeat as seen (for least-recently-seen eviction).
		held.memory.checkAndRecord(delivery.record, delivery.fingerprint, capacity, now);
		persist(held, staticData);
		return { isNew: false };
	}
	const reservation: Reservation = { fingerprint, expiresAt: now + IN_FLIGHT_MS };
	held.pending.delete(record);
	held.pending.set(record, reservation);
	let committed = false;
	return {
		isNew: true,
		commit: (at: number) => {
			if (committed) return;
			committed = true;
			if (held.pending.get(record) === reservation) held.pending.delete(record);
			held.memory.checkAndRecord(delivery.record, delivery.fingerprint, capacity, at);
			persist(held, staticData);
		},
	};
}

/**
 * Checks one delivery and records it at once (reserve and commit in one step), then replaces the
 * static data with the merged memory. Returns whether the delivery is new.
 */
export function checkWithStaticData(
	staticData: IDataObject,
	nodeKey: string,
	delivery: { record: string; fingerprint: string },
	capacity: number,
	now: number,
): boolean {
	const verdict = reserveWithStaticData(staticData, nodeKey, delivery, capacity, now);
	verdict.commit?.(now);
	return verdict.isNew;
}
