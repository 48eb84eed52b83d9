/**
 * The dedupe state stays bounded in a real n8n. With Remember Last N Records = 50,
 * after many more distinct events the workflow's static data (read back through the public API,
 * `GET /api/v1/workflows/{id}` → `staticData['node:Trigger'].dedupe`) holds at most 50 records;
 * the oldest are forgotten (their repeat is accepted again) and the newest remembered. Prints the
 * bytes per record. The 10,000- and 100,000-event variants run in the unit harness
 * (test/unit/reliability-state.test.ts).
 *
 * RELIABILITY_LONG=1 sends 1,000 events per node instead of 150 / 100.
 */
import { randomBytes } from 'node:crypto';

import { ARTEMIS_TYPE } from '../support/artemis';
import { ARTISIO_TYPE } from '../support/artisio';
import { digest } from '../../nodes/shared/dedupe/digest';
import { LONG } from '../support/corpus';
import { deployTrigger } from '../support/e2e';
import type { N8nClient } from '../support/n8n';
import { artemisCallback, artisioBody } from '../support/payloads';
import { rawSend } from '../support/rawHttp';
import {
	countBy,
	dedupeState,
	mapConcurrent,
	report,
	waitForFinished,
	warmUp,
} from '../support/reliability';
import { connectShared } from '../support/shared';
import { sleep } from '../support/util';

jest.setTimeout(LONG ? 900_000 : 300_000);

const N = 50;
const token = `State_${randomBytes(12).toString('hex')}`;
let n8n: N8nClient;

beforeAll(async () => {
	n8n = connectShared();
	await warmUp(n8n);
});

describe(`dedupe state with Remember Last N Records = ${N} in a real n8n`, () => {
	it.each([
		['artemis', LONG ? 1000 : 150],
		['artisio', LONG ? 1000 : 100],
	] as Array<['artemis' | 'artisio', number]>)(
		'%s: at most N records after %i distinct events; oldest forgotten, newest remembered',
		async (node, events) => {
			const credentials =
				node === 'artisio'
					? {
							artisioWebhookApi: {
								...(await n8n.createCredential(`Artisio state ${token}`, 'artisioWebhookApi', {
									token,
								})),
								name: `Artisio state ${token}`,
							},
						}
					: undefined;
			const trigger = await deployTrigger(n8n, {
				name: `reliability state: ${node}`,
				nodeType: node === 'artemis' ? ARTEMIS_TYPE : ARTISIO_TYPE,
				parameters: { options: { dedupeSize: N } },
				credentials,
			});
			const headers: Array<[string, string]> = [['Content-Type', 'application/json']];
			if (node === 'artisio') headers.push(['Authorization', `Bearer ${token}`]);
			const body = (index: number): Buffer =>
				Buffer.from(
					JSON.stringify(
						node === 'artemis'
							? artemisCallback({}, { customer: 5_000_000 + index })
							: artisioBody(
									`5f0c8d2e-4a1b-4c3d-9e8f-${index.toString().padStart(12, '0')}`,
									{ status: 'lotted' },
									{},
									{ minimal: true },
								),
					),
				);
			const send = async (index: number): Promise<string> => {
				const answer = await rawSend({ url: trigger.url, headers, body: body(index) });
				return (answer.json as { status?: string } | undefined)?.status ?? String(answer.status);
			};

			const started = Date.now();
			const answers = await mapConcurrent(
				Array.from({ length: events }, (_, index) => index),
				10,
				send,
			);
			const sendingMs = Date.now() - started;
			// One more once the burst is answered: the last event. n8n saves static data after the node has
			// answered, in the background, and under load the saves trail the answers by seconds; poll until
			// the save of this last event has landed (it holds the whole store).
			const lastAnswer = await send(events);
			const answeredAt = Date.now();
			// Records are kept as digests of `customerId` (Artemis) and `object|uuid` (Artisio).
			const lastRecord = digest(
				node === 'artemis'
					? String(5_000_000 + events)
					: `LOT|5f0c8d2e-4a1b-4c3d-9e8f-${events.toString().padStart(12, '0')}`,
			);
			let state = await dedupeState(n8n, trigger.workflowId);
			let largest = state.records.length;
			while (
				state.records[state.records.length - 1]?.[0] !== lastRecord &&
				Date.now() - answeredAt < 60_000
			) {
				await sleep(250);
				state = await dedupeState(n8n, trigger.workflowId);
				largest = Math.max(largest, state.records.length);
			}
			const saveLagMs = Date.now() - answeredAt;
			const bytesPerRecord = Math.round(state.bytes / Math.max(1, state.records.length));

			// Forgotten: the first event is accepted again. Remembered: the last one is a duplicate.
			const oldestAgain = await send(0);
			const newestAgain = await send(events);
			const finished = await waitForFinished(n8n, trigger.workflowId, events + 2, {
				timeoutMs: 180_000,
			});

			report(
				`bounded state (${node}): ${events} distinct events at concurrency 10, then the last one and 2 repeats, dedupeSize ${N}`,
				[
					['answers', countBy(answers, (answer) => answer)],
					[
						'sending',
						`${(sendingMs / 1000).toFixed(1)} s (${Math.round((events / sendingMs) * 1000)} requests/s)`,
					],
					[
						'records in static data: most seen / at the end',
						`${largest} / ${state.records.length}`,
					],
					['the save of the last event landed', `${saveLagMs} ms after its answer`],
					['static data bytes at the end', `${state.bytes} (${bytesPerRecord} bytes per record)`],
					['example record', state.records[state.records.length - 1]],
					['oldest re-sent / newest re-sent', `${oldestAgain} / ${newestAgain}`],
					['executions expected / recorded', `${events + 2} / ${finished.length}`],
				],
			);
			expect(countBy([...answers, lastAnswer], (answer) => answer)).toEqual({
				accepted: events + 1,
			});
			expect(largest).toBeLessThanOrEqual(N);
			expect(state.records).toHaveLength(N);
			expect(state.records[state.records.length - 1]?.[0]).toBe(lastRecord);
			expect([oldestAgain, newestAgain]).toEqual(['accepted', 'duplicate']);
			expect(finished).toHaveLength(events + 2);
			expect(finished.filter((execution) => execution.status !== 'success')).toEqual([]);
		},
	);
});
