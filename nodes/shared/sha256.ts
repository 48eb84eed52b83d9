import * as crypto from 'node:crypto';

/**
 * SHA-256 of a string (as UTF-8). `crypto.hash` (Node 20.12 and later) takes about half the time of
 * `createHash` for the short strings hashed on every request; older Node falls back to it.
 */
export function sha256(text: string, encoding: 'hex' | 'base64url'): string {
	return typeof crypto.hash === 'function'
		? crypto.hash('sha256', text, encoding)
		: crypto.createHash('sha256').update(text, 'utf8').digest(encoding);
}
