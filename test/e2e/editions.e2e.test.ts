/**
 * The vendor editions (editions/, made by the build) in a real n8n, installed the way their
 * READMEs say, from the packed tarballs: each edition alone (its node types under its own package
 * name, the answers of the combined package, the Artemis edition's two-node example against a
 * fake Artemis), then all three packages side by side in one n8n. Every `npm install` command the
 * READMEs document is run against the tarballs and installs the package alone (n8n-workflow comes
 * from n8n, never from the install).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { runArtemisExample } from '../support/artemisExample';
import { statusOf } from '../support/e2e';
import { artemisCustomer, type FakeArtemis, startFakeArtemis } from '../support/fakeArtemis';
import { send, type SendResult } from '../support/http';
import { N8N_1, type N8nInstance, PROJECT_ROOT, startN8n, triggerWorkflow } from '../support/n8n';
import { artemisCallback, artisioBody } from '../support/payloads';

jest.setTimeout(600_000);

const COMBINED = 'n8n-nodes-artemis-artisio';
const EDITIONS = ['n8n-nodes-artemis', 'n8n-nodes-artisio'] as const;
type PackageName = typeof COMBINED | (typeof EDITIONS)[number];
const TOKEN = `Edition_${randomBytes(16).toString('hex')}`;

const work = mkdtempSync(join(tmpdir(), 'n8n-editions-'));
const tarballs = {} as Record<PackageName, string>;
const started: N8nInstance[] = [];

beforeAll(() => {
	for (const name of [COMBINED, ...EDITIONS] as PackageName[]) {
		const folder = name === COMBINED ? PROJECT_ROOT : join(PROJECT_ROOT, 'editions', name);
		if (!existsSync(join(folder, 'dist')))
			throw new Error(`${folder}/dist is missing: run \`npm run build\``);
		const target = join(work, 'tarballs', name);
		mkdirSync(target, { recursive: true });
		execFileSync('npm', ['pack', '--silent', '--pack-destination', target], {
			cwd: folder,
			stdio: ['ignore', 'ignore', 'inherit'],
		});
		tarballs[name] = join(
			target,
			readdirSync(target).find((file) => file.endsWith('.tgz')) as string,
		);
	}
});

afterAll(async () => {
	for (const instance of started) await instance.stop();
	rmSync(work, { recursive: true, force: true });
}, 120_000);

/**
 * Every install a README documents, as the shell script a user runs: a `sh` block's lines (its
 * `docker exec … sh -c '…'` line: the inner command, as the container's shell runs it), a
 * Dockerfile's `RUN` line with the image's /home/node as the home folder.
 */
function documentedInstalls(readme: string): string[] {
	const scripts: string[] = [];
	for (const [, kind, block] of readme.matchAll(/```(sh|Dockerfile)\n([\s\S]*?)```/g)) {
		if (!block.includes('npm install')) continue;
		const lines = block
			.split('\n')
			.filter(
				(line) => line.trim() !== '' && !line.startsWith('#') && !line.startsWith('docker restart'),
			);
		if (kind === 'Dockerfile') {
			scripts.push(
				...lines
					.filter((line) => line.startsWith('RUN '))
					.map((line) => line.slice('RUN '.length).split('/home/node').join('~')),
			);
			continue;
		}
		const inside = lines.map((line) => /^docker exec -it n8n sh -c '(.*)'$/.exec(line)?.[1]);
		if (inside.every((command): command is string => command !== undefined))
			scripts.push(...inside);
		else scripts.push(lines.join('\n'));
	}
	return scripts;
}

/**
 * Runs a documented install in a home folder of its own (`~` is that folder), with the package
 * names made the tarballs' paths. It must `cd` into the home's n8n folder first: a script that
 * would install anywhere else fails here rather than touch this checkout.
 */
