/**
 * An Authorization-bypass corpus for the Artisio trigger in a real n8n. Requests go
 * out through `node:http` (test/support/rawHttp.ts) so that header bytes, repeated headers and
 * whitespace reach n8n exactly as written. Exactly the valid forms pass (`nodes/shared/bearer.ts`:
 * scheme in any case, one or more spaces, the token exactly); everything else gets 401 with
 * `WWW-Authenticate: Bearer` and starts nothing, even with Output Rejected Requests on. The token
 * never appears in an answer, in an execution or in n8n's log.
 */
import { randomBytes } from 'node:crypto';

import { ARTISIO_TYPE } from '../support/artisio';
import { type AuthCase, authCorpus } from '../support/corpus';
import { type DeployedTrigger, deployTrigger } from '../support/e2e';
import type { SendResult } from '../support/http';
import type { N8nClient } from '../support/n8n';
import { artisioBody } from '../support/payloads';
import { rawSend } from '../support/rawHttp';
import {
	countBy,
	mapConcurrent,
	type ReliabilitySuite,
	report,
	startReliabilitySuite,
} from '../support/reliability';

// Mixed case, with an "a" and an "e" for the look-alike cases: fixed in the suffix, since the random hex
// part holds no "e" in about one run of eight.
const token = `Art_${randomBytes(16).toString('hex')}_aEzQe`;
const corpus = authCorpus(token);
const UNAUTHORIZED = {
	status: 'rejected',
	error: 'unauthorized',
	message: 'Missing or invalid bearer token',
};

let n8n: N8nClient;
let trigger: DeployedTrigger;
let suite: ReliabilitySuite;

interface Outcome {
	case: AuthCase;
	uuid: string;
	answer: SendResult;
	problems: string[];
}
let outcomes: Outcome[] = [];

beforeAll(async () => {
	suite = await startReliabilitySuite('Artisio auth corpus', token);
	n8n = suite.n8n;
	trigger = await deployTrigger(n8n, {
		name: 'reliability auth corpus',
		nodeType: ARTISIO_TYPE,
		parameters: { options: { outputRejected: true } },
		credentials: suite.artisioCredentials,
	});
});

function request(c: AuthCase, uuid: string, body?: Buffer): Parameters<typeof rawSend>[0] {
	const headers: Array<[string, string]> = [['Content-Type', 'application/json']];
	const values =
		c.authorization === undefined
			? []
			: Array.isArray(c.authorization)
				? c.authorization
				: [c.authorization];
	for (const value of values) headers.push(['Authorization', value]);
	for (const header of c.headers ?? []) headers.push(header);
	return {
		url: `${trigger.url}${c.query ?? ''}`,
		headers,
		body: body ?? Buffer.from(JSON.stringify({ ...artisioBody(uuid), ...(c.bodyExtra ?? {}) })),
	};
}

