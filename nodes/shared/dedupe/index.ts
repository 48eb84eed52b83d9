import type { IWebhookFunctions } from 'n8n-workflow';

import type { TriggerOptions } from '../options';
import type { NormalizationWarning } from '../types';
import { DEFAULT_CAPACITY } from './memory';
import {
	clientFor,
	describeRedisError,
	isKnownDown,
	type PooledClient,
	redisSettingsOf,
	type RedisSettings,
} from './redisConnection';
import { checkWithRedis, redisKeys } from './redisStore';
import { checkWithStaticData } from './staticData';

export { digest } from './digest';
export { clampCapacity, DEFAULT_CAPACITY, MAX_CAPACITY, RecordMemory, type RememberedRecord } from './memory';
export { persistToStaticData, restoreFromStaticData } from './staticData';

/** Where the memory lives (SPEC §5.1); the field `dedupeStore`. */
export type DedupeStoreName = 'staticData' | 'redis';

export const REDIS_CREDENTIAL = 'dedupeRedisApi';

/** What a delivery is about and the state it reports (see `TriggerDefinition.identify`). */
export interface Delivery {
	record: string;
	fingerprint: string;
}

export interface Verdict {
	isNew: boolean;
	/** Why deduplication was skipped, for the item's `meta.warnings`. */
	warnings: NormalizationWarning[];
}

const NEW: Verdict = { isNew: true, warnings: [] };

/**
 * Decides whether a delivery repeats its record's last accepted state, in the store the user
 * chose, and records it. A store that fails never costs an event: the delivery is then new, and
 * its item and n8n's log say that deduplication was skipped and why.
 */
export async function deduplicate(context: IWebhookFunctions, options: TriggerOptions, delivery: Delivery, now: number): Promise<Verdict> {
	// Test events are never dropped: the user must be able to send the same sample twice.
	if (options.deduplicate === false || context.getMode() === 'manual') return NEW;
	const capacity = options.dedupeSize ?? DEFAULT_CAPACITY;
	const nodeKey = `${context.getWorkflow().id ?? ''}:${context.getNode().id}`;
	if ((context.getNodeParameter('dedupeStore', 'staticData') as DedupeStoreName) !== 'redis') {
		const isNew = checkWithStaticData(context.getWorkflowStaticData('node'), nodeKey, delivery, capacity, now);
		return { isNew, warnings: [] };
	}
	let connection: { pooled: PooledClient; settings: RedisSettings };
	try {
		connection = await redisClientOf(context, nodeKey, now);
	} catch (error: unknown) {
		return skipped(context, credentialProblem(error));
	}
	const { pooled, settings } = connection;
	if (isKnownDown(pooled)) return skipped(context, describeRedisError(new Error('Connection is closed'), settings, pooled.lastError));
	try {
		const keys = redisKeys(context.getWorkflow().id ?? 'unsaved', context.getNode().id);
		return { isNew: await checkWithRedis(pooled.client, keys, delivery, capacity), warnings: [] };
	} catch (error: unknown) {
		return skipped(context, describeRedisError(error, settings, pooled.lastError));
	}
}

/**
 * How often a process re-reads the Redis credential: reading it builds an expression isolate in
 * n8n (milliseconds per request), while its host or password change rarely. A changed credential
 * takes effect within this time; the client is replaced then.
 */
const CREDENTIAL_RECHECK_MS = 60_000;

const checkedAt = new Map<string, { at: number; settings: RedisSettings }>();

async function redisClientOf(
	context: IWebhookFunctions,
	nodeKey: string,
	now: number,
): Promise<{ pooled: PooledClient; settings: RedisSettings }> {
	// The credential's id, not its secrets, names the client: one per credential and process.
	const credentialKey = context.getNode().credentials?.[REDIS_CREDENTIAL]?.id ?? `node:${nodeKey}`;
	let checked = checkedAt.get(credentialKey);
	if (checked === undefined || now - checked.at >= CREDENTIAL_RECHECK_MS || now < checked.at) {
		checked = { at: now, settings: redisSettingsOf(await context.getCredentials(REDIS_CREDENTIAL)) };
		checkedAt.delete(credentialKey);
		// Bounded with the clients it describes.
		if (checkedAt.size >= 50) checkedAt.delete(checkedAt.keys().next().value ?? '');
		checkedAt.set(credentialKey, checked);
	}
	return { pooled: clientFor(credentialKey, checked.settings), settings: checked.settings };
}

function credentialProblem(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	return `the "Redis (Deduplication)" credential could not be read (${message})`;
}

function skipped(context: IWebhookFunctions, reason: string): Verdict {
	context.logger.warn(
		`${context.getNode().name}: deduplication skipped, the event is accepted without checking for repeats: ${reason}`,
		{ workflowId: context.getWorkflow().id },
	);
	return {
		isNew: true,
		warnings: [
			{
				path: 'dedupeStore',
				value: 'redis',
				message: `Deduplication was skipped, so this event may repeat one accepted before: ${reason}`,
			},
		],
	};
}
