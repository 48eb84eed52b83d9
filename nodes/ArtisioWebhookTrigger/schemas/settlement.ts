import { date, float, json, model, text } from './fields';
import type { Field } from './fields';

/** Settlement model (`object: "SETTLEMENT"`). */
export const Settlement: Field = model({
	uuid: text,
	settlement_no: text,
	status: text,
	type: text,
	sale_no: text,
	auction_uuid: text,
	customer_uuid: text,
	hammer_price: float,
	shipping_amount: float,
	shipping_vat: float,
	shipping_tracking_code: text,
	/** Documented as String: passed through as sent. */
	shipping_taxable: text,
	date,
	payable_amount: float,
	hammer_vat: float,
	hammer_adjustment: float,
	hammer_adjustment_vat: float,
	commission: float,
	commission_vat: float,
	miscellaneous: float,
	miscellaneous_vat: float,
	miscellaneous_data: json,
	lot_handling_charge: float,
	lot_handling_vat: float,
	insurance_fee: float,
	insurance_vat: float,
});
