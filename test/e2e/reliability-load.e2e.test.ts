/**
 * Load with exact accounting. A few hundred mixed requests (unique, repeats,
 * invalid, filtered, unauthorized, identical deliveries in flight together) against both triggers
 * of one real n8n at concurrency 10. Every answer is the expected one, and the executions n8n
 * records are exactly the accepted events (plus, for Artisio with Output Rejected Requests on, one
 * per 400): none lost, none doubled, each identified by its id.
 *
 * Determinism: within a phase no two requests touch the same record with different states; a
 * repeat or a change of a record is sent only in a later phase, after its original was answered.
 * The one race left on purpose is N identical deliveries in flight together: exactly one of them is
 * `accepted`, the others `duplicate`, whatever the order.
 *
 * RELIABILITY_LONG=1 triples every count (about 1,300 requests).
 */
import { randomBytes } from 'node:crypto';

import { ARTEMIS_TYPE } from '../support/artemis';
import { ARTISIO_TYPE } from '../support/artisio';
import { LONG } from '../support/corpus';
import { type DeployedTrigger, deployTrigger } from '../support/e2e';
import type { SendResult } from '../support/http';
import type { ExecutionSummary, N8nClient } from '../support/n8n';
import { artemisCallback, artisioBody } from '../support/payloads';
import { rawSend } from '../support/rawHttp';
import {
	countBy,
	latencySummary,
	mapConcurrent,
	report,
	shuffled,
	warmUp,
} from '../support/reliability';
import { connectShared } from '../support/shared';

jest.setTimeout(LONG ? 1_200_000 : 600_000);

const SCALE = LONG ? 3 : 1;
const CONCURRENCY = 10;
const SEED = Number(process.env.RELIABILITY_SEED ?? 20261125);
const token = `Load_${randomBytes(12).toString('hex')}`;

type Expectation = 'accepted' | 'duplicate' | 'ignored' | 400 | 401 | 'one-of-group';

interface Planned {
	label: string;
	node: 'artemis' | 'artisio';
	expect: Expectation;
	/** Requests of one group of identical deliveries share it. */
	group?: string;
	/** What the execution's item says when accepted: Artemis `reqId`, Artisio `uuid|status`. */
	key?: string;
	/** Artisio 400s: `ref` of the body, found again on the Rejected output. */
	ref?: string;
	headers: Array<[string, string]>;
	body: Buffer;
}

interface Done extends Planned {
	answer: SendResult;
	ms: number;
}

let n8n: N8nClient;
let artemis: DeployedTrigger;
let artisio: DeployedTrigger;

beforeAll(async () => {
	n8n = connectShared();
	await warmUp(n8n);
	artemis = await deployTrigger(n8n, {
		name: 'reliability load: artemis',
		nodeType: ARTEMIS_TYPE,
		// DRAFT is filtered out.
		parameters: { statuses: ['PENDING', 'CLEARED', 'REQUIRE_UPDATE', 'REJECTED', 'ACCEPTED'] },
	});
	const { id } = await n8n.createCredential('Artisio load', 'artisioWebhookApi', { token });
	artisio = await deployTrigger(n8n, {
		name: 'reliability load: artisio',
		nodeType: ARTISIO_TYPE,
		// CATEGORY is filtered out; 400s go to the Rejected output.
		parameters: {
			objects: ['AUCTION', 'CUSTOMER', 'DEPARTMENT', 'INVOICE', 'LOT', 'SETTLEMENT'],
			options: { outputRejected: true },
		},
		credentials: { artisioWebhookApi: { id, name: 'Artisio load' } },
	});
});

const JSON_HEADER: [string, string] = ['Content-Type', 'application/json'];
const AUTH = (): [string, string] => ['Authorization', `Bearer ${token}`];
let reqCounter = 0;

function artemisRequest(
	label: string,
	customerId: number,
	status: string,
	expect: Expectation,
	group?: string,
): Planned {
	const reqId = `r${reqCounter++}`;
	// `reqId` is not part of the Artemis fingerprint (action|status|riskRating): repeats stay repeats.
	return {
		label,
		node: 'artemis',
		expect,
		group,
		key: reqId,
		headers: [JSON_HEADER],
		body: Buffer.from(JSON.stringify(artemisCallback({ status, reqId }, { customer: customerId }))),
	};
}

function artisioRequest(
	label: string,
	uuid: string,
	status: string,
	expect: Expectation,
	options: { object?: string; group?: string } = {},
): Planned {
	const body = artisioBody(
		uuid,
		{ status, lot_no: '1', low: '100.5' },
		{ object: options.object ?? 'LOT' },
		{ minimal: true },
	);
	return {
		label,
		node: 'artisio',
		expect,
		group: options.group,
		key: `${uuid}|${status}`,
		headers: [JSON_HEADER, AUTH()],
		body: Buffer.from(JSON.stringify(body)),
	};
}

