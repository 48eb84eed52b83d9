/**
 * Crash rounds: a burst of distinct events against a trigger's production URL, n8n stopped part-way
 * (SIGKILL to its process group, as an OOM kill or a container eviction does; or SIGTERM, a
 * graceful stop), n8n started again on the same database, and then what n8n holds: which of the
 * events that were answered `accepted` have an execution (of any status, `crashed` included), and,
 * for a sender that retries, what the retries of the unanswered events are answered.
 *
 * Each event carries a marker of its own (`crash-<round>-<n>`) in a field the item keeps, so an
 * execution is matched to its event by the marker anywhere in its data, whatever its status.
 */
import { randomBytes } from 'node:crypto';

import type { SendResult } from './http';
import type { N8nClient } from './n8n';
import { artemisCallback, artisioBody } from './payloads';
import { rawSend } from './rawHttp';
import { lightExecutions } from './reliability';
import { sleep } from './util';

export type CrashKind = 'SIGKILL' | 'SIGTERM';

export interface CrashEvent {
	marker: string;
	headers: Array<[string, string]>;
	body: Buffer;
}

/** What one event got from the sender's point of view. */
export type Outcome = 'accepted' | 'duplicate' | 'not sent' | 'no answer' | `other ${string}`;

export interface BurstOptions {
	url: string;
	events: CrashEvent[];
	concurrency: number;
	/** Stops n8n once this many events were answered `accepted`. */
	crashAfterAccepted: number;
	/** Stops n8n (returns once the signal is sent; the burst goes on against a dying n8n). */
	crash: () => void;
}

/**
 * One event per marker for a trigger of `vendor`: Artemis callbacks about distinct customers from
 * `customerBase` on (plus a random offset, so that no two rounds share a customer) with the marker
 * as the customer reference; Artisio LOT updates with the marker as the uuid, sent with `token`.
 */
export function crashEvents(
	vendor: 'artemis' | 'artisio',
	markers: string[],
	options: { customerBase: number; token: string },
): CrashEvent[] {
	return markers.map((marker, index) => {
		if (vendor === 'artemis') {
			const body = artemisCallback(
				{ customerReferenceId: marker },
				{ customer: options.customerBase + Math.floor(Math.random() * 1_000_000_000) + index },
			);
			return {
				marker,
				headers: [['Content-Type', 'application/json']],
				body: Buffer.from(JSON.stringify(body)),
			};
		}
		const body = artisioBody(marker, { status: 'lotted' }, {}, { minimal: true });
		return {
			marker,
			headers: [
				['Content-Type', 'application/json'],
				['Authorization', `Bearer ${options.token}`],
			],
			body: Buffer.from(JSON.stringify(body)),
		};
	});
}

export function outcomeOf(result: SendResult): Outcome {
	const status = (result.json as { status?: unknown } | undefined)?.status;
	if (result.status === 200 && (status === 'accepted' || status === 'duplicate')) return status;
	return `other ${result.status} ${result.text.slice(0, 60)}`;
}

/**
 * Sends the events in order at `concurrency`, stops n8n after `crashAfterAccepted` accepted
 * answers, and sends nothing more once a request finds n8n gone. Resolves each event's outcome.
 */
export async function burstWithCrash(options: BurstOptions): Promise<Outcome[]> {
	const outcomes: Outcome[] = options.events.map(() => 'not sent');
	let next = 0;
	let accepted = 0;
	let crashed = false;
	let gone = false;
	const worker = async (): Promise<void> => {
		while (!gone && next < options.events.length) {
			const index = next++;
			const event = options.events[index];
			try {
				outcomes[index] = outcomeOf(
					await rawSend({
						url: options.url,
						headers: event.headers,
						body: event.body,
						timeoutMs: 60_000,
					}),
				);
			} catch {
				outcomes[index] = 'no answer';
				if (crashed) gone = true;
			}
			if (outcomes[index] === 'accepted') accepted += 1;
			if (!crashed && accepted >= options.crashAfterAccepted) {
				crashed = true;
				options.crash();
			}
		}
	};
	await Promise.all(Array.from({ length: options.concurrency }, worker));
	if (!crashed)
		throw new Error(
			`the burst ended with ${accepted} accepted answers, before the crash after ${options.crashAfterAccepted}`,
		);
	return outcomes;
}

/** Markers of a round, `crash-<round>-<n>`. */
export function markersOf(count: number): { round: string; markers: string[] } {
	const round = randomBytes(4).toString('hex');
	return { round, markers: Array.from({ length: count }, (_, index) => `crash-${round}-${index}`) };
}

/** How many executions of the workflow hold each marker of the round (any status); and the executions' statuses. */
export async function executionsByMarker(
	n8n: N8nClient,
	workflowId: string,
	round: string,
): Promise<{ held: Map<string, number>; statuses: Record<string, number> }> {
	const held = new Map<string, number>();
	const statuses: Record<string, number> = {};
	const pattern = new RegExp(`crash-${round}-\\d+`, 'g');
	for (const execution of await n8n.executions(workflowId)) {
		const found = new Set(JSON.stringify(execution.raw).match(pattern) ?? []);
		if (found.size === 0) continue;
		statuses[execution.status] = (statuses[execution.status] ?? 0) + 1;
		for (const marker of found) held.set(marker, (held.get(marker) ?? 0) + 1);
	}
	return { held, statuses };
}

