/** `npm run dev`: one n8n with its data in `.n8n-dev/`, until Ctrl-C. */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { type N8nInstance, PROJECT_ROOT, startN8n } from '../../test/support/n8n';
import { CREDENTIAL_NAME, DEV_TOKEN, OWNER, type OnRunning, say } from './common';
import { EXAMPLES, ensureArtemisNodeExample, ensureExample, listAll } from './examples';
import { followLog } from './followLog';

const DEV_FOLDER = join(PROJECT_ROOT, '.n8n-dev');

export async function runRegular(port: number, onRunning: OnRunning): Promise<void> {
	const logFile = join(DEV_FOLDER, 'n8n.log');
	const logStart = existsSync(logFile) ? statSync(logFile).size : 0;
	say(`Starting n8n at http://127.0.0.1:${port} with data in ${DEV_FOLDER} …`);
	const started = Date.now();
	let n8n: N8nInstance;
	try {
		n8n = await startN8n({
			port,
			userFolder: DEV_FOLDER,
			owner: OWNER,
			logFile,
			startTimeoutMs: 300_000,
		});
	} catch (error: unknown) {
		const message = error instanceof Error ? error.message : String(error);
		if (/already in use/.test(message))
			throw new Error(`${message.split('\n')[0]}\n(use --port <n> for another port)`);
		throw error;
	}
	say(`n8n is ready (${((Date.now() - started) / 1000).toFixed(1)} s).`);
	onRunning(n8n);

	const workflows = await listAll(n8n, '/api/v1/workflows');
	const urls: string[] = [];
	for (const example of EXAMPLES) {
		const webhookId = await ensureExample(n8n, example, workflows);
		if (webhookId === undefined) {
			urls.push(`  ${example.workflowName}: (trigger node not found; was the workflow edited?)`);
			continue;
		}
		urls.push(`  ${example.workflowName}`);
		urls.push(
			`    production: ${n8n.webhookUrl(webhookId)}   (once you publish the workflow: Publish, top right)`,
		);
		urls.push(
			`    test:       ${n8n.webhookUrl(webhookId, 'test')}   (after "Execute step" in the trigger's panel)`,
		);
	}
	const artemisNodeWebhookId = await ensureArtemisNodeExample(n8n, workflows);
	if (artemisNodeWebhookId !== undefined) {
		urls.push(
			'  Example: Artemis callback → latest customer state (fill in the "Artemis API" credential first)',
		);
		urls.push(
			`    production: ${n8n.webhookUrl(artemisNodeWebhookId)}   (once you publish the workflow: Publish, top right)`,
		);
	}

	// n8n's startup output first (package load errors show there), then the summary, then live log
	// lines, including n8n's shutdown messages after Ctrl-C.
	followLog(logFile, logStart);
	let stopping = false;
	const onSignal = (): void => {
		stopping = true;
		say('\nStopping n8n (Ctrl-C again to force)…');
	};
	// If n8n dies on its own, say so instead of streaming a dead log forever.
	const pid = n8n.pid;
	setInterval(() => {
		if (stopping || pid === undefined) return;
		try {
			process.kill(pid, 0);
		} catch {
			stopping = true;
			process.stderr.write(`\nn8n (pid ${pid}) exited unexpectedly; see ${logFile}\n`);
			void n8n.stop().finally(() => process.exit(1));
		}
	}, 1000);
	// The harness (startN8n) stops n8n and its task runner gracefully on SIGINT/SIGTERM, then exits.
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);

	say();
	say('────────────────────────────────────────────────────────────────────────────');
	say(`  Editor:   ${n8n.baseUrl}`);
	say(`  Login:    ${OWNER.email} / ${OWNER.password}`);
	say(`  API key:  in ${join(DEV_FOLDER, 'harness.json')} (header X-N8N-API-KEY)`);
	say(`  Artisio credential "${CREDENTIAL_NAME}": Authorization: Bearer ${DEV_TOKEN}`);
	say('  Webhook URLs:');
	for (const line of urls) say(line);
	say(`  n8n log:  ${logFile} (streamed below). Ctrl-C stops n8n.`);
	say('────────────────────────────────────────────────────────────────────────────');
	say();
}
