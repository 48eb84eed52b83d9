import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Whether an `Authorization` header carries exactly `Bearer <expected>`. The scheme is
 * case-insensitive (RFC 7235); the token is not. Both tokens are hashed first so that the
 * comparison takes the same time whatever their lengths, and nothing about the expected token
 * leaks through timing.
 */
export function isValidBearer(header: string | string[] | undefined, expected: string): boolean {
	if (typeof header !== 'string' || expected === '') return false;
	const match = /^Bearer +(.+)$/i.exec(header);
	if (!match) return false;
	const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
	return timingSafeEqual(digest(match[1]), digest(expected));
}
