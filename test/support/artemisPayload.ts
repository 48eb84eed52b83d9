import type { IDataObject } from 'n8n-workflow';

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
