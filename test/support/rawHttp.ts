/**
 * One HTTP request through `node:http`, with the wire under control: header values go out as
 * latin1 bytes exactly as given (fetch would trim them, refuse non-ByteStrings and merge repeats),
 * a header given several values goes out as several header lines, and a body given as bytes gets
 * no Content-Type unless one is set. Never throws on an HTTP status; throws on network errors and
 * on a timeout (a hang is a failure).
 */
import { request as httpRequest } from 'node:http';

import type { SendResult } from './http';

export interface RawRequest {
	url: string;
	/** Default POST. */
	method?: string;
	/** Header lines in order; a name may repeat (two `Authorization` lines really go out). */
	headers?: Array<[string, string]>;
	body?: Buffer;
	/** Default 30 s. */
	timeoutMs?: number;
}

export async function rawSend(raw: RawRequest): Promise<SendResult> {
	const url = new URL(raw.url);
	const grouped = new Map<string, { name: string; values: string[] }>();
	for (const [name, value] of raw.headers ?? []) {
		const key = name.toLowerCase();
		const entry = grouped.get(key) ?? { name, values: [] };
		entry.values.push(value);
		grouped.set(key, entry);
	}
	const body = raw.body ?? Buffer.alloc(0);
	const timeoutMs = raw.timeoutMs ?? 30_000;
	return await new Promise<SendResult>((resolve, reject) => {
		const req = httpRequest(
			{
				host: url.hostname,
				port: url.port,
				path: `${url.pathname}${url.search}`,
				method: raw.method ?? 'POST',
				agent: false,
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('error', reject);
				res.on('end', () => {
					clearTimeout(timer);
					const text = Buffer.concat(chunks).toString('utf8');
					const headers: Record<string, string> = {};
					for (const [name, value] of Object.entries(res.headers)) {
						if (value !== undefined)
							headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
					}
					let json: unknown;
					try {
						json = text.trim() === '' ? undefined : (JSON.parse(text) as unknown);
					} catch {
						json = undefined;
					}
					resolve({ status: res.statusCode ?? 0, headers, text, json });
				});
			},
		);
		const timer = setTimeout(() => {
			req.destroy(
				new Error(`${raw.method ?? 'POST'} ${raw.url}: no answer within ${timeoutMs} ms`),
			);
		}, timeoutMs);
		req.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		for (const { name, values } of grouped.values())
			req.setHeader(name, values.length === 1 ? values[0] : values);
		if (body.length > 0 || !['GET', 'HEAD'].includes(raw.method ?? 'POST'))
			req.setHeader('Content-Length', String(body.length));
		req.end(body);
	});
}
