/**
 * A real browser for the editor tests: Debian's Chromium driven by playwright-core (which never
 * downloads a browser). CI is a clean Debian bookworm container run as root, so the harness
 * installs the `chromium` package with apt-get where it is missing, like the queue-mode services.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { type Browser, type BrowserContext, chromium, type Page, selectors } from 'playwright-core';

import type { N8nClient } from './n8n';
import { PROJECT_ROOT } from './n8n';
import { aptGetInstall, findOnPath } from './services';

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
	process.stderr.write('[n8n-harness] the editor tests need chromium, which is not installed: installing with apt-get\n');
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
	return await chromium.launch({ executablePath: ensureChromium(), args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

export type Theme = 'light' | 'dark';

/**
 * A browser context logged in to n8n through its sign-in page, as a user would. The theme is
 * the system's colour scheme, which n8n follows by default.
 */
export async function signIn(browser: Browser, n8n: N8nClient, theme: Theme = 'light'): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: theme, locale: 'en-US' });
	context.setDefaultTimeout(20_000);
	const page = await context.newPage();
	await page.goto(`${n8n.baseUrl}/signin`);
	await page.locator('input[name="emailOrLdapLoginId"]').fill(n8n.owner.email);
	await page.locator('input[name="password"]').fill(n8n.owner.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
	return { context, page };
}

/** Saves a screenshot as `<SCREENSHOT_DIR>/<name>.png` and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
	mkdirSync(SCREENSHOT_DIR, { recursive: true });
	const path = join(SCREENSHOT_DIR, `${name}.png`);
	await page.screenshot({ path });
	return path;
}