function runDocumented(script: string, home: string, packages: PackageName[]): void {
	let command = script;
	for (const name of packages)
		command = command.replace(new RegExp(`(?<=\\s)${name}(?=\\s|$)`, 'g'), tarballs[name]);
	if (!/cd ~\/\.n8n\/nodes/.test(command))
		throw new Error(`a documented install that does not cd into ~/.n8n/nodes: ${script}`);
	execFileSync('sh', ['-c', `set -e\n${command}`], {
		cwd: home,
		env: { ...process.env, HOME: home },
		stdio: ['ignore', 'ignore', 'pipe'],
	});
}

/** What an install left in `<home>/.n8n/nodes/node_modules`: package folders, scoped ones included. */
function installedPackages(home: string): string[] {
	const modules = join(home, '.n8n', 'nodes', 'node_modules');
	return readdirSync(modules)
		.filter((entry) => !entry.startsWith('.'))
		.flatMap((entry) =>
			entry.startsWith('@')
				? readdirSync(join(modules, entry)).map((inner) => `${entry}/${inner}`)
				: [entry],
		)
		.sort();
}

async function startWith(home: string): Promise<N8nInstance> {
	const instance = await startN8n({ userFolder: home, packageDir: false });
	started.push(instance);
	return instance;
}

async function ourNodeTypes(n8n: N8nInstance): Promise<string[]> {
	const types = await n8n.api<Array<{ name: string }>>('GET', '/types/nodes.json');
	return [
		...new Set(
			types.map((type) => type.name).filter((name) => /^n8n-nodes-(artemis|artisio)/.test(name)),
		),
	].sort();
}

async function credentialTypes(n8n: N8nInstance): Promise<string[]> {
	const types = await n8n.api<Array<{ name: string }>>('GET', '/types/credentials.json');
	return types
		.map((type) => type.name)
		.filter((name) => ['artemisApi', 'artisioWebhookApi', 'dedupeRedisApi'].includes(name))
		.sort();
}

interface Deployed {
	url: string;
	workflowId: string;
}

async function deployTrigger(
	n8n: N8nInstance,
	nodeType: string,
	credentials: Record<string, { id: string; name: string }> = {},
): Promise<Deployed> {
	const { workflow, webhookId } = triggerWorkflow({
		name: `edition: ${nodeType}`,
		nodeType,
		credentials,
	});
	const { id } = await n8n.createWorkflow(workflow);
	await n8n.activate(id);
	return { url: n8n.webhookUrl(webhookId), workflowId: id };
}

const issuesOf = (reply: SendResult): unknown =>
	(reply.json as { issues?: Array<{ path: string }> } | undefined)?.issues?.map(
		(issue) => issue.path,
	);

/** Accepted, then duplicate, then a 400 naming the field, and one execution: as the combined package answers. */
async function expectArtemisAnswers(n8n: N8nInstance, nodeType: string): Promise<void> {
	const trigger = await deployTrigger(n8n, nodeType);
	const body = artemisCallback({ customerId: 4242 });
	expect(statusOf(await send(trigger.url, { method: 'POST', body }))).toBe('accepted');
	expect(statusOf(await send(trigger.url, { method: 'PUT', body }))).toBe('duplicate');
	const invalid = await send(trigger.url, {
		method: 'PATCH',
		body: { ...body, customerId: 'abc' },
	});
	expect(invalid.status).toBe(400);
	expect(issuesOf(invalid)).toEqual(['customerId']);
	const executions = await n8n.waitForExecutions(trigger.workflowId, 1);
	expect(executions).toHaveLength(1);
	expect(executions[0].items[0]?.[0]).toMatchObject({ customerId: 4242, meta: { warnings: [] } });
}

