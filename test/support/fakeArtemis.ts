/**
 * A fake Artemis on 127.0.0.1 (random port), as Cynopsis documents it: the CRM's OAuth2 token
 * endpoint (form-encoded client credentials) and the three customer GETs, which demand
 * `Authorization: Bearer <a live token>` and `X-Domain-ID: <the domain>`. Tests can expire every
 * token, queue failures (429, 5xx), and read every request it received.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeArtemisOptions {
	clientId?: string;
	clientSecret?: string;
	domainId?: string;
	/** Customers by id; default: 1042 and 1043 plus `extraCustomers` generated ones. */
	customers?: Record<number, Record<string, unknown>>;
	/** How many generated customers (ids 2001…) to add for paging tests. */
	extraCustomers?: number;
	/** The largest page size the fake honours (Spring's caps are server-side). */
	maxPageSize?: number;
}

export interface ReceivedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: IncomingMessage['headers'];
	body: string;
	status: number;
}

export interface FakeArtemis {
	/** `http://127.0.0.1:<port>`: the API base URL. */
	baseUrl: string;
	/** `${baseUrl}/oauth/token` */
	tokenUrl: string;
	clientId: string;
	clientSecret: string;
	domainId: string;
	requests: ReceivedRequest[];
	/** Tokens issued so far, in order. */
	issuedTokens: string[];
	/** Every issued token answers 401 from now on, as an expired one does. */
	expireTokens(): void;
	/** Every token issued so far expires once `calls` more API calls have been answered 200. */
	expireTokensAfter(calls: number): void;
	/** The next `count` API calls (not token calls) answer `status` with a Spring-style body. */
	failNext(status: number, count?: number): void;
	setCustomer(id: number, customer: Record<string, unknown>): void;
	apiRequests(): ReceivedRequest[];
	tokenRequests(): ReceivedRequest[];
	close(): Promise<void>;
}

export function artemisCustomer(
	id: number,
	overrides: Record<string, unknown> = {},
): Record<string, unknown> {
	return {
		id,
		referenceId: `CUST-${id}`,
		profileReferenceId: `PRF-${id}`,
		profileId: 70000 + id,
		parentId: null,
		active: true,
		status: 'CLEARED',
		riskRating: 'LOW',
		lastRiskAssessment: '2026-11-20T08:00:00Z',
		listRoleAsText: ['CUSTOMER'],
		assignees: [
			{
				id: 7,
				email: 'officer@example.com',
				firstName: 'Ada',
				lastName: 'Officer',
				fullName: 'Ada Officer',
			},
		],
		particular: { name: `Customer ${id}`, nationality: 'SG' },
		forms: { kyc: { complete: true } },
		roles: [],
		notes: {},
		other: {},
		createdAt: '2026-11-01T08:00:00.000+00:00',
		updatedAt: '2026-11-25T10:00:00.000+00:00',
		createdBy: { id: 7, email: 'officer@example.com' },
		updatedBy: { id: 7, email: 'officer@example.com' },
		...overrides,
	};
}

export function riskAssessmentOf(customer: Record<string, unknown>): Record<string, unknown> {
	return {
		id: 600 + Number(customer.id),
		customerId: customer.id,
		riskRating: customer.riskRating,
		overrideRiskRating: null,
		riskScore: 12.5,
		approvalStatus: 'ACCEPTED',
		risk: { comments: { '926': [] } },
		createdAt: '2026-11-20T08:00:00.000+00:00',
		updatedAt: '2026-11-20T08:00:00.000+00:00',
		createdBy: { id: 7, email: 'officer@example.com' },
		updatedBy: { id: 7, email: 'officer@example.com' },
	};
}

function readBody(request: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		request.on('error', reject);
	});
}

