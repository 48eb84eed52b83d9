import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/**
 * Where each Artemis environment lives. Cynopsis documents both token URLs and the production API;
 * the UAT API address is given to each customer by Cynopsis, so UAT asks for it like Custom does.
 */
export const PRODUCTION_TOKEN_URL = 'https://crm.cynopsis.co/oauth/token';
export const UAT_TOKEN_URL = 'https://crm-demo.cynopsis.co/oauth/token';
export const PRODUCTION_BASE_URL = 'https://api.artemis.cynopsis.co';

/**
 * How a failed token request's error begins. The credential throws it; the node recognizes it in
 * n8n's wrapped error (they are separate bundles, so a shared class would not match).
 */
export const TOKEN_FAILURE_PREFIX = 'Artemis API credential:';

export type ArtemisEnvironment = 'production' | 'uat' | 'custom';

const withoutTrailingSlash = (url: string): string => url.trim().replace(/\/+$/, '');

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

export function tokenUrlOf(credentials: ICredentialDataDecryptedObject): string {
	switch (credentials.environment as ArtemisEnvironment) {
		case 'uat':
			return UAT_TOKEN_URL;
		case 'custom':
			return text(credentials.tokenUrl).trim();
		default:
			return PRODUCTION_TOKEN_URL;
	}
}

export function baseUrlOf(credentials: ICredentialDataDecryptedObject): string {
	return credentials.environment === 'uat' || credentials.environment === 'custom'
		? withoutTrailingSlash(text(credentials.baseUrl))
		: PRODUCTION_BASE_URL;
}
