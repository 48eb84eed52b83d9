/**
 * The editor as a no-code user meets it, in a real browser: Debian's Chromium driven by
 * playwright-core against the shared n8n 2.41.1, logged in through the sign-in page. Each test
 * asserts what the user sees, and saves screenshots under test-output/screenshots/ (gitignored);
 * `npm run screenshots` copies the README's pictures from there into docs/images/.
 */
import type { Browser, Page } from 'playwright-core';

import { artemisCallback } from '../support/payloads';
import {
	backgroundBrightness,
	badgeCheckSeesOldCut,
	hideToasts,
	launchBrowser,
	listenForTestEvent,
	openNodePanel,
	outputShowing,
	screenshot,
	signIn,
	webhookUrlRows,
} from '../support/browser';
import { deployTrigger } from '../support/e2e';
import { send } from '../support/http';
import type { N8nClient } from '../support/n8n';
import { connectShared } from '../support/shared';

const ARTEMIS = 'n8n-nodes-artemis-artisio.artemisCallbackTrigger';
const ARTISIO = 'n8n-nodes-artemis-artisio.artisioWebhookTrigger';
const STRONG_TOKEN = 'a3f1c9e27b5d4086f1e2d3c4b5a69788a3f1c9e27b5d4086f1e2d3c4b5a69788';

let n8n: N8nClient;
let browser: Browser;
let page: Page;

// On a machine without Chromium, launchBrowser() first installs it with apt-get: minutes, not seconds.
beforeAll(async () => {
	n8n = connectShared();
	browser = await launchBrowser();
	({ page } = await signIn(browser, n8n));
}, 900_000);

afterAll(async () => {
	await browser?.close();
});

/** The JSON body of the sample command the trigger panel shows (`-d '…'`), as a user would copy it. */
async function sampleBodyInPanel(): Promise<unknown> {
	const command = await page.getByTestId('ndv').locator('code').first().innerText();
	expect(command).toMatch(/^curl -X POST .* PASTE-THE-TEST-URL$/s);
	const json = /-d '(.*)' PASTE-THE-TEST-URL/s.exec(command)?.[1];
	if (json === undefined) throw new Error(`no -d '…' body in the sample command: ${command}`);
	return JSON.parse(json.replace(/\s*\n\s*/g, ' '));
}

/** n8n remembers the output view last chosen (JSON after the accepted test): tables read as the user reads them. */
async function showAsTable(): Promise<void> {
	await page.getByTestId('output-panel').getByTestId('radio-button-table').click();
}

const noticeText = async (): Promise<string> =>
	await page.getByTestId('node-parameters').getByRole('alert').first().innerText();

describe('the node creator', () => {
	beforeAll(async () => {
		await page.goto(`${n8n.baseUrl}/workflow/new`);
		await page.getByTestId('canvas-add-button').click();
	});

	it.each([
		['Artemis', 'Artemis Callback Trigger'],
		['KYC', 'Artemis Callback Trigger'],
		['Artisio', 'Artisio Webhook Trigger'],
		['auction', 'Artisio Webhook Trigger'],
	])('finds %s: %s', async (search, name) => {
		await page.getByTestId('node-creator-search-bar').fill(search);
		await page.getByTestId('node-creator-item-name').filter({ hasText: name }).first().waitFor();
		if (search === 'KYC') await screenshot(page, 'node-creator');
	});
});

