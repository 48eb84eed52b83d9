/**
 * The dedupe state stays bounded, through the unit harness (a real
 * n8n-core WebhookContext behind a real HTTP server, static data saved as n8n saves it) and through
 * the store itself for the 100,000-record extremes. The real-n8n half is
 * test/e2e/reliability-state.e2e.test.ts.
 *
 * RELIABILITY_LONG=1 sends 100,000 events through the harness instead of 5,000.
 */
import type { IDataObject } from 'n8n-workflow';

import { digest } from '../../nodes/shared/dedupe/digest';
import { MAX_CAPACITY, RecordMemory } from '../../nodes/shared/dedupe/memory';
import { persistToStaticData, restoreFromStaticData } from '../../nodes/shared/dedupe/savedFormat';
import { startArtemis } from '../support/artemis';
import { bearer, startArtisio } from '../support/artisio';
import { LONG } from '../support/corpus';
import { artemisCallback } from '../support/payloads';
import { mapConcurrent, report } from '../support/reliability';
import type { WebhookHarness } from '../support/webhookHarness';

jest.setTimeout(LONG ? 900_000 : 120_000);

let harness: WebhookHarness | undefined;
afterEach(async () => {
	await harness?.close();
	harness = undefined;
});

type Records = Array<[string, string]>;

/** The remembered records as pairs of digests, whatever the persisted format. */
function recordsOf(staticData: Record<string, unknown>): Records {
	return restoreFromStaticData((staticData['node:Trigger'] ?? {}) as IDataObject).map((entry) => [
		entry.record,
		entry.fingerprint,
	]);
}

/** Bytes of the persisted dedupe state (as n8n stores it) per record. */
function bytesPerRecord(staticData: Record<string, unknown>): number {
	const records = recordsOf(staticData);
	const node = (staticData['node:Trigger'] ?? {}) as IDataObject;
	return records.length === 0
		? 0
		: Math.round(Buffer.byteLength(JSON.stringify(node.dedupe)) / records.length);
}

describe('dedupe state stays bounded (unit harness)', () => {
	const events = LONG ? 100_000 : 5_000;

	it(`keeps at most Remember Last N Records = 50 after ${events.toLocaleString('en')} distinct Artemis callbacks: the last 50, in order`, async () => {
		harness = await startArtemis({ parameters: { options: { dedupeSize: 50 } } });
		const started = Date.now();
		let accepted = 0;
		let maxSeen = 0;
		await mapConcurrent(
			Array.from({ length: events }, (_, index) => index),
			8,
			async (index) => {
				const reply = await (harness as WebhookHarness).send({
					body: artemisCallback({ customerId: 1_000_000 + index }),
				});
				if ((reply.json as { status?: string }).status === 'accepted') accepted++;
				if (index % 1000 === 0)
					maxSeen = Math.max(maxSeen, recordsOf(harness!.savedStaticData()).length);
			},
		);
		const ms = Date.now() - started;
		// One more, alone, so that the last save is known to hold everything before it.
		const last = 1_000_000 + events;
		expect((await harness.send({ body: artemisCallback({ customerId: last }) })).json).toEqual({
			status: 'accepted',
		});
		const records = recordsOf(harness.savedStaticData());
		report(
			`unit harness: ${events.toLocaleString('en')} distinct Artemis callbacks, dedupeSize 50`,
			[
				['accepted / executions', `${accepted + 1} / ${harness.executions.length}`],
				['records kept (max seen along the way)', `${records.length} (${maxSeen})`],
				['bytes per record', bytesPerRecord(harness.savedStaticData())],
				['throughput', `${Math.round((events / ms) * 1000)} requests/s`],
			],
		);
		expect(accepted).toBe(events);
		expect(harness.executions).toHaveLength(events + 1);
		expect(maxSeen).toBeLessThanOrEqual(50);
		expect(records).toHaveLength(50);
		expect(records[records.length - 1]).toEqual([
			digest(String(last)),
			digest('UPDATE|CLEARED|LOW'),
		]);
		// The oldest were forgotten, so their repeat is accepted again; the newest are remembered.
		expect((await harness.send({ body: artemisCallback({ customerId: 1_000_000 }) })).json).toEqual(
			{ status: 'accepted' },
		);
		expect((await harness.send({ body: artemisCallback({ customerId: last }) })).json).toEqual({
			status: 'duplicate',
		});
	});

	it('keeps at most 50 records after 2,000 distinct Artisio events', async () => {
		harness = await startArtisio({ parameters: { options: { dedupeSize: 50 } } });
		for (let index = 0; index < 2000; index++) {
			const uuid = `5f0c8d2e-4a1b-4c3d-9e8f-${index.toString().padStart(12, '0')}`;
			await harness.send({
				body: { action: 'UPDATE', object: 'LOT', data: { uuid, status: 'lotted' } },
				headers: bearer(),
			});
		}
		const records = recordsOf(harness.savedStaticData());
		report('unit harness: 2,000 distinct Artisio events, dedupeSize 50', [
			['records kept', records.length],
			['bytes per record', bytesPerRecord(harness.savedStaticData())],
			['example record', records[0]],
		]);
		expect(harness.executions).toHaveLength(2000);
		expect(records).toHaveLength(50);
	});

	it('holds exactly 100,000 records at the maximum capacity after more distinct events, and says what that costs', () => {
		const store = new RecordMemory();
		const started = Date.now();
		let fresh = 0;
		for (let index = 0; index < MAX_CAPACITY + 5000; index++) {
			if (
				store.checkAndRecord(
					String(10_000_000 + index),
					'UPDATE|CLEARED|LOW',
					MAX_CAPACITY,
					started + index,
				)
			)
				fresh++;
		}
		const fill = Date.now() - started;
		expect(fresh).toBe(MAX_CAPACITY + 5000);
		expect(store.size).toBe(MAX_CAPACITY);
		const staticData: IDataObject = {};
		const persistStarted = Date.now();
		persistToStaticData(staticData, store);
		const json = JSON.stringify(staticData);
		const persist = Date.now() - persistStarted;
		const records = restoreFromStaticData(staticData);
		expect(records).toHaveLength(MAX_CAPACITY);
		expect(records[0]?.record).toBe(digest(String(10_000_000 + 5000)));
		report('store at maximum capacity (100,000 Artemis records)', [
			['fill time for 105,000 events', `${fill} ms`],
			[
				'static data JSON written on every accepted event',
				`${(Buffer.byteLength(json) / 1024 / 1024).toFixed(2)} MiB (${Math.round(Buffer.byteLength(json) / records.length)} bytes per record)`,
			],
			['persistToStaticData + JSON.stringify per accepted event', `${persist} ms`],
		]);
	});
});

