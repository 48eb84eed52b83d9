/**
 * A corpus of malformed bodies (test/support/corpus/) sent through a real n8n to
 * both triggers, with Output Rejected Requests off. Every case has its expected answer; nothing may
 * hang, no 5xx may come from the node, and executions start for the accepted cases only: each
 * accepted answer has exactly one execution, every other answer none.
 *
 * RELIABILITY_LONG=1 adds 100,000- and 1,000,000-level nesting.
 */
import { randomBytes } from 'node:crypto';

import { ARTEMIS_TYPE } from '../support/artemis';
import { ARTISIO_TYPE } from '../support/artisio';
import { checkCase, type CorpusCase, LONG, malformedCorpus } from '../support/corpus';
import { type DeployedTrigger, deployTrigger } from '../support/e2e';
import type { SendResult } from '../support/http';
import type { N8nClient } from '../support/n8n';
import { artemisCallback, artisioBody } from '../support/payloads';
import { rawSend } from '../support/rawHttp';
import {
	countBy,
	latencySummary,
	lightExecutions,
	mapConcurrent,
	type ReliabilitySuite,
	report,
	startReliabilitySuite,
	waitForFinished,
} from '../support/reliability';

const corpus = malformedCorpus();
const token = `Rel_${randomBytes(12).toString('hex')}_TokEn`;

let n8n: N8nClient;
let suite: ReliabilitySuite;
const triggers: Record<'artemis' | 'artisio', { main: DeployedTrigger; deep: DeployedTrigger }> =
	{} as never;
/** Same triggers with Output Rejected Requests on, for the 400 cases. */
const rejectedOutput: Record<
	'artemis' | 'artisio',
	{ main: DeployedTrigger; deep: DeployedTrigger }
> = {} as never;

interface Outcome {
	case: CorpusCase;
	answer: SendResult;
	ms: number;
	problems: string[];
}
let outcomes: Outcome[] = [];

beforeAll(async () => {
	suite = await startReliabilitySuite('Artisio reliability', token);
	n8n = suite.n8n;
	const credentials = suite.artisioCredentials;
	const deploy = async (
		name: string,
		nodeType: string,
		withCredentials: boolean,
	): Promise<DeployedTrigger> =>
		await deployTrigger(n8n, {
			name: `reliability malformed: ${name}`,
			nodeType,
			credentials: withCredentials ? credentials : undefined,
		});
	triggers.artemis = {
		main: await deploy('artemis', ARTEMIS_TYPE, false),
		deep: await deploy('artemis deep', ARTEMIS_TYPE, false),
	};
	triggers.artisio = {
		main: await deploy('artisio', ARTISIO_TYPE, true),
		deep: await deploy('artisio deep', ARTISIO_TYPE, true),
	};
	const withRejected = async (
		name: string,
		nodeType: string,
		withCredentials: boolean,
	): Promise<DeployedTrigger> =>
		await deployTrigger(n8n, {
			name: `reliability malformed: ${name}`,
			nodeType,
			parameters: { options: { outputRejected: true } },
			credentials: withCredentials ? credentials : undefined,
		});
	rejectedOutput.artemis = {
		main: await withRejected('artemis, rejected output', ARTEMIS_TYPE, false),
		deep: await withRejected('artemis deep, rejected output', ARTEMIS_TYPE, false),
	};
	rejectedOutput.artisio = {
		main: await withRejected('artisio, rejected output', ARTISIO_TYPE, true),
		deep: await withRejected('artisio deep, rejected output', ARTISIO_TYPE, true),
	};
});

function headersOf(c: CorpusCase): Array<[string, string]> {
	const headers: Array<[string, string]> = [];
	if (c.contentType !== null) headers.push(['Content-Type', c.contentType]);
	for (const [name, value] of Object.entries(c.headers ?? {})) headers.push([name, value]);
	if (c.node === 'artisio') headers.push(['Authorization', `Bearer ${token}`]);
	return headers;
}

const urlOf = (c: CorpusCase): string => triggers[c.node][c.deep === true ? 'deep' : 'main'].url;