describe('Artemis Callback Trigger in the editor', () => {
	let workflowId: string;
	let testUrl: string;
	let productionUrl: string;

	beforeAll(async () => {
		const deployed = await deployTrigger(n8n, {
			name: 'Editor: Artemis',
			nodeType: ARTEMIS,
			nodeName: 'Artemis Callback Trigger',
			activate: false,
		});
		({ workflowId, testUrl, url: productionUrl } = deployed);
	});

	it('shows the URL section whole: one row per method, POST, PUT and PATCH, none cut', async () => {
		await openNodePanel(page, n8n, workflowId);
		const testRows = await webhookUrlRows(page, 'Test URL');
		expect(testRows).toEqual(
			['POST', 'PUT', 'PATCH'].map((method) => ({ method, cut: false, url: testUrl })),
		);
		const productionRows = await webhookUrlRows(page, 'Production URL');
		expect(productionRows.map((row) => row.url)).toEqual([
			productionUrl,
			productionUrl,
			productionUrl,
		]);
		// The check can fail: the text of one description for all three methods would be cut.
		expect(await badgeCheckSeesOldCut(page)).toBe(true);
		await screenshot(page, 'artemis-node-panel');
		await screenshot(page.getByTestId('ndv').locator('.webhooks'), 'artemis-webhook-urls');
	});

	it('says where the Production URL is and what to give Artemis, and what empty filters mean', async () => {
		expect(await noticeText()).toBe(
			'Where to register this node in Artemis: open "Webhook URLs" at the top of this panel, choose "Production URL" and click the URL to copy it. Give that URL to Artemis as the target URL of customer callbacks for your domain (your Artemis account), then publish this workflow. POST, PUT and PATCH all reach this node. Artemis sends no token or password: keep the URL private, and to accept calls from Artemis only, add its IP addresses under Options, IP Allowlist.',
		);
		const parameters = page.getByTestId('node-parameters');
		await parameters
			.getByText(
				'Empty ("Select") means all. The item has the value in upper case: Insert is "INSERT".',
			)
			.waitFor();
		await parameters
			.getByText(
				'Empty ("Select") means all. The item has the value in upper case: Require Update is "REQUIRE_UPDATE".',
			)
			.waitFor();
	});

	it('links Docs to the README section, with n8n tracking before the anchor', async () => {
		const href = await page
			.getByTestId('ndv')
			.getByRole('link', { name: /Docs/ })
			.first()
			.getAttribute('href');
		expect(href).toBe(
			'https://www.npmjs.com/package/n8n-nodes-artemis-artisio?utm_source=n8n_app&utm_medium=node_settings_modal-credential_link&utm_campaign=n8n-nodes-artemis-artisio.artemisCallbackTrigger#artemis-callback-trigger',
		);
	});

	it('says in the trigger panel that Artemis sends no test on demand, where the Test URL is, and the command to send one', async () => {
		const ndv = page.getByTestId('ndv');
		expect(await ndv.getByTestId('trigger-header').innerText()).toBe(
			'Artemis calls this node when a customer is onboarded or changes status',
		);
		await ndv
			.getByText('Artemis cannot send a test callback on demand. To see a sample item: copy the', {
				exact: false,
			})
			.waitFor();
		// The documented sample callback, the same the other tests send.
		expect(await sampleBodyInPanel()).toEqual(artemisCallback());
	});

	it('test mode, accepted: the sample command sent to the Test URL ends the test with the item', async () => {
		const body = await sampleBodyInPanel();
		// n8n's own sentence while listening, which a community node cannot change (see the README).
		expect(await listenForTestEvent(page)).toContain('Go to Artemis Callback and create an event');
		const answer = await send(testUrl, { method: 'POST', body });
		expect(answer.json).toEqual({ status: 'accepted' });
		const shown = await outputShowing(page, 'CUST-1042');
		expect(shown).toContain('1042|UPDATE|CLEARED|LOW');
		await page.getByTestId('radio-button-json').click();
		await page.getByTestId('output-panel').getByText('"customerReferenceId"').first().waitFor();
		await hideToasts(page);
		await screenshot(page, 'artemis-test-item');
		// Back to the table, which n8n would otherwise keep for the next node opened.
		await showAsTable();
	});
});

