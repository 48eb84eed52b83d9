import * as z from 'zod/v4';

import type { IDataObject } from 'n8n-workflow';

import type { JsonObject, UnknownValue, Validation } from '../shared/types';
import {
	EXPECTED,
	nonEmptyString,
	toPayloadIssues,
	zodMessage,
} from '../shared/validationMessages';

/** Documented enum values (vendor spec §3). Artemis says they are additive: others may come. */
export const ARTEMIS_ACTIONS = ['INSERT', 'UPDATE'] as const;
export const ARTEMIS_STATUSES = [
	'DRAFT',
	'PENDING',
	'CLEARED',
	'REQUIRE_UPDATE',
	'REJECTED',
	'ACCEPTED',
] as const;
export const ARTEMIS_RISK_RATINGS = ['LOW', 'MEDIUM_LOW', 'MEDIUM', 'MEDIUM_HIGH', 'HIGH'] as const;
export const ARTEMIS_CUSTOMER_TYPES = ['INDIVIDUAL', 'CORPORATE'] as const;

/** The body of one Artemis customer callback, normalized. */
export interface ArtemisCallback {
	customerId: number;
	customerReferenceId: string;
	profileReferenceId: string;
	status: string;
	riskRating: string | null;
	action: string;
	message: string | null;
	customerType: string;
	/** Fields Artemis sent that its documentation does not list, passed through unchanged. */
	otherFields: IDataObject;
	unknownValues: UnknownValue[];
}

const DOCUMENTED_FIELDS = new Set([
	'customerId',
	'customerReferenceId',
	'profileReferenceId',
	'status',
	'riskRating',
	'action',
	'message',
	'customerType',
]);

const nullableText = z
	.string({ error: zodMessage(EXPECTED.stringOrNull) })
	.nullable()
	.optional()
	.transform((value) => value ?? null);

/** A finite whole number; Artemis' own clients sometimes send the id as a string of digits. */
const customerId = z
	.union([z.number(), z.string().trim().regex(/^\d+$/).transform(Number)], {
		error: zodMessage(EXPECTED.number),
	})
	.refine((value) => Number.isSafeInteger(value), { error: zodMessage(EXPECTED.wholeNumber) });

const callbackSchema = z.looseObject(
	{
		customerId,
		customerReferenceId: nonEmptyString,
		profileReferenceId: nonEmptyString,
		status: nonEmptyString,
		riskRating: nullableText,
		action: nonEmptyString,
		message: nullableText,
		customerType: nonEmptyString,
	},
	{ error: zodMessage(EXPECTED.jsonObject) },
);

/**
 * Known values are matched case-insensitively and written in upper case; any other value is kept
 * exactly as sent and listed, so that a new status in Artemis never breaks a workflow.
 */
function normalizeEnum(
	field: string,
	value: string,
	known: readonly string[],
	unknownValues: UnknownValue[],
): string {
	const upper = value.trim().toUpperCase();
	if (known.includes(upper)) return upper;
	unknownValues.push({ field, value });
	return value;
}

export function validateArtemisCallback(body: JsonObject): Validation<ArtemisCallback> {
	const parsed = callbackSchema.safeParse(body);
	if (!parsed.success) {
		return { valid: false, issues: toPayloadIssues(parsed.error) };
	}
	const fields = parsed.data;
	const unknownValues: UnknownValue[] = [];
	// Blank is how some senders say "no rating yet"; it means the same as null.
	const rating = fields.riskRating?.trim() ? fields.riskRating : null;
	const otherFields: IDataObject = Object.fromEntries(
		Object.entries(body).filter(([key]) => !DOCUMENTED_FIELDS.has(key)),
	);
	return {
		valid: true,
		event: {
			customerId: fields.customerId,
			customerReferenceId: fields.customerReferenceId,
			profileReferenceId: fields.profileReferenceId,
			status: normalizeEnum('status', fields.status, ARTEMIS_STATUSES, unknownValues),
			riskRating:
				rating === null
					? null
					: normalizeEnum('riskRating', rating, ARTEMIS_RISK_RATINGS, unknownValues),
			action: normalizeEnum('action', fields.action, ARTEMIS_ACTIONS, unknownValues),
			message: fields.message,
			customerType: normalizeEnum(
				'customerType',
				fields.customerType,
				ARTEMIS_CUSTOMER_TYPES,
				unknownValues,
			),
			otherFields,
			unknownValues,
		},
	};
}
