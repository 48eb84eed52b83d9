import {
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type INode,
	type JsonObject,
	NodeApiError,
} from 'n8n-workflow';

import { baseUrlOf, TOKEN_FAILURE_PREFIX } from './environment';

const CREDENTIAL = 'artemisApi';

/** Customers per page for Get Many; the API's own maximum is not documented. */
export const PAGE_SIZE = 100;

/** A bound on pages for a server that never says which page is the last (memory stays bounded). */
const MAX_PAGES = 10_000;

/** What the caller was doing, for the words of an error. */
export interface RequestContext {
	itemIndex: number;
	customerId?: number;
}

/** One GET on the Artemis API, authenticated by n8n with the credential (token and X-Domain-ID). */
export async function artemisApiRequest(
	this: IExecuteFunctions,
	path: string,
	context: RequestContext,
	qs: IDataObject = {},
): Promise<IDataObject> {
	const credentials = await this.getCredentials(CREDENTIAL, context.itemIndex);
	const options: IHttpRequestOptions = {
		method: 'GET',
		url: `${baseUrlOf(credentials)}${path}`,
		qs,
		headers: { Accept: 'application/json' },
		json: true,
	};
	try {
		return (await this.helpers.httpRequestWithAuthentication.call(
			this,
			CREDENTIAL,
			options,
		)) as IDataObject;
	} catch (error) {
		throw artemisError(this.getNode(), error, context);
	}
}

/** Spring-style pages (`content`, `last`, `totalPages`), from page 0 until the last one or the limit. */
export async function artemisApiRequestAllPages(
	this: IExecuteFunctions,
	path: string,
	context: RequestContext,
	limit?: number,
): Promise<IDataObject[]> {
	const size = limit === undefined ? PAGE_SIZE : Math.min(limit, PAGE_SIZE);
	const results: IDataObject[] = [];
	for (let page = 0; page < MAX_PAGES; page++) {
		const answer = await artemisApiRequest.call(this, path, context, { page, size });
		const content = Array.isArray(answer.content) ? (answer.content as IDataObject[]) : [];
		results.push(...content);
		if (limit !== undefined && results.length >= limit) return results.slice(0, limit);
		if (isLastPage(answer, page, content.length, size)) break;
	}
	return results;
}

function isLastPage(answer: IDataObject, page: number, received: number, size: number): boolean {
	if (received === 0) return true;
	if (typeof answer.last === 'boolean') return answer.last;
	if (typeof answer.totalPages === 'number') return page + 1 >= answer.totalPages;
	return received < size;
}

interface FailedRequest {
	httpCode?: unknown;
	message?: unknown;
	cause?: { response?: { status?: unknown; data?: unknown }; message?: unknown };
	response?: { status?: unknown; data?: unknown };
	context?: { data?: unknown };
}

function statusOf(failure: FailedRequest): number | undefined {
	const status = Number(
		failure.httpCode ?? failure.response?.status ?? failure.cause?.response?.status,
	);
	return Number.isInteger(status) && status > 0 ? status : undefined;
}

/** The API's own words: Spring's `message`, OAuth's `error_description`, or `error`. */
function apiMessageOf(failure: FailedRequest): string | undefined {
	const body = (failure.cause?.response?.data ??
		failure.response?.data ??
		failure.context?.data) as IDataObject | string | undefined;
	if (typeof body === 'string') return body.trim() === '' ? undefined : body.slice(0, 500);
	for (const key of ['message', 'error_description', 'error', 'detail']) {
		const value = body?.[key];
		if (typeof value === 'string' && value.trim() !== '') return value;
	}
	return undefined;
}

const withApiMessage = (sentence: string, apiMessage: string | undefined): string =>
	apiMessage === undefined ? sentence : `${sentence} Artemis said: "${apiMessage}"`;

/**
 * A NodeApiError in the user's words. It is built from the status and the API's message only:
 * n8n's request error holds the request (its Authorization header), which must not reach
 * the execution data.
 */
export function artemisError(node: INode, error: unknown, context: RequestContext): NodeApiError {
	const failure = (error ?? {}) as FailedRequest;
	const causeMessage = typeof failure.cause?.message === 'string' ? failure.cause.message : '';
	const ownMessage = typeof failure.message === 'string' ? failure.message : '';
	// Our credential's pre-authentication failed: say so, with its message (token URL, vendor words).
	const tokenFailure = [causeMessage, ownMessage].find((text) =>
		text.startsWith(TOKEN_FAILURE_PREFIX),
	);
	if (tokenFailure !== undefined) {
		return apiError(node, context, undefined, {
			message: 'The "Artemis API" credential could not get an access token',
			description: `${tokenFailure}. Check its Environment, Client ID and Client Secret.`,
		});
	}
	const status = statusOf(failure);
	const apiMessage = apiMessageOf(failure);
	const id = context.customerId;
	switch (true) {
		case status === 404 && id !== undefined:
			return apiError(node, context, status, {
				message: 'The customer was not found',
				description: withApiMessage(
					`Artemis has no customer with ID ${id} in this domain (HTTP 404).`,
					apiMessage,
				),
			});
		case status === 401:
			return apiError(node, context, status, {
				message: 'Artemis refused the access token of the "Artemis API" credential (401)',
				description: withApiMessage(
					'n8n fetched a new token and tried again. Check the Environment, Client ID and Client Secret of the credential.',
					apiMessage,
				),
			});
		case status === 403:
			return apiError(node, context, status, {
				message: 'Artemis refused access for the "Artemis API" credential (403)',
				description: withApiMessage(
					'The token is valid but has no access here. Check the Domain ID of the credential and the rights of its client.',
					apiMessage,
				),
			});
		case status === 429:
			return apiError(node, context, status, {
				message: 'Artemis is receiving too many requests (429)',
				description: withApiMessage(
					'Try again later, or turn on "Retry On Fail" in the node settings.',
					apiMessage,
				),
			});
		case status !== undefined && status >= 500:
			return apiError(node, context, status, {
				message: `Artemis failed to process the request (HTTP ${status})`,
				description: withApiMessage(
					'The Artemis API had a problem. Try again later, or turn on "Retry On Fail" in the node settings.',
					apiMessage,
				),
			});
		case status !== undefined:
			return apiError(node, context, status, {
				message: apiMessage ?? `Artemis answered HTTP ${status}`,
				description: `The Artemis API answered HTTP ${status}.`,
			});
		default:
			return apiError(node, context, undefined, {
				message: 'The Artemis API could not be reached',
				description: `${ownMessage || causeMessage || 'No answer'}. Check the API Base URL of the "Artemis API" credential.`,
			});
	}
}

function apiError(
	node: INode,
	context: RequestContext,
	status: number | undefined,
	words: { message: string; description: string },
): NodeApiError {
	const safe: JsonObject = { message: words.message };
	if (status !== undefined) safe.status = status;
	return new NodeApiError(node, safe, {
		...words,
		httpCode: status === undefined ? undefined : String(status),
		itemIndex: context.itemIndex,
	});
}
