/**
 * One multi-select filter of the editor. Empty means "all", and that is the only way a value
 * outside the vendor's documented set (a status added later, say) can pass.
 */
export function passesFilter(selected: string[] | undefined, value: string): boolean {
	return selected === undefined || selected.length === 0 || selected.includes(value);
}
