/**
 * A repeat after an n8n restart is still a duplicate: events
 * acknowledged before an n8n restart are not started again after it, and events sent after it are
 * accepted, for both triggers, on an n8n this file starts (and stops) itself.
 *
 * Default run: a burst of events at concurrency 10, n8n restarted (SIGTERM, then start) once their
 * executions have run; the same events re-sent after the restart are duplicates, new ones and real
 * changes are accepted, and every event ran exactly once.
 *
 * RELIABILITY_LONG=1 adds two measurements on the same n8n, reported rather than asserted where
 * n8n itself decides the outcome:
 * - a restart at once, while executions are still queued: the dedupe memory must survive it (that
 *   is asserted), and what became of the queued executions (run, `crashed`, or no record at all) is
 *   reported;
 * - a hard kill (SIGKILL) right after the answers: what the dedupe memory and the executions lost.
 */
import { randomBytes } from 'node:crypto';

import { ARTEMIS_TYPE } from '../support/artemis';
import { ARTISIO_TYPE } from '../support/artisio';
import { LONG } from '../support/corpus';
import { type DeployedTrigger, deployTrigger } from '../support/e2e';
import type { SendResult } from '../support/http';
import { type ExecutionSummary, type N8nInstance, startN8n } from '../support/n8n';
import { artemisCallback, artisioBody } from '../support/payloads';
import { rawSend } from '../support/rawHttp';
import {
	countBy,
	dedupeState,
	lightExecutions,
	mapConcurrent,
	report,
	waitForWebhook,
} from '../support/reliability';
import { sleep } from '../support/util';

jest.setTimeout(900_000);

const token = `Restart_${randomBytes(12).toString('hex')}`;
const BEFORE = 40;
const AFTER = 10;

let n8n: N8nInstance | undefined;
let artemis: DeployedTrigger;
let artisio: DeployedTrigger;

beforeAll(async () => {
	n8n = await startN8n();
	artemis = await deployTrigger(n8n, {
		name: 'reliability restart: artemis',
		nodeType: ARTEMIS_TYPE,
	});
	const { id } = await n8n.createCredential('Artisio restart', 'artisioWebhookApi', { token });
	artisio = await deployTrigger(n8n, {
		name: 'reliability restart: artisio',
		nodeType: ARTISIO_TYPE,
		credentials: { artisioWebhookApi: { id, name: 'Artisio restart' } },
	});
}, 300_000);

afterAll(async () => {
	await n8n?.stop();
}, 120_000);

type NodeKind = 'artemis' | 'artisio';

interface Event {
	node: NodeKind;
	key: string;
	body: Buffer;
}

const artemisEvent = (customerId: number, status = 'CLEARED'): Event => ({
	node: 'artemis',
	key: `${customerId}|${status}`,
	body: Buffer.from(JSON.stringify(artemisCallback({ status }, { customer: customerId }))),
});
const artisioEvent = (uuid: string, status = 'lotted'): Event => ({
	node: 'artisio',
	key: `${uuid}|${status}`,
	body: Buffer.from(JSON.stringify(artisioBody(uuid, { status }, {}, { minimal: true }))),
});

async function sendAll(events: Event[], concurrency = 10): Promise<string[]> {
	const answers = await mapConcurrent(events, concurrency, async (event): Promise<SendResult> => {
		const headers: Array<[string, string]> = [['Content-Type', 'application/json']];
		if (event.node === 'artisio') headers.push(['Authorization', `Bearer ${token}`]);
		return await rawSend({
			url: event.node === 'artemis' ? artemis.url : artisio.url,
			headers,
			body: event.body,
		});
	});
	return answers.map(
		(answer) =>
			(answer.json as { status?: string } | undefined)?.status ??
			`${answer.status} ${answer.text.slice(0, 60)}`,
	);
}

const keyOf = (node: NodeKind, item: unknown): string => {
	const value = item as
		{ customerId?: number; status?: string; uuid?: string; data?: { status?: string } } | undefined;
	return node === 'artemis'
		? `${value?.customerId}|${value?.status}`
		: `${value?.uuid}|${value?.data?.status}`;
};

const workflowOf = (node: NodeKind): string =>
	node === 'artemis' ? artemis.workflowId : artisio.workflowId;

async function restartAndWait(instance: N8nInstance): Promise<number> {
	const started = Date.now();
	await instance.restart();
	// Active workflows' webhooks are registered again in the background after n8n is ready.
	await waitForWebhook(artemis.url);
	await waitForWebhook(artisio.url);
	return Date.now() - started;
}