function plan(): Planned[][] {
	const n = (count: number): number => count * SCALE;
	const phase1: Planned[] = [];
	const phase2: Planned[] = [];
	const phase3: Planned[] = [];
	const A = (i: number): number => 3_000_000 + i;
	const S = (i: number): string => `load-${i.toString().padStart(5, '0')}`;

	for (let i = 0; i < n(80); i++)
		phase1.push(artemisRequest('artemis unique', A(i), 'CLEARED', 'accepted'));
	for (let i = 0; i < n(20); i++)
		phase1.push(artemisRequest('artemis filtered (DRAFT)', A(100_000 + i), 'DRAFT', 'ignored'));
	for (let i = 0; i < n(20); i++) {
		const bodies = [
			{ ...artemisCallback({}, { customer: 'not-a-number' }), reqId: `bad${i}` },
			artemisCallback({ status: undefined }, { customer: A(200_000 + i) }),
			artemisCallback({ customerType: 7 }, { customer: A(200_000 + i) }),
			[artemisCallback({}, { customer: A(200_000 + i) })],
		];
		phase1.push({
			label: 'artemis invalid',
			node: 'artemis',
			expect: 400,
			headers: [JSON_HEADER],
			body: Buffer.from(JSON.stringify(bodies[i % bodies.length])),
		});
	}
	for (let g = 0; g < n(4); g++) {
		const body = Buffer.from(
			JSON.stringify(
				artemisCallback({ status: 'PENDING', reqId: `group-A${g}` }, { customer: A(300_000 + g) }),
			),
		);
		for (let k = 0; k < 5; k++)
			phase1.push({
				label: 'artemis identical in flight',
				node: 'artemis',
				expect: 'one-of-group',
				group: `A${g}`,
				key: `group-A${g}`,
				headers: [JSON_HEADER],
				body,
			});
	}
	for (let i = 0; i < n(60); i++)
		phase1.push(artisioRequest('artisio unique', S(i), 'lotted', 'accepted'));
	for (let i = 0; i < n(20); i++)
		phase1.push(
			artisioRequest('artisio filtered (CATEGORY)', S(100_000 + i), 'x', 'ignored', {
				object: 'CATEGORY',
			}),
		);
	for (let i = 0; i < n(20); i++) {
		const ref = `inv-${i}`;
		const bodies = [
			{ action: 'UPDATE', object: 'LOT', data: { status: 'no uuid' }, ref },
			{ action: 'UPDATE', object: 'LOT', data: null, ref },
			{ action: '', object: 'LOT', data: { uuid: S(200_000 + i) }, ref },
			{ object: 'LOT', data: { uuid: S(200_000 + i) }, ref },
		];
		phase1.push({
			label: 'artisio invalid',
			node: 'artisio',
			expect: 400,
			ref,
			headers: [JSON_HEADER, AUTH()],
			body: Buffer.from(JSON.stringify(bodies[i % bodies.length])),
		});
	}
	for (let i = 0; i < n(30); i++) {
		const planned = artisioRequest('artisio unauthorized', S(300_000 + i), 'lotted', 401);
		const auth: Array<[string, string]> = [
			[],
			[['Authorization', 'Bearer wrong']],
			[['Authorization', `Basic ${token}`]],
		][i % 3] as Array<[string, string]>;
		phase1.push({ ...planned, key: undefined, headers: [JSON_HEADER, ...auth] });
	}
	for (let g = 0; g < n(4); g++) {
		const one = artisioRequest(
			'artisio identical in flight',
			S(400_000 + g),
			'lotted',
			'one-of-group',
			{ group: `S${g}` },
		);
		for (let k = 0; k < 5; k++) phase1.push({ ...one });
	}

	// Phase 2: repeats and changes of records that phase 1 settled.
	for (let i = n(40); i < n(70); i++)
		phase2.push(artemisRequest('artemis repeat', A(i), 'CLEARED', 'duplicate'));
	for (let i = 0; i < n(20); i++)
		phase2.push(artemisRequest('artemis change CLEARED → PENDING', A(i), 'PENDING', 'accepted'));
	for (let i = 0; i < n(10); i++)
		phase2.push(artemisRequest('artemis filtered again', A(100_000 + i), 'DRAFT', 'ignored'));
	for (let g = 0; g < n(4); g++)
		phase2.push(
			artemisRequest(
				'artemis repeat of an identical group',
				A(300_000 + g),
				'PENDING',
				'duplicate',
			),
		);
	for (let i = n(20); i < n(50); i++)
		phase2.push(artisioRequest('artisio repeat', S(i), 'lotted', 'duplicate'));
	for (let i = 0; i < n(20); i++)
		phase2.push(artisioRequest('artisio change lotted → sold', S(i), 'sold', 'accepted'));
	for (let g = 0; g < n(4); g++)
		phase2.push(
			artisioRequest('artisio repeat of an identical group', S(400_000 + g), 'lotted', 'duplicate'),
		);

	// Phase 3: returns to an earlier state are new; repeats of phase 2's changes are not.
	for (let i = 0; i < n(10); i++)
		phase3.push(artemisRequest('artemis return PENDING → CLEARED', A(i), 'CLEARED', 'accepted'));
	for (let i = n(10); i < n(20); i++)
		phase3.push(artemisRequest('artemis repeat of a change', A(i), 'PENDING', 'duplicate'));
	for (let i = 0; i < n(10); i++)
		phase3.push(artisioRequest('artisio return sold → lotted', S(i), 'lotted', 'accepted'));

	return [shuffled(phase1, SEED), shuffled(phase2, SEED + 1), shuffled(phase3, SEED + 2)];
}

