/**
 * A small, bounded, closed-loop HTTP load generator for loopback URLs: `concurrency` workers, each
 * sending its next request as soon as the previous answer is read, over keep-alive connections,
 * until `durationMs` has passed or `maxRequests` were sent.
 */
import { Agent, request } from 'node:http';

import { isRecord } from '../../test/support/util';

export interface LoadRequest {
	body: Buffer;
	headers: Record<string, string>;
}

export interface LoadOptions {
	url: string;
	concurrency: number;
	durationMs: number;
	/** Hard cap, whatever the duration. */
	maxRequests: number;
	/** The request with sequence number `index` (0, 1, 2, … across all workers). */
	next(index: number): LoadRequest;
}

const TIMEOUT_MS = 60_000;

export interface Answer {
	status: number;
	/** `status` field of a JSON answer such as `{"status":"accepted"}`, when there is one. */
	answer: string | undefined;
	latencyMs: number;
}

export interface LoadResult {
	startedAt: number;
	endedAt: number;
	answers: Answer[];
	errors: string[];
}

function answerStatus(text: string): string | undefined {
	try {
		const parsed: unknown = JSON.parse(text);
		return isRecord(parsed) && typeof parsed.status === 'string' ? parsed.status : undefined;
	} catch {
		return undefined;
	}
}

/** One POST on a keep-alive connection of `agent`. */
function sendOne(agent: Agent, url: URL, payload: LoadRequest): Promise<Answer> {
	return new Promise((resolve, reject) => {
		const started = process.hrtime.bigint();
		const req = request(
			{
				agent,
				hostname: url.hostname,
				port: url.port,
				path: `${url.pathname}${url.search}`,
				method: 'POST',
				headers: { 'content-length': String(payload.body.length), ...payload.headers },
				timeout: TIMEOUT_MS,
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('end', () => {
					const latencyMs = Number(process.hrtime.bigint() - started) / 1e6;
					const text = Buffer.concat(chunks).toString('utf8');
					resolve({ status: res.statusCode ?? 0, answer: answerStatus(text), latencyMs });
				});
				res.on('error', reject);
			},
		);
		req.on('timeout', () => req.destroy(new Error(`no answer within ${TIMEOUT_MS} ms`)));
		req.on('error', reject);
		req.end(payload.body);
	});
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
	const url = new URL(options.url);
	if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost')
		throw new Error(`load only on loopback, not ${url.hostname}`);
	const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
	const answers: Answer[] = [];
	const errors: string[] = [];
	const startedAt = Date.now();
	const deadline = startedAt + options.durationMs;
	let sequence = 0;
	const worker = async (): Promise<void> => {
		while (Date.now() < deadline && sequence < options.maxRequests) {
			const index = sequence++;
			try {
				answers.push(await sendOne(agent, url, options.next(index)));
			} catch (error: unknown) {
				errors.push(error instanceof Error ? error.message : String(error));
				if (errors.length > 20) return;
			}
		}
	};
	await Promise.all(Array.from({ length: options.concurrency }, () => worker()));
	const endedAt = Date.now();
	agent.destroy();
	return { startedAt, endedAt, answers, errors };
}
