/** The Redis store's side of the bench: its credential for a Redis of our own, and records put in ahead. */
import Redis from 'ioredis';

import { checkWithRedis, redisKeys } from '../../nodes/shared/dedupe/redisStore';

interface RedisAddress {
	host: string;
	port: number;
}

/** Data of a `dedupeRedisApi` credential for a loopback Redis (no user, no password, no TLS). */
export function redisCredentialData(
	redis: RedisAddress,
): Record<string, string | number | boolean> {
	return { host: redis.host, port: redis.port, user: '', password: '', database: 0, ssl: false };
}

/**
 * Puts `count` records into a trigger node's Redis store with the store's own script, as if the
 * trigger had accepted them: the Redis workflow then starts as full as a static-data one seeded
 * with the same records, so that every accepted event evicts one record in both.
 */
export async function seedRedis(
	redis: RedisAddress,
	node: { workflowId: string; nodeId: string },
	count: number,
	record: (index: number) => [string, string],
): Promise<void> {
	const client = new Redis({ ...redis, lazyConnect: true, maxRetriesPerRequest: 1 });
	client.on('error', () => undefined);
	try {
		await client.connect();
		const keys = redisKeys(node.workflowId, node.nodeId);
		// One connection: the commands arrive in order, so the least recently seen record is the first.
		const seeds = Array.from({ length: count }, (_, at) => record(at));
		await Promise.all(
			seeds.map(([text, fingerprint]) =>
				checkWithRedis(client, keys, { record: text, fingerprint }, count),
			),
		);
		const remembered = await client.hlen(keys.states);
		if (remembered !== count)
			throw new Error(`seeding Redis: ${remembered} records instead of ${count}`);
	} finally {
		client.disconnect();
	}
}
