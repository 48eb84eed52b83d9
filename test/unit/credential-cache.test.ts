/**
 * The credential read bound: what a process remembers of a credential (per credential id, at most
 * CREDENTIAL_MAX_AGE_MS, bounded), and the Artisio bearer check built on it, with an injected
 * clock: a token changed in n8n works at once, the old one is refused within the bound, a wrong
 * token is never remembered.
 */
import { createHash } from 'node:crypto';

import { checkBearer } from '../../nodes/shared/bearer';
import { CREDENTIAL_MAX_AGE_MS, CredentialCache } from '../../nodes/shared/credentialCache';

describe('CredentialCache', () => {
	it('answers from what was read for less than the bound, and not from then on', () => {
		const cache = new CredentialCache<string>({ maxAgeMs: 2000 });
		cache.remember('cred-1', 'read at 1000', 1000);
		expect(cache.fresh('cred-1', 1000)).toBe('read at 1000');
		expect(cache.fresh('cred-1', 2999)).toBe('read at 1000');
		expect(cache.fresh('cred-1', 3000)).toBeUndefined();
		expect(cache.last('cred-1')).toBe('read at 1000');
		expect(cache.fresh('cred-2', 1000)).toBeUndefined();
	});

	it('reads again when the clock went back (the age is unknown then)', () => {
		const cache = new CredentialCache<string>({ maxAgeMs: 2000 });
		cache.remember('cred-1', 'value', 5000);
		expect(cache.fresh('cred-1', 4999)).toBeUndefined();
	});

	it('remembers nothing for a credential without an id', () => {
		const cache = new CredentialCache<string>();
		cache.remember(undefined, 'value', 1000);
		expect(cache.size).toBe(0);
		expect(cache.fresh(undefined, 1000)).toBeUndefined();
	});

	it('keeps at most `capacity` credentials, the least recently read leaving first, and says which left', () => {
		const evicted: string[] = [];
		const cache = new CredentialCache<string>({
			capacity: 3,
			onEvict: (value) => evicted.push(value),
		});
		for (const id of ['a', 'b', 'c']) cache.remember(id, `value ${id}`, 1000);
		cache.remember('a', 'value a', 1001); // read again: now the most recent
		cache.remember('d', 'value d', 1002);
		expect(cache.size).toBe(3);
		expect(evicted).toEqual(['value b']);
		expect(cache.last('b')).toBeUndefined();
		expect(cache.last('a')).toBe('value a');
		// A changed value replaces the old one, which is handed back; the same value is not.
		cache.remember('a', 'value a2', 1003);
		expect(evicted).toEqual(['value b', 'value a']);
		cache.clear();
		expect(cache.size).toBe(0);
		expect(evicted).toHaveLength(5);
	});

	it('holds 10,000 credential ids in turn within its capacity', () => {
		const cache = new CredentialCache<number>({ capacity: 100 });
		for (let index = 0; index < 10_000; index++) cache.remember(`cred-${index}`, index, index);
		expect(cache.size).toBe(100);
	});
});

