/**
 * The Artisio Webhook API credential as n8n's editor sees it: the notice that says how to make a
 * token, and the Test button (n8n's own credential-test endpoint, run by the node's
 * `artisioTokenStrengthTest`), whose answer never holds the token.
 */
import { N8N_1, type N8nClient } from '../support/n8n';
import { connectShared } from '../support/shared';

let n8n: N8nClient;
beforeAll(() => {
	n8n = connectShared();
});

type Described = {
	name: string;
	properties?: Array<Record<string, unknown>>;
	credentials?: Array<Record<string, unknown>>;
};

/** 2.x tests what the editor holds; 1.x tests a saved credential by id (403 for an unsaved one). */
async function testToken(token: string): Promise<{ status: string; message: string }> {
	const name = `Artisio token test ${Date.now()}`;
	const id = N8N_1 ? (await n8n.createCredential(name, 'artisioWebhookApi', { token })).id : '';
	const answer = await n8n.api<{ data: { status: string; message: string } }>(
		'POST',
		'/rest/credentials/test',
		{
			credentials: { id, name, type: 'artisioWebhookApi', data: { token } },
		},
	);
	return answer.data;
}

describe('Artisio Webhook API credential in n8n', () => {
	it('shows how to make a token, above the field', async () => {
		const credential = (await n8n.api<Described[]>('GET', '/types/credentials.json')).find(
			(type) => type.name === 'artisioWebhookApi',
		);
		expect(credential?.properties?.map((property) => property.name)).toEqual(['notice', 'token']);
		expect(credential?.properties?.[0]).toMatchObject({
			type: 'notice',
			displayName: expect.stringContaining('openssl rand -hex 32'),
		});
		const node = (await n8n.api<Described[]>('GET', '/types/nodes.json')).find(
			(type) => type.name === 'n8n-nodes-artemis-artisio.artisioWebhookTrigger',
		);
		expect(node?.credentials).toContainEqual({
			name: 'artisioWebhookApi',
			required: true,
			testedBy: 'artisioTokenStrengthTest',
		});
	});

	it('answers the Test button: OK for a strong token, the problem for a weak one, never the token', async () => {
		const strong = 'f0e1d2c3b4a5968778695a4b3c2d1e0ff0e1d2c3b4a5968778695a4b3c2d1e0f';
		expect(await testToken(strong)).toEqual({
			status: 'OK',
			message: 'The Bearer Token is strong enough (64 characters). Give Artisio the same value.',
		});
		const weak = await testToken('hunter2-hunter2');
		expect(weak.status).toBe('Error');
		expect(weak.message).toMatch(
			/^The Bearer Token has 15 characters: too short to be safe, use at least 32\. Make one with `openssl rand -hex 32`/,
		);
		expect(weak.message).not.toContain('hunter2');
	});
});
