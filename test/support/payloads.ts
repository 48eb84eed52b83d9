/**
 * The request bodies the tests and the bench send: one builder per vendor, so that a test names
 * only what it changes from the documented payload.
 */
import type { IDataObject } from 'n8n-workflow';

export interface ArtemisCallbackOptions {
	/**
	 * The customer the callback is about: sets `customerId` and a `customerReferenceId` of its own
	 * (`CUST-` and the first 20 characters of the id), so that callbacks about different customers
	 * differ in both. `overrides` still win.
	 */
	customer?: unknown;
}

/**
 * A documented callback body (customer 1042); `overrides` replace or (with undefined) remove fields.
 */
export function artemisCallback(
	overrides: Record<string, unknown> = {},
	options: ArtemisCallbackOptions = {},
): IDataObject {
	const fields: Record<string, unknown> =
		'customer' in options
			? {
					customerId: options.customer,
					customerReferenceId: `CUST-${String(options.customer).slice(0, 20)}`,
					...overrides,
				}
			: overrides;
	const body: Record<string, unknown> = {
		customerId: 1042,
		customerReferenceId: 'CUST-1042',
		profileReferenceId: 'PRF-77',
		status: 'CLEARED',
		riskRating: 'LOW',
		action: 'UPDATE',
		message: null,
		customerType: 'INDIVIDUAL',
		...fields,
	};
	for (const [key, value] of Object.entries(fields)) if (value === undefined) delete body[key];
	return body as IDataObject;
}

export interface ArtisioBodyOptions {
	/** `data` holds `uuid` and the given fields only, without the Lot fields of the default. */
	minimal?: boolean;
}

/**
 * An Artisio LOT update of the record `uuid`. `data` and `envelope` replace or (with undefined)
 * remove fields of `data` and of the event itself.
 */
export function artisioBody(
	uuid: unknown,
	data: Record<string, unknown> = {},
	envelope: Record<string, unknown> = {},
	options: ArtisioBodyOptions = {},
): Record<string, unknown> {
	const body: Record<string, unknown> = {
		action: 'UPDATE',
		object: 'LOT',
		data:
			options.minimal === true
				? { uuid, ...data }
				: { uuid, lot_no: '12A', low: '1200.50', high: 1800, status: 'lotted', ...data },
		...envelope,
	};
	for (const [key, value] of Object.entries(envelope)) if (value === undefined) delete body[key];
	const inner = body.data as Record<string, unknown> | undefined;
	if (inner && typeof inner === 'object')
		for (const [key, value] of Object.entries(data)) if (value === undefined) delete inner[key];
	return body;
}
