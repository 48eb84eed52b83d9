import { Address } from './core';
import { boolean, date, dateTime, list, model, tags, text } from './fields';
import type { Field } from './fields';

/** Customer model (`object: "CUSTOMER"`). */
export const Customer: Field = model({
	uuid: text,
	first_name: text,
	middle_name: text,
	last_name: text,
	company_name: text,
	personal_id: text,
	is_company: boolean,
	email: text,
	phone: text,
	status: text,
	title: text,
	acquisition_source: text,
	optin: boolean,
	tags,
	customer_no: text,
	display_name: text,
	enable_estimate_request: boolean,
	created_at: dateTime,
	updated_at: dateTime,
	mobile: text,
	skip_auction_deposit_requirement: boolean,
	birth_date: date,
	addresses: list(Address),
	timezone: text,
});
