/**
 * `npm run bench`: every figure a ratio measured side by side in one run, with the absolute figures
 * beside it (docs/performance.md says how to read them; settings.ts lists the settings):
 *   1, 2. in process (inprocess/): the node's own work per request against JSON.parse of the same
 *      body; deduplication at 100, 1,000 and 10,000 remembered records;
 *   3. in a real n8n (realN8n.ts, scenarios.ts): this build against the previous build and n8n's own
 *      Webhook node, the community-node floor (bare/), the Redis store, Artisio one request at a time.
 * Part 3 starts an n8n and, for the Redis store, a redis-server of its own; both are stopped by PID.
 */
import { resolve } from 'node:path';

import { PROJECT_ROOT } from '../test/support/n8n';
import { runInProcess } from './inprocess';
import { buildPrevious, type PreviousBuild } from './lib/previousBuild';
import { log, out } from './lib/stats';
import { runReal } from './realN8n';
import { printAccepted } from './report/accepted';
import { printInProcess } from './report/inprocess';
import { printRatioTables, printRealIntro, printRuns, printSequential } from './report/realN8n';
import { NODE24, printHeader, readSettings, type Settings } from './settings';

function inProcess(settings: Settings): string[] {
	const findings: string[] = [];
	for (const version of settings.inprocessNodes) {
		log(`in-process parts on Node ${version} …`);
		const config = { iterations: settings.iterations, warmup: settings.inprocessWarmup };
		findings.push(
			...printInProcess(runInProcess(version === '24' ? NODE24 : process.execPath, config)),
		);
	}
	return findings;
}

async function inN8n(settings: Settings): Promise<string[]> {
	let previous: PreviousBuild | undefined;
	let candidateDir =
		settings.candidateDir === undefined ? undefined : resolve(settings.candidateDir);
	if (candidateDir === undefined && settings.baselineRef !== undefined) {
		previous = buildPrevious(PROJECT_ROOT, settings.baselineRef, log);
		candidateDir = previous.dir;
	}
	log('real n8n part …');
	try {
		const report = await runReal({
			rounds: settings.rounds,
			durationMs: settings.durationS * 1000,
			shortDurationMs: settings.shortDurationS * 1000,
			warmupMs: settings.warmupS * 1000,
			concurrency: settings.concurrency,
			drainTimeoutMs: settings.drainTimeoutS * 1000,
			n8nEnv: settings.n8nEnv,
			candidateDir,
			withRedis: !settings.skipRedis,
			only: settings.scenarios,
			log,
		});
		const what =
			previous !== undefined
				? `git commit ${previous.ref}, built by its own gulpfile`
				: candidateDir === undefined
					? 'none'
					: 'the build BENCH_CANDIDATE_DIR names';
		printRealIntro(report, settings, what);
		const findings = [
			...printAccepted(report),
			...printRatioTables(report),
			...printSequential(report),
		];
		printRuns(report);
		return findings;
	} finally {
		previous?.remove();
	}
}

async function main(): Promise<void> {
	const started = Date.now();
	const settings = readSettings();
	printHeader();
	const findings = [
		...(settings.skipInProcess ? [] : inProcess(settings)),
		...(settings.skipN8n ? [] : await inN8n(settings)),
	];
	out('### Targets', '', ...findings.map((finding) => `- ${finding}`), '');
	out(`Bench took ${((Date.now() - started) / 1000).toFixed(0)} s (plus the build).`);
}

main().catch((error: unknown) => {
	process.stderr.write(
		`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
	);
	process.exit(1);
});
