import { randomBytes } from 'node:crypto';

import Redis, { type RedisOptions } from 'ioredis';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { CredentialCache } from '../credentialCache';
import { sha256 } from '../sha256';
import { OWNER_PREFIX } from './redisStore';

/** The `dedupeRedisApi` credential (docs/design.md, section 6), as n8n's own Redis credential has it. */
export interface RedisSettings {
	host: string;
	port: number;
	user: string;
	password: string;
	database: number;
	ssl: boolean;
	disableTlsVerification: boolean;
}

export function redisSettingsOf(credential: ICredentialDataDecryptedObject): RedisSettings {
	const text = (value: unknown, fallback: string): string =>
		typeof value === 'string' && value.trim() !== '' ? value.trim() : fallback;
	const whole = (value: unknown, fallback: number): number => {
		const number = typeof value === 'string' ? Number(value) : value;
		return typeof number === 'number' && Number.isInteger(number) && number >= 0
			? number
			: fallback;
	};
	return {
		host: text(credential.host, 'localhost'),
		port: whole(credential.port, 6379),
		user: typeof credential.user === 'string' ? credential.user : '',
		password: typeof credential.password === 'string' ? credential.password : '',
		database: whole(credential.database, 0),
		ssl: credential.ssl === true,
		disableTlsVerification: credential.disableTlsVerification === true,
	};
}

/** Where a client talks to: what messages may name (never the user name or the password). */
export type RedisAddress = Pick<RedisSettings, 'host' | 'port' | 'database'>;

/** Where the store talks to, for messages: never the user name or the password. */
export function describeRedis(settings: RedisAddress): string {
	return `Redis at ${settings.host}:${settings.port}, database ${settings.database}`;
}

/**
 * How long a delivery may wait for Redis before it is accepted without deduplication: the answer
 * must reach the sender within 3 s (docs/design.md, section 5.2), and n8n's own work takes some of that.
 */
export const COMMAND_TIMEOUT_MS = 1000;
const CONNECT_TIMEOUT_MS = 1000;

/** SNI carries a host name only: Node refuses (and warns about) an IP address there. */
function tlsOptions(settings: RedisSettings): { servername?: string; rejectUnauthorized: boolean } {
	const isIpAddress = /^[\d.]+$/.test(settings.host) || settings.host.includes(':');
	return {
		...(isIpAddress ? {} : { servername: settings.host }),
		rejectUnauthorized: !settings.disableTlsVerification,
	};
}

/**
 * Empty user or password: none is sent. `owner` names the connection (see redisStore's
 * OWNER_PREFIX), so that other processes can tell whether this one is still there.
 */
export function clientOptions(settings: RedisSettings, owner = ''): RedisOptions {
	return {
		host: settings.host,
		port: settings.port,
		db: settings.database,
		...(settings.user !== '' ? { username: settings.user } : {}),
		...(settings.password !== '' ? { password: settings.password } : {}),
		...(settings.ssl ? { tls: tlsOptions(settings) } : {}),
		connectionName: `${OWNER_PREFIX}${owner}`,
		connectTimeout: CONNECT_TIMEOUT_MS,
		commandTimeout: COMMAND_TIMEOUT_MS,
		// A delivery never waits for reconnection attempts: it fails, is accepted, and says so.
		maxRetriesPerRequest: 0,
		// Reconnects by itself, forever, at most 1 s apart: deduplication resumes soon after Redis is back.
		retryStrategy: (attempt: number) => Math.min(attempt * 100, 1000),
		enableReadyCheck: true,
	};
}

export interface PooledClient {
	client: Redis;
	/** Digest of the settings the client was made with: a changed credential gets a new client. */
	settingsDigest: string;
	/** For messages: host, port and database only. */
	address: RedisAddress;
	/** Why Redis last failed, for the warning of deliveries that skip it while it reconnects. */
	lastError: Error | undefined;
	/** This process's name for its deliveries in flight: random per client, carried by the connection. */
	owner: string;
}

/** One client per credential and process, reused by every request; bounded like the memories. */
const MAX_CLIENTS = 50;

