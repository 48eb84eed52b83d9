/**
 * "accepted" means recorded, in queue mode (one main, two `n8n webhook` processes, one worker,
 * PostgreSQL and Redis, all started here and stopped by PID): a burst of distinct events to
 * webhook process A, A killed part-way (SIGKILL to its process group), then started again. Every
 * event A answered `accepted` has an execution afterwards, with either dedupe store, twice each.
 *
 * Artisio with the Redis store: the retries of what A left unanswered go to webhook process B at
 * once, while A is still down; a state A held in flight is taken over (A's Redis connection is
 * gone), so no retry of an event without an execution is answered `duplicate`.
 */
import { randomBytes } from 'node:crypto';

import { ARTEMIS_TYPE } from '../support/artemis';
import { ARTISIO_TYPE } from '../support/artisio';
import {
	burstWithCrash,
	crashEvents,
	describeRound,
	executionsByMarker,
	markersOf,
	expectNothingLost,
	retryUnanswered,
	type RoundResult,
	roundResult,
	untilSettled,
} from '../support/crash';
import { triggerWorkflow } from '../support/n8n';
import { type QueueCluster, startQueueCluster } from '../support/queue';
import { report, waitForWebhook } from '../support/reliability';
import { killGroup } from '../support/services';

jest.setTimeout(600_000);

const EVENTS = 300;
const CONCURRENCY = 8;
const CRASH_AFTER_ACCEPTED = 25;
const token = `QueueCrash_${randomBytes(12).toString('hex')}`;

type Store = 'staticData' | 'redis';
type Vendor = 'artemis' | 'artisio';

let cluster: QueueCluster;
let redisCredential: { id: string; name: string };
let artisioCredential: { id: string; name: string };

beforeAll(async () => {
	cluster = await startQueueCluster();
	const redis = await cluster.main.createCredential('Queue crash Redis', 'dedupeRedisApi', {
		host: cluster.redis.host,
		port: cluster.redis.port,
		database: 0,
	});
	redisCredential = { id: redis.id, name: 'Queue crash Redis' };
	const artisio = await cluster.main.createCredential('Queue crash Artisio', 'artisioWebhookApi', {
		token,
	});
	artisioCredential = { id: artisio.id, name: 'Queue crash Artisio' };
}, 900_000);

afterAll(async () => {
	await cluster?.stop();
}, 300_000);

async function deploy(
	vendor: Vendor,
	store: Store,
): Promise<{ workflowId: string; webhookId: string }> {
	const credentials: Record<string, { id: string; name: string }> = {};
	if (store === 'redis') credentials.dedupeRedisApi = redisCredential;
	if (vendor === 'artisio') credentials.artisioWebhookApi = artisioCredential;
	const { workflow, webhookId } = triggerWorkflow({
		name: `queue crash: ${vendor}, ${store}`,
		nodeType: vendor === 'artemis' ? ARTEMIS_TYPE : ARTISIO_TYPE,
		parameters: { dedupeStore: store },
		credentials,
	});
	const { id } = await cluster.main.createWorkflow(workflow);
	await cluster.activate(id);
	return { workflowId: id, webhookId };
}

async function killRound(vendor: Vendor, store: Store): Promise<RoundResult> {
	const { workflowId, webhookId } = await deploy(vendor, store);
	const { round, markers } = markersOf(EVENTS);
	const events = crashEvents(vendor, markers, { customerBase: 9_000_000, token });
	const outcomes = await burstWithCrash({
		url: cluster.webhookUrl(webhookId, 'webhookA'),
		events,
		concurrency: CONCURRENCY,
		crashAfterAccepted: CRASH_AFTER_ACCEPTED,
		crash: () => killGroup(cluster.pids().webhookA as number, 'SIGKILL'),
	});
	// At once, to the other webhook process, while A is still down: the sender's next try.
	const retries =
		vendor === 'artisio'
			? await retryUnanswered(
					cluster.webhookUrl(webhookId, 'webhookB'),
					events,
					outcomes,
					(await executionsByMarker(cluster.main, workflowId, round)).held,
				)
			: [];
	await cluster.restartProcess('webhookA');
	await waitForWebhook(cluster.webhookUrl(webhookId, 'webhookA'));
	await untilSettled(cluster.main, workflowId);
	const { held, statuses } = await executionsByMarker(cluster.main, workflowId, round);
	const result = roundResult(
		`${vendor}, ${store} store`,
		{ markers, outcomes, retries },
		{ held, statuses },
	);
	report(
		`queue crash round: ${result.label} (webhook A killed after ${CRASH_AFTER_ACCEPTED} accepted of ${EVENTS} at concurrency ${CONCURRENCY})`,
		describeRound(result),
	);
	return result;
}

describe('webhook process A killed in the middle of a burst (queue mode)', () => {
	it.each<[Vendor, Store, number]>([
		['artemis', 'staticData', 1],
		['artemis', 'staticData', 2],
		['artemis', 'redis', 1],
		['artemis', 'redis', 2],
		['artisio', 'redis', 1],
	])(
		'%s, %s store (round %d): every accepted event has an execution, no unrecorded retry is a duplicate',
		async (vendor, store) => {
			expectNothingLost(await killRound(vendor, store), CRASH_AFTER_ACCEPTED);
		},
	);
});