const statusOf = (answer: SendResult): string => {
	const json = answer.json as { status?: string; error?: string } | undefined;
	return json?.status === 'rejected'
		? `${answer.status} ${json.error}`
		: (json?.status ?? `${answer.status} ${answer.text.slice(0, 40)}`);
};

describe('load with exact accounting in a real n8n', () => {
	it('answers every request as expected and records exactly one execution per accepted event', async () => {
		const phases = plan();
		const done: Done[] = [];
		const started = Date.now();
		const phaseTimes: string[] = [];
		for (const phase of phases) {
			const phaseStarted = Date.now();
			const results = await mapConcurrent(phase, CONCURRENCY, async (planned) => {
				const sent = Date.now();
				const url = planned.node === 'artemis' ? artemis.url : artisio.url;
				const answer = await rawSend({
					url,
					headers: planned.headers,
					body: planned.body,
					timeoutMs: 60_000,
				});
				return { ...planned, answer, ms: Date.now() - sent };
			});
			done.push(...results);
			phaseTimes.push(`${phase.length} in ${((Date.now() - phaseStarted) / 1000).toFixed(1)} s`);
		}
		const sendingMs = Date.now() - started;

		// Every answer.
		const problems: string[] = [];
		const groups = new Map<string, Done[]>();
		for (const request of done) {
			const got = statusOf(request.answer);
			if (request.expect === 'one-of-group') {
				groups.set(request.group as string, [
					...(groups.get(request.group as string) ?? []),
					request,
				]);
				continue;
			}
			const want =
				request.expect === 400
					? '400 invalid_payload'
					: request.expect === 401
						? '401 unauthorized'
						: request.expect;
			const wantAlt = request.expect === 400 ? '400 invalid_body' : want;
			if (got !== want && got !== wantAlt)
				problems.push(`${request.label}: ${got}, expected ${want}`);
			if (request.expect === 401 && request.answer.headers['www-authenticate'] !== 'Bearer')
				problems.push(`${request.label}: no WWW-Authenticate`);
		}
		for (const [group, members] of groups) {
			const answers = members.map((member) => statusOf(member.answer)).sort();
			if (
				JSON.stringify(answers) !==
				JSON.stringify(['accepted', 'duplicate', 'duplicate', 'duplicate', 'duplicate'])
			)
				problems.push(`group ${group}: ${JSON.stringify(answers)}`);
		}

		// Executions: wait for the expected number, then check identities.
		const acceptedOf = (node: 'artemis' | 'artisio'): Done[] =>
			done.filter((request) => request.node === node && statusOf(request.answer) === 'accepted');
		const rejectedArtisio = done.filter(
			(request) => request.node === 'artisio' && request.answer.status === 400,
		);
		const expectedArtemis = acceptedOf('artemis').length;
		const expectedArtisio = acceptedOf('artisio').length + rejectedArtisio.length;
		const waitStarted = Date.now();
		let artemisRuns: ExecutionSummary[];
		let artisioRuns: ExecutionSummary[];
		try {
			[artemisRuns, artisioRuns] = await Promise.all([
				n8n.waitForExecutions(artemis.workflowId, expectedArtemis, {
					timeoutMs: 240_000,
					settleMs: 3000,
				}),
				n8n.waitForExecutions(artisio.workflowId, expectedArtisio, {
					timeoutMs: 240_000,
					settleMs: 3000,
				}),
			]);
		} catch (error) {
			problems.push(`waiting for executions: ${String(error).slice(0, 300)}`);
			[artemisRuns, artisioRuns] = [
				await n8n.executions(artemis.workflowId),
				await n8n.executions(artisio.workflowId),
			];
		}
		const drainMs = Date.now() - waitStarted;

		const artemisKeys = artemisRuns.map((execution) =>
			String((execution.items[0]?.[0] as { reqId?: string } | undefined)?.reqId),
		);
		const wantArtemisKeys = acceptedOf('artemis').map((request) => request.key as string);
		const artisioAccepted = artisioRuns.filter(
			(execution) => (execution.items[0] ?? []).length > 0,
		);
		const artisioRejected = artisioRuns.filter(
			(execution) => (execution.items[1] ?? []).length > 0,
		);
		const artisioKeys = artisioAccepted.map((execution) => {
			const item = execution.items[0]?.[0] as
				{ uuid?: string; data?: { status?: string } } | undefined;
			return `${item?.uuid}|${item?.data?.status}`;
		});
		const wantArtisioKeys = acceptedOf('artisio').map((request) => request.key as string);
		const refs = artisioRejected.map((execution) =>
			String((execution.items[1]?.[0] as { body?: { ref?: string } } | undefined)?.body?.ref),
		);
		const sorted = (list: string[]): string[] => [...list].sort();
		const duplicatesIn = (list: string[]): string[] =>
			list.filter((key, index) => list.indexOf(key) !== index);

		if (JSON.stringify(sorted(artemisKeys)) !== JSON.stringify(sorted(wantArtemisKeys))) {
			problems.push(
				`artemis executions ≠ accepted answers: ${artemisKeys.length} vs ${wantArtemisKeys.length}; doubled ${JSON.stringify(duplicatesIn(artemisKeys))}`,
			);
		}
		if (JSON.stringify(sorted(artisioKeys)) !== JSON.stringify(sorted(wantArtisioKeys))) {
			// Keys repeat legitimately here (lotted → sold → lotted): compared as multisets.
			problems.push(
				`artisio executions ≠ accepted answers: ${artisioKeys.length} vs ${wantArtisioKeys.length}: missing ${JSON.stringify(wantArtisioKeys.filter((k) => !artisioKeys.includes(k)))}`,
			);
		}
		if (
			JSON.stringify(sorted(refs)) !==
			JSON.stringify(sorted(rejectedArtisio.map((request) => request.ref as string)))
		) {
			problems.push(`artisio Rejected output ≠ 400 answers: ${JSON.stringify(sorted(refs))}`);
		}
		const failedRuns = [...artemisRuns, ...artisioRuns].filter(
			(execution) => execution.status !== 'success',
		);
		if (failedRuns.length > 0)
			problems.push(
				`executions not successful: ${JSON.stringify(failedRuns.map((execution) => [execution.id, execution.status]))}`,
			);

		const groupsOf = (node: 'artemis' | 'artisio'): number =>
			[...groups.values()].filter((members) => members[0]?.node === node).length;
		const expectedByPlan = {
			artemis:
				done.filter((request) => request.node === 'artemis' && request.expect === 'accepted')
					.length + groupsOf('artemis'),
			artisio:
				done.filter((request) => request.node === 'artisio' && request.expect === 'accepted')
					.length + groupsOf('artisio'),
		};
		report(
			`load: ${done.length} requests at concurrency ${CONCURRENCY}${LONG ? ' (long)' : ''}, seed ${SEED}`,
			[
				['requests by node', countBy(done, (request) => request.node)],
				['requests by kind', countBy(done, (request) => request.label)],
				['answers by status', countBy(done, (request) => String(request.answer.status))],
				['answers', countBy(done, (request) => `${request.node} ${statusOf(request.answer)}`)],
				['phases', phaseTimes],
				[
					'sending',
					`${(sendingMs / 1000).toFixed(1)} s (${Math.round((done.length / sendingMs) * 1000)} requests/s), latency ${latencySummary(done.map((request) => request.ms))}`,
				],
				[
					'latency of accepted answers',
					latencySummary(
						done
							.filter((request) => statusOf(request.answer) === 'accepted')
							.map((request) => request.ms),
					),
				],
				['executions drained', `${(drainMs / 1000).toFixed(1)} s after the last answer`],
				[
					'artemis executions expected by the plan / accepted answers / recorded',
					`${expectedByPlan.artemis} / ${expectedArtemis} / ${artemisRuns.length}`,
				],
				[
					'artisio executions expected by the plan (accepted + 400s) / answers / recorded',
					`${expectedByPlan.artisio + rejectedArtisio.length} / ${expectedArtisio} / ${artisioRuns.length} (${artisioAccepted.length} accepted, ${artisioRejected.length} rejected output)`,
				],
				['problems', problems.length],
			],
		);
		expect(problems).toEqual([]);
		expect(artemisRuns).toHaveLength(expectedByPlan.artemis);
		expect(artisioRuns).toHaveLength(expectedByPlan.artisio + rejectedArtisio.length);
	});
});
