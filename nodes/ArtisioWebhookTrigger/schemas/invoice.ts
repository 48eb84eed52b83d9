import { boolean, float, json, model, text } from './fields';
import type { Field } from './fields';

/** Invoice model (`object: "INVOICE"`). */
export const Invoice: Field = model({
	uuid: text,
	invoice_no: text,
	status: text,
	type: text,
	sale_no: text,
	is_credit_note: boolean,
	is_credited: boolean,
	comment: text,
	total_amount: float,
	paid_amount: float,
	outstanding_amount: float,
	deposit_sale_no: text,
	auction_uuid: text,
	customer_uuid: text,
	hammer_price: float,
	shipping_vat: float,
	deposit_amount: float,
	hammer_vat: float,
	premium: float,
	premium_vat: float,
	miscellaneous_charge: float,
	miscellaneous_vat: float,
	shipping_amount: float,
	extra_charge: float,
	extra_charge_vat: float,
	extra_charge_data: json,
	miscellaneous_data: json,
});
