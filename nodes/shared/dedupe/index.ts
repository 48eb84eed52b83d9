import type { IWebhookFunctions } from 'n8n-workflow';

import type { TriggerOptions } from '../options';
import type { NormalizationWarning } from '../types';
import { DEFAULT_CAPACITY } from './memory';
import { clientFor, describeRedisError, isKnownDown, type PooledClient, redisSettingsOf } from './redisConnection';
import { redisKeys, reserveWithRedis } from './redisStore';
import { reserveWithStaticData } from './staticData';

export { digest } from './digest';
export { clampCapacity, DEFAULT_CAPACITY, MAX_CAPACITY, RecordMemory, type RememberedRecord } from './memory';
export { persistToStaticData, restoreFromStaticData } from './staticData';

/** Where the memory lives (docs/design.md, section 5.2); the field `dedupeStore`. */
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
	/**
	 * New deliveries that the store holds in flight: makes the delivery's state final in the store.
	 * Call it once n8n has recorded the execution (never before: a process that dies in between
	 * must leave nothing that would make the sender's next try a duplicate). Synchronous, and
	 * calling it again does nothing.
	 */
	commit?: () => void;
}

const NEW: Verdict = { isNew: true, warnings: [] };

/**
 * Decides whether a delivery repeats its record's last accepted state, in the store the user
 * chose; a new one is held in flight there until `commit`. A store that fails never costs an
 * event: the delivery is then new, and its item and n8n's log say that deduplication was skipped
 * and why.
 */
export async function deduplicate(context: IWebhookFunctions, options: TriggerOptions, delivery: Delivery, now: number): Promise<Verdict> {
	// Test events are never dropped: the user must be able to send the same sample twice.
	if (options.deduplicate === false || context.getMode() === 'manual') return NEW;
	const capacity = options.dedupeSize ?? DEFAULT_CAPACITY;
	const nodeKey = `${context.getWorkflow().id ?? ''}:${context.getNode().id}`;
	if ((context.getNodeParameter('dedupeStore', 'staticData') as DedupeStoreName) !== 'redis') {
		const staticVerdict = reserveWithStaticData(context.getWorkflowStaticData('node'), nodeKey, delivery, capacity, now);
		const commitStatic = staticVerdict.commit;
		return { isNew: staticVerdict.isNew, warnings: [], ...(commitStatic ? { commit: () => commitStatic(now) } : {}) };
	}
	let pooled: PooledClient;
	try {
		// The credential's id, not its secrets, names the client: one per credential and process.
		const credentialKey = context.getNode().credentials?.[REDIS_CREDENTIAL]?.id ?? `node:${nodeKey}`;
		pooled = await clientFor(credentialKey, now, async () => redisSettingsOf(await context.getCredentials(REDIS_CREDENTIAL)));
	} catch (error: unknown) {
		return skipped(context, credentialProblem(error));
	}
	if (isKnownDown(pooled)) return skipped(context, describeRedisError(new Error('Connection is closed'), pooled.address, pooled.lastError));
	try {
		const keys = redisKeys(context.getWorkflow().id ?? 'unsaved', context.getNode().id);
		const redisVerdict = await reserveWithRedis({ client: pooled.client, keys, owner: pooled.owner }, delivery, capacity);
		const commitRedis = redisVerdict.commit;
		// The answer does not wait for Redis: the execution already holds the event.
		return { isNew: redisVerdict.isNew, warnings: [], ...(commitRedis ? { commit: () => void commitRedis() } : {}) };
	} catch (error: unknown) {
		return skipped(context, describeRedisError(error, pooled.address, pooled.lastError));
	}
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
