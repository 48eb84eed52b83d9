/**
 * Optional part (BENCH_PROFILE=1): where n8n's main process spends its time per request, for our
 * triggers and for n8n's own Webhook node. One n8n runs with `--cpu-prof`; the scenarios run one
 * after another with idle gaps, and each V8 sample is assigned to the scenario whose time window
 * holds it (V8's profile clock and `process.hrtime` are both CLOCK_MONOTONIC), then to a bucket by
 * the functions on its stack.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { sleep } from '../test/support/util';
import { type LoadRequest, runLoad } from './lib/load';
import { prepare, type RealConfig, type Scenario } from './realN8n';

interface CallFrame {
	functionName: string;
	url: string;
}

interface ProfileNode {
	id: number;
	callFrame: CallFrame;
	children?: number[];
}

interface CpuProfile {
	nodes: ProfileNode[];
	startTime: number;
	endTime: number;
	samples: number[];
	timeDeltas: number[];
}

/** Buckets, first match wins; each tests the whole stack of a sample. */
const BUCKETS: Array<{ name: string; test: (frame: CallFrame) => boolean }> = [
	{
		name: 'credentials (getCredentials: DB, decrypt, own isolate)',
		test: (f) => f.url.includes('credentials-helper'),
	},
	// Community packages load from <user folder>/.n8n/nodes/node_modules/<package>.
	{
		name: 'node webhook() (our code)',
		test: (f) => /\/nodes\/node_modules\/n8n-nodes-artemis-artisio/.test(f.url),
	},
	{
		name: 'bare trigger webhook() (bench/bare)',
		test: (f) => f.url.includes('/nodes/node_modules/n8n-nodes-bench-bare'),
	},
	{
		name: 'expression isolate (acquire, create, dispose)',
		test: (f) =>
			f.url.includes('expression-runtime') ||
			f.url.includes('isolated-vm') ||
			f.functionName === 'acquireIsolate' ||
			f.functionName === 'releaseIsolate',
	},
	{
		name: 'static data: proxies over loaded data',
		test: (f) => f.url.includes('observable-object'),
	},
	{
		name: 'static data: save',
		test: (f) =>
			f.url.includes('workflow-static-data.service') || f.functionName === 'saveStaticData',
	},
	{
		name: 'execution: run, hooks, persistence',
		test: (f) =>
			/workflow-execute|workflow-runner|execution-lifecycle|execution-persistence|active-executions|execution\.repository/.test(
				f.url,
			),
	},
	{ name: 'database (TypeORM, SQLite)', test: (f) => /typeorm|sqlite/.test(f.url) },
	{ name: 'webhook request handling (n8n)', test: (f) => f.url.includes('/dist/webhooks/') },
	{
		name: 'HTTP server (express, parsing)',
		test: (f) => /express|body-parser|raw-body|_http_|node:http/.test(f.url),
	},
	{ name: 'garbage collection', test: (f) => f.functionName === '(garbage collector)' },
	{ name: 'idle', test: (f) => f.functionName === '(idle)' },
];
const OTHER = 'other';

export interface Window {
	key: string;
	label: string;
	startUs: number;
	endUs: number;
	answers: number;
	cpuMs: number;
}

export interface ProfileReport {
	windows: Array<
		Window & {
			buckets: Record<string, number>;
			sampledMs: number;
			topSelf: Array<[string, number]>;
		}
	>;
	bucketNames: string[];
	profileFile: string;
}

function analyze(profile: CpuProfile, windows: Window[]): ProfileReport['windows'] {
	const byId = new Map<number, ProfileNode>(profile.nodes.map((node) => [node.id, node]));
	const parent = new Map<number, number>();
	for (const node of profile.nodes)
		for (const child of node.children ?? []) parent.set(child, node.id);
	const bucketOf = new Map<number, string>();
	const classify = (id: number): string => {
		const cached = bucketOf.get(id);
		if (cached !== undefined) return cached;
		const stack: CallFrame[] = [];
		for (
			let current: number | undefined = id;
			current !== undefined;
			current = parent.get(current)
		) {
			const node = byId.get(current);
			if (node) stack.push(node.callFrame);
		}
		const bucket = BUCKETS.find((candidate) => stack.some(candidate.test))?.name ?? OTHER;
		bucketOf.set(id, bucket);
		return bucket;
	};
	const result = windows.map((window) => ({
		...window,
		buckets: Object.create(null) as Record<string, number>,
		sampledMs: 0,
		self: new Map<string, number>(),
		topSelf: [] as Array<[string, number]>,
	}));
	const shortUrl = (url: string): string =>
		url.replace(/^.*node_modules\//, '').replace(/^file:\/\//, '');
	let time = profile.startTime;
	for (let index = 0; index < profile.samples.length; index++) {
		const delta = profile.timeDeltas[index] ?? 0;
		time += delta;
		const window = result.find((candidate) => time >= candidate.startUs && time <= candidate.endUs);
		if (window === undefined) continue;
		const bucket = classify(profile.samples[index]);
		// A sample stands for the time until the next one.
		const next = profile.timeDeltas[index + 1] ?? delta;
		window.buckets[bucket] = (window.buckets[bucket] ?? 0) + next / 1000;
		window.sampledMs += next / 1000;
		const frame = byId.get(profile.samples[index])?.callFrame;
		const name =
			frame === undefined ? '?' : `${frame.functionName || '(anonymous)'} ${shortUrl(frame.url)}`;
		window.self.set(name, (window.self.get(name) ?? 0) + next / 1000);
	}
	return result.map(({ self, ...window }) => ({
		...window,
		topSelf: [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25),
	}));
}

const nowUs = (): number => Number(process.hrtime.bigint() / 1000n);

function cpuMsOf(pid: number | undefined): number {
	if (pid === undefined) return Number.NaN;
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
	} catch {
		return Number.NaN;
	}
}

