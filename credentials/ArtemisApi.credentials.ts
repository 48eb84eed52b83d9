import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	INodeProperties,
} from 'n8n-workflow';

import {
	PRODUCTION_BASE_URL,
	TOKEN_FAILURE_PREFIX,
	tokenUrlOf,
} from '../nodes/Artemis/environment';

/** Same rule as `baseUrlOf`, as an expression: n8n resolves the test request's URL itself. */
const BASE_URL_EXPRESSION = `={{ $credentials.environment === 'uat' || $credentials.environment === 'custom' ? String($credentials.baseUrl).trim().replace(/\\/+$/, '') : '${PRODUCTION_BASE_URL}' }}`;

const text = (value: unknown): string =>
	typeof value === 'string' || typeof value === 'number' ? String(value) : '';

interface TokenAnswer {
	access_token?: unknown;
}

/** Status and the vendor's words from a failed token request; nothing of the request itself. */
function describeTokenFailure(error: unknown): string {
	const failure = error as {
		response?: { status?: unknown; data?: unknown };
		httpCode?: unknown;
		message?: unknown;
	};
	const status = failure.response?.status ?? failure.httpCode;
	const data = failure.response?.data as IDataObject | undefined;
	const words = [data?.error, data?.error_description, data?.message].filter(
		(part) => typeof part === 'string',
	);
	const detail =
		words.length > 0
			? words.join(': ')
			: typeof failure.message === 'string'
				? failure.message
				: 'no answer';
	return text(status) === '' ? detail : `HTTP ${text(status)}, ${detail}`;
}

/**
 * Cynopsis' OAuth2 client-credentials grant (form-encoded client ID and secret at the CRM's
 * `/oauth/token`). n8n's pre-authentication runs it when the token is empty and again when Artemis
 * answers 401 (an expired token), then retries the call once: no token handling in the node.
 * Every call carries the token and the X-Domain-ID header.
 */
export class ArtemisApi implements ICredentialType {
	name = 'artemisApi';

	displayName = 'Artemis API';

	icon = { light: 'file:artemis.svg', dark: 'file:artemis.dark.svg' } as const;

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-artemis-artisio#artemis-node';

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{
					name: 'Production',
					value: 'production',
					description: 'Token from crm.cynopsis.co, API at api.artemis.cynopsis.co',
				},
				{
					name: 'UAT',
					value: 'uat',
					description: 'Token from crm-demo.cynopsis.co, API at the UAT address Cynopsis gave you',
				},
				{ name: 'Custom', value: 'custom', description: 'Token URL and API base URL of your own' },
			],
			default: 'production',
		},
		{
			displayName: 'Token URL',
			name: 'tokenUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://crm.example.com/oauth/token',
			description: 'The full OAuth2 token endpoint, ending in /oauth/token',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://api.artemis.example.com',
			description:
				'The address of the Artemis API, without /api (Cynopsis gives it with your UAT access)',
			displayOptions: { show: { environment: ['uat', 'custom'] } },
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'The client ID Cynopsis issued to you',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The client secret Cynopsis issued with the client ID',
		},
		{
			displayName: 'Domain ID',
			name: 'domainId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '42',
			description: 'Your Artemis domain (a number), sent as the X-Domain-ID header with every call',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const tokenUrl = tokenUrlOf(credentials);
		const form = new URLSearchParams({
			grant_type: 'client_credentials',
			client_id: text(credentials.clientId),
			client_secret: text(credentials.clientSecret),
		});
		let answer: TokenAnswer;
		try {
			answer = (await this.helpers.httpRequest({
				method: 'POST',
				url: tokenUrl,
				headers: {
					'Content-Type': 'application/x-www-form-urlencoded',
					Accept: 'application/json',
				},
				body: form.toString(),
			})) as TokenAnswer;
		} catch (error) {
			// A new error, not the request's: the request held the client secret in its body.
			throw new Error(
				`${TOKEN_FAILURE_PREFIX} the token URL ${tokenUrl} refused the client ID and secret (${describeTokenFailure(error)})`,
			);
		}
		if (typeof answer?.access_token !== 'string' || answer.access_token === '') {
			throw new Error(
				`${TOKEN_FAILURE_PREFIX} the token URL ${tokenUrl} answered without an access_token`,
			);
		}
		return { accessToken: answer.access_token };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.accessToken}}',
				'X-Domain-ID': '={{$credentials.domainId}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: BASE_URL_EXPRESSION,
			url: '/api/customer',
			qs: { page: 0, size: 1 },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'A token was issued, but the Artemis API refused it (401): check that the environment matches your client ID',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'The token works, but the Artemis API refused this Domain ID (403): check the Domain ID',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'The token works, but the API Base URL answered 404: check the API Base URL (without /api)',
				},
			},
		],
	};
}
