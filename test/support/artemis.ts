import { ArtemisCallbackTrigger } from '../../nodes/ArtemisCallbackTrigger/ArtemisCallbackTrigger.node';
import { type HarnessOptions, startWebhookHarness, type WebhookHarness } from './webhookHarness';

export const ARTEMIS_TYPE = 'n8n-nodes-artemis-artisio.artemisCallbackTrigger';

export async function startArtemis(
	options: Partial<Omit<HarnessOptions, 'nodeType' | 'typeName'>> & {
		nodeType?: HarnessOptions['nodeType'];
	} = {},
): Promise<WebhookHarness> {
	return await startWebhookHarness({
		nodeType: new ArtemisCallbackTrigger(),
		typeName: ARTEMIS_TYPE,
		...options,
	});
}
