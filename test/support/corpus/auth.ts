/** The authorization corpus: Authorization headers and where else a token might travel (Artisio). */
import type { Known } from './types';

export interface AuthCase {
	name: string;
	/**
	 * Authorization header values as they go on the wire (latin1: one char per byte); several
	 * values send several headers. `undefined`: no Authorization header.
	 */
	authorization?: string | string[];
	/** Other headers, wire strings too. */
	headers?: Array<[string, string]>;
	/** Appended to the URL. */
	query?: string;
	/** Fields added to the (valid) body. */
	bodyExtra?: Record<string, unknown>;
	expected: 'accepted' | 401;
	known?: Known;
}

/** UTF-8 bytes of `text` as a latin1 string: how non-ASCII really travels in a header. */
export const wire = (text: string): string => Buffer.from(text, 'utf8').toString('latin1');

const swapCase = (text: string): string =>
	[...text].map((ch) => (ch === ch.toUpperCase() ? ch.toLowerCase() : ch.toUpperCase())).join('');

/**
 * `token` must mix upper- and lower-case letters and contain an `a` and an `e` (for the look-alikes).
 * Valid forms, per `nodes/shared/bearer.ts` (`/^Bearer +(.+)$/i`, exact token) and HTTP itself:
 * the scheme in any case, one or more spaces after it; whitespace around the whole value is not part
 * of the value (RFC 9110 §5.5, Node's parser strips it), so it passes too.
 */
