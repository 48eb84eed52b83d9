/**
 * Starting n8n: `startN8n()` for a main process with an owner and an API key, `startN8nProcess()`
 * for the webhook processes and workers of queue mode, and `connect()` for an n8n that another
 * process started.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { assertPortFree, freePorts } from '../services';
import { errorText, LOOPBACK, removeFolder } from '../util';
import { Client } from './client';
import { n8nEnvironment } from './environment';
import { n8nBin } from './install';
import { Instance } from './instance';
import { installPackage, PROJECT_ROOT } from './package';
import { ProcessHandle, READINESS_PATHS } from './process';
import {
	DEFAULT_OWNER,
	existingEncryptionKey,
	type HarnessState,
	readState,
	writeState,
} from './state';
import type {
	ConnectionInfo,
	N8nClient,
	N8nCommand,
	N8nInstance,
	N8nProcess,
	N8nProcessOptions,
	StartOptions,
} from './types';

function assertInstalled(): void {
	if (!existsSync(n8nBin)) {
		throw new Error(
			`n8n is not installed at ${n8nBin}: run \`npm run n8n:install\` (or call ensureN8n()) first`,
		);
	}
}

/**
 * Spawns one n8n process on free ports (or the given ones) and waits until it is ready. Free ports
 * come from listen(0) and are released before n8n binds them: another process can take one in
 * between. n8n then fails with EADDRINUSE, and we try again with new ports.
 */
async function launch(args: {
	name: string;
	command: N8nCommand;
	userFolder: string;
	tempFolder: string | undefined;
	encryptionKey: string;
	logFile: string;
	options: StartOptions & { healthPort?: number; readinessPaths?: string[] };
}): Promise<ProcessHandle> {
	const { options, command } = args;
	const wantsHealthPort = command === 'worker';
	if (options.port !== undefined) await assertPortFree(options.port, `n8n ${args.name}`);
	if (options.brokerPort !== undefined)
		await assertPortFree(options.brokerPort, `Task-runner broker (${args.name})`);
	if (wantsHealthPort && options.healthPort !== undefined)
		await assertPortFree(options.healthPort, `Worker server (${args.name})`);
	const fixed = [
		options.port,
		options.brokerPort,
		wantsHealthPort ? options.healthPort : undefined,
	];
	const autoPorts = fixed.some((port) => port === undefined);
	for (let attempt = 1; ; attempt++) {
		const pool = (await freePorts(6)).filter((port) => !fixed.includes(port));
		const take = (given: number | undefined): number => given ?? pool.shift() ?? 0;
		const port = take(options.port);
		const brokerPort = take(options.brokerPort);
		const healthPort = wantsHealthPort ? take(options.healthPort) : undefined;
		const roleEnv: Record<string, string> =
			command === 'start'
				? {}
				: {
						// `n8n webhook` refuses to start otherwise (`n8n worker` forces it itself).
						EXECUTIONS_MODE: 'queue',
						...(healthPort === undefined
							? {}
							: {
									QUEUE_HEALTH_CHECK_ACTIVE: 'true',
									QUEUE_HEALTH_CHECK_PORT: String(healthPort),
									N8N_WORKER_SERVER_ADDRESS: LOOPBACK,
								}),
					};
		const env = n8nEnvironment({
			userFolder: args.userFolder,
			port,
			brokerPort,
			encryptionKey: args.encryptionKey,
			extra: { ...roleEnv, ...(options.env ?? {}) },
		});
		const handle = new ProcessHandle({
			name: args.name,
			command,
			userFolder: args.userFolder,
			logFile: args.logFile,
			env,
			port,
			brokerPort,
			healthPort,
			readinessPaths: options.readinessPaths ?? READINESS_PATHS[command],
			startTimeoutMs: options.startTimeoutMs ?? 180_000,
			tempFolder: args.tempFolder,
		});
		try {
			await handle.boot();
			return handle;
		} catch (error: unknown) {
			const text = errorText(error);
			if (
				attempt >= 3 ||
				!autoPorts ||
				!(text.includes('EADDRINUSE') || /is already in use/.test(text))
			) {
				// Nobody holds a handle to stop: the temporary folder goes now (the watchdog is gone too).
				removeFolder(args.tempFolder);
				throw error;
			}
		}
	}
}

