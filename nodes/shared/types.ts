import type { IDataObject } from 'n8n-workflow';

/** One failing field of a rejected payload; `path` is dotted (`data.uuid`, `data.images.0.uuid`). */
export interface PayloadIssue {
	path: string;
	message: string;
}

/** An enum value outside the vendor's documented set: accepted as it came, and flagged. */
export interface UnknownValue {
	field: string;
	value: string;
}

/** A value that could not be coerced to its documented type: kept as sent, and flagged. */
export interface NormalizationWarning {
	path: string;
	value: unknown;
	message: string;
}

/**
 * What a delivery is about (`record`) and the state it reports (`fingerprint`): a delivery is a
 * repeat when its fingerprint equals the last one accepted for its record (docs/design.md, section 5.1).
 */
export interface Delivery {
	record: string;
	fingerprint: string;
}

export type Validation<Event> =
	{ valid: true; event: Event } | { valid: false; issues: PayloadIssue[] };

/** Plain JSON object as it arrives from a vendor. */
export type JsonObject = IDataObject;
