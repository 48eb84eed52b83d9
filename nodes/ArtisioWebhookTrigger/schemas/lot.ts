import { DynamicTranslatable, Images } from './core';
import { boolean, float, integer, model, text } from './fields';
import type { Field } from './fields';

/** Lot model (`object: "LOT"`; the documents also spell it `Lot`). */
export const Lot: Field = model({
	uuid: text,
	auction_uuid: text,
	category_uuid: text,
	department_uuid: text,
	inventory_uuid: text,
	branch_uuid: text,
	status: text,
	lot_no: text,
	quantity: integer,
	low: float,
	high: float,
	reserve: float,
	buy_now_price: float,
	start_price: float,
	images: Images,
	dynamic_fields: DynamicTranslatable,
	is_draft: boolean,
});
