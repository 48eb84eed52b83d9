import { createHash } from 'node:crypto';

type Frame =
	| { kind: 'value'; value: unknown }
	| { kind: 'text'; text: string };

/**
 * JSON with object keys sorted, so that two deliveries of the same data hash the same whatever
 * their key order. Iterative rather than recursive: a body nested thousands of levels deep must
 * not overflow the stack of the n8n process that receives it.
 */
export function canonicalJson(root: unknown): string {
	const out: string[] = [];
	const stack: Frame[] = [{ kind: 'value', value: root }];
	while (stack.length > 0) {
		const frame = stack.pop() as Frame;
		if (frame.kind === 'text') {
			out.push(frame.text);
			continue;
		}
		const { value } = frame;
		if (Array.isArray(value)) {
			stack.push({ kind: 'text', text: ']' });
			for (let index = value.length - 1; index >= 0; index--) {
				stack.push({ kind: 'value', value: value[index] });
				if (index > 0) stack.push({ kind: 'text', text: ',' });
			}
			stack.push({ kind: 'text', text: '[' });
		} else if (value !== null && typeof value === 'object') {
			const record = value as Record<string, unknown>;
			const keys = Object.keys(record)
				.filter((key) => record[key] !== undefined)
				.sort();
			stack.push({ kind: 'text', text: '}' });
			for (let index = keys.length - 1; index >= 0; index--) {
				const key = keys[index];
				stack.push({ kind: 'value', value: record[key] });
				stack.push({ kind: 'text', text: `${index > 0 ? ',' : ''}${JSON.stringify(key)}:` });
			}
			stack.push({ kind: 'text', text: '{' });
		} else {
			// Scalars: JSON.stringify gives `null` for non-finite numbers, as JSON itself would.
			out.push(JSON.stringify(value) ?? 'null');
		}
	}
	return out.join('');
}

/** A short, stable hash of the canonical JSON: 16 hex digits (64 bits) of SHA-256. */
export function fingerprintOf(value: unknown): string {
	return createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 16);
}

/**
 * A bounded stand-in for a string of any length: the string itself when short, otherwise 32 hex
 * digits (128 bits) of its SHA-256. Keeps remembered state small even when a sender that needs no
 * authentication fills enum fields with megabytes.
 */
export function boundedKey(text: string, maxLength = 96): string {
	if (text.length <= maxLength) return text;
	return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 32)}`;
}
