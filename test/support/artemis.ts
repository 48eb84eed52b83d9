import type { IDataObject } from 'n8n-workflow';

import { ArtemisCallbackTrigger } from '../../nodes/ArtemisCallbackTrigger/ArtemisCallbackTrigger.node';
import { type HarnessOptions, startWebhookHarness, type WebhookHarness } from './webhookHarness';

export const ARTEMIS_TYPE = 'n8n-nodes-artemis-artisio.artemisCallbackTrigger';

/** A documented callback body; `overrides` replace or (with undefined) remove fields. */
export function artemisCallback(overrides: Record<string, unknown> = {}): IDataObject {
	const body: Record<string, unknown> = {
		customerId: 1042,
		customerReferenceId: 'CUST-1042',
		profileReferenceId: 'PRF-77',
		status: 'CLEARED',
		riskRating: 'LOW',
		action: 'UPDATE',
		message: null,
		customerType: 'INDIVIDUAL',
		...overrides,
	};
	for (const [key, value] of Object.entries(overrides)) if (value === undefined) delete body[key];
	return body as IDataObject;
}

export async function startArtemis(
	options: Partial<Omit<HarnessOptions, 'nodeType' | 'typeName'>> & { nodeType?: HarnessOptions['nodeType'] } = {},
): Promise<WebhookHarness> {
	return await startWebhookHarness({ nodeType: new ArtemisCallbackTrigger(), typeName: ARTEMIS_TYPE, ...options });
}
