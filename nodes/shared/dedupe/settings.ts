import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import type { NormalizationWarning } from '../types';

/** Where the memory lives (docs/design.md, section 5.2); the field `dedupeStore`. */
export type DedupeStoreName = 'staticData' | 'redis';

export const REDIS_CREDENTIAL = 'dedupeRedisApi';

/** What the dedupe step needs of the trigger node, read from it by the pipeline. */
export interface DedupeSettings {
	store: DedupeStoreName;
	/** Remember Last N Records. */
	capacity: number;
	workflowId: string | undefined;
	nodeId: string;
	/** The node's workflow static data (static-data store). */
	staticData: () => IDataObject;
	/** The Redis (Deduplication) credential: its id (one client per credential and process) and how to read it. */
	redisCredential?: { id: string | undefined; read: () => Promise<ICredentialDataDecryptedObject> };
	/** Says in n8n's log that deduplication was skipped, and why (never a secret). */
	warn: (message: string) => void;
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
