/** Small statistics and formatting helpers shared by the bench parts. */

/** Value at quantile `q` (0..1) of an ascending-sorted array, nearest-rank. */
export function quantile(sorted: readonly number[], q: number): number {
	if (sorted.length === 0) return Number.NaN;
	const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
	return sorted[rank];
}

export interface Summary {
	count: number;
	median: number;
	p99: number;
	mean: number;
	min: number;
	max: number;
}

export function summarize(values: readonly number[]): Summary {
	const sorted = [...values].sort((a, b) => a - b);
	const sum = sorted.reduce((total, value) => total + value, 0);
	return {
		count: sorted.length,
		median: quantile(sorted, 0.5),
		p99: quantile(sorted, 0.99),
		mean: sorted.length === 0 ? Number.NaN : sum / sorted.length,
		min: sorted.length === 0 ? Number.NaN : sorted[0],
		max: sorted.length === 0 ? Number.NaN : sorted[sorted.length - 1],
	};
}

/** The middle value; the mean of the two middle ones for an even count (e.g. two rounds). */
export function median(values: readonly number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	if (sorted.length === 0) return Number.NaN;
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Microseconds with a sensible number of digits. */
export function us(value: number): string {
	if (!Number.isFinite(value)) return 'n/a';
	if (value >= 1000) return `${(value / 1000).toFixed(2)} ms`;
	if (value >= 100) return `${value.toFixed(0)} µs`;
	if (value >= 10) return `${value.toFixed(1)} µs`;
	return `${value.toFixed(2)} µs`;
}

export function ms(value: number): string {
	if (!Number.isFinite(value)) return 'n/a';
	if (value >= 100) return `${value.toFixed(0)} ms`;
	if (value >= 10) return `${value.toFixed(1)} ms`;
	return `${value.toFixed(2)} ms`;
}

export function ratio(value: number): string {
	if (!Number.isFinite(value)) return 'n/a';
	if (value >= 100) return `${value.toFixed(0)}×`;
	if (value >= 10) return `${value.toFixed(1)}×`;
	return `${value.toFixed(2)}×`;
}

export function bytes(value: number): string {
	if (!Number.isFinite(value)) return 'n/a';
	if (value >= 1024 * 1024) return `${(value / 1024 / 1024).toFixed(2)} MiB`;
	if (value >= 1024) return `${(value / 1024).toFixed(1)} KiB`;
	return `${value.toFixed(0)} B`;
}

export function perSecond(value: number): string {
	if (!Number.isFinite(value)) return 'n/a';
	return value >= 100 ? `${value.toFixed(0)}/s` : `${value.toFixed(1)}/s`;
}

/** A plain-text table with a header row; columns padded to their widest cell. */
export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
	const widths = header.map((title, column) =>
		Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
	);
	const line = (cells: readonly string[]): string =>
		`| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
	const rule = `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`;
	return [line(header), rule, ...rows.map(line)].join('\n');
}

/** A positive number from the environment, or the default. */
export function envNumber(name: string, fallback: number): number {
	const raw = process.env[name];
	if (raw === undefined || raw.trim() === '') return fallback;
	const value = Number(raw);
	if (!Number.isFinite(value) || value <= 0)
		throw new Error(`${name} must be a positive number, got "${raw}"`);
	return value;
}

export function verdict(met: boolean): string {
	return met ? 'MET' : 'NOT MET';
}
