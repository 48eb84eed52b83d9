import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { ArtisioWebhookTrigger } from '../../nodes/ArtisioWebhookTrigger/ArtisioWebhookTrigger.node';
import { type HarnessOptions, startWebhookHarness, type WebhookHarness } from './webhookHarness';

export const ARTISIO_TYPE = 'n8n-nodes-artemis-artisio.artisioWebhookTrigger';
export const ARTISIO_TOKEN = 'art_5b9d1f3a7c2e4068a1b3c5d7e9f0a2b4';

const fixturesDir = join(__dirname, '..', 'fixtures', 'artisio');

/** A fixture body from test/fixtures/artisio, e.g. `fixture('lot.create')`. */
export function artisioFixture(name: string): IDataObject {
	return JSON.parse(readFileSync(join(fixturesDir, `${name}.json`), 'utf8')) as IDataObject;
}

export function artisioFixtureNames(): string[] {
	return readdirSync(fixturesDir)
		.filter((file) => file.endsWith('.json'))
		.map((file) => file.replace(/\.json$/, ''));
}

export const bearer = (token = ARTISIO_TOKEN): Record<string, string> => ({
	authorization: `Bearer ${token}`,
});

export async function startArtisio(
	options: Partial<Omit<HarnessOptions, 'nodeType' | 'typeName'>> = {},
): Promise<WebhookHarness> {
	return await startWebhookHarness({
		nodeType: new ArtisioWebhookTrigger(),
		typeName: ARTISIO_TYPE,
		credentials: { artisioWebhookApi: { token: ARTISIO_TOKEN } },
		...options,
	});
}