/**
 * Waits until the workflow's executions stop changing (n8n marks those a crash cut short as
 * `crashed` when it starts again, and runs what was recorded): the same ids and statuses for 5 s
 * with none `running`. An execution recorded and never enqueued (a webhook process killed in
 * between) stays `new`: it is held all the same.
 */
export async function untilSettled(
	n8n: N8nClient,
	workflowId: string,
	timeoutMs = 180_000,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	let last = '';
	let stableSince = Date.now();
	for (;;) {
		const executions = await lightExecutions(n8n, workflowId);
		const now = executions.map((execution) => `${execution.id}:${execution.status}`).join(',');
		if (now !== last) {
			last = now;
			stableSince = Date.now();
		} else if (
			Date.now() - stableSince >= 5000 &&
			!executions.some((execution) => execution.status === 'running')
		) {
			return;
		}
		if (Date.now() > deadline)
			throw new Error(`workflow ${workflowId}: executions still changing after ${timeoutMs} ms`);
		await sleep(1000);
	}
}

/** One round's figures, for the report and the assertions. */
export interface RoundResult {
	label: string;
	outcomes: Outcome[];
	markers: string[];
	/** Executions per marker after the restart (and after the retries, when there were any). */
	held: Map<string, number>;
	statuses: Record<string, number>;
	/** Accepted answers whose event has no execution: must be none. */
	acceptedWithoutExecution: string[];
	/** Retries of events that got no 2xx answer: marker, whether an execution held it before the retry, the retry's outcome. */
	retries: Array<{ marker: string; heldBefore: boolean; outcome: Outcome }>;
}

export function countOutcomes(outcomes: Outcome[]): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const outcome of outcomes) {
		const key = outcome.startsWith('other') ? 'other' : outcome;
		counts[key] = (counts[key] ?? 0) + 1;
	}
	return counts;
}

/** One line per round for the report: answers, what n8n held after the restart, retries. */
export function describeRound(result: RoundResult): Array<[string, unknown]> {
	const accepted = result.markers.filter((_, index) => result.outcomes[index] === 'accepted');
	return [
		['answers', countOutcomes(result.outcomes)],
		[
			'accepted with an execution after the restart',
			`${accepted.length - result.acceptedWithoutExecution.length} of ${accepted.length}`,
		],
		['executions holding a marker (by status)', result.statuses],
		['retries of unanswered events', countOutcomes(result.retries.map((retry) => retry.outcome))],
		[
			'retries answered duplicate without an execution before',
			result.retries.filter((retry) => !retry.heldBefore && retry.outcome === 'duplicate').length,
		],
	];
}

/**
 * The sender's next try of every event that got no 2xx answer (Artisio sends again what was not
 * answered 2xx), one at a time to `url`; `held` says which events an execution held before it.
 */
export async function retryUnanswered(
	url: string,
	events: CrashEvent[],
	outcomes: Outcome[],
	held: Map<string, number>,
): Promise<RoundResult['retries']> {
	const retries: RoundResult['retries'] = [];
	for (const [index, event] of events.entries()) {
		if (['accepted', 'duplicate', 'not sent'].includes(outcomes[index])) continue;
		const outcome = outcomeOf(await rawSend({ url, headers: event.headers, body: event.body }));
		retries.push({ marker: event.marker, heldBefore: held.has(event.marker), outcome });
	}
	return retries;
}

/** A round's figures from what the sender saw and what n8n held afterwards. */
export function roundResult(
	label: string,
	sent: { markers: string[]; outcomes: Outcome[]; retries: RoundResult['retries'] },
	after: { held: Map<string, number>; statuses: Record<string, number> },
): RoundResult {
	const acceptedWithoutExecution = sent.markers.filter(
		(marker, index) => sent.outcomes[index] === 'accepted' && !after.held.has(marker),
	);
	return { label, ...sent, ...after, acceptedWithoutExecution };
}

/**
 * The promise of an `accepted` answer, for jest: the burst got at least `minimumAccepted` of them;
 * every one has an execution; no retry of an event without an execution was refused or answered
 * `duplicate`; every accepted retry has its execution.
 */
export function expectNothingLost(result: RoundResult, minimumAccepted: number): void {
	expect(result.outcomes.filter((outcome) => outcome === 'accepted').length).toBeGreaterThanOrEqual(
		minimumAccepted,
	);
	expect(result.acceptedWithoutExecution).toEqual([]);
	expect(
		result.retries.filter((retry) => !retry.heldBefore && retry.outcome !== 'accepted'),
	).toEqual([]);
	expect(
		result.retries.filter(
			(retry) => retry.outcome === 'accepted' && !result.held.has(retry.marker),
		),
	).toEqual([]);
}