/** All executions of both workflows, with data, each with the key of its item (crashed ones: none). */
async function allRuns(
	instance: N8nInstance,
): Promise<Array<{ node: NodeKind; key: string | undefined; execution: ExecutionSummary }>> {
	const runs: Array<{ node: NodeKind; key: string | undefined; execution: ExecutionSummary }> = [];
	for (const node of ['artemis', 'artisio'] as const) {
		for (const execution of await instance.executions(workflowOf(node))) {
			const item = execution.items[0]?.[0];
			runs.push({ node, key: item === undefined ? undefined : keyOf(node, item), execution });
		}
	}
	return runs;
}

describe('restart of n8n', () => {
	it('drops events acknowledged before a restart as duplicates after it, accepts new ones, and runs each event once', async () => {
		const instance = n8n as N8nInstance;
		const before: Event[] = [];
		for (let i = 0; i < BEFORE; i++)
			before.push(artemisEvent(4_000_000 + i), artisioEvent(`restart-${i}`));
		const beforeAnswers = await sendAll(before);
		// Let their executions run, so that the restart below is a restart and not a cut-off backlog
		// (that case is measured by the long variant).
		const drained = await Promise.all([
			instance.waitForExecutions(artemis.workflowId, BEFORE, { timeoutMs: 180_000, settleMs: 500 }),
			instance.waitForExecutions(artisio.workflowId, BEFORE, { timeoutMs: 180_000, settleMs: 500 }),
		]);
		const restartMs = await restartAndWait(instance);
		const remembered = {
			artemis: (await dedupeState(instance, artemis.workflowId)).records.length,
			artisio: (await dedupeState(instance, artisio.workflowId)).records.length,
		};

		const resentAnswers = await sendAll(before);
		const after: Event[] = [];
		for (let i = 0; i < AFTER; i++)
			after.push(artemisEvent(4_100_000 + i), artisioEvent(`restart-after-${i}`));
		const changes: Event[] = [];
		for (let i = 0; i < 5; i++)
			changes.push(artemisEvent(4_000_000 + i, 'REJECTED'), artisioEvent(`restart-${i}`, 'sold'));
		const afterAnswers = await sendAll([...after, ...changes]);
		const afterRepeats = await sendAll(after);

		const expectedKeys: Record<NodeKind, string[]> = { artemis: [], artisio: [] };
		for (const event of [...before, ...after, ...changes]) expectedKeys[event.node].push(event.key);
		const runs = {
			artemis: await instance.waitForExecutions(artemis.workflowId, expectedKeys.artemis.length, {
				timeoutMs: 180_000,
				settleMs: 3000,
			}),
			artisio: await instance.waitForExecutions(artisio.workflowId, expectedKeys.artisio.length, {
				timeoutMs: 180_000,
				settleMs: 3000,
			}),
		};
		const keys = {
			artemis: runs.artemis.map((execution) => keyOf('artemis', execution.items[0]?.[0])),
			artisio: runs.artisio.map((execution) => keyOf('artisio', execution.items[0]?.[0])),
		};
		report(
			`restart: ${before.length} events before, ${after.length + changes.length} new after, both nodes`,
			[
				['answers before', countBy(beforeAnswers, (answer) => answer)],
				['executions finished before the restart', `${drained[0].length + drained[1].length}`],
				['restart took', `${(restartMs / 1000).toFixed(1)} s`],
				[
					'records in static data after the restart (artemis / artisio)',
					`${remembered.artemis} / ${remembered.artisio} of ${BEFORE} each`,
				],
				['answers to the same events re-sent after', countBy(resentAnswers, (answer) => answer)],
				['answers to new events and changes after', countBy(afterAnswers, (answer) => answer)],
				['answers to repeats of the new events', countBy(afterRepeats, (answer) => answer)],
				[
					'executions expected / recorded (artemis)',
					`${expectedKeys.artemis.length} / ${runs.artemis.length}`,
				],
				[
					'executions expected / recorded (artisio)',
					`${expectedKeys.artisio.length} / ${runs.artisio.length}`,
				],
				[
					'execution statuses',
					countBy([...runs.artemis, ...runs.artisio], (execution) => execution.status),
				],
			],
		);

		expect(countBy(beforeAnswers, (answer) => answer)).toEqual({ accepted: before.length });
		expect(countBy(resentAnswers, (answer) => answer)).toEqual({ duplicate: before.length });
		expect(countBy(afterAnswers, (answer) => answer)).toEqual({
			accepted: after.length + changes.length,
		});
		expect(countBy(afterRepeats, (answer) => answer)).toEqual({ duplicate: after.length });
		expect([...keys.artemis].sort()).toEqual([...expectedKeys.artemis].sort());
		expect([...keys.artisio].sort()).toEqual([...expectedKeys.artisio].sort());
		expect(
			[...runs.artemis, ...runs.artisio].filter((execution) => execution.status !== 'success'),
		).toEqual([]);
	});

	(LONG ? it : it.skip)(
		'long: a restart at once, with executions still queued, keeps the dedupe memory; reports what became of the queue',
		async () => {
			const instance = n8n as N8nInstance;
			const events: Event[] = [];
			for (let i = 0; i < 120; i++)
				events.push(artemisEvent(4_300_000 + i), artisioEvent(`queued-${i}`));
			const answers = await sendAll(events);
			const finishedAtRestart =
				(await lightExecutions(instance, artemis.workflowId)).length +
				(await lightExecutions(instance, artisio.workflowId)).length;
			const restartMs = await restartAndWait(instance);
			await sleep(5000);
			const runs = await allRuns(instance);
			// Successful runs are matched to events by their item; `crashed` ones carry no item.
			const successes = new Map<string, number>();
			for (const { node, key, execution } of runs) {
				if (execution.status === 'success' && key !== undefined)
					successes.set(`${node}|${key}`, (successes.get(`${node}|${key}`) ?? 0) + 1);
			}
			const ranOnce = events.filter(
				(event) => successes.get(`${event.node}|${event.key}`) === 1,
			).length;
			const ranTwice = events
				.filter((event) => (successes.get(`${event.node}|${event.key}`) ?? 0) > 1)
				.map((event) => event.key);
			const crashed = runs.filter(({ execution }) => execution.status === 'crashed').length;
			const outcome = {
				'ran once': ranOnce,
				'recorded as crashed (never ran)': crashed,
				'no execution record at all': events.length - ranOnce - crashed,
			};
			const resent = await sendAll(events);
			report(
				`restart at once: ${events.length} events acknowledged, SIGTERM right after the last answer`,
				[
					['answers', countBy(answers, (answer) => answer)],
					['executions already finished (all runs so far) at the restart', finishedAtRestart],
					['restart took', `${(restartMs / 1000).toFixed(1)} s`],
					['the acknowledged events after the restart', outcome],
					[
						'execution statuses (whole workflows, including the first test)',
						countBy(runs, ({ execution }) => execution.status),
					],
					['re-sent after the restart', countBy(resent, (answer) => answer)],
				],
			);
			expect(countBy(answers, (answer) => answer)).toEqual({ accepted: events.length });
			expect(countBy(resent, (answer) => answer)).toEqual({ duplicate: events.length });
			expect(ranTwice).toEqual([]);
		},
	);

	(LONG ? it : it.skip)(
		'long: after a hard kill (SIGKILL) right after the answers, reports what was remembered and what ran',
		async () => {
			const instance = n8n as N8nInstance;
			const events: Event[] = [];
			for (let i = 0; i < 60; i++)
				events.push(artemisEvent(4_200_000 + i), artisioEvent(`kill-${i}`));
			const answers = await sendAll(events);
			expect(countBy(answers, (answer) => answer)).toEqual({ accepted: events.length });
			process.kill(-(instance.pid as number), 'SIGKILL');
			const restartMs = await restartAndWait(instance);
			await sleep(5000);
			const runsBefore = await allRuns(instance);
			const ranBefore = new Set(
				runsBefore.filter(({ key }) => key !== undefined).map(({ node, key }) => `${node}|${key}`),
			);
			const resent = await sendAll(events);
			const forgotten = events.filter((_, index) => resent[index] === 'accepted');
			report(`hard kill: ${events.length} events acknowledged, then SIGKILL at once`, [
				['restart took', `${(restartMs / 1000).toFixed(1)} s`],
				[
					'acknowledged events with a run after the kill',
					`${events.filter((event) => ranBefore.has(`${event.node}|${event.key}`)).length} of ${events.length}`,
				],
				[
					'execution statuses (whole workflows)',
					countBy(runsBefore, ({ execution }) => execution.status),
				],
				['re-sent after the restart', countBy(resent, (answer) => answer)],
				['forgotten by the dedupe memory (accepted again)', forgotten.length],
			]);
			expect(resent.every((answer) => answer === 'accepted' || answer === 'duplicate')).toBe(true);
		},
	);
});
