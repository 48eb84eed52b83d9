import type { Delivery } from '../types';
// <redis-store>
import { deduplicateWithRedis } from './redisDedupe';
// </redis-store>
import type { DedupeSettings, Verdict } from './settings';
import { reserveWithStaticData } from './staticData';

export {
	type DedupeSettings,
	type DedupeStoreName,
	REDIS_CREDENTIAL,
	type Verdict,
} from './settings';

/**
 * Decides whether a delivery repeats its record's last accepted state, in the store the user
 * chose; a new one is held in flight there until `commit`. A store that fails never costs an
 * event: the delivery is then new, and its item and n8n's log say that deduplication was skipped
 * and why.
 */
export async function deduplicate(
	settings: DedupeSettings,
	delivery: Delivery,
	now: number,
): Promise<Verdict> {
	// <redis-store>
	if (settings.store === 'redis') return await deduplicateWithRedis(settings, delivery, now);
	// </redis-store>
	const nodeKey = `${settings.workflowId ?? ''}:${settings.nodeId}`;
	const verdict = reserveWithStaticData(
		settings.staticData(),
		nodeKey,
		delivery,
		settings.capacity,
		now,
	);
	const commit = verdict.commit;
	return { isNew: verdict.isNew, warnings: [], ...(commit ? { commit: () => commit(now) } : {}) };
}