describe('checkBearer: the Artisio token, read at most once per bound', () => {
	const OLD = 'art_old_0123456789abcdef0123456789abcdef';
	const NEW = 'art_new_fedcba9876543210fedcba9876543210';

	/** The credential as n8n holds it, and how often the node read it. */
	function credential(token: string): {
		token: string;
		reads: number;
		read: () => Promise<string>;
	} {
		const state = {
			token,
			reads: 0,
			read: async () => {
				state.reads += 1;
				return await Promise.resolve(state.token);
			},
		};
		return state;
	}

	function checker(
		stored: ReturnType<typeof credential>,
		cache = new CredentialCache<Buffer>(),
		credentialId: string | null = 'cred-1',
	) {
		return async (token: string | undefined, now: number): Promise<boolean> =>
			await checkBearer({
				header: token === undefined ? undefined : `Bearer ${token}`,
				credentialId: credentialId ?? undefined,
				readToken: stored.read,
				now,
				cache,
			});
	}

	it('reads the credential once for a burst of requests with the right token', async () => {
		const stored = credential(OLD);
		const check = checker(stored);
		for (let now = 0; now < CREDENTIAL_MAX_AGE_MS; now += 50)
			expect(await check(OLD, now)).toBe(true);
		expect(stored.reads).toBe(1);
		expect(await check(OLD, CREDENTIAL_MAX_AGE_MS)).toBe(true);
		expect(stored.reads).toBe(2);
	});

	it('refuses the old token within the bound after a change, and takes the new one at once', async () => {
		const stored = credential(OLD);
		const check = checker(stored);
		const readAt = 10_000;
		expect(await check(OLD, readAt)).toBe(true);
		const changedAt = readAt + 300;
		stored.token = NEW;
		// The new token is not the one remembered: the credential is read again, and it is taken at once.
		expect(await check(NEW, changedAt)).toBe(true);
		// From then on the old token is refused at once.
		expect(await check(OLD, changedAt + 1)).toBe(false);
		expect(await check(NEW, changedAt + 2)).toBe(true);
	});

	it('refuses the old token at the latest CREDENTIAL_MAX_AGE_MS after the change when only the old one is sent', async () => {
		const stored = credential(OLD);
		const check = checker(stored);
		const readAt = 10_000;
		expect(await check(OLD, readAt)).toBe(true);
		// Changed right after the read: the worst case.
		stored.token = NEW;
		const changedAt = readAt + 1;
		let lastAccepted = -1;
		for (let now = changedAt; now <= changedAt + 2 * CREDENTIAL_MAX_AGE_MS; now += 10) {
			if (await check(OLD, now)) lastAccepted = now;
		}
		expect(lastAccepted).toBeGreaterThanOrEqual(changedAt);
		expect(lastAccepted - changedAt).toBeLessThan(CREDENTIAL_MAX_AGE_MS);
		expect(await check(OLD, changedAt + CREDENTIAL_MAX_AGE_MS)).toBe(false);
		expect(await check(NEW, changedAt + CREDENTIAL_MAX_AGE_MS)).toBe(true);
	});

	it('never remembers a wrong token as known good: every wrong token is checked against a fresh read and refused', async () => {
		const stored = credential(OLD);
		const check = checker(stored);
		expect(await check(OLD, 0)).toBe(true);
		expect(await check('wrong', 10)).toBe(false);
		expect(await check('wrong', 20)).toBe(false);
		expect(stored.reads).toBe(3);
		// The right token still passes from memory.
		expect(await check(OLD, 30)).toBe(true);
		expect(stored.reads).toBe(3);
	});

	it('refuses a request without a bearer token without reading the credential', async () => {
		const stored = credential(OLD);
		const cache = new CredentialCache<Buffer>();
		for (const header of [
			undefined,
			'',
			`Basic ${OLD}`,
			OLD,
			'Bearer ',
			[`Bearer ${OLD}`, `Bearer ${OLD}`],
		]) {
			expect(
				await checkBearer({
					header,
					credentialId: 'cred-1',
					readToken: stored.read,
					now: 0,
					cache,
				}),
			).toBe(false);
		}
		expect(stored.reads).toBe(0);
	});

	it('refuses everything while the credential holds no token, and remembers nothing then', async () => {
		const stored = credential('');
		const cache = new CredentialCache<Buffer>();
		const check = checker(stored, cache);
		expect(await check('', 0)).toBe(false);
		expect(await check('anything', 1)).toBe(false);
		expect(cache.size).toBe(0);
	});

	it('reads the credential on every request when the node has no credential id', async () => {
		const stored = credential(OLD);
		const check = checker(stored, new CredentialCache<Buffer>(), null);
		expect(await check(OLD, 0)).toBe(true);
		expect(await check(OLD, 1)).toBe(true);
		expect(stored.reads).toBe(2);
	});

	it('keeps each credential id apart', async () => {
		const cache = new CredentialCache<Buffer>();
		const first = credential(OLD);
		const second = credential(NEW);
		expect(await checker(first, cache, 'cred-1')(OLD, 0)).toBe(true);
		expect(await checker(second, cache, 'cred-2')(OLD, 1)).toBe(false);
		expect(await checker(second, cache, 'cred-2')(NEW, 2)).toBe(true);
		expect(await checker(first, cache, 'cred-1')(NEW, 3)).toBe(false);
	});

	it('remembers a SHA-256 digest of the token, never the token itself', async () => {
		const cache = new CredentialCache<Buffer>();
		expect(await checker(credential(OLD), cache)(OLD, 0)).toBe(true);
		const remembered = cache.last('cred-1');
		expect(remembered).toEqual(createHash('sha256').update(OLD, 'utf8').digest());
		expect(remembered?.toString('utf8')).not.toContain(OLD);
	});
});
