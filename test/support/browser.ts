/**
 * A real browser for the editor tests: Debian's Chromium driven by playwright-core (which never
 * downloads a browser). CI is a clean Debian bookworm container run as root, so the harness
 * installs the `chromium` package with apt-get where it is missing, like the queue-mode services.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import {
	type Browser,
	type BrowserContext,
	chromium,
	type Locator,
	type Page,
	selectors,
} from 'playwright-core';

import type { N8nClient } from './n8n';
import { PROJECT_ROOT } from './n8n';
import { aptGetInstall, findOnPath } from './services';
import { harnessLog } from './util';

/** Where the tests save what they saw (gitignored); `npm run screenshots` copies the README's pictures from here. */
export const SCREENSHOT_DIR = join(PROJECT_ROOT, 'test-output', 'screenshots');

/** `CHROMIUM_PATH` if set, else Debian's chromium, installed with apt-get when missing. */
export function ensureChromium(): string {
	const configured = process.env.CHROMIUM_PATH;
	if (configured !== undefined && configured !== '') {
		if (!existsSync(configured)) throw new Error(`CHROMIUM_PATH=${configured} does not exist`);
		return configured;
	}
	const found = findChromium();
	if (found !== undefined) return found;
	harnessLog('the editor tests need chromium, which is not installed: installing with apt-get');
	// Fonts: without one, Chromium renders the editor's text as boxes in the screenshots.
	aptGetInstall(['chromium', 'fonts-dejavu-core']);
	const installed = findChromium();
	if (installed === undefined) throw new Error('apt-get install chromium left no chromium on PATH');
	return installed;
}

function findChromium(): string | undefined {
	if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
	return findOnPath('chromium') ?? findOnPath('chromium-browser');
}

export async function launchBrowser(): Promise<Browser> {
	// n8n's editor marks its elements with data-test-id, so getByTestId() reads that.
	selectors.setTestIdAttribute('data-test-id');
	// --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
	return await chromium.launch({
		executablePath: ensureChromium(),
		args: ['--no-sandbox', '--disable-dev-shm-usage'],
	});
}

/**
 * A browser context logged in to n8n through its sign-in page, as a user would. Light colour
 * scheme; n8n follows the system's by default (`page.emulateMedia({ colorScheme: 'dark' })`).
 */
export async function signIn(
	browser: Browser,
	n8n: N8nClient,
): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext({
		viewport: { width: 1440, height: 900 },
		colorScheme: 'light',
		locale: 'en-US',
	});
	context.setDefaultTimeout(20_000);
	const page = await context.newPage();
	await page.goto(`${n8n.baseUrl}/signin`);
	await page.locator('input[name="emailOrLdapLoginId"]').fill(n8n.owner.email);
	await page.locator('input[name="password"]').fill(n8n.owner.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
	return { context, page };
}

/** Saves a screenshot of the page (or of one element) as `<SCREENSHOT_DIR>/<name>.png` and returns its path. */
export async function screenshot(target: Page | Locator, name: string): Promise<string> {
	mkdirSync(SCREENSHOT_DIR, { recursive: true });
	const path = join(SCREENSHOT_DIR, `${name}.png`);
	await target.screenshot({ path });
	return path;
}

/**
 * The little of the DOM that the functions run in the page use. The project compiles without the
 * DOM library (node code must not touch it), so these functions type their element themselves.
 */
interface InBrowser {
	textContent: string | null;
	scrollWidth: number;
	clientWidth: number;
	parentElement: InBrowser | null;
	querySelector(selector: string): InBrowser | null;
	cloneNode(): InBrowser;
	appendChild(child: InBrowser): void;
	remove(): void;
}