describe('Artemis Callback Trigger with filters and Output Rejected Requests', () => {
	let workflowId: string;
	let testUrl: string;

	beforeAll(async () => {
		const deployed = await deployTrigger(n8n, {
			name: 'Editor: Artemis filtered',
			nodeType: ARTEMIS,
			nodeName: 'Artemis Callback Trigger',
			parameters: { statuses: ['PENDING'], options: { outputRejected: true } },
			activate: false,
		});
		({ workflowId, testUrl } = deployed);
		await openNodePanel(page, n8n, workflowId);
	});

	it('test mode, ignored: the test ends with a note that says why, with the event', async () => {
		await listenForTestEvent(page);
		const answer = await send(testUrl, {
			method: 'POST',
			body: {
				customerId: 7,
				customerReferenceId: 'CUST-7',
				profileReferenceId: 'PRF-7',
				status: 'CLEARED',
				riskRating: 'LOW',
				action: 'UPDATE',
				customerType: 'INDIVIDUAL',
			},
		});
		expect(answer.json).toEqual({ status: 'ignored' });
		await outputShowing(page, 'Ignored by this node');
		await showAsTable();
		const shown = await outputShowing(page, 'Ignored by this node');
		expect(shown).toContain(
			'Ignored by this node\'s filters: the sender got 200 "ignored"; in production (Production URL, published workflow) no execution starts.',
		);
		expect(shown).toContain('CUST-7');
		// The two outputs, named as the option says.
		expect(shown).toContain('Accepted Branch (1 item)');
		expect(shown).toContain('Rejected Branch');
		await hideToasts(page);
		await screenshot(page, 'artemis-test-ignored');
	});

	it('Rejected output: an invalid callback arrives there with the reason', async () => {
		await listenForTestEvent(page);
		const answer = await send(testUrl, {
			method: 'POST',
			body: { customerId: 'abc', status: 'PENDING' },
		});
		expect(answer.status).toBe(400);
		await outputShowing(page, 'Rejected Branch (1 item)');
		await page.getByTestId('output-panel').getByText('Rejected Branch (1 item)').click();
		const shown = await outputShowing(page, 'invalid_payload');
		expect(shown).toContain('customerId');
		await hideToasts(page);
		await screenshot(page, 'artemis-rejected-output');
	});
});

describe('Artisio Webhook Trigger in the editor', () => {
	let workflowId: string;
	let testUrl: string;

	beforeAll(async () => {
		const credential = await n8n.createCredential('Artisio editor test', 'artisioWebhookApi', {
			token: STRONG_TOKEN,
		});
		const deployed = await deployTrigger(n8n, {
			name: 'Editor: Artisio',
			nodeType: ARTISIO,
			nodeName: 'Artisio Webhook Trigger',
			credentials: { artisioWebhookApi: { id: credential.id, name: 'Artisio editor test' } },
			activate: false,
		});
		({ workflowId, testUrl } = deployed);
		await openNodePanel(page, n8n, workflowId);
	});

	it('shows one whole POST badge, and says what to send Artisio: the Production URL, the token, the objects', async () => {
		expect(await webhookUrlRows(page, 'Test URL')).toEqual([
			{ method: 'POST', cut: false, url: testUrl },
		]);
		expect(await noticeText()).toBe(
			'What to send Artisio: Artisio configures webhooks on request. Send them (1) the Production URL: open "Webhook URLs" at the top of this panel, choose "Production URL" and click the URL to copy it; (2) the bearer token saved in the credential chosen under "Credential" below (the pencil beside it opens the token); (3) the objects you want. Publish this workflow; Artisio tells you when the webhooks are enabled. The filters below only narrow what starts this workflow.',
		);
		await page
			.getByTestId('node-parameters')
			.getByText(
				'Empty ("Select") means all. The item has the value in upper case: Lot is "LOT", whether Artisio sends "Lot" or "LOT".',
			)
			.waitFor();
		expect(await page.getByTestId('trigger-header').innerText()).toBe(
			'Artisio calls this node when a record is created, updated or deleted',
		);
		await screenshot(page, 'artisio-node-panel');
	});

	it('test mode, refused: a request without the token ends the test with a note, never the token', async () => {
		await listenForTestEvent(page);
		const answer = await send(testUrl, {
			method: 'POST',
			body: { action: 'UPDATE', object: 'Lot', data: { uuid: 'u-1' } },
		});
		expect(answer.status).toBe(401);
		await outputShowing(page, 'Refused: it has no Authorization header');
		await showAsTable();
		const shown = await outputShowing(page, 'Refused: it has no Authorization header');
		expect(shown).toContain('The sender got 401');
		expect(shown).not.toContain(STRONG_TOKEN);
		await hideToasts(page);
		await screenshot(page, 'artisio-test-refused');
	});

	it('test mode, accepted: the sample body with the token gives the item, object in upper case', async () => {
		const body = await sampleBodyInPanel();
		await listenForTestEvent(page);
		const answer = await send(testUrl, {
			method: 'POST',
			body,
			headers: { authorization: `Bearer ${STRONG_TOKEN}` },
		});
		expect(answer.json).toEqual({ status: 'accepted' });
		const shown = await outputShowing(page, '5f0c8d2e-4a1b-4c3d-9e8f-7a6b5c4d3e2f');
		expect(shown).toContain('LOT');
		expect(shown).not.toContain(STRONG_TOKEN);
	});
});

