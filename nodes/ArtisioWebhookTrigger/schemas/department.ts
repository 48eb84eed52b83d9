import { Translatable } from './core';
import { model, text } from './fields';
import type { Field } from './fields';

/** Department model (`object: "DEPARTMENT"`). */
export const Department: Field = model({
	uuid: text,
	name: Translatable,
});
