/**
 * Small HTTP helpers for end-to-end tests: one request with a timeout, and many requests with a
 * bounded number in flight. They never throw on an HTTP status (tests assert on statuses such as
 * 400/401/403/422); they throw only on network errors and timeouts.
 */

export interface SendOptions {
	/** Default: `POST` when a body is given, otherwise `GET`. */
	method?: string;
	/** Sent as JSON (`Content-Type: application/json` unless `contentType` or a header says otherwise). */
	body?: unknown;
	/** Sent byte for byte; takes precedence over `body`. No content type is added unless given. */
	rawBody?: string | Buffer;
	headers?: Record<string, string>;
	/** Shortcut for the `Content-Type` header. */
	contentType?: string;
	/** Default 30 s. */
	timeoutMs?: number;
}

export interface SendResult {
	status: number;
	/** Lower-case header names. */
	headers: Record<string, string>;
	text: string;
	/** The body parsed as JSON, or `undefined` when it is empty or not JSON. */
	json: unknown;
}

export interface SendRequest extends SendOptions {
	url: string;
}

/** Sends one request and reads the whole answer. */
export async function send(url: string, options: SendOptions = {}): Promise<SendResult> {
	const headers: Record<string, string> = { ...(options.headers ?? {}) };
	const hasHeader = (name: string): boolean =>
		Object.keys(headers).some((key) => key.toLowerCase() === name.toLowerCase());
	if (options.contentType !== undefined) {
		for (const key of Object.keys(headers))
			if (key.toLowerCase() === 'content-type') delete headers[key];
		headers['Content-Type'] = options.contentType;
	}

	let body: string | Uint8Array | undefined;
	if (options.rawBody !== undefined) {
		// A Buffer is sent as its bytes; fetch would otherwise not accept every Buffer flavour in the types.
		body = typeof options.rawBody === 'string' ? options.rawBody : new Uint8Array(options.rawBody);
	} else if (options.body !== undefined) {
		body = JSON.stringify(options.body);
		if (!hasHeader('content-type')) headers['Content-Type'] = 'application/json';
	}
	const method = options.method ?? (body === undefined ? 'GET' : 'POST');

	const timeoutMs = options.timeoutMs ?? 30_000;
	const controller = new AbortController();
	const timer = setTimeout(() => controller.abort(), timeoutMs);
	try {
		const response = await fetch(url, { method, headers, body, signal: controller.signal });
		const text = await response.text();
		const responseHeaders: Record<string, string> = {};
		response.headers.forEach((value, key) => {
			responseHeaders[key.toLowerCase()] = value;
		});
		return { status: response.status, headers: responseHeaders, text, json: parseJson(text) };
	} catch (error: unknown) {
		if (controller.signal.aborted) {
			throw new Error(`${method} ${url}: no answer within ${timeoutMs} ms`);
		}
		const message = error instanceof Error ? error.message : String(error);
		const cause =
			error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
		throw new Error(`${method} ${url}: ${message}${cause}`);
	} finally {
		clearTimeout(timer);
	}
}

/**
 * Sends all requests with at most `concurrency` in flight; results come back in request order.
 * Used for the concurrency tests (N identical deliveries at once must start one execution).
 */
export async function sendMany(requests: SendRequest[], concurrency = 10): Promise<SendResult[]> {
	if (!Number.isInteger(concurrency) || concurrency < 1)
		throw new Error(`concurrency must be ≥ 1, got ${concurrency}`);
	const results: SendResult[] = new Array<SendResult>(requests.length);
	let next = 0;
	const worker = async (): Promise<void> => {
		while (next < requests.length) {
			const index = next++;
			const { url, ...options } = requests[index];
			results[index] = await send(url, options);
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, requests.length) }, () => worker()));
	return results;
}

function parseJson(text: string): unknown {
	if (text.trim() === '') return undefined;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}