describe('the Artisio Webhook API credential', () => {
	async function openCredential(name: string): Promise<void> {
		await page.goto(`${n8n.baseUrl}/home/credentials`);
		await page.getByTestId('resources-list-item').filter({ hasText: name }).first().click();
		await page.getByTestId('editCredential-modal').waitFor();
	}

	it('shows the notice with how to make a token, and the test says a short token is too weak', async () => {
		await n8n.createCredential('Artisio weak token', 'artisioWebhookApi', {
			token: 'hunter2-hunter2',
		});
		await openCredential('Artisio weak token');
		const modal = page.getByTestId('editCredential-modal');
		await modal
			.getByText('Make one with openssl rand -hex 32 (64 characters)', { exact: false })
			.waitFor();
		// A documentation URL outside docs.n8n.io n8n opens as given: the anchor survives.
		expect(await modal.getByRole('link', { name: 'docs' }).getAttribute('href')).toBe(
			'https://www.npmjs.com/package/n8n-nodes-artemis-artisio#artisio-webhook-trigger',
		);
		await modal.getByText('Couldn’t connect with these settings').waitFor();
		await modal.getByText('More details').click();
		await modal.getByRole('button', { name: 'Retry' }).waitFor();
		await modal
			.getByText('The Bearer Token has 15 characters: too short to be safe, use at least 32.', {
				exact: false,
			})
			.waitFor();
		await screenshot(page, 'artisio-credential-weak');
		expect(await modal.innerText()).not.toContain('hunter2');
		await page.keyboard.press('Escape');
	});

	it('says a strong token is strong enough', async () => {
		await openCredential('Artisio editor test');
		await page
			.getByTestId('credentials-config-container-test-success')
			.getByText('Connection tested successfully')
			.waitFor();
		await page.getByTestId('editCredential-modal').getByRole('button', { name: 'Retry' }).waitFor();
		await screenshot(page, 'artisio-credential-strong');
		await page.keyboard.press('Escape');
	});
});

describe('dark theme', () => {
	afterAll(async () => await page.emulateMedia({ colorScheme: 'light' }));

	it('shows the Artemis panel readable in dark mode', async () => {
		const { workflowId } = await deployTrigger(n8n, {
			name: 'Editor: Artemis dark',
			nodeType: ARTEMIS,
			nodeName: 'Artemis Callback Trigger',
			activate: false,
		});
		await page.emulateMedia({ colorScheme: 'dark' });
		await openNodePanel(page, n8n, workflowId);
		await webhookUrlRows(page, 'Production URL');
		// n8n follows the system's colour scheme by default: the parameters pane is then dark.
		expect(await backgroundBrightness(page.getByTestId('node-parameters'))).toBeLessThan(80);
		await screenshot(page, 'artemis-node-panel-dark');
	});
});
