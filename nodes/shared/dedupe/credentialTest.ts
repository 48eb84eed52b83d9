import Redis from 'ioredis';
import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import {
	clientOptions,
	describeRedis,
	describeRedisError,
	redisSettingsOf,
} from './redisConnection';

/**
 * The editor's "Test" button for the Redis (Deduplication) credential: connects once, without
 * retries, and says which step failed: reaching the host, the user name or password, the database
 * number, or a Redis that cannot run the store's script. Each step on its own, because ioredis
 * reports a failed AUTH or SELECT during connect only as an event.
 */
export async function dedupeRedisConnectionTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const settings = redisSettingsOf(credential.data ?? {});
	// AUTH and SELECT are sent below, one step at a time, so that a failure names its step.
	const { username, password, ...connection } = clientOptions(settings);
	const client = new Redis({
		...connection,
		db: 0,
		lazyConnect: true,
		retryStrategy: () => null,
		enableOfflineQueue: false,
		connectTimeout: 5000,
		commandTimeout: 5000,
	});
	let lastError: Error | undefined;
	client.on('error', (error: Error) => {
		lastError = error;
	});
	try {
		await client.connect();
		if (password !== undefined) {
			if (username !== undefined) await client.auth(username, password);
			else await client.auth(password);
		}
		await client.select(settings.database);
		// The store runs Lua (EVAL): some managed Redis services forbid scripts.
		await client.eval('return 1', 0);
		return { status: 'OK', message: `Connected to ${describeRedis(settings)}` };
	} catch (error: unknown) {
		return { status: 'Error', message: describeRedisError(error, settings, lastError) };
	} finally {
		client.disconnect();
	}
}