describe('Artisio Authorization corpus in a real n8n', () => {
	it('lets exactly the valid forms through and answers 401 with WWW-Authenticate: Bearer to the rest', async () => {
		outcomes = await mapConcurrent(corpus, 4, async (c, index) => {
			const uuid = `auth-${index}-${randomBytes(4).toString('hex')}`;
			const answer = await rawSend(request(c, uuid));
			const problems: string[] = [];
			if (c.expected === 'accepted') {
				if (answer.status !== 200 || JSON.stringify(answer.json) !== '{"status":"accepted"}')
					problems.push(`expected accepted, got ${answer.status} ${answer.text.slice(0, 120)}`);
			} else {
				if (answer.status !== 401)
					problems.push(`expected 401, got ${answer.status} ${answer.text.slice(0, 120)}`);
				if (answer.headers['www-authenticate'] !== 'Bearer')
					problems.push(`WWW-Authenticate: ${answer.headers['www-authenticate'] ?? '(none)'}`);
				if (JSON.stringify(answer.json) !== JSON.stringify(UNAUTHORIZED))
					problems.push(`answer ${answer.text.slice(0, 120)}`);
			}
			const everything = `${answer.text}\n${JSON.stringify(answer.headers)}`;
			if (everything.includes(token) || everything.includes(token.slice(0, 12)))
				problems.push('the answer echoes the token');
			return { case: c, uuid, answer, problems };
		});
		const accepted = outcomes.filter((o) => o.case.expected === 'accepted');
		report(`auth corpus: ${corpus.length} cases`, [
			['expected', countBy(corpus, (c) => String(c.expected))],
			['answers by status', countBy(outcomes, (o) => String(o.answer.status))],
			['valid forms accepted', accepted.map((o) => o.case.name)],
			...corpus
				.filter((c) => c.known)
				.map((c): [string, unknown] => [`${c.known?.kind} (${c.name})`, c.known?.note]),
		]);
		expect(
			outcomes
				.filter((o) => o.problems.length > 0)
				.map((o) => `${o.case.name}: ${o.problems.join('; ')}`),
		).toEqual([]);
	});

	it('checks the token before the body: bad bodies without the token get 401 (malformed JSON: 422 from n8n); with it, 400', async () => {
		const noAuth: AuthCase = { name: 'no header', expected: 401 };
		const withAuth: AuthCase = {
			name: 'valid',
			authorization: `Bearer ${token}`,
			expected: 'accepted',
		};
		for (const body of ['[1]', '', '"text"', '{"action":"UPDATE","object":"LOT","data":{}}']) {
			const refused = await rawSend(request(noAuth, 'unused', Buffer.from(body)));
			expect([body, refused.status, refused.headers['www-authenticate']]).toEqual([
				body,
				401,
				'Bearer',
			]);
		}
		// Malformed JSON is the exception: n8n parses the body before the node runs and answers 422.
		const malformed = await rawSend(request(noAuth, 'unused', Buffer.from('{')));
		expect([malformed.status, (malformed.json as { message?: string }).message]).toEqual([
			422,
			'Failed to parse request body',
		]);
		const invalid = await rawSend(
			request(
				withAuth,
				'unused',
				Buffer.from('{"action":"UPDATE","object":"LOT","data":{},"marker":"auth-400"}'),
			),
		);
		expect(invalid.status).toBe(400);
	});

	it('starts one execution per valid form and none for the 401s, and leaks the token nowhere', async () => {
		expect(outcomes).toHaveLength(corpus.length);
		const acceptedUuids = outcomes.filter((o) => o.answer.status === 200).map((o) => o.uuid);
		// One more: the 400 of the previous test, on the Rejected output (Output Rejected Requests is on).
		const executions = await n8n.waitForExecutions(trigger.workflowId, acceptedUuids.length + 1);
		const acceptedRuns = executions.filter((execution) => (execution.items[0] ?? []).length > 0);
		const rejectedRuns = executions.filter((execution) => (execution.items[1] ?? []).length > 0);
		report('auth corpus: executions', [
			[
				'expected (valid forms + one 400 on the Rejected output) / recorded',
				`${acceptedUuids.length + 1} / ${executions.length}`,
			],
			['accepted / rejected output', `${acceptedRuns.length} / ${rejectedRuns.length}`],
		]);
		expect(executions).toHaveLength(acceptedUuids.length + 1);
		expect(
			acceptedRuns.map((execution) => (execution.items[0]?.[0] as { uuid?: string }).uuid).sort(),
		).toEqual([...acceptedUuids].sort());
		expect(rejectedRuns).toHaveLength(1);
		expect(rejectedRuns[0]?.items[1]?.[0]).toMatchObject({
			statusCode: 400,
			headers: { authorization: '[redacted]' },
			body: { marker: 'auth-400' },
		});

		const stored = JSON.stringify(executions.map((execution) => execution.raw));
		expect(stored).not.toContain(token);
		const log = suite.logSinceStart();
		expect(log).not.toContain(token.slice(0, 12));
		expect(
			log.split('\n').filter((line) => line.includes('refused a request with 401')).length,
		).toBeGreaterThanOrEqual(outcomes.filter((o) => o.answer.status === 401).length);
	});
});
