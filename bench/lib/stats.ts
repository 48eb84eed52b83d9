/** Small statistics, formatting and output helpers shared by the bench parts. */

/** Value at quantile `q` (0..1) of an ascending-sorted array, nearest-rank. */
export function quantile(sorted: readonly number[], q: number): number {
	if (sorted.length === 0) return Number.NaN;
	const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
	return sorted[rank];
}

export interface Summary {
	median: number;
	p99: number;
	mean: number;
}

export function summarize(values: readonly number[]): Summary {
	const sorted = [...values].sort((a, b) => a - b);
	const sum = sorted.reduce((total, value) => total + value, 0);
	return {
		median: quantile(sorted, 0.5),
		p99: quantile(sorted, 0.99),
		mean: sorted.length === 0 ? Number.NaN : sum / sorted.length,
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

/** A difference in ms with its sign (− for a negative one). */
export function signedMs(value: number): string {
	return `${value > 0 ? '+' : value < 0 ? '−' : '±'}${ms(Math.abs(value))}`;
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

export function verdict(met: boolean): string {
	return met ? 'MET' : 'NOT MET';
}

/** A ratio's median over rounds with its range: `0.98× (0.95× – 1.01×)`. */
export function ratioWithRange(value: { median: number; min: number; max: number }): string {
	return `${ratio(value.median)} (${ratio(value.min)} – ${ratio(value.max)})`;
}

/** Lines of the report (stdout; none: an empty line); progress goes to stderr through `log`. */
export function out(...lines: string[]): void {
	process.stdout.write(`${(lines.length === 0 ? [''] : lines).join('\n')}\n`);
}

export function log(line: string): void {
	process.stderr.write(`[bench] ${line}\n`);
}
