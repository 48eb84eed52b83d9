/** The request bodies of both parts: a documented Artemis callback and the largest Artisio fixtures. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { PROJECT_ROOT } from '../../test/support/n8n/package';
import { artemisCallback } from '../../test/support/payloads';

export const ARTISIO_TOKEN = 'bench-token-0123456789abcdef0123456789abcdef';

/** A callback about customer `customer` (about 0.2 KB). */
export const artemisText = (customer: number): string =>
	JSON.stringify(artemisCallback({}, { customer }));

/** test/fixtures/artisio/<fixture>.json as record `index`: its uuid made unique wherever it occurs. */
export function artisioTexts(fixture: string): (index: number) => string {
	const text = readFileSync(
		join(PROJECT_ROOT, 'test', 'fixtures', 'artisio', `${fixture}.json`),
		'utf8',
	);
	const uuid = (JSON.parse(text) as { data: { uuid: string } }).data.uuid;
	return (index) => text.split(uuid).join(`${uuid.slice(0, 24)}${String(index).padStart(12, '0')}`);
}