export function authCorpus(token: string): AuthCase[] {
	if (
		token === token.toUpperCase() ||
		token === token.toLowerCase() ||
		!token.includes('a') ||
		!token.includes('e')
	) {
		throw new Error(
			'authCorpus needs a token with upper- and lower-case letters, an "a" and an "e"',
		);
	}
	const ok = (
		name: string,
		authorization: string | string[],
		extra: Partial<AuthCase> = {},
	): AuthCase => ({ name, authorization, expected: 'accepted', ...extra });
	const no = (
		name: string,
		authorization: string | string[] | undefined,
		extra: Partial<AuthCase> = {},
	): AuthCase => ({ name, authorization, expected: 401, ...extra });
	const b64 = (text: string): string => Buffer.from(text).toString('base64');
	return [
		// Valid forms
		ok('Bearer <token>', `Bearer ${token}`),
		ok('bearer <token> (scheme lower case)', `bearer ${token}`),
		ok('BEARER <token> (scheme upper case)', `BEARER ${token}`),
		ok('BeArEr <token> (scheme mixed case)', `BeArEr ${token}`),
		ok('two spaces after the scheme', `Bearer  ${token}`),
		ok('eight spaces after the scheme', `Bearer        ${token}`),
		ok(
			'leading spaces before the scheme (optional whitespace, stripped by HTTP)',
			`   Bearer ${token}`,
		),
		ok(
			'leading tab before the scheme (optional whitespace, stripped by HTTP)',
			`\tBearer ${token}`,
		),
		ok(
			'trailing spaces after the token (optional whitespace, stripped by HTTP)',
			`Bearer ${token}   `,
		),
		ok('trailing tab after the token (optional whitespace, stripped by HTTP)', `Bearer ${token}\t`),
		{
			name: 'header name in upper case (AUTHORIZATION)',
			headers: [['AUTHORIZATION', `Bearer ${token}`]],
			expected: 'accepted',
		},
		// Missing or empty
		no('no Authorization header', undefined),
		no('empty Authorization header', ''),
		no('"Bearer" alone', 'Bearer'),
		no('"Bearer " with an empty token', 'Bearer '),
		no('"Bearer" and spaces only', 'Bearer      '),
		no('"Bearer" and a tab only', 'Bearer\t'),
		// Other schemes
		no('Basic with the token', `Basic ${token}`),
		no('Basic base64(user:token)', `Basic ${b64(`artisio:${token}`)}`),
		no('Basic base64(token:)', `Basic ${b64(`${token}:`)}`),
		no('Token <token>', `Token ${token}`),
		no('Token token=<token>', `Token token=${token}`),
		no('Digest with the token', `Digest username="artisio", realm="n8n", response="${token}"`),
		no('Bearer2 <token>', `Bearer2 ${token}`),
		no('"Bear <token>"', `Bear ${token}`),
		no('the token alone, no scheme', token),
		no('BearerToken without a space', `Bearer${token}`),
		no('"Bearer: <token>"', `Bearer: ${token}`),
		no('Bearer twice', `Bearer Bearer ${token}`),
		// Token variations
		no('a wrong token', 'Bearer wrong-token'),
		no('one character missing at the end', `Bearer ${token.slice(0, -1)}`),
		no('one character missing at the start', `Bearer ${token.slice(1)}`),
		no('one character extra at the end', `Bearer ${token}x`),
		no('one character extra at the start', `Bearer x${token}`),
		no('the token twice', `Bearer ${token}${token}`),
		no('the token twice, space-separated', `Bearer ${token} ${token}`),
		no('the token, a comma and the token', `Bearer ${token}, Bearer ${token}`),
		no('a trailing comma', `Bearer ${token},`),
		no('the token in quotes', `Bearer "${token}"`),
		no('the token in angle brackets', `Bearer <${token}>`),
		no('the token upper-cased', `Bearer ${token.toUpperCase()}`),
		no('the token lower-cased', `Bearer ${token.toLowerCase()}`),
		no('the token with its case swapped', `Bearer ${swapCase(token)}`),
		no('the token base64-encoded', `Bearer ${b64(token)}`),
		no(
			'the token percent-encoded',
			`Bearer ${[...token].map((ch) => `%${ch.charCodeAt(0).toString(16)}`).join('')}`,
		),
		// Whitespace inside
		no('a tab instead of the space after the scheme', `Bearer\t${token}`),
		no('a space then a tab after the scheme', `Bearer \t${token}`),
		no('a space inside the token', `Bearer ${token.slice(0, 5)} ${token.slice(5)}`),
		no('a tab inside the token', `Bearer ${token.slice(0, 5)}\t${token.slice(5)}`),
		no('a no-break space (0xA0) after the scheme', `Bearer\u00a0${token}`),
		no('a no-break space (0xA0) after the token', `Bearer ${token}\u00a0`),
		no('a UTF-8 no-break space after the scheme', wire(`Bearer\u00a0${token}`)),
		no('an ideographic space after the scheme', wire(`Bearer\u3000${token}`)),
		// Unicode look-alikes (their UTF-8 bytes on the wire)
		no('Cyrillic "В" and "е" in the scheme', wire(`\u0412\u0435arer ${token}`)),
		no('fullwidth scheme', wire(`\uff22\uff45\uff41\uff52\uff45\uff52 ${token}`)),
		no('Cyrillic "а" for "a" in the token', wire(`Bearer ${token.replace('a', '\u0430')}`)),
		no('Cyrillic "е" for "e" in the token', wire(`Bearer ${token.replace('e', '\u0435')}`)),
		no('a zero-width space after the token', wire(`Bearer ${token}\u200b`)),
		no(
			'a zero-width joiner inside the token',
			wire(`Bearer ${token.slice(0, 4)}\u200d${token.slice(4)}`),
		),
		no('an RTL mark before the token', wire(`Bearer \u200f${token}`)),
		no('a BOM before the scheme', wire(`\ufeffBearer ${token}`)),
		no(
			'the token in fullwidth characters',
			wire(
				`Bearer ${[...token].map((ch) => (ch >= '!' && ch <= '~' ? String.fromCharCode(ch.charCodeAt(0) + 0xfee0) : ch)).join('')}`,
			),
		),
		// Several Authorization headers (Node keeps the first and drops the others)
		no('two headers: a wrong one, then the valid one', ['Bearer wrong-token', `Bearer ${token}`]),
		no('two headers: an empty one, then the valid one', ['', `Bearer ${token}`]),
		ok('two headers: the valid one, then a wrong one', [`Bearer ${token}`, 'Bearer wrong-token'], {
			known: {
				kind: 'doubtful',
				note: 'Authorization is a singleton header: a request with two is malformed (RFC 9110 §5.3), but Node keeps the first and drops the rest, so bearer.ts never sees the second (its string[] branch is unreachable in n8n). Not a bypass: the valid token is still required. Checking req.rawHeaders would refuse it.',
			},
		}),
		ok('two identical valid headers', [`Bearer ${token}`, `Bearer ${token}`], {
			known: {
				kind: 'doubtful',
				note: 'same as above: the duplicate is dropped by Node before the node runs',
			},
		}),
		// The token elsewhere
		no('the token in the query string', undefined, {
			query: `?token=${token}&access_token=${token}&authorization=Bearer%20${token}`,
		}),
		no('the token in the body', undefined, {
			bodyExtra: { token, access_token: token, authorization: `Bearer ${token}` },
		}),
		no('the token in X-Authorization', undefined, {
			headers: [['X-Authorization', `Bearer ${token}`]],
		}),
		no('the token in Proxy-Authorization', undefined, {
			headers: [['Proxy-Authorization', `Bearer ${token}`]],
		}),
		no('the token in a cookie', undefined, {
			headers: [['Cookie', `token=${token}; Authorization=Bearer ${token}`]],
		}),
		no('the token in X-Api-Key', undefined, { headers: [['X-Api-Key', token]] }),
		no('the valid header under another name: Authorisation', undefined, {
			headers: [['Authorisation', `Bearer ${token}`]],
		}),
	];
}
