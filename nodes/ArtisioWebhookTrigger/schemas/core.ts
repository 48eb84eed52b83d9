/**
 * Core (reusable) models of the Artisio webhook documents: objects nested inside several payloads.
 */
import { EXPECTED } from '../../shared/validationMessages';
import {
	boolean,
	checkedObject,
	dateTime,
	integer,
	isRecord,
	list,
	model,
	passThrough,
	recordOf,
	text,
} from './fields';
import type { Field } from './fields';

/** TranslatableModel: `{ "en": "English Text", "es": "Spanish Text" }`, passed through as sent. */
export const Translatable: Field = checkedObject(
	(value) => typeof value === 'string' || value === null,
	EXPECTED.stringOrNull,
);

/** DynamicTranslatableModel: `{ "en": { "fieldName1": "Text" } }`, passed through as sent. */
export const DynamicTranslatable: Field = checkedObject(isRecord, EXPECTED.object);

/** DynamicFieldsTemplateModel: `{ "fieldName1": { "label": "…", "rules": { "required": false } } }`. */
export const DynamicFieldsTemplate: Field = recordOf(
	model({
		label: passThrough,
		rules: model({ required: boolean }),
	}),
);

/** ImageDetailModel. */
export const ImageDetail: Field = model({
	url: text,
	width: integer,
	height: integer,
});

/** ImageModel: `data` holds the large, small and thumbnail renditions. */
export const Image: Field = model({
	uuid: text,
	name: text,
	position: integer,
	data: model({
		lg: ImageDetail,
		sm: ImageDetail,
		thumb: ImageDetail,
	}),
});

export const Images: Field = list(Image);

/** AddressModel. */
export const Address: Field = model({
	uuid: text,
	customer_uuid: text,
	type: text,
	is_primary: boolean,
	country_code: text,
	address_1: text,
	address_2: text,
	city: text,
	state: text,
	tax_rate: integer,
	zip_code: text,
	created_at: dateTime,
	updated_at: dateTime,
	phone: text,
	email: text,
});