async function expectArtisioAnswers(n8n: N8nInstance, nodeType: string): Promise<void> {
	const credential = await n8n.createCredential(
		`Artisio ${nodeType} ${Date.now()}`,
		'artisioWebhookApi',
		{ token: TOKEN },
	);
	const trigger = await deployTrigger(n8n, nodeType, {
		artisioWebhookApi: { id: credential.id, name: 'Artisio' },
	});
	const body = artisioBody(`edition-${randomUUID()}`);
	const bearer = { authorization: `Bearer ${TOKEN}` };
	const unauthorized = await send(trigger.url, {
		method: 'POST',
		body,
		headers: { authorization: 'Bearer wrong' },
	});
	expect(unauthorized.status).toBe(401);
	expect(statusOf(await send(trigger.url, { method: 'POST', body, headers: bearer }))).toBe(
		'accepted',
	);
	expect(statusOf(await send(trigger.url, { method: 'POST', body, headers: bearer }))).toBe(
		'duplicate',
	);
	const invalid = await send(trigger.url, {
		method: 'POST',
		body: { action: 'UPDATE', object: 'LOT', data: {} },
		headers: bearer,
	});
	expect(invalid.status).toBe(400);
	expect(issuesOf(invalid)).toEqual(['data.uuid']);
	expect(await n8n.waitForExecutions(trigger.workflowId, 1)).toHaveLength(1);
}

describe('each edition alone, installed as its README says', () => {
	it.each(EDITIONS)('%s: every documented npm command installs the package alone', (edition) => {
		const readme = readFileSync(join(PROJECT_ROOT, 'editions', edition, 'README.md'), 'utf8');
		const commands = documentedInstalls(readme);
		expect(commands.length).toBeGreaterThanOrEqual(2);
		for (const [index, command] of commands.entries()) {
			expect(command).toContain(`--omit=peer ${edition}`);
			const home = join(work, `${edition}-command-${index}`);
			mkdirSync(home, { recursive: true });
			runDocumented(command, home, [edition]);
			expect(installedPackages(home)).toEqual([edition]);
		}
	});

	it('n8n-nodes-artemis: its node types under its own name, the answers of the combined package, and the two-node example', async () => {
		const home = join(work, 'artemis-alone');
		mkdirSync(home, { recursive: true });
		runDocumented(
			documentedInstalls(
				readFileSync(join(PROJECT_ROOT, 'editions', 'n8n-nodes-artemis', 'README.md'), 'utf8'),
			)[0],
			home,
			['n8n-nodes-artemis'],
		);
		const n8n = await startWith(home);
		// n8n adds a tool variant of every node usable as an AI tool.
		expect(await ourNodeTypes(n8n)).toEqual([
			'n8n-nodes-artemis.artemis',
			'n8n-nodes-artemis.artemisCallbackTrigger',
			'n8n-nodes-artemis.artemisTool',
		]);
		expect(await credentialTypes(n8n)).toEqual(['artemisApi']);
		await expectArtemisAnswers(n8n, 'n8n-nodes-artemis.artemisCallbackTrigger');

		const fake: FakeArtemis = await startFakeArtemis({
			customers: {
				1042: artemisCustomer(1042, { status: 'PENDING', riskRating: 'MEDIUM' }),
				1043: artemisCustomer(1043),
			},
		});
		try {
			const credential = await n8n.createCredential('Artemis API (fake)', 'artemisApi', {
				environment: 'custom',
				tokenUrl: fake.tokenUrl,
				baseUrl: fake.baseUrl,
				clientId: fake.clientId,
				clientSecret: fake.clientSecret,
				domainId: fake.domainId,
				...(N8N_1 ? { allowedHttpRequestDomains: 'all' } : {}),
			});
			// Artemis holds 1042 as PENDING / MEDIUM (the callback is stale), 1043 as CLEARED / LOW (current).
			const { answers, executions } = await runArtemisExample(
				n8n,
				{ id: credential.id, name: 'Artemis API (fake)' },
				'n8n-nodes-artemis',
			);
			expect(answers).toEqual(['accepted', 'accepted']);
			expect(executions.map((execution) => execution.status)).toEqual(['success', 'success']);
			expect(Object.keys(executions[0].nodes)).toContain('Stale: Use the Fetched State');
			expect(Object.keys(executions[1].nodes)).toContain('Act on the Callback');
		} finally {
			await fake.close();
		}
	});

	it('n8n-nodes-artisio: its node type under its own name, and the answers of the combined package (401 included)', async () => {
		const home = join(work, 'artisio-alone');
		mkdirSync(home, { recursive: true });
		runDocumented(
			documentedInstalls(
				readFileSync(join(PROJECT_ROOT, 'editions', 'n8n-nodes-artisio', 'README.md'), 'utf8'),
			)[0],
			home,
			['n8n-nodes-artisio'],
		);
		const n8n = await startWith(home);
		expect(await ourNodeTypes(n8n)).toEqual(['n8n-nodes-artisio.artisioWebhookTrigger']);
		expect(await credentialTypes(n8n)).toEqual(['artisioWebhookApi']);
		await expectArtisioAnswers(n8n, 'n8n-nodes-artisio.artisioWebhookTrigger');
	});
});