describe('dedupe state stays small whatever the sender writes', () => {
	it('keeps each remembered Artemis record small when an unauthenticated sender fills status, action and riskRating with 64 KB values', async () => {
		// Artemis sends no authentication: anyone who knows the URL can post. Values outside the
		// documented enums are accepted as they come (docs/design.md, section 3) and end up in the dedupe fingerprint,
		// which is kept in static data and rewritten whole on every accepted event.
		harness = await startArtemis({ parameters: { options: { dedupeSize: 1000 } } });
		const big = (seed: string): string =>
			`${seed}-`.repeat(Math.ceil((64 * 1024) / (seed.length + 1))).slice(0, 64 * 1024);
		for (let index = 0; index < 20; index++) {
			const reply = await harness.send({
				body: artemisCallback({
					customerId: 2_000_000 + index,
					status: big(`S${index}`),
					action: big('A'),
					riskRating: big('R'),
				}),
			});
			expect(reply.json).toEqual({ status: 'accepted' });
		}
		const records = recordsOf(harness.savedStaticData());
		const perRecord = bytesPerRecord(harness.savedStaticData());
		report('hostile enum values (Artemis, no auth): remembered state', [
			['records', records.length],
			['static data bytes', Buffer.byteLength(JSON.stringify(harness.savedStaticData()))],
			['bytes per record', perRecord],
		]);
		expect(records).toHaveLength(20);
		// A documented callback needs ~35 bytes; a hash of an arbitrary fingerprint would need < 100.
		expect(perRecord).toBeLessThanOrEqual(512);
		// Remembered all the same: the same callback again is a duplicate, another rating is new.
		const again = artemisCallback({
			customerId: 2_000_000,
			status: big('S0'),
			action: big('A'),
			riskRating: big('R'),
		});
		expect((await harness.send({ body: again })).json).toEqual({ status: 'duplicate' });
		expect((await harness.send({ body: { ...again, riskRating: big('Q') } })).json).toEqual({
			status: 'accepted',
		});
	});

	it('keeps each remembered Artisio record small when data.uuid is 64 KB long', async () => {
		harness = await startArtisio({ parameters: { options: { dedupeSize: 1000 } } });
		for (let index = 0; index < 5; index++) {
			const uuid = `${index}-${'u'.repeat(64 * 1024)}`;
			expect(
				(
					await harness.send({
						body: { action: 'UPDATE', object: 'LOT', data: { uuid } },
						headers: bearer(),
					})
				).json,
			).toEqual({ status: 'accepted' });
		}
		const records = recordsOf(harness.savedStaticData());
		report('64 KB Artisio uuids: remembered state', [
			['records', records.length],
			['bytes per record', bytesPerRecord(harness.savedStaticData())],
		]);
		expect(records).toHaveLength(5);
		expect(bytesPerRecord(harness.savedStaticData())).toBeLessThanOrEqual(512);
		// Still told apart, and still remembered: a repeat of the long uuid is a duplicate.
		const uuid = `0-${'u'.repeat(64 * 1024)}`;
		expect(
			(
				await harness.send({
					body: { action: 'UPDATE', object: 'LOT', data: { uuid } },
					headers: bearer(),
				})
			).json,
		).toEqual({ status: 'duplicate' });
	});
});
