/**
 * Validation and normalization of Artisio webhook payloads (pure: no n8n runtime needed).
 */
import type { IDataObject } from 'n8n-workflow';

import type {
	JsonObject,
	NormalizationWarning,
	UnknownValue,
	Validation,
} from '../../shared/types';
import {
	EXPECTED,
	expectedReceived,
	joinPath,
	toPayloadIssues,
} from '../../shared/validationMessages';
import { Auction } from './auction';
import { Category } from './category';
import { Customer } from './customer';
import { Department } from './department';
import { ARTISIO_ACTIONS, ARTISIO_OBJECTS, Envelope, toName } from './envelope';
import type { ArtisioObject } from './envelope';
import { isRecord, model, settle } from './fields';
import type { Field } from './fields';
import { Invoice } from './invoice';
import { Lot } from './lot';
import { Settlement } from './settlement';

export { ARTISIO_ACTIONS, ARTISIO_OBJECTS } from './envelope';
export type { ArtisioAction, ArtisioObject } from './envelope';
export { Auction, Category, Customer, Department, Invoice, Lot, Settlement };

export interface ArtisioEvent {
	/** Upper-cased; may be outside ARTISIO_ACTIONS (then listed in unknownValues). */
	action: string;
	/** Upper-cased; may be outside ARTISIO_OBJECTS (then listed in unknownValues). */
	object: string;
	/** `data.uuid`, as sent. */
	uuid: string;
	/** Normalized data: a new object (the input is never mutated). */
	data: IDataObject;
	unknownValues: UnknownValue[];
	warnings: NormalizationWarning[];
}

const MODELS: Record<ArtisioObject, Field> = {
	AUCTION: Auction,
	CATEGORY: Category,
	CUSTOMER: Customer,
	DEPARTMENT: Department,
	INVOICE: Invoice,
	LOT: Lot,
	SETTLEMENT: Settlement,
};

/** Looked up by a payload-controlled name: a Map, so `CONSTRUCTOR` and the like find nothing. */
const DATA_SCHEMAS: ReadonlyMap<string, Field> = new Map(Object.entries(MODELS));

/** Data of an object the documents do not describe: a shallow copy, every field as sent. */
const UndocumentedData: Field = model({});

const KNOWN_ACTIONS: ReadonlySet<string> = new Set(ARTISIO_ACTIONS);
const KNOWN_OBJECTS: ReadonlySet<string> = new Set(ARTISIO_OBJECTS);

/** `body` is already known to be a plain JSON object (parsed by JSON.parse). Never throws. */
export function validateArtisioEvent(body: JsonObject): Validation<ArtisioEvent> {
	const envelope = Envelope.safeParse(body);
	if (!envelope.success) return { valid: false, issues: toPayloadIssues(envelope.error) };
	const sent = envelope.data;
	const action = toName(sent.action);
	const object = toName(sent.object);
	const { uuid } = sent.data;

	const unknownValues: UnknownValue[] = [];
	if (!KNOWN_OBJECTS.has(object)) unknownValues.push({ field: 'object', value: sent.object });
	if (!KNOWN_ACTIONS.has(action)) unknownValues.push({ field: 'action', value: sent.action });

	const normalized = (DATA_SCHEMAS.get(object) ?? UndocumentedData).safeParse(body.data);
	// Data schemas are lenient and never fail; should one ever be made strict, its issues are the answer.
	if (!normalized.success) {
		return { valid: false, issues: toPayloadIssues(normalized.error, ['data']) };
	}
	const { value: data, flags } = settle(normalized.data);
	if (!isRecord(data))
		return {
			valid: false,
			issues: [{ path: 'data', message: expectedReceived(EXPECTED.object, data) }],
		};

	return {
		valid: true,
		event: {
			action,
			object,
			uuid,
			data,
			unknownValues,
			warnings: flags.map((flag) => ({ ...flag, path: joinPath('data', flag.path) })),
		},
	};
}
