import type Redis from 'ioredis';

import { digest } from './digest';
import { clampCapacity } from './memory';

/**
 * The Redis store: the check of one delivery is ONE Lua script, which Redis runs atomically, so
 * deliveries reaching any number of n8n processes at the same moment are ordered by Redis and
 * exactly one of identical ones is new.
 *
 * Per trigger node two keys, namespaced by workflow and node id (nothing secret, and no customer
 * id or uuid: fields are digests, 11 bytes each):
 * - `…:states`, a hash: digest(record) → its state. `F` is the digest of the last fingerprint
 *   whose execution n8n recorded; `F|G <until> <owner>` adds a new state `G` in flight: accepted
 *   by the process `owner` (a random name its Redis connection carries) and not yet recorded by
 *   n8n, which counts as the record's last state until `<until>` (Redis time, microseconds);
 * - `…:seen`, a sorted set: digest(record) scored by when it was last seen (Redis' own clock, so
 *   processes with different clocks agree), which gives least-recently-seen eviction down to
 *   Remember Last N Records.
 *
 * A state becomes recorded (`commit`) once n8n has recorded the delivery's execution. A process
 * that dies before that leaves its state in flight; the sender's next try, on any process, is then
 * accepted as soon as Redis no longer lists the owner's connection (it closes with the process),
 * and in any case after the reservation's time.
 */
const PARSE = `
local function parse(value)
  local committed, rest = string.match(value or '', '^([^|]*)|?(.*)$')
  local inflight, untilTime, owner = string.match(rest, '^(%S+) (%d+) (%S+)$')
  return committed, inflight, tonumber(untilTime), owner
end
`;

/**
 * ARGV: record, fingerprint, capacity, in-flight microseconds, owner, an owner known to be gone
 * (or ''), '1' to record at once. Returns {1} new, {0} a repeat, {2, owner} a repeat of a state in
 * flight at another process, which the caller may take over when that process is gone.
 */
const RESERVE = `${PARSE}
local now = redis.call('TIME')
local t = tonumber(now[1]) * 1000000 + tonumber(now[2])
redis.call('ZADD', KEYS[2], t, ARGV[1])
local committed, inflight, untilTime, owner = parse(redis.call('HGET', KEYS[1], ARGV[1]))
local live = inflight ~= nil and untilTime > t and owner ~= ARGV[6]
local last = committed
if live then last = inflight end
local result
if last == ARGV[2] then
  if live and owner ~= ARGV[5] then result = {2, owner} else result = {0} end
elseif ARGV[7] == '1' then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
  result = {1}
else
  redis.call('HSET', KEYS[1], ARGV[1], committed .. '|' .. ARGV[2] .. ' ' .. string.format('%d', t + tonumber(ARGV[4])) .. ' ' .. ARGV[5])
  result = {1}
end
local excess = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[3])
if excess > 0 then
  local evicted = redis.call('ZPOPMIN', KEYS[2], excess)
  for i = 1, #evicted, 2 do redis.call('HDEL', KEYS[1], evicted[i]) end
end
return result
`;

/** ARGV: record, fingerprint, owner. Makes the owner's state in flight the recorded one. */
const COMMIT = `${PARSE}
local value = redis.call('HGET', KEYS[1], ARGV[1])
if not value then return 0 end
local committed, inflight, untilTime, owner = parse(value)
if inflight == ARGV[2] and owner == ARGV[3] then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
elseif inflight ~= nil then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. '|' .. inflight .. ' ' .. string.format('%d', untilTime) .. ' ' .. owner)
end
return 1
`;

const RESERVE_COMMAND = 'n8nArtemisArtisioDedupeReserve';
const COMMIT_COMMAND = 'n8nArtemisArtisioDedupeCommit';

type DedupeClient = Redis & {
	[RESERVE_COMMAND]: (
		states: string,
		seen: string,
		record: string,
		fingerprint: string,
		capacity: number,
		inFlightMicros: number,
		owner: string,
		goneOwner: string,
		recordAtOnce: '0' | '1',
	) => Promise<[number, string?]>;
	[COMMIT_COMMAND]: (
		states: string,
		seen: string,
		record: string,
		fingerprint: string,
		owner: string,
	) => Promise<number>;
};

