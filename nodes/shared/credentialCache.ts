/**
 * How long a process may act on a credential it read instead of reading it again: 2 s.
 *
 * Each `getCredentials()` in `webhook()` costs n8n a database read, a decryption and one more
 * expression isolate (n8n 2.41.1 `credentials-helper.js` `applyDefaultsAndOverwrites()`: 10 to 30 ms
 * of its main thread), and n8n offers a node no cheaper read and no signal that a credential
 * changed. Artisio sends one request at a time, so that read is also its latency. Within 2 s a burst
 * of deliveries pays it about once, while a token or a Redis password changed in n8n is in force
 * 2 s later at most: far less than it takes to give the new token to Artisio, and short enough
 * that nobody sees the old one still work.
 */
export const CREDENTIAL_MAX_AGE_MS = 2_000;

/** Credentials remembered per process at most; each entry is a few dozen bytes. */
export const CREDENTIAL_CAPACITY = 100;

interface Entry<Value> {
	value: Value;
	readAt: number;
}

export interface CredentialCacheOptions<Value> {
	maxAgeMs?: number;
	capacity?: number;
	/** Called for a value that leaves the cache (evicted, replaced by another value, or cleared). */
	onEvict?: (value: Value) => void;
}

/**
 * What this process made of a credential the last time it read it, per credential id (never the
 * credential's secrets as the key), for at most `maxAgeMs`. Bounded: the least recently read
 * credential leaves first. No timers: every question carries the clock (`now`, Date.now()).
 */
export class CredentialCache<Value> {
	private readonly entries = new Map<string, Entry<Value>>();

	private readonly maxAgeMs: number;

	private readonly capacity: number;

	private readonly onEvict: ((value: Value) => void) | undefined;

	constructor(options: CredentialCacheOptions<Value> = {}) {
		this.maxAgeMs = options.maxAgeMs ?? CREDENTIAL_MAX_AGE_MS;
		this.capacity = Math.max(1, options.capacity ?? CREDENTIAL_CAPACITY);
		this.onEvict = options.onEvict;
	}

	/**
	 * The value read less than `maxAgeMs` before `now`; undefined when none was, or when the clock
	 * went back since (then the age is unknown, so the credential is read again).
	 */
	fresh(id: string | undefined, now: number): Value | undefined {
		if (id === undefined) return undefined;
		const entry = this.entries.get(id);
		if (entry === undefined) return undefined;
		const age = now - entry.readAt;
		return age >= 0 && age < this.maxAgeMs ? entry.value : undefined;
	}

	/** The value last read, whatever its age (e.g. to keep a client whose settings did not change). */
	last(id: string | undefined): Value | undefined {
		return id === undefined ? undefined : this.entries.get(id)?.value;
	}

	/** Records what was read at `now`. Without an id nothing is remembered: such a credential is read every time. */
	remember(id: string | undefined, value: Value, now: number): void {
		if (id === undefined) return;
		const previous = this.entries.get(id);
		this.entries.delete(id);
		if (previous !== undefined && previous.value !== value) this.onEvict?.(previous.value);
		while (this.entries.size >= this.capacity) {
			const [oldestId, oldest] = this.entries.entries().next().value as [string, Entry<Value>];
			this.entries.delete(oldestId);
			this.onEvict?.(oldest.value);
		}
		this.entries.set(id, { value, readAt: now });
	}

	forget(id: string | undefined): void {
		if (id === undefined) return;
		const entry = this.entries.get(id);
		if (entry === undefined) return;
		this.entries.delete(id);
		this.onEvict?.(entry.value);
	}

	clear(): void {
		const values = [...this.entries.values()];
		this.entries.clear();
		for (const entry of values) this.onEvict?.(entry.value);
	}

	get size(): number {
		return this.entries.size;
	}
}
