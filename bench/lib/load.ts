/**
 * A small, bounded, closed-loop HTTP load generator for loopback URLs: `concurrency` workers, each
 * sending its next request as soon as the previous answer is read, over keep-alive connections,
 * until `durationMs` has passed or `maxRequests` were sent.
 */
import { Agent, request } from 'node:http';

export interface LoadRequest {
	body: Buffer;
	headers: Record<string, string>;
}

export interface LoadOptions {
	url: string;
	method?: string;
	concurrency: number;
	durationMs: number;
	/** Hard cap, whatever the duration. */
	maxRequests: number;
	/** The request with sequence number `index` (0, 1, 2, … across all workers). */
	next(index: number): LoadRequest;
	/** Per-request timeout. */
	timeoutMs?: number;
}

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
	if (!text.startsWith('{')) return undefined;
	try {
		const parsed = JSON.parse(text) as unknown;
		if (
			typeof parsed === 'object' &&
			parsed !== null &&
			'status' in parsed &&
			typeof parsed.status === 'string'
		)
			return parsed.status;
	} catch {
		return undefined;
	}
	return undefined;
}

function sendOne(
	agent: Agent,
	url: URL,
	method: string,
	payload: LoadRequest,
	timeoutMs: number,
): Promise<Answer> {
	return new Promise((resolve, reject) => {
		const started = process.hrtime.bigint();
		const req = request(
			{
				agent,
				hostname: url.hostname,
				port: url.port,
				path: `${url.pathname}${url.search}`,
				method,
				headers: { 'content-length': String(payload.body.length), ...payload.headers },
				timeout: timeoutMs,
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
		req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
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
				answers.push(
					await sendOne(
						agent,
						url,
						options.method ?? 'POST',
						options.next(index),
						options.timeoutMs ?? 60_000,
					),
				);
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
