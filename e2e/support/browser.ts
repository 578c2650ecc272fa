/**
 * Browser tests: Debian's Chromium driven by playwright-core, against a real Tribune per file.
 * No browser is ever downloaded. When `TRIBUNE_SKIP_BROWSER` is set (the `npm test` runner sets it
 * when Chromium is missing), every browser suite is skipped and the reason printed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { startServer, type TestServer } from '../../test/support/server.js';

export const CHROMIUM = process.env.TRIBUNE_CHROMIUM ?? '/usr/bin/chromium';

/** Why browser suites are skipped, or undefined when they run. */
export const skipBrowserReason = process.env.TRIBUNE_SKIP_BROWSER || undefined;

/** `describe` for a browser suite: skipped, with the reason printed, when there is no browser. */
export function describeBrowser(name: string, suite: () => void): void {
  if (skipBrowserReason) {
    console.warn(`⚠ SKIPPED browser suite "${name}": ${skipBrowserReason}`);
    describe.skip(`${name} (skipped: ${skipBrowserReason})`, suite);
  } else {
    describe(name, suite);
  }
}

/**
 * Launches Chromium with a fresh profile; the caller closes the context (which also ends the browser).
 * `javaScriptEnabled: false` is a reader whose browser runs no script.
 */
export async function launchBrowser(options: { javaScriptEnabled?: boolean; args?: string[] } = {}): Promise<{ context: BrowserContext; profileDir: string }> {
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tribune-e2e-chromium-'));
  const { args = [], ...rest } = options;
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', ...args],
    viewport: { width: 1280, height: 900 },
    ...rest,
  });
  context.setDefaultTimeout(10_000);
  // The widget sets no marker of its own when it takes over the server's markup. What it does is
  // observable: it empties the discussion section, then renders into it within the same task.
  // This flag records that moment, so tests can wait for the live widget instead of guessing.
  await context.addInitScript(() => {
    const w = window as unknown as { __tribuneWidgetStarted?: boolean };
    new MutationObserver((records) => {
      for (const record of records) {
        const target = record.target as Element;
        if (record.removedNodes.length > 0 && target.matches?.('section.tb-discussion[data-thread]')) w.__tribuneWidgetStarted = true;
      }
    }).observe(document, { childList: true, subtree: true });
  });
  return { context, profileDir };
}

export interface BrowserSuite {
  readonly server: TestServer;
  readonly context: BrowserContext;
  /** Uncaught errors thrown in any page of this suite. */
  readonly pageErrors: string[];
  /** A new tab that records uncaught errors into `pageErrors`. */
  newPage(): Promise<Page>;
}

/**
 * Registers beforeAll/afterAll for one test file: a server (with `env` settings) on a fresh
 * database of the project's dialect, and one browser context shared by the file's tests.
 * `hosts`: names the browser resolves to the server's address (127.0.0.1), as a reader's DNS
 * would for each site of one Tribune.
 */
export function useBrowserSuite(env: Record<string, string> = {}, options: { hosts?: string[] } = {}): BrowserSuite {
  let server: TestServer | undefined;
  let context: BrowserContext | undefined;
  let profileDir: string | undefined;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startServer(env);
    const hosts = options.hosts ?? [];
    ({ context, profileDir } = await launchBrowser(hosts.length ? { args: [`--host-resolver-rules=${hosts.map((h) => `MAP ${h} 127.0.0.1`).join(', ')}`] } : {}));
  });

  afterAll(async () => {
    await context?.close();
    await server?.close();
    if (profileDir) fs.rmSync(profileDir, { recursive: true, force: true });
  });

  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`The browser suite's ${what} is not started (used outside a test?).`);
    return value;
  };

  return {
    get server() {
      return ready(server, 'server');
    },
    get context() {
      return ready(context, 'browser context');
    },
    pageErrors,
    async newPage() {
      const page = await ready(context, 'browser context').newPage();
      page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
      return page;
    },
  };
}

/** Waits until the discussion widget has replaced the server's markup with its live version. */
export async function waitForWidget(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as unknown as { __tribuneWidgetStarted?: boolean }).__tribuneWidgetStarted === true, undefined, { timeout: 10_000 });
}

/** Opens a page of the suite's server and waits for the live widget. */
export async function openArticle(suite: BrowserSuite, page: Page, pathAndQuery: string): Promise<void> {
  const response = await page.goto(`${suite.server.baseUrl}${pathAndQuery}`);
  expect(response?.status(), `GET ${pathAndQuery}`).toBe(200);
  await waitForWidget(page);
}

/** Reloads and waits for the live widget again. */
export async function reloadArticle(page: Page): Promise<void> {
  await page.reload();
  await waitForWidget(page);
}

/**
 * Polls until `read()` returns `expected` (deep-equal), then asserts it, so failures show the last value.
 * The wait is generous because other suites share the cores; it ends as soon as the value is there.
 */
export async function eventually<T>(read: () => Promise<T>, expected: T, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (JSON.stringify(last) !== JSON.stringify(expected) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    last = await read();
  }
  expect(last).toEqual(expected);
}

/** Serious and critical accessibility problems axe-core finds on the page, one line each. */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern.
  const axeScript = path.resolve('node_modules/axe-core/axe.min.js');
  if (!fs.existsSync(axeScript)) throw new Error(`${axeScript} is missing: run \`npm ci\` (axe-core is a dev dependency).`);
  await page.evaluate(fs.readFileSync(axeScript, 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> } }).axe;
    return (await axe.run(document)).violations;
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => String(n.target)).slice(0, 3).join(', ')}`);
}

/** Visible text of a locator, whitespace collapsed. */
export async function textOf(locator: Locator): Promise<string> {
  return ((await locator.innerText()) ?? '').replace(/\s+/g, ' ').trim();
}

/** Fills in and sends the staff sign-in form shown on `page`, and waits for the staff landing page. */
export async function signInThroughForm(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/staff$/);
}
