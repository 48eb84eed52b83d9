import type { Delivery } from '../types';
import type { DedupeSettings, Verdict } from './settings';
import {
	clientFor,
	describeRedisError,
	isKnownDown,
	type PooledClient,
	redisSettingsOf,
} from './redisConnection';
import { redisKeys, reserveWithRedis } from './redisStore';

/**
 * The Redis store as the pipeline meets it: the process's client for the node's credential, the
 * check, and what a failing Redis costs: nothing but the check. The delivery is then new, and its
 * item and n8n's log say that deduplication was skipped and why.
 */
export async function deduplicateWithRedis(
	settings: DedupeSettings,
	delivery: Delivery,
	now: number,
): Promise<Verdict> {
	let pooled: PooledClient;
	const credential = settings.redisCredential;
	if (credential === undefined)
		return skipped(settings, credentialProblem(new Error('no credential')));
	try {
		// The credential's id, not its secrets, names the client: one per credential and process.
		const credentialKey = credential.id ?? `node:${settings.workflowId ?? ''}:${settings.nodeId}`;
		pooled = await clientFor(credentialKey, now, async () =>
			redisSettingsOf(await credential.read()),
		);
	} catch (error: unknown) {
		return skipped(settings, credentialProblem(error));
	}
	if (isKnownDown(pooled))
		return skipped(
			settings,
			describeRedisError(new Error('Connection is closed'), pooled.address, pooled.lastError),
		);
	try {
		const keys = redisKeys(settings.workflowId ?? 'unsaved', settings.nodeId);
		const verdict = await reserveWithRedis(
			{ client: pooled.client, keys, owner: pooled.owner },
			delivery,
			settings.capacity,
		);
		const commit = verdict.commit;
		// The answer does not wait for Redis: the execution already holds the event.
		return {
			isNew: verdict.isNew,
			warnings: [],
			...(commit ? { commit: () => void commit() } : {}),
		};
	} catch (error: unknown) {
		return skipped(settings, describeRedisError(error, pooled.address, pooled.lastError));
	}
}

function credentialProblem(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	return `the "Redis (Deduplication)" credential could not be read (${message})`;
}

function skipped(settings: DedupeSettings, reason: string): Verdict {
	settings.warn(
		`deduplication skipped, the event is accepted without checking for repeats: ${reason}`,
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
