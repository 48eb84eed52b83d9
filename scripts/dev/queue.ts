/** `--queue`: the cluster of test/support/queue.ts, in temporary folders, until Ctrl-C. */
import {
	ENTRY_POINTS,
	QUEUE_PROCESSES,
	startQueueCluster,
	type QueueCluster,
} from '../../test/support/queue';
import { ensureQueueModeServices, pidAlive } from '../../test/support/services';
import {
	CREDENTIAL_NAME,
	DEV_TOKEN,
	OWNER,
	type OnRunning,
	QUEUE_WEBHOOK_PORT_OFFSETS,
	say,
} from './common';
import { EXAMPLES, ensureArtemisNodeExample, ensureExample } from './examples';
import { followLog } from './followLog';

export async function runQueue(port: number, onRunning: OnRunning): Promise<void> {
	say(
		'Queue mode: PostgreSQL and Redis of our own (installed with apt-get where missing), then n8n main, 2 webhook processes and a worker.',
	);
	ensureQueueModeServices();
	const started = Date.now();
	let cluster: QueueCluster;
	try {
		cluster = await startQueueCluster({
			ports: {
				main: port,
				webhookA: port + QUEUE_WEBHOOK_PORT_OFFSETS.webhookA,
				webhookB: port + QUEUE_WEBHOOK_PORT_OFFSETS.webhookB,
			},
			owner: OWNER,
			startTimeoutMs: 300_000,
			log: (line) => say(`  ${line}`),
		});
	} catch (error: unknown) {
		const message = error instanceof Error ? error.message : String(error);
		if (/already in use/.test(message))
			throw new Error(
				`${message.split('\n')[0]}\n(use --port <n>: the webhook processes use <n>+10 and <n>+11)`,
			);
		throw error;
	}
	say(`The queue cluster is ready (${((Date.now() - started) / 1000).toFixed(1)} s).`);
	onRunning(cluster);
	const n8n = cluster.main;

	const urls: string[] = [];
	for (const example of EXAMPLES) {
		const webhookId = await ensureExample(n8n, example, []);
		if (webhookId === undefined) continue;
		urls.push(`  ${example.workflowName}   (once you publish the workflow: Publish, top right)`);
		for (const entry of ENTRY_POINTS)
			urls.push(`    production via ${entry.padEnd(8)} ${cluster.webhookUrl(webhookId, entry)}`);
		urls.push(
			`    test (main only)        ${n8n.webhookUrl(webhookId, 'test')}   (after "Execute step" in the trigger's panel)`,
		);
	}
	const artemisNodeWebhookId = await ensureArtemisNodeExample(n8n, []);
	if (artemisNodeWebhookId !== undefined) {
		urls.push(
			'  Example: Artemis callback → latest customer state   (fill in the "Artemis API" credential first)',
		);
		for (const entry of ENTRY_POINTS)
			urls.push(
				`    production via ${entry.padEnd(8)} ${cluster.webhookUrl(artemisNodeWebhookId, entry)}`,
			);
	}

	const width = Math.max(...QUEUE_PROCESSES.map((name) => name.length));
	for (const name of QUEUE_PROCESSES)
		followLog(cluster.processes[name].logFile, 0, `[${name.padEnd(width)}] `);
	let stopping = false;
	const onSignal = (): void => {
		stopping = true;
		say('\nStopping the queue cluster (Ctrl-C again to force)…');
	};
	// If a process dies on its own, say so and stop the rest instead of streaming dead logs forever.
	setInterval(() => {
		if (stopping) return;
		for (const name of QUEUE_PROCESSES) {
			const pid = cluster.processes[name].pid;
			if (pid !== undefined && pidAlive(pid)) continue;
			stopping = true;
			process.stderr.write(
				`\n${name} (pid ${String(pid)}) exited unexpectedly; stopping the cluster. Its log:\n${cluster.logs(name, 40)}\n`,
			);
			void cluster.stop().finally(() => process.exit(1));
			return;
		}
	}, 1000);
	// The harness stops the n8n processes, then Redis and PostgreSQL, on SIGINT/SIGTERM, then exits.
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);

	const pids = cluster.pids();
	say();
	say('────────────────────────────────────────────────────────────────────────────');
	say(`  Editor:   ${n8n.baseUrl}   (main)`);
	say(`  Login:    ${OWNER.email} / ${OWNER.password}`);
	say(`  API key:  ${n8n.apiKey} (header X-N8N-API-KEY; only for this run)`);
	say(`  Artisio credential "${CREDENTIAL_NAME}": Authorization: Bearer ${DEV_TOKEN}`);
	say('  Processes (each answers production webhooks except the worker):');
	for (const name of QUEUE_PROCESSES) {
		const proc = cluster.processes[name];
		const what = name === 'worker' ? `health ${proc.baseUrl}/healthz` : proc.baseUrl;
		say(
			`    ${name.padEnd(width)}  n8n ${proc.command.padEnd(7)} ${what}   pid ${String(pids[name])}`,
		);
	}
	say(
		`    PostgreSQL ${cluster.postgres.host}:${cluster.postgres.port} (db ${cluster.postgres.database}, user ${cluster.postgres.user}, password ${cluster.postgres.password})`,
	);
	say(`    Redis      ${cluster.redis.host}:${cluster.redis.port}`);
	say('  Webhook URLs:');
	for (const line of urls) say(line);
	say('  Data (temporary, deleted on Ctrl-C):');
	for (const folder of cluster.folders()) say(`    ${folder}`);
	say('  Logs are streamed below, each line with its process. Ctrl-C stops everything.');
	say('────────────────────────────────────────────────────────────────────────────');
	say();
}
