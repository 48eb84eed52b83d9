import type { IWebhookFunctions } from 'n8n-workflow';

import type { JsonObject } from './types';
import { describeKind } from './validationMessages';

export type BodyReading =
	{ ok: true; body: JsonObject } | { ok: false; message: string; received: unknown };

export function isJsonObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function expectObject(value: unknown): BodyReading {
	if (value === undefined)
		return {
			ok: false,
			message: 'The request body is empty: send one JSON object',
			received: null,
		};
	if (isJsonObject(value)) return { ok: true, body: value };
	return {
		ok: false,
		message: `The body must be one JSON object, received ${describeKind(value)}`,
		received: value,
	};
}

/** The media type alone, lower-cased: `application/json; charset=utf-8` → `application/json`. */
function mediaTypeOf(contentType: string | undefined): string {
	return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/**
 * Step 3 of the pipeline: the body must be one JSON object. n8n has already parsed JSON bodies
 * (and answered 422 to malformed ones before the node runs). Bodies with no content type or
 * `application/octet-stream` reach the node unparsed, so their raw bytes are parsed here; every
 * other content type n8n parses into something that is not JSON (form fields, XML, plain text).
 */
export async function readJsonObject(context: IWebhookFunctions): Promise<BodyReading> {
	const mediaType = mediaTypeOf(context.getHeaderData()['content-type']);
	const isJson = mediaType === 'application/json' || mediaType.endsWith('+json');

	if (isJson) {
		const parsed = context.getBodyData() as unknown;
		// n8n parses `application/json` itself; vendor types such as `application/vnd.api+json`
		// reach the node unparsed, and are read from the raw bytes like an untyped body.
		if (parsed !== undefined) return expectObject(parsed);
	}

	if (isJson || mediaType === '' || mediaType === 'application/octet-stream') {
		const request = context.getRequestObject();
		if (!request.rawBody) await request.readRawBody();
		// A UTF-8 byte order mark is not part of the JSON (n8n's own parser drops it too).
		const text = (request.rawBody?.toString('utf8') ?? '').replace(/^\uFEFF/, '');
		if (text.trim() === '') return expectObject(undefined);
		try {
			return expectObject(JSON.parse(text) as unknown);
		} catch {
			return { ok: false, message: 'The body is not valid JSON', received: text };
		}
	}

	return {
		ok: false,
		message: `Unsupported content type "${mediaType.slice(0, 100)}": send one JSON object with Content-Type: application/json`,
		received: context.getBodyData(),
	};
}