/**
 * The pool: per credential id, the client made from the credential as last read, answered from
 * without reading it again for CREDENTIAL_MAX_AGE_MS (the Artisio token's bound, see
 * credentialCache.ts). A client that leaves the pool is closed.
 */
const clients = new CredentialCache<PooledClient>({
	capacity: MAX_CLIENTS,
	onEvict: (pooled) => pooled.client.disconnect(),
});

function settingsDigest(settings: RedisSettings): string {
	return sha256(JSON.stringify(settings), 'base64url');
}

function createClient(settings: RedisSettings, digest: string): PooledClient {
	const { host, port, database } = settings;
	const owner = randomBytes(9).toString('base64url');
	const pooled: PooledClient = {
		client: new Redis(clientOptions(settings, owner)),
		settingsDigest: digest,
		address: { host, port, database },
		lastError: undefined,
		owner,
	};
	// Without a listener, ioredis prints every failed reconnection attempt to the console.
	pooled.client.on('error', (error: Error) => {
		pooled.lastError = error;
	});
	pooled.client.on('ready', () => {
		pooled.lastError = undefined;
	});
	return pooled;
}

/**
 * The process's client for a credential, created on first use. `key` identifies the credential
 * (its id). The credential is read (`readSettings`, an expression isolate in n8n) only when the
 * pool's entry is older than CREDENTIAL_MAX_AGE_MS: then the client is kept if the settings are the
 * same, and replaced (the old one closed) if they changed, so a changed host or password is in
 * force within that time.
 */
export async function clientFor(
	key: string,
	now: number,
	readSettings: () => Promise<RedisSettings>,
): Promise<PooledClient> {
	const fresh = clients.fresh(key, now);
	if (fresh !== undefined && fresh.client.status !== 'end') return fresh;
	const settings = await readSettings();
	const digest = settingsDigest(settings);
	// Read again after the await: a request that read at the same time may have made the client already.
	const last = clients.last(key);
	const pooled =
		last !== undefined && last.settingsDigest === digest && last.client.status !== 'end'
			? last
			: createClient(settings, digest);
	clients.remember(key, pooled, now);
	return pooled;
}

/** Closes every client of this process (the tests' and the benchmark's clean-up). */
export function disconnectAll(): void {
	clients.clear();
}

/**
 * True while the client knows Redis is gone (it is between reconnection attempts): deliveries
 * then skip Redis at once instead of each waiting for the command timeout.
 */
export function isKnownDown(pooled: PooledClient): boolean {
	return (
		pooled.client.status === 'reconnecting' ||
		pooled.client.status === 'close' ||
		pooled.client.status === 'end'
	);
}

/**
 * A short reason in words, from what ioredis or Redis said; never a secret (Redis does not echo
 * passwords). `lastEvent`: the client's last error event, which says why a connection closed where
 * the rejected command only says "Connection is closed".
 */
export function describeRedisError(
	error: unknown,
	settings: RedisAddress,
	lastEvent?: Error,
): string {
	const generic =
		error instanceof Error &&
		/Connection is closed|Stream isn't writeable|max retries per request/i.test(error.message);
	const cause = generic && lastEvent !== undefined ? lastEvent : error;
	const where = describeRedis(settings);
	const message = cause instanceof Error ? cause.message : String(cause);
	const code = (cause as { code?: unknown } | undefined)?.code;
	if (
		/WRONGPASS|NOAUTH|invalid password|invalid username-password|AUTH .*without any password/i.test(
			message,
		)
	) {
		return `${where} refused the user name or password (${message.split('\n')[0]})`;
	}
	if (/DB index is out of range|invalid DB index/i.test(message)) {
		return `${where}: no such database number (${message.split('\n')[0]})`;
	}
	if (/Command timed out/i.test(message))
		return `${where} did not answer within ${COMMAND_TIMEOUT_MS} ms`;
	if (
		typeof code === 'string' &&
		/^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|ENETUNREACH)$/.test(code)
	) {
		return `${where} could not be reached (${code})`;
	}
	if (/max retries per request|Connection is closed|Stream isn't writeable/i.test(message)) {
		return `${where} could not be reached (connection closed)`;
	}
	return `${where} failed: ${message.split('\n')[0]}`;
}
