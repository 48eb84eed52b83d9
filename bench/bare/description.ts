import type { INodeTypeDescription } from 'n8n-workflow';

import { TRIGGER_VERSIONS, vendorWebhook } from '../../nodes/shared/description';

/** A bare trigger's description: the same webhook and type versions as ours, nothing else (bench only). */
export function bareDescription(
	name: string,
	displayName: string,
	description: string,
	credentials?: INodeTypeDescription['credentials'],
): INodeTypeDescription {
	return {
		displayName,
		name,
		group: ['trigger'],
		...TRIGGER_VERSIONS,
		description,
		defaults: { name: displayName },
		inputs: [],
		outputs: ['main'],
		credentials,
		webhooks: vendorWebhook('POST'),
		properties: [],
	};
}