/** The mean of the red, green and blue of the first non-transparent background at or above the element (0 to 255). */
export async function backgroundBrightness(target: Locator): Promise<number> {
	const color = await target.evaluate((element: unknown) => {
		const page = globalThis as unknown as {
			getComputedStyle: (of: unknown) => { backgroundColor: string };
		};
		for (
			let current = element as InBrowser | null;
			current !== null;
			current = current.parentElement
		) {
			const background = page.getComputedStyle(current).backgroundColor;
			if (background !== 'rgba(0, 0, 0, 0)' && background !== 'transparent') return background;
		}
		return '';
	});
	const [red, green, blue] = (color.match(/\d+/g) ?? []).map(Number);
	if (blue === undefined) throw new Error(`no background colour found (${color})`);
	return (red + green + blue) / 3;
}

// ---------------------------------------------------------------------------------------------------
// n8n 2.41's editor, as the tests use it (elements found by n8n's data-test-id where it has one)

/** Opens a saved workflow and its (only) node's panel, as a double-click on the canvas does. */
export async function openNodePanel(page: Page, n8n: N8nClient, workflowId: string): Promise<void> {
	await page.goto(`${n8n.baseUrl}/workflow/${workflowId}`);
	await page.getByTestId('canvas-node').first().dblclick();
	await page.getByTestId('ndv').waitFor();
	await page.getByTestId('node-parameters').waitFor();
}

/** The "Webhook URLs" section of the node panel, opened ("Test URL" or "Production URL" chosen). */
export async function webhookUrlRows(
	page: Page,
	which: 'Test URL' | 'Production URL',
): Promise<Array<{ method: string; cut: boolean; url: string }>> {
	const section = page.getByTestId('ndv').locator('.webhooks');
	if ((await section.locator('.node-webhooks').count()) === 0)
		await section.locator('.headline').click();
	await section.getByText(which, { exact: true }).click();
	await section.locator('.webhook-url').first().waitFor();
	// A method badge is cut when its text is wider than its box (n8n sets no tooltip on it).
	return await section.locator('.webhook-wrapper').evaluateAll((rows: unknown) =>
		(rows as InBrowser[]).map((row) => {
			const badge = row.querySelector('.http-method');
			return {
				method: badge?.textContent?.trim() ?? '',
				cut: badge === null ? false : badge.scrollWidth > badge.clientWidth + 1,
				url: row.querySelector('.webhook-url')?.textContent?.trim() ?? '',
			};
		}),
	);
}

/**
 * Clicks "Execute step" in the trigger panel (a test listen) and waits until the editor says it
 * is listening; returns what it says then.
 */
export async function listenForTestEvent(page: Page): Promise<string> {
	const ndv = page.getByTestId('ndv');
	await ndv.getByTestId('node-execute-button').click();
	const listening = ndv.getByTestId('trigger-listening');
	await listening.waitFor();
	return await listening.innerText();
}

/** Waits until the output pane shows `text` and returns all the pane's text. */
export async function outputShowing(page: Page, text: string): Promise<string> {
	const output = page.getByTestId('output-panel');
	await output.filter({ hasText: text }).waitFor({ timeout: 30_000 });
	return await output.innerText();
}

/**
 * Hides n8n's toasts ("Node executed successfully"), which would cover the output in a screenshot.
 * A style rule rather than clicks: the toasts slide in and out and detach while clicked.
 */
export async function hideToasts(page: Page): Promise<void> {
	await page.addStyleTag({ content: '.el-notification { display: none !important; }' });
}

/**
 * Whether the badge check of `webhookUrlRows` sees a cut: the first badge's box with the text
 * 'POST,PUT,PATCH' that n8n showed before (cut to "POST,P"), measured the same way.
 */
export async function badgeCheckSeesOldCut(page: Page): Promise<boolean> {
	return await page
		.getByTestId('ndv')
		.locator('.webhooks .http-method')
		.first()
		.evaluate((element: unknown) => {
			const badge = element as InBrowser;
			const probe = badge.cloneNode();
			probe.textContent = 'POST,PUT,PATCH';
			badge.parentElement?.appendChild(probe);
			const cut = probe.scrollWidth > probe.clientWidth + 1;
			probe.remove();
			return cut;
		});
}
