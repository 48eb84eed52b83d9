/**
 * What the harness keeps in an n8n user folder between starts: the encryption key, the owner's
 * login and the API key.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { isRecord } from '../util';

/** Kept in the user folder so that `restart()` and later `npm run dev` runs reuse key and login. */
export interface HarnessState {
	encryptionKey: string;
	owner: { email: string; password: string };
	apiKey?: string;
}

export const DEFAULT_OWNER = { email: 'owner@example.com', password: 'Harness-password-1' };

/** Reuses the key n8n wrote into an existing user folder: a different one makes n8n refuse to start. */
export function existingEncryptionKey(userFolder: string): string | undefined {
	const config = join(userFolder, '.n8n', 'config');
	if (!existsSync(config)) return undefined;
	try {
		const parsed: unknown = JSON.parse(readFileSync(config, 'utf8'));
		return isRecord(parsed) && typeof parsed.encryptionKey === 'string'
			? parsed.encryptionKey
			: undefined;
	} catch {
		return undefined;
	}
}

export function readState(file: string): HarnessState | undefined {
	if (!existsSync(file)) return undefined;
	const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
	if (!isRecord(parsed) || typeof parsed.encryptionKey !== 'string' || !isRecord(parsed.owner))
		return undefined;
	const { email, password } = parsed.owner;
	if (typeof email !== 'string' || typeof password !== 'string') return undefined;
	return {
		encryptionKey: parsed.encryptionKey,
		owner: { email, password },
		apiKey: typeof parsed.apiKey === 'string' ? parsed.apiKey : undefined,
	};
}

export function writeState(file: string, state: HarnessState): void {
	writeFileSync(file, JSON.stringify(state, null, 2), { mode: 0o600 });
}
