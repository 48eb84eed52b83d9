/**
 * "accepted" means recorded, in a real n8n (regular mode, SQLite) that this file starts and stops
 * by PID: a burst of distinct events at concurrency 8, n8n stopped part-way (SIGKILL to its
 * process group twice per trigger, SIGTERM once), started again on the same database. Every event
 * answered `accepted` has an execution afterwards (of any status, `crashed` included); for Artisio,
 * which retries what got no 2xx answer, every retry of an event no execution holds is accepted
 * (never `duplicate`) and then has one.
 *
 * On n8n 1.x, which answers before it records (for its own Webhook node too), this file does not run.
 */
import { randomBytes } from 'node:crypto';

import { ARTEMIS_TYPE } from '../support/artemis';
import { ARTISIO_TYPE } from '../support/artisio';
import {
	burstWithCrash,
	crashEvents,
	type CrashKind,
	describeRound,
	executionsByMarker,
	expectNothingLost,
	markersOf,
	type RoundResult,
	retryUnanswered,
	roundResult,
	untilSettled,
} from '../support/crash';
import { type DeployedTrigger, deployTrigger } from '../support/e2e';
import { N8N_1, type N8nInstance, startN8n } from '../support/n8n';
import { report, waitForWebhook } from '../support/reliability';
import { killGroup } from '../support/services';

jest.setTimeout(600_000);

const EVENTS = 400;
const CONCURRENCY = 8;
/** About 2 to 3 s into the burst on this machine's 2 cores. */
const CRASH_AFTER_ACCEPTED = 25;
const token = `Crash_${randomBytes(12).toString('hex')}`;

let n8n: N8nInstance | undefined;
let artemis: DeployedTrigger;
let artisio: DeployedTrigger;

const describeOn2x = N8N_1 ? describe.skip : describe;

beforeAll(async () => {
	if (N8N_1) return;
	n8n = await startN8n();
	artemis = await deployTrigger(n8n, { name: 'crash: artemis', nodeType: ARTEMIS_TYPE });
	const { id } = await n8n.createCredential('Artisio crash', 'artisioWebhookApi', { token });
	artisio = await deployTrigger(n8n, {
		name: 'crash: artisio',
		nodeType: ARTISIO_TYPE,
		credentials: { artisioWebhookApi: { id, name: 'Artisio crash' } },
	});
}, 300_000);

afterAll(async () => {
	await n8n?.stop();
}, 120_000);

type Vendor = 'artemis' | 'artisio';

/** Stops n8n as `kind` does, without waiting; the restart below waits for the process to be gone. */
function stopNow(instance: N8nInstance, kind: CrashKind): void {
	const pid = instance.pid as number;
	// SIGKILL: the whole group at once (n8n and its task runner), as the kernel's OOM killer or a
	// container eviction ends them. SIGTERM: n8n itself, which then shuts down in its own order.
	if (kind === 'SIGKILL') killGroup(pid, 'SIGKILL');
	else process.kill(pid, 'SIGTERM');
}

async function crashRound(vendor: Vendor, kind: CrashKind): Promise<RoundResult> {
	const instance = n8n as N8nInstance;
	const trigger = vendor === 'artemis' ? artemis : artisio;
	const { round, markers } = markersOf(EVENTS);
	const events = crashEvents(vendor, markers, { customerBase: 8_000_000, token });
	const outcomes = await burstWithCrash({
		url: trigger.url,
		events,
		concurrency: CONCURRENCY,
		crashAfterAccepted: CRASH_AFTER_ACCEPTED,
		crash: () => stopNow(instance, kind),
	});
	await instance.restart();
	await waitForWebhook(artemis.url);
	await waitForWebhook(artisio.url);
	await untilSettled(instance, trigger.workflowId);
	let { held, statuses } = await executionsByMarker(instance, trigger.workflowId, round);

	// Artisio tries a request again when it got no 2xx answer.
	const retries =
		vendor === 'artisio' ? await retryUnanswered(trigger.url, events, outcomes, held) : [];
	if (retries.length > 0) {
		await untilSettled(instance, trigger.workflowId);
		({ held, statuses } = await executionsByMarker(instance, trigger.workflowId, round));
	}
	const result = roundResult(
		`${vendor}, ${kind}`,
		{ markers, outcomes, retries },
		{ held, statuses },
	);
	report(
		`crash round: ${result.label} (regular mode, ${EVENTS} distinct events at concurrency ${CONCURRENCY}, stopped after ${CRASH_AFTER_ACCEPTED} accepted)`,
		describeRound(result),
	);
	return result;
}

describeOn2x('a crash of n8n in the middle of a burst (regular mode)', () => {
	it.each<[Vendor, CrashKind, number]>([
		['artemis', 'SIGKILL', 1],
		['artemis', 'SIGKILL', 2],
		['artisio', 'SIGKILL', 1],
		['artisio', 'SIGKILL', 2],
		['artemis', 'SIGTERM', 1],
		['artisio', 'SIGTERM', 1],
	])(
		'%s, %s (round %d): every accepted event has an execution, no unrecorded retry is a duplicate',
		async (vendor, kind) => {
			expectNothingLost(await crashRound(vendor, kind), CRASH_AFTER_ACCEPTED);
		},
	);
});