describe('the combined package and both editions side by side', () => {
	it("installs with the combined README's commands, and one n8n loads all three without a clash", async () => {
		const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
		const commands = documentedInstalls(readme);
		expect(commands.length).toBeGreaterThanOrEqual(3);
		for (const [index, command] of commands.entries()) {
			expect(command).toContain(`--omit=peer ${COMBINED}`);
			const home = join(work, `combined-command-${index}`);
			mkdirSync(home, { recursive: true });
			runDocumented(command, home, [COMBINED]);
			expect(installedPackages(home)).toEqual([COMBINED]);
		}
		// The editions beside it, in the same folder, as their READMEs install them.
		const home = join(work, 'combined-command-0');
		for (const edition of EDITIONS) {
			runDocumented(
				documentedInstalls(
					readFileSync(join(PROJECT_ROOT, 'editions', edition, 'README.md'), 'utf8'),
				)[0],
				home,
				[edition],
			);
		}
		expect(installedPackages(home)).toEqual([COMBINED, ...EDITIONS].sort());
		const n8n = await startWith(home);
		expect(await ourNodeTypes(n8n)).toEqual([
			'n8n-nodes-artemis-artisio.artemis',
			'n8n-nodes-artemis-artisio.artemisCallbackTrigger',
			'n8n-nodes-artemis-artisio.artemisTool',
			'n8n-nodes-artemis-artisio.artisioWebhookTrigger',
			'n8n-nodes-artemis.artemis',
			'n8n-nodes-artemis.artemisCallbackTrigger',
			'n8n-nodes-artemis.artemisTool',
			'n8n-nodes-artisio.artisioWebhookTrigger',
		]);
		// Credential types have no package prefix: the combined package and an edition each define
		// `artemisApi` (or `artisioWebhookApi`), from the same source, so n8n lists the same
		// definition twice and either serves a credential of that name.
		expect([...new Set(await credentialTypes(n8n))]).toEqual([
			'artemisApi',
			'artisioWebhookApi',
			'dedupeRedisApi',
		]);
		const definitions = await n8n.api<Array<{ name: string; properties: unknown }>>(
			'GET',
			'/types/credentials.json',
		);
		for (const name of ['artemisApi', 'artisioWebhookApi']) {
			const same = definitions
				.filter((definition) => definition.name === name)
				.map((definition) => JSON.stringify(definition.properties));
			expect(same).toHaveLength(2);
			expect(same[1]).toBe(same[0]);
		}
		await expectArtemisAnswers(n8n, 'n8n-nodes-artemis.artemisCallbackTrigger');
		await expectArtemisAnswers(n8n, 'n8n-nodes-artemis-artisio.artemisCallbackTrigger');
		await expectArtisioAnswers(n8n, 'n8n-nodes-artisio.artisioWebhookTrigger');
		await expectArtisioAnswers(n8n, 'n8n-nodes-artemis-artisio.artisioWebhookTrigger');
		expect(n8n.logs(2000)).not.toMatch(
			/already (registered|exists|loaded)|could not be loaded|Error loading package/i,
		);
	});
});
