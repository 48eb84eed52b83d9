import { judgeToken, MIN_TOKEN_LENGTH } from '../../nodes/ArtisioWebhookTrigger/tokenStrength';

describe('Artisio token strength (the credential Test button)', () => {
	it('accepts a token from openssl rand -hex 32, and says how long it is, not what it is', () => {
		const token = 'a3f9c1e07b2d4856a3f9c1e07b2d4856a3f9c1e07b2d4856a3f9c1e07b2d4856';
		const verdict = judgeToken(token);
		expect(verdict).toEqual({
			status: 'OK',
			message: 'The Bearer Token is strong enough (64 characters). Give Artisio the same value.',
		});
		expect(verdict.message).not.toContain(token.slice(0, 8));
	});

	it.each([
		['empty', '', 'The Bearer Token is empty.'],
		['missing', undefined, 'The Bearer Token is empty.'],
		[
			'too short',
			'short-secret-12',
			'The Bearer Token has 15 characters: too short to be safe, use at least 32.',
		],
		['with a line break', `${'x1'.repeat(20)}\n`, 'contains a space or line break'],
		['with a space', `${'x1'.repeat(10)} ${'y2'.repeat(10)}`, 'contains a space or line break'],
		['one character repeated', 'a'.repeat(40), 'one character repeated'],
	])('refuses a token that is %s, with the way to make a good one', (_case, token, message) => {
		const verdict = judgeToken(token);
		expect(verdict.status).toBe('Error');
		expect(verdict.message).toContain(message);
		expect(verdict.message).toContain('openssl rand -hex 32');
		if (typeof token === 'string' && token.length > 0)
			expect(verdict.message).not.toContain(token.trim());
	});

	it(`draws the line at ${MIN_TOKEN_LENGTH} characters`, () => {
		expect(judgeToken('k7'.repeat(MIN_TOKEN_LENGTH / 2)).status).toBe('OK');
		expect(judgeToken('k7'.repeat(MIN_TOKEN_LENGTH / 2).slice(1)).status).toBe('Error');
	});
});
