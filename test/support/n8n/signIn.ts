/**
 * Owner, login and API key: what the harness does once per n8n so that tests can call its REST and
 * public APIs.
 *
 * - Login cookies are issued without a browser id when the login request sends no `browser-id`
 *   header; such a cookie passes the browser-id check on every endpoint.
 * - n8n 1.x (verified on 1.123.81) is the same as 2.x here: owner setup, login, `/rest/api-keys`
 *   (+ `/scopes`, `data.rawApiKey`).
 */
import { isRecord, sleep } from '../util';

/**
 * fetch, tried again when n8n closed a kept-alive connection just as the request went out
 * (`SocketError: other side closed`). Seen when a loaded machine stalls the test process for longer
 * than n8n's keep-alive timeout: the request never reached n8n, so sending it again is safe. The
 * event loop was blocked, so every idle socket of the pool can be stale at once and the FINs not yet
 * read: wait a moment before the next try, which lets the pool read them and open a fresh
 * connection (seen: after a test blocked the process for 14 s, the first try failed, the next one
 * 200 ms later got its answer).
 */
export async function fetchOnFreshSocket(url: string, init: RequestInit): Promise<Response> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await fetch(url, init);
		} catch (error) {
			// By name, not instanceof: under jest, fetch's TypeError comes from another realm than the test's.
			const { name, cause } = error as { name?: unknown; cause?: { code?: unknown } };
			if (name !== 'TypeError' || cause?.code !== 'UND_ERR_SOCKET' || attempt >= 4) throw error;
			await sleep(50 * attempt);
		}
	}
}

export async function restJson(
	baseUrl: string,
	method: string,
	path: string,
	body: unknown,
	cookie?: string,
): Promise<{ json: unknown; response: Response }> {
	const headers: Record<string, string> = {
		accept: 'application/json',
		'content-type': 'application/json',
	};
	if (cookie !== undefined) headers.cookie = cookie;
	const response = await fetchOnFreshSocket(`${baseUrl}${path}`, {
		method,
		headers,
		body: body === undefined ? undefined : JSON.stringify(body),
		signal: AbortSignal.timeout(60_000),
	});
	const text = await response.text();
	if (!response.ok)
		throw new Error(`n8n ${method} ${path} → ${response.status}: ${text.slice(0, 1000)}`);
	return { json: text === '' ? undefined : (JSON.parse(text) as unknown), response };
}

export async function login(
	baseUrl: string,
	owner: { email: string; password: string },
): Promise<string> {
	const { response } = await restJson(baseUrl, 'POST', '/rest/login', {
		emailOrLdapLoginId: owner.email,
		password: owner.password,
	});
	const cookie = response.headers
		.getSetCookie()
		.map((header) => header.split(';')[0])
		.find((pair) => pair.startsWith('n8n-auth='));
	if (cookie === undefined) throw new Error('POST /rest/login set no n8n-auth cookie');
	return cookie;
}

/** `userManagement.showSetupOnFirstLoad` is true until the owner account exists. */
export async function ownerMissing(baseUrl: string): Promise<boolean> {
	const { json } = await restJson(baseUrl, 'GET', '/rest/settings', undefined);
	const settings = isRecord(json) && isRecord(json.data) ? json.data : {};
	const userManagement = isRecord(settings.userManagement) ? settings.userManagement : {};
	return userManagement.showSetupOnFirstLoad === true;
}

export async function createApiKey(baseUrl: string, cookie: string): Promise<string> {
	const { json: scopesJson } = await restJson(
		baseUrl,
		'GET',
		'/rest/api-keys/scopes',
		undefined,
		cookie,
	);
	const scopes = isRecord(scopesJson) && Array.isArray(scopesJson.data) ? scopesJson.data : [];
	const { json } = await restJson(
		baseUrl,
		'POST',
		'/rest/api-keys',
		{ label: `harness ${new Date().toISOString()}`, scopes, expiresAt: null },
		cookie,
	);
	const key = isRecord(json) && isRecord(json.data) ? json.data.rawApiKey : undefined;
	if (typeof key !== 'string')
		throw new Error(`POST /rest/api-keys gave no rawApiKey: ${JSON.stringify(json)}`);
	return key;
}

export async function apiKeyWorks(baseUrl: string, apiKey: string): Promise<boolean> {
	const response = await fetch(`${baseUrl}/api/v1/workflows?limit=1`, {
		headers: { 'x-n8n-api-key': apiKey },
		signal: AbortSignal.timeout(30_000),
	});
	await response.arrayBuffer();
	return response.ok;
}
