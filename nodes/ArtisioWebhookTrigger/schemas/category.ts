import { DynamicFieldsTemplate, Translatable } from './core';
import { model, text } from './fields';
import type { Field } from './fields';

/** Category model (`object: "CATEGORY"`). */
export const Category: Field = model({
	uuid: text,
	department_uuid: text,
	name: Translatable,
	dynamic_fields_template: DynamicFieldsTemplate,
});