async function countFinished(
	n8n: Awaited<ReturnType<typeof prepare>>['n8n'],
	workflowId: string,
): Promise<number> {
	const filter = encodeURIComponent(
		JSON.stringify({ workflowId, status: ['success', 'error', 'crashed', 'canceled'] }),
	);
	const page = await n8n.api<{ data: { count: number } }>(
		'GET',
		`/rest/executions?filter=${filter}&limit=1`,
	);
	return page.data.count;
}

export async function runProfile(
	config: Pick<RealConfig, 'n8nEnv' | 'candidateDir' | 'log' | 'concurrency' | 'withRedis'>,
	keys: string[],
	durationMs: number,
): Promise<ProfileReport> {
	const dir = mkdtempSync(join(tmpdir(), 'artemis-artisio-bench-prof-'));
	const prepared = await prepare(config, {
		NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${dir}`,
	});
	const { n8n, scenarios } = prepared;
	const windows: Window[] = [];
	const selected = keys
		.map((key) => scenarios.find((scenario) => scenario.key === key))
		.filter((s): s is Scenario => s !== undefined);
	let mainPid: number | undefined;
	try {
		mainPid = n8n.pid;
		let offset = 50_000_000;
		for (const scenario of selected) {
			const base = offset;
			offset += 1_000_000;
			const next = (index: number): LoadRequest => scenario.next(base + index);
			// Warm-up, not counted.
			await runLoad({
				url: scenario.url,
				concurrency: config.concurrency,
				durationMs: 2000,
				maxRequests: 100_000,
				next,
			});
			await sleep(1500);
			const before = scenario.startsExecutions ? await countFinished(n8n, scenario.workflowId) : 0;
			const cpuBefore = cpuMsOf(mainPid);
			const startUs = nowUs();
			const load = await runLoad({
				url: scenario.url,
				concurrency: config.concurrency,
				durationMs,
				maxRequests: 100_000,
				next: (index) => next(1_000 + index),
			});
			const answers = load.answers.filter((answer) => answer.status < 500).length;
			if (scenario.startsExecutions) {
				const deadline = Date.now() + 60_000;
				while (
					(await countFinished(n8n, scenario.workflowId)) < before + answers &&
					Date.now() < deadline
				)
					await sleep(200);
			}
			const endUs = nowUs();
			windows.push({
				key: scenario.key,
				label: scenario.label,
				startUs,
				endUs,
				answers,
				cpuMs: cpuMsOf(mainPid) - cpuBefore,
			});
			config.log(`profiled ${scenario.key}: ${answers} answers`);
			await sleep(1500);
		}
	} finally {
		await prepared.stop();
	}
	writeFileSync(join(dir, 'windows.json'), JSON.stringify({ mainPid, windows }));
	return analyzeDir(dir);
}

/** Analyzes a profile folder written by `runProfile` (kept, so that it can be re-read). */
export function analyzeDir(dir: string): ProfileReport {
	const { mainPid, windows } = JSON.parse(readFileSync(join(dir, 'windows.json'), 'utf8')) as {
		mainPid: number | undefined;
		windows: Window[];
	};
	const files = readdirSync(dir).filter((file) => file.endsWith('.cpuprofile'));
	const mainFile = files.find((file) => mainPid !== undefined && file.includes(`.${mainPid}.`));
	if (mainFile === undefined)
		throw new Error(
			`no CPU profile of n8n's main process (pid ${String(mainPid)}) in ${dir}: ${files.join(', ')}`,
		);
	const profile = JSON.parse(readFileSync(join(dir, mainFile), 'utf8')) as CpuProfile;
	return {
		windows: analyze(profile, windows),
		bucketNames: [...BUCKETS.map((bucket) => bucket.name), OTHER],
		profileFile: join(dir, mainFile),
	};
}