describe('malformed-body corpus in a real n8n (Output Rejected Requests off)', () => {
	it('answers every case as its corpus entry says, never with a 5xx of its own, never hanging', async () => {
		const started = Date.now();
		outcomes = await mapConcurrent(corpus, 4, async (c) => {
			const sent = Date.now();
			const answer = await rawSend({
				url: urlOf(c),
				method: c.method ?? 'POST',
				headers: headersOf(c),
				body: c.body,
				timeoutMs: 60_000,
			});
			const problems = checkCase(c, answer);
			if (answer.status >= 500 && c.expected.by !== 'n8n')
				problems.push(`5xx from the node: ${answer.text.slice(0, 200)}`);
			if (answer.text.includes(token)) problems.push('the answer contains the token');
			return { case: c, answer, ms: Date.now() - sent, problems };
		});
		const wall = Date.now() - started;

		const known = corpus.filter((c) => c.known !== undefined);
		report(
			`malformed corpus: ${corpus.length} cases${LONG ? ' (long)' : ''} in ${(wall / 1000).toFixed(1)} s`,
			[
				['cases by node', countBy(corpus, (c) => c.node)],
				['cases by group', countBy(corpus, (c) => c.group)],
				['answers by status', countBy(outcomes, (o) => String(o.answer.status))],
				[
					'answers by status field / error',
					countBy(outcomes, (o) => {
						const j = o.answer.json as { status?: string; error?: string } | undefined;
						return j?.error ?? j?.status ?? `(n8n ${o.answer.status})`;
					}),
				],
				['latency', latencySummary(outcomes.map((o) => o.ms))],
				[
					'slowest',
					outcomes
						.slice()
						.sort((a, b) => b.ms - a.ms)
						.slice(0, 3)
						.map((o) => `${o.case.name}: ${o.ms} ms`),
				],
				...known.map((c): [string, unknown] => [`${c.known?.kind} (${c.name})`, c.known?.note]),
				[
					'cases answered otherwise than expected',
					outcomes.filter((o) => o.problems.length > 0).length,
				],
			],
		);
		const mismatches = outcomes
			.filter((o) => o.problems.length > 0)
			.map(
				(o) =>
					`${o.case.name}${o.case.known ? ` [known ${o.case.known.kind}]` : ''}: ${o.problems.join('; ')}`,
			);
		expect(mismatches).toEqual([]);
	});

	it('starts one execution per accepted answer and none for any other answer', async () => {
		expect(outcomes).toHaveLength(corpus.length);
		const acceptedAnswer = (o: Outcome): boolean =>
			o.answer.status === 200 &&
			(o.answer.json as { status?: string } | undefined)?.status === 'accepted';
		const lines: Array<[string, unknown]> = [];
		const problems: string[] = [];
		for (const node of ['artemis', 'artisio'] as const) {
			for (const kind of ['main', 'deep'] as const) {
				const mine = outcomes.filter(
					(o) => o.case.node === node && (o.case.deep === true) === (kind === 'deep'),
				);
				const answered = mine.filter(acceptedAnswer);
				const expectedByCorpus = mine.filter((o) => o.case.expected.status === 200).length;
				const { workflowId } = triggers[node][kind];
				const finished = await waitForFinished(n8n, workflowId, answered.length, {
					timeoutMs: 120_000,
				});
				lines.push([
					`${node} ${kind}: executions expected by the corpus / answered accepted / recorded`,
					`${expectedByCorpus} / ${answered.length} / ${finished.length}`,
				]);
				if (finished.length !== answered.length)
					problems.push(
						`${node} ${kind}: ${finished.length} executions for ${answered.length} accepted answers`,
					);
				const notSuccess = finished.filter((execution) => execution.status !== 'success');
				if (notSuccess.length > 0)
					problems.push(
						`${node} ${kind}: executions not successful: ${JSON.stringify(notSuccess)}`,
					);
				if (kind === 'main') {
					// Each accepted case's record appears in exactly one execution.
					const executions = await n8n.executions(workflowId);
					const seen = executions.map((execution) => {
						const item = execution.items[0]?.[0] as
							{ customerId?: unknown; uuid?: unknown } | undefined;
						return String(node === 'artemis' ? item?.customerId : item?.uuid);
					});
					const wanted = answered.map((o) =>
						o.case.expected.status === 200
							? o.case.expected.record
							: `(not expected accepted: ${o.case.name})`,
					);
					const sort = (list: string[]): string[] => [...list].sort();
					if (JSON.stringify(sort(seen)) !== JSON.stringify(sort(wanted))) {
						problems.push(
							`${node}: records in executions differ from the accepted cases: missing ${JSON.stringify(wanted.filter((r) => !seen.includes(r)).map((r) => r.slice(0, 60)))}, extra ${JSON.stringify(seen.filter((r) => !wanted.includes(r)).map((r) => r.slice(0, 60)))}`,
						);
					}
				}
			}
		}
		report('malformed corpus: executions', lines);
		expect(problems).toEqual([]);
	});

	it(`with Output Rejected Requests on, emits each 400 once on the Rejected output (${LONG ? 'every 400 case' : 'the 400 cases of the odd groups'}) and nothing else`, async () => {
		const oddGroups = new Set([
			'depth',
			'size',
			'prototype',
			'duplicate-keys',
			'unicode',
			'number',
			'empty',
			'content-type',
		]);
		const chosen = corpus.filter(
			(c) => c.expected.status === 400 && (LONG || oddGroups.has(c.group)),
		);
		// Plus cases whose answer is not a 400: they must start nothing here either (accepted ones aside).
		const others = corpus.filter(
			(c) => c.expected.status !== 400 && c.expected.status !== 200 && c.expected.status !== 500,
		);
		// Refused bodies nested thousands of levels deep go to workflows of their own: their Rejected
		// items carry the body, and n8n cannot give back the data of such executions.
		const isDeep = (c: CorpusCase): boolean => c.group === 'depth';
		const sent = await mapConcurrent([...chosen, ...others], 4, async (c) => ({
			case: c,
			answer: await rawSend({
				url: rejectedOutput[c.node][isDeep(c) ? 'deep' : 'main'].url,
				method: c.method ?? 'POST',
				headers: headersOf(c),
				body: c.body,
				timeoutMs: 60_000,
			}),
		}));
		const problems: string[] = [];
		const lines: Array<[string, unknown]> = [
			['cases sent (400 cases / other refusals)', `${chosen.length} / ${others.length}`],
		];
		for (const node of ['artemis', 'artisio'] as const) {
			for (const kind of ['main', 'deep'] as const) {
				const mine = sent.filter(
					(entry) => entry.case.node === node && isDeep(entry.case) === (kind === 'deep'),
				);
				const refused = mine.filter((entry) => entry.answer.status === 400);
				const { workflowId } = rejectedOutput[node][kind];
				const runs = await waitForFinished(n8n, workflowId, refused.length, { timeoutMs: 120_000 });
				lines.push([
					`${node} ${kind}: 400 answers / executions recorded`,
					`${refused.length} / ${runs.length}`,
				]);
				if (runs.length !== refused.length)
					problems.push(
						`${node} ${kind}: ${runs.length} executions for ${refused.length} 400 answers`,
					);
				if (runs.some((run) => run.status !== 'success'))
					problems.push(
						`${node} ${kind}: executions not successful: ${JSON.stringify(runs.filter((run) => run.status !== 'success'))}`,
					);
				if (kind === 'deep') continue;
				// Each 400 answer has its Rejected item: paired by error and message.
				const wanted = refused.map((entry) => {
					const json = entry.answer.json as { error?: string; message?: string };
					return `${json.error}: ${json.message}`;
				});
				const executions = await n8n.executions(workflowId);
				const emitted = executions.map((execution) => {
					const item = execution.items[1]?.[0] as { error?: string; message?: string } | undefined;
					return `${item?.error}: ${item?.message}`;
				});
				if (JSON.stringify([...emitted].sort()) !== JSON.stringify([...wanted].sort())) {
					problems.push(
						`${node}: Rejected items differ from the 400 answers: missing ${JSON.stringify(wanted.filter((w) => !emitted.includes(w)))}, extra ${JSON.stringify(emitted.filter((e) => !wanted.includes(e)))}`,
					);
				}
				if (executions.some((execution) => (execution.items[0] ?? []).length !== 0))
					problems.push(`${node}: a refused request emitted on the accepted output`);
			}
		}
		report('malformed corpus with Output Rejected Requests on', lines);
		expect(problems).toEqual([]);
	});

	it('leaves n8n answering valid events at once, and logs no crash and no secret', async () => {
		const started = Date.now();
		const artemis = await rawSend({
			url: triggers.artemis.main.url,
			headers: [['Content-Type', 'application/json']],
			body: Buffer.from(JSON.stringify(artemisCallback({}, { customer: 799_999 }))),
		});
		const artisio = await rawSend({
			url: triggers.artisio.main.url,
			headers: [
				['Content-Type', 'application/json'],
				['Authorization', `Bearer ${token}`],
			],
			body: Buffer.from(JSON.stringify(artisioBody('rel-after-corpus'))),
		});
		expect([artemis.json, artisio.json]).toEqual([{ status: 'accepted' }, { status: 'accepted' }]);
		expect(Date.now() - started).toBeLessThan(5000);

		const log = suite.logSinceStart();
		const webhookErrors = log
			.split('\n')
			.filter((line) => line.includes('Error in handling webhook request'));
		report('malformed corpus: n8n log since the corpus started', [
			['lines', log.split('\n').length],
			[
				'"Error in handling webhook request" lines (n8n refusing bodies itself: 422, 500)',
				webhookErrors.length,
			],
			[
				'kinds',
				countBy(webhookErrors, (line) => line.replace(/^.*webhook request [A-Z]+ \S+: /, '')),
			],
		]);
		expect(log).not.toContain('Maximum call stack size exceeded');
		expect(log).not.toMatch(/TypeError|RangeError|unhandled/i);
		expect(log).not.toContain(token);
		// Nothing ran that was not asked for: the workflows only ever saw this file's requests.
		const artemisRuns = await lightExecutions(n8n, triggers.artemis.main.workflowId);
		expect(artemisRuns.every((execution) => execution.mode === 'webhook')).toBe(true);
	});
});