/**
 * Starts n8n and returns when it is ready, with an owner, a login cookie and an API key.
 * `ensureN8n()` (install.ts) must have run before (globalSetup and `npm run dev` do it).
 * Startup failures throw with the tail of n8n's log.
 */
/** The build n8n loads: `N8N_HARNESS_PACKAGE_DIR` (another build, e.g. a previous one), else this checkout. */
function defaultPackageDir(): string {
	return process.env.N8N_HARNESS_PACKAGE_DIR ?? PROJECT_ROOT;
}

export async function startN8n(options: StartOptions = {}): Promise<N8nInstance> {
	assertInstalled();
	const userFolder = resolve(options.userFolder ?? mkdtempSync(join(tmpdir(), 'n8n-harness-')));
	const tempFolder = options.userFolder === undefined ? userFolder : undefined;
	mkdirSync(userFolder, { recursive: true });

	const stateFile = join(userFolder, 'harness.json');
	const previous = readState(stateFile);
	const state: HarnessState = {
		encryptionKey:
			options.encryptionKey ??
			previous?.encryptionKey ??
			existingEncryptionKey(userFolder) ??
			randomBytes(24).toString('hex'),
		owner: options.owner ?? previous?.owner ?? DEFAULT_OWNER,
		apiKey: previous?.apiKey,
	};
	writeState(stateFile, state);

	const packageDir = options.packageDir === undefined ? defaultPackageDir() : options.packageDir;
	if (packageDir !== false) installPackage(resolve(packageDir), userFolder);

	const logFile = resolve(options.logFile ?? join(userFolder, 'n8n.log'));
	const handle = await launch({
		name: 'main',
		command: 'start',
		userFolder,
		tempFolder: options.keepUserFolder === true ? undefined : tempFolder,
		encryptionKey: state.encryptionKey,
		logFile,
		options,
	});
	const instance = new Instance(
		{
			baseUrl: handle.baseUrl,
			port: handle.port,
			userFolder,
			apiKey: '',
			owner: state.owner,
			cookie: '',
			logFile,
		},
		handle,
		options.failureLogs,
		options.endedExecutionIds,
	);
	try {
		await instance.authenticate(stateFile, state);
	} catch (error: unknown) {
		const logs = instance.logs(60);
		await instance.stop();
		throw new Error(
			`n8n started but owner/login/API key setup failed: ${errorText(error)}\n--- n8n log tail ---\n${logs}`,
		);
	}
	return instance;
}

/**
 * Starts one n8n process of any kind without an owner or API key: `n8n webhook` and `n8n worker`
 * for queue mode (see queue.ts), which have no REST API. The caller passes the environment that
 * ties it to the main process (`EXECUTIONS_MODE=queue`, database, Redis) and the main's encryption
 * key. A worker gets `QUEUE_HEALTH_CHECK_ACTIVE=true` and its own `QUEUE_HEALTH_CHECK_PORT`, which is
 * also what readiness is checked on.
 */
export async function startN8nProcess(options: N8nProcessOptions): Promise<N8nProcess> {
	assertInstalled();
	const name = options.name ?? (options.command === 'start' ? 'main' : options.command);
	const userFolder = resolve(
		options.userFolder ?? mkdtempSync(join(tmpdir(), `n8n-harness-${options.command}-`)),
	);
	const tempFolder =
		options.userFolder === undefined && options.keepUserFolder !== true ? userFolder : undefined;
	mkdirSync(userFolder, { recursive: true });
	const packageDir = options.packageDir === undefined ? defaultPackageDir() : options.packageDir;
	if (packageDir !== false) installPackage(resolve(packageDir), userFolder);
	return await launch({
		name,
		command: options.command,
		userFolder,
		tempFolder,
		encryptionKey: options.encryptionKey,
		logFile: resolve(options.logFile ?? join(userFolder, 'n8n.log')),
		options,
	});
}

/** A client for an n8n that another process started (see `globalSetup.ts` and `shared.ts`). */
export function connect(info: ConnectionInfo): N8nClient {
	return new Client({
		baseUrl: info.baseUrl,
		port: info.port,
		userFolder: info.userFolder,
		apiKey: info.apiKey,
		owner: info.owner,
		cookie: info.cookie,
		logFile: info.logFile,
	});
}
