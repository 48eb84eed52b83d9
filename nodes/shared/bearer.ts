import { createHash, timingSafeEqual } from 'node:crypto';

import { CredentialCache } from './credentialCache';

/** The token of an `Authorization: Bearer <token>` header. The scheme is case-insensitive (RFC 7235); the token is not. */
function bearerToken(header: string | string[] | undefined): string | undefined {
	if (typeof header !== 'string') return undefined;
	return /^Bearer +(.+)$/i.exec(header)?.[1];
}

/**
 * Tokens are compared as SHA-256 digests: the comparison then takes the same time whatever their
 * lengths, nothing about the expected token leaks through timing, and a remembered token is never
 * kept as itself.
 */
function tokenDigest(token: string): Buffer {
	return createHash('sha256').update(token, 'utf8').digest();
}

/** Whether an `Authorization` header carries exactly `Bearer <expected>`. */
export function isValidBearer(header: string | string[] | undefined, expected: string): boolean {
	const presented = bearerToken(header);
	if (presented === undefined || expected === '') return false;
	return timingSafeEqual(tokenDigest(presented), tokenDigest(expected));
}

/** The digest of each credential's token as last read, per credential id, for at most CREDENTIAL_MAX_AGE_MS. */
const knownTokens = new CredentialCache<Buffer>();

export interface BearerCheck {
	header: string | string[] | undefined;
	/** The node's credential id; without one the token is read on every request. */
	credentialId: string | undefined;
	/** Reads the token from n8n (`getCredentials`), which costs an expression isolate. */
	readToken: () => Promise<string>;
	now: number;
	/** Where digests are remembered; the process-wide one unless a test gives its own. */
	cache?: CredentialCache<Buffer>;
}

/**
 * Whether a request carries the credential's bearer token, reading the credential at most once per
 * CREDENTIAL_MAX_AGE_MS per credential while the sender keeps presenting the token last read.
 * - A token that differs from the one remembered is checked against a fresh read, so a token just
 *   changed in n8n is taken at once, and a wrong token is refused at once and never remembered
 *   (only what the credential says is).
 * - The old token therefore keeps working after a change for CREDENTIAL_MAX_AGE_MS at most, and
 *   not at all once a request has presented the new one.
 * - No header, or another scheme: refused without reading anything.
 */
export async function checkBearer(check: BearerCheck): Promise<boolean> {
	const presented = bearerToken(check.header);
	if (presented === undefined) return false;
	const cache = check.cache ?? knownTokens;
	const digest = tokenDigest(presented);
	const known = cache.fresh(check.credentialId, check.now);
	if (known !== undefined && timingSafeEqual(known, digest)) return true;
	const expected = await check.readToken();
	if (typeof expected !== 'string' || expected === '') {
		cache.forget(check.credentialId);
		return false;
	}
	const expectedDigest = tokenDigest(expected);
	cache.remember(check.credentialId, expectedDigest, check.now);
	return timingSafeEqual(expectedDigest, digest);
}
