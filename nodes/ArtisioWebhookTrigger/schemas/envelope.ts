/**
 * The Artisio webhook envelope `{ action, object, data: { uuid, … } }`: the only part of a
 * payload that can make it invalid.
 */
import * as z from 'zod/v4';

import { EXPECTED, nonEmptyString, zodMessage } from '../../shared/validationMessages';

export const ARTISIO_OBJECTS = [
	'AUCTION',
	'CATEGORY',
	'CUSTOMER',
	'DEPARTMENT',
	'INVOICE',
	'LOT',
	'SETTLEMENT',
] as const;
export type ArtisioObject = (typeof ARTISIO_OBJECTS)[number];

export const ARTISIO_ACTIONS = ['CREATE', 'UPDATE', 'DELETE'] as const;
export type ArtisioAction = (typeof ARTISIO_ACTIONS)[number];

/**
 * Validates the envelope only; `data` is checked for its `uuid` here and normalized by its model.
 * Strip mode (not loose): nothing but the fields below is copied, so no payload key is written.
 * `action` and `object` are output as sent (unknown ones are reported that way); see `toName`.
 */
export const Envelope = z.object(
	{
		action: nonEmptyString,
		object: nonEmptyString,
		data: z.object({ uuid: nonEmptyString }, { error: zodMessage(EXPECTED.object) }),
	},
	{ error: zodMessage(EXPECTED.jsonObject) },
);

/** How `action` and `object` are matched and output: trimmed, upper-cased (`Lot` and `LOT` alike). */
export function toName(sent: string): string {
	return sent.trim().toUpperCase();
}
