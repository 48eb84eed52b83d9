import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

/** 32 characters: what `openssl rand -hex 16` gives, 128 random bits; the README advises 64 (`-hex 32`). */
export const MIN_TOKEN_LENGTH = 32;

export const TOKEN_ADVICE =
	'Make one with `openssl rand -hex 32` (64 characters) and give the same value to Artisio.';

/**
 * Whether a bearer token is strong enough to guard the webhook: long enough, without whitespace
 * (a copied line break would never match what Artisio sends), and not one character repeated.
 * The verdict names lengths and problems only, never the token.
 */
export function judgeToken(token: unknown): INodeCredentialTestResult {
	if (typeof token !== 'string' || token === '') {
		return { status: 'Error', message: `The Bearer Token is empty. ${TOKEN_ADVICE}` };
	}
	if (/\s/.test(token)) {
		return {
			status: 'Error',
			message: `The Bearer Token contains a space or line break, which Artisio would not send. ${TOKEN_ADVICE}`,
		};
	}
	if (token.length < MIN_TOKEN_LENGTH) {
		return {
			status: 'Error',
			message: `The Bearer Token has ${token.length} characters: too short to be safe, use at least ${MIN_TOKEN_LENGTH}. ${TOKEN_ADVICE}`,
		};
	}
	if (new Set(token).size === 1) {
		return {
			status: 'Error',
			message: `The Bearer Token is one character repeated, which is easy to guess. ${TOKEN_ADVICE}`,
		};
	}
	return {
		status: 'OK',
		message: `The Bearer Token is strong enough (${token.length} characters). Give Artisio the same value.`,
	};
}

/**
 * The editor's "Test" button for the Artisio Webhook API credential. Artisio calls n8n with the
 * token and offers no endpoint to call with it, so the test judges the token itself.
 */
export function artisioTokenStrengthTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	return Promise.resolve(judgeToken(credential.data?.token));
}
