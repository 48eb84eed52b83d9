import type Redis from 'ioredis';

import { digest } from './digest';
import { clampCapacity } from './memory';

/**
 * The Redis store: the check-and-record of one delivery is ONE Lua script, which Redis runs
 * atomically, so deliveries reaching any number of n8n processes at the same moment are ordered by
 * Redis and exactly one of identical ones is new.
 *
 * Per trigger node two keys, namespaced by workflow and node id (nothing secret, and no customer
 * id or uuid: fields are digests, 11 bytes each):
 * - `…:states`, a hash: digest(record) → digest(last accepted fingerprint);
 * - `…:seen`, a sorted set: digest(record) scored by when it was last seen (Redis' own clock, so
 *   processes with different clocks agree), which gives least-recently-seen eviction down to
 *   Remember Last N Records.
 */
const CHECK_AND_RECORD = `
local last = redis.call('HGET', KEYS[1], ARGV[1])
local now = redis.call('TIME')
redis.call('ZADD', KEYS[2], tonumber(now[1]) * 1000000 + tonumber(now[2]), ARGV[1])
if last ~= ARGV[2] then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end
local excess = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[3])
if excess > 0 then
  local evicted = redis.call('ZPOPMIN', KEYS[2], excess)
  for i = 1, #evicted, 2 do redis.call('HDEL', KEYS[1], evicted[i]) end
end
if last == ARGV[2] then return 0 end
return 1
`;

const COMMAND = 'n8nArtemisArtisioDedupe';

type DedupeClient = Redis & {
	[COMMAND]: (states: string, seen: string, record: string, fingerprint: string, capacity: number) => Promise<number>;
};

/** ioredis sends the script by its SHA and resends its text when Redis has forgotten it (after a restart). */
function withScript(client: Redis): DedupeClient {
	const candidate = client as DedupeClient;
	if (typeof candidate[COMMAND] !== 'function') client.defineCommand(COMMAND, { numberOfKeys: 2, lua: CHECK_AND_RECORD });
	return candidate;
}

/** The two keys of one trigger node; the hash tag keeps them in one slot should the Redis be a cluster. */
export function redisKeys(workflowId: string, nodeId: string): { states: string; seen: string } {
	const prefix = `n8n-nodes-artemis-artisio:dedupe:{${workflowId}:${nodeId}}`;
	return { states: `${prefix}:states`, seen: `${prefix}:seen` };
}

/** Checks and records one delivery in one atomic step; resolves whether it is new, rejects when Redis fails. */
export async function checkWithRedis(
	client: Redis,
	keys: { states: string; seen: string },
	delivery: { record: string; fingerprint: string },
	capacity: number,
): Promise<boolean> {
	const isNew = await withScript(client)[COMMAND](
		keys.states,
		keys.seen,
		digest(delivery.record),
		digest(delivery.fingerprint),
		clampCapacity(capacity),
	);
	return isNew === 1;
}
