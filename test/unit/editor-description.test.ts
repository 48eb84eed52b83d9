import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import { ArtemisCallbackTrigger } from '../../nodes/ArtemisCallbackTrigger/ArtemisCallbackTrigger.node';
import { ArtisioWebhookTrigger } from '../../nodes/ArtisioWebhookTrigger/ArtisioWebhookTrigger.node';

/** What n8n's editor reads from the descriptions (see the comments in nodes/shared/description.ts). */
const artemis = new ArtemisCallbackTrigger().description;
const artisio = new ArtisioWebhookTrigger().description;

function multiOptions(properties: INodeProperties[]): INodeProperties[] {
	return properties.flatMap((property) =>
		property.type === 'multiOptions'
			? [property]
			: property.type === 'collection'
				? multiOptions((property.options ?? []) as INodeProperties[])
				: [],
	);
}

describe('editor texts', () => {
	it('Artemis: one webhook per method on the same path, so that each URL row shows a whole method badge', () => {
		expect(
			artemis.webhooks?.map((webhook) => [webhook.httpMethod, webhook.path, webhook.name]),
		).toEqual([
			['POST', 'webhook', 'default'],
			['PUT', 'webhook', 'default'],
			['PATCH', 'webhook', 'default'],
		]);
		expect(artisio.webhooks?.map((webhook) => webhook.httpMethod)).toEqual(['POST']);
	});

	it.each([
		[artemis, 'artemis-callback-trigger'],
		[artisio, 'artisio-webhook-trigger'],
	] as Array<[INodeTypeDescription, string]>)(
		'%# Docs link: opened as given, n8n tracking in the query, the README anchor last',
		(description, anchor) => {
			const url = new URL(description.documentationUrl ?? '');
			expect(url.origin + url.pathname).toBe(
				'https://www.npmjs.com/package/n8n-nodes-artemis-artisio',
			);
			expect(url.searchParams.get('utm_source')).toBe('n8n_app');
			expect(url.searchParams.get('utm_campaign')).toBe(
				`n8n-nodes-artemis-artisio.${description.name}`,
			);
			expect(url.hash).toBe(`#${anchor}`);
		},
	);

	it.each([artemis, artisio])(
		'%# every filter says that empty means all and how its values look in the item',
		(description) => {
			const filters = multiOptions(description.properties);
			expect(filters.length).toBeGreaterThanOrEqual(2);
			for (const filter of filters)
				expect(filter.hint).toMatch(
					/^Empty \("Select"\) means all\. The item has the value in upper case: .*"[A-Z_]+"/,
				);
		},
	);

	it.each([artemis, artisio])(
		'%# trigger panel: says there is no test on demand, where the Test URL is, and gives the sample command',
		(description) => {
			const panel = description.triggerPanel;
			if (typeof panel !== 'object') throw new Error('no triggerPanel');
			expect(panel.activationHint).toMatch(/cannot send a test .* on demand/);
			expect(panel.activationHint).toContain('Test URL');
			expect(panel.activationHint).toMatch(/<code>curl -X POST .*PASTE-THE-TEST-URL<\/code>/);
			expect(panel.header).not.toContain('Pull in events');
		},
	);
});
