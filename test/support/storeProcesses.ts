/**
 * The static-data store seen from several n8n processes, for unit tests: each "process" is its own
 * copy of the store module (its own in-process memory, as in a separate `n8n webhook` process); the
 * shared "database" is the static data as JSON, loaded by each request and saved whole after it, as
 * n8n does.
 */
import type { IDataObject } from 'n8n-workflow';

import { restoreFromStaticData } from '../../nodes/shared/dedupe/savedFormat';

export type StoreModule = typeof import('../../nodes/shared/dedupe/staticData');

/** A fresh copy of the store module, as a new process loads it. */
export function newProcess(): StoreModule {
	let loaded: StoreModule | undefined;
	jest.isolateModules(() => {
		loaded = jest.requireActual<StoreModule>('../../nodes/shared/dedupe/staticData');
	});
	if (loaded === undefined) throw new Error('store module not loaded');
	return loaded;
}

/** The store's key of one trigger node (workflow and node id). */
export const NODE = 'workflow-1:node-1';

export class Database {
	json = '{}';
	load(): IDataObject {
		return JSON.parse(this.json) as IDataObject;
	}
	save(staticData: IDataObject): void {
		this.json = JSON.stringify(staticData);
	}
	/** The records saved, as `[record, fingerprint]`. */
	records(): Array<[string, string]> {
		return restoreFromStaticData(this.load()).map((entry) => [entry.record, entry.fingerprint]);
	}
	recordCount(): number {
		return restoreFromStaticData(this.load()).length;
	}
}
