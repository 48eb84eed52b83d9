import type { IDataObject } from 'n8n-workflow';

import type { Receipt } from './pipeline';
import type { NormalizationWarning, UnknownValue } from './types';

/**
 * The `meta` of an item: when and how the delivery arrived, its dedupe key, what was unusual in
 * it, and (Include Headers) its redacted headers. `method` only where the vendor uses several.
 */
export function itemMeta(
	receipt: Receipt,
	found: { unknownValues: UnknownValue[]; warnings: NormalizationWarning[] },
	{ withMethod }: { withMethod: boolean },
): IDataObject {
	return {
		receivedAt: receipt.receivedAt,
		...(withMethod ? { method: receipt.method } : {}),
		dedupeKey: receipt.dedupeKey,
		unknownValues: found.unknownValues,
		warnings: [...receipt.warnings, ...found.warnings],
		...(receipt.headers ? { headers: receipt.headers } : {}),
	};
}