/** ioredis sends each script by its SHA and resends its text when Redis has forgotten it (after a restart). */
function withScripts(client: Redis): DedupeClient {
	const candidate = client as DedupeClient;
	if (typeof candidate[RESERVE_COMMAND] !== 'function') {
		client.defineCommand(RESERVE_COMMAND, { numberOfKeys: 2, lua: RESERVE });
		client.defineCommand(COMMIT_COMMAND, { numberOfKeys: 2, lua: COMMIT });
	}
	return candidate;
}

/** The two keys of one trigger node; the hash tag keeps them in one slot should the Redis be a cluster. */
export function redisKeys(workflowId: string, nodeId: string): { states: string; seen: string } {
	const prefix = `n8n-nodes-artemis-artisio:dedupe:{${workflowId}:${nodeId}}`;
	return { states: `${prefix}:states`, seen: `${prefix}:seen` };
}

/** The connection name of a process's client: how other processes tell that it is still there. */
export const OWNER_PREFIX = 'n8n-nodes-artemis-artisio:';

/** How long a state accepted by a process counts as in flight at most (see IN_FLIGHT_MS of the static-data store). */
export const REDIS_IN_FLIGHT_MS = 5000;

/**
 * Whether Redis lists a connection named for `owner`. Redis drops a connection when its process
 * dies (the kernel closes the socket), so a missing name means the process is gone. A Redis that
 * refuses the question (an ACL without CLIENT LIST) counts the owner as there: its reservation
 * then holds until its time runs out.
 */
async function ownerIsConnected(client: Redis, owner: string): Promise<boolean> {
	try {
		const list = String(await client.call('CLIENT', 'LIST', 'TYPE', 'normal'));
		return list.includes(` name=${OWNER_PREFIX}${owner} `);
	} catch {
		return true;
	}
}

export interface RedisVerdict {
	isNew: boolean;
	/** New deliveries only: records the state once n8n has recorded its execution; never rejects. */
	commit?: () => Promise<void>;
}

interface Target {
	client: Redis;
	keys: { states: string; seen: string };
	/** This process's name in Redis (see OWNER_PREFIX). */
	owner: string;
}

/**
 * Checks one delivery and, when it is new, reserves its state as in flight for this process, in
 * one atomic step; rejects when Redis fails. A repeat of a state in flight at a process that is
 * gone (it died before n8n recorded the execution) is taken over: it is new.
 */
export async function reserveWithRedis(
	{ client, keys, owner }: Target,
	delivery: { record: string; fingerprint: string },
	capacity: number,
): Promise<RedisVerdict> {
	const scripts = withScripts(client);
	const record = digest(delivery.record);
	const fingerprint = digest(delivery.fingerprint);
	const reserve = async (goneOwner: string) =>
		await scripts[RESERVE_COMMAND](
			keys.states,
			keys.seen,
			record,
			fingerprint,
			clampCapacity(capacity),
			REDIS_IN_FLIGHT_MS * 1000,
			owner,
			goneOwner,
			'0',
		);
	const [status, inFlightAt] = await reserve('');
	const takenOver =
		status === 2 && inFlightAt !== undefined && !(await ownerIsConnected(client, inFlightAt));
	const final = takenOver ? (await reserve(inFlightAt))[0] : status;
	if (final !== 1) return { isNew: false };
	return {
		isNew: true,
		commit: async () => {
			try {
				await scripts[COMMIT_COMMAND](keys.states, keys.seen, record, fingerprint, owner);
			} catch {
				// Redis failed after the answer: the state stays in flight until its time runs out, and a
				// repeat after that is accepted again (at-least-once), never dropped.
			}
		},
	};
}

/** Checks and records one delivery at once, in one atomic step; resolves whether it is new, rejects when Redis fails. */
export async function checkWithRedis(
	client: Redis,
	keys: { states: string; seen: string },
	delivery: { record: string; fingerprint: string },
	capacity: number,
): Promise<boolean> {
	const [status] = await withScripts(client)[RESERVE_COMMAND](
		keys.states,
		keys.seen,
		digest(delivery.record),
		digest(delivery.fingerprint),
		clampCapacity(capacity),
		0,
		'',
		'',
		'1',
	);
	return status === 1;
}