export async function startFakeArtemis(options: FakeArtemisOptions = {}): Promise<FakeArtemis> {
	const clientId = options.clientId ?? 'n8n-client';
	const clientSecret = options.clientSecret ?? 'sEcReT-artemis-4f1c9a7e2b';
	const domainId = options.domainId ?? '42';
	const maxPageSize = options.maxPageSize ?? 1000;
	const customers = new Map<number, Record<string, unknown>>();
	for (const [id, customer] of Object.entries(
		options.customers ?? { 1042: artemisCustomer(1042), 1043: artemisCustomer(1043) },
	)) {
		customers.set(Number(id), customer);
	}
	for (let index = 0; index < (options.extraCustomers ?? 0); index++)
		customers.set(2001 + index, artemisCustomer(2001 + index));

	const requests: ReceivedRequest[] = [];
	const issuedTokens: string[] = [];
	const liveTokens = new Set<string>();
	const failures: number[] = [];
	let answeredBeforeExpiry: number | undefined;

	function answer(
		response: ServerResponse,
		record: ReceivedRequest,
		status: number,
		body: unknown,
	): void {
		record.status = status;
		if (
			status === 200 &&
			record.path.startsWith('/api/') &&
			answeredBeforeExpiry !== undefined &&
			--answeredBeforeExpiry <= 0
		) {
			liveTokens.clear();
			answeredBeforeExpiry = undefined;
		}
		response.writeHead(status, { 'Content-Type': 'application/json' });
		response.end(JSON.stringify(body));
	}

	const springError = (status: number, error: string, message: string, path: string) => ({
		timestamp: new Date().toISOString(),
		status,
		error,
		message,
		path,
	});

	async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const body = await readBody(request);
		const url = new URL(request.url ?? '/', 'http://127.0.0.1');
		const record: ReceivedRequest = {
			method: request.method ?? '',
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			headers: request.headers,
			body,
			status: 0,
		};
		requests.push(record);

		if (url.pathname === '/oauth/token') {
			const form = new URLSearchParams(body);
			const formEncoded = (request.headers['content-type'] ?? '').startsWith(
				'application/x-www-form-urlencoded',
			);
			if (
				request.method !== 'POST' ||
				!formEncoded ||
				form.get('grant_type') !== 'client_credentials'
			) {
				return answer(response, record, 400, {
					error: 'unsupported_grant_type',
					error_description: 'Use a form-encoded client_credentials grant',
				});
			}
			if (form.get('client_id') !== clientId || form.get('client_secret') !== clientSecret) {
				return answer(response, record, 401, {
					error: 'invalid_client',
					error_description: 'Bad client credentials',
				});
			}
			const token = `fake-token-${issuedTokens.length + 1}`;
			issuedTokens.push(token);
			liveTokens.add(token);
			return answer(response, record, 200, {
				access_token: token,
				token_type: 'bearer',
				expires_in: 28800,
				scope: 'read',
			});
		}

		const authorization = request.headers.authorization ?? '';
		const token = /^Bearer (.+)$/.exec(authorization)?.[1];
		if (token === undefined || !liveTokens.has(token)) {
			const expired = token !== undefined && issuedTokens.includes(token);
			return answer(response, record, 401, {
				error: 'invalid_token',
				error_description: expired ? 'Access token expired' : 'Invalid access token',
			});
		}
		if (request.headers['x-domain-id'] !== domainId) {
			return answer(
				response,
				record,
				403,
				springError(403, 'Forbidden', 'Access is denied for this domain', url.pathname),
			);
		}
		const failure = failures.shift();
		if (failure !== undefined) {
			const reason = failure === 429 ? 'Too Many Requests' : 'Service Unavailable';
			return answer(
				response,
				record,
				failure,
				springError(failure, reason, `Fake Artemis: ${reason.toLowerCase()}`, url.pathname),
			);
		}
		if (request.method !== 'GET') {
			return answer(
				response,
				record,
				405,
				springError(405, 'Method Not Allowed', 'Only GET here', url.pathname),
			);
		}

		if (url.pathname === '/api/customer') {
			const page = Number(url.searchParams.get('page') ?? '0');
			const size = Math.min(Number(url.searchParams.get('size') ?? '20'), maxPageSize);
			const all = [...customers.values()];
			const content = all.slice(page * size, page * size + size);
			const totalPages = Math.ceil(all.length / size);
			return answer(response, record, 200, {
				content,
				number: page,
				size,
				numberOfElements: content.length,
				totalElements: all.length,
				totalPages,
				first: page === 0,
				last: page + 1 >= totalPages,
				empty: content.length === 0,
			});
		}
		const match = /^\/api\/customer\/([^/]+)(\/risk-assessment)?$/.exec(url.pathname);
		if (match !== null) {
			const customer = customers.get(Number(match[1]));
			if (customer === undefined) {
				return answer(
					response,
					record,
					404,
					springError(404, 'Not Found', `Customer ${match[1]} not found`, url.pathname),
				);
			}
			return answer(
				response,
				record,
				200,
				match[2] === undefined ? customer : riskAssessmentOf(customer),
			);
		}
		return answer(
			response,
			record,
			404,
			springError(404, 'Not Found', 'No such endpoint', url.pathname),
		);
	}

	const server: Server = createServer((request, response) => {
		void handle(request, response);
	});
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	const { port } = server.address() as AddressInfo;
	const baseUrl = `http://127.0.0.1:${port}`;

	return {
		baseUrl,
		tokenUrl: `${baseUrl}/oauth/token`,
		clientId,
		clientSecret,
		domainId,
		requests,
		issuedTokens,
		expireTokens: () => liveTokens.clear(),
		expireTokensAfter(calls) {
			answeredBeforeExpiry = calls;
		},
		failNext(status, count = 1) {
			for (let index = 0; index < count; index++) failures.push(status);
		},
		setCustomer: (id, customer) => void customers.set(id, customer),
		apiRequests: () => requests.filter((request) => request.path.startsWith('/api/')),
		tokenRequests: () => requests.filter((request) => request.path === '/oauth/token'),
		async close() {
			server.closeAllConnections();
			server.close();
			await once(server, 'close');
		},
	};
}
