import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

type IncomingHttpHeaders = ReturnType<IWebhookFunctions['getHeaderData']>;

/** Headers that carry credentials: never copied into an item, a log line or an answer. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);

export const REDACTED = '[redacted]';

export function redactHeaders(headers: IncomingHttpHeaders): IDataObject {
	return Object.fromEntries(
		Object.entries(headers)
			.filter(([, value]) => value !== undefined)
			.map(([name, value]) => [
				name,
				SECRET_HEADERS.has(name) ? REDACTED : (value as string | string[]),
			]),
	);
}
