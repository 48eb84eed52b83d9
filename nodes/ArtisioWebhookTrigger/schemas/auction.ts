import { Images, Translatable } from './core';
import { boolean, dateTime, integer, list, model, passThrough, text } from './fields';
import type { Field } from './fields';

/**
 * `IncrementModel` and `PremiumTierModel` are referenced by the vendor but defined nowhere:
 * their items pass through unchanged.
 */
const UndocumentedItems: Field = list(passThrough);

/** Auction model (`object: "AUCTION"`). */
export const Auction: Field = model({
	uuid: text,
	title: Translatable,
	description: Translatable,
	sale_no: text,
	currency_code: text,
	department_uuid: text,
	branch_uuid: text,
	type: text,
	start_date: dateTime,
	end_date: dateTime,
	viewing_start_date: dateTime,
	viewing_end_date: dateTime,
	status: text,
	images: Images,
	increments: UndocumentedItems,
	premium_terms: UndocumentedItems,
	delay_batch: integer,
	delay_interval: integer,
	bidding_extension: integer,
	bidder_approval: boolean,
	max_total_delay: integer,
	/** Documented as Integer (not Boolean): treated as one. */
	is_private_treaty: integer,
});
