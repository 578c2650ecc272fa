/**
 * The demo article page as a reader sees it, on a desktop and on a phone: full-page screenshots
 * in test-results/ (for people to look at), and checks of what breaks pages silently: horizontal
 * overflow, a missing image, a widget that never took over.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { demoArticles } from '../src/demo/articles.js';
import { createDemoClock, seedDemoContent } from '../src/demo/seed.js';
import { createTribune } from '../src/tribune.js';
import { ADMIN_TOKEN, Guest } from '../test/support/server.js';
import { describeBrowser, openArticle, seriousAxeViolations, useBrowserSuite } from './support/browser.js';

const resultsDir = path.resolve('test-results');

describeBrowser('article page screenshots', () => {
  const suite = useBrowserSuite();
  let page: Page;
  /** The demo article with the largest discussion. */
  let slug = '';
  let count = 0;

  beforeAll(async () => {
    // Seeded as `npm start` seeds a fresh site: through the services, on a demo clock that spreads
    // the discussion over days, with rate limits off, into the same database the server reads.
    const clock = createDemoClock();
    const config = loadConfig({ ...suite.server.database.env, TRIBUNE_ADMIN_TOKEN: ADMIN_TOKEN, TRIBUNE_DEMO_CONTENT: 'off', TRIBUNE_RATE_LIMITS: 'off', PORT: '0' });
    const seeder = await createTribune(config, { now: clock.now });
    try {
      await seedDemoContent({ ...seeder.services, clock });
    } finally {
      await seeder.close();
    }
    const guest = new Guest(suite.server.baseUrl);
    for (const article of demoArticles) {
      const thread = await guest.request('GET', `/api/v1/threads/${article.slug}/comments`);
      expect(thread.status).toBe(200);
      if (thread.json.count > count) {
        count = thread.json.count as number;
        slug = article.slug;
      }
    }
    expect(count).toBeGreaterThanOrEqual(12);
    fs.mkdirSync(resultsDir, { recursive: true });
    page = await suite.newPage();
  });

  afterAll(() => {
    expect(suite.pageErrors).toEqual([]);
  });

  /** Elements wider than the viewport, to name the culprit when the page overflows. */
  const overflow = () =>
    page.evaluate(() => {
      const width = window.innerWidth;
      const scrollWidth = document.scrollingElement!.scrollWidth;
      const culprits = [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > width + 0.5)
        .slice(0, 5)
        .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} right=${Math.round(el.getBoundingClientRect().right)}`);
      return { scrollWidth, width, culprits };
    });

  async function openAt(width: number, height: number): Promise<void> {
    await page.setViewportSize({ width, height });
    await openArticle(suite, page, `/articles/${slug}`);
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('.article-image img');
      return !!img && img.complete;
    });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
  }

  async function checkPage(): Promise<void> {
    const { scrollWidth, width, culprits } = await overflow();
    expect(scrollWidth, `horizontal overflow: ${culprits.join(', ')}`).toBeLessThanOrEqual(width);

    expect(await page.locator('h1.article-title').innerText()).toBe(demoArticles.find((a) => a.slug === slug)!.title);
    const image = page.locator('.article-image img');
    expect(await image.isVisible()).toBe(true);
    expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    expect(await page.getByText('Click to see the full-size image').isVisible()).toBe(true);
    expect(await page.locator('.byline').innerText()).toMatch(/^Written by /);

    const discussion = page.locator('section#comments.tb-discussion');
    expect(await discussion.isVisible()).toBe(true);
    expect(await discussion.locator('.tb-n').innerText()).toBe(`${count} Comments`);
    expect(await discussion.locator('.tb-list > article').count()).toBeGreaterThan(0);
    expect(await discussion.locator('.tb-rs article').count()).toBeGreaterThan(0);
    expect(await discussion.getByText(/Last edited .* by /).count()).toBeGreaterThan(0);
    expect(await seriousAxeViolations(page), 'axe-core: serious or critical accessibility problems').toEqual([]);
  }

  /** The widget runs: a comment's Reply button opens a reply form under it, and Cancel closes it. */
  async function checkWidgetTookOver(): Promise<void> {
    const first = page.locator('.tb-list > article').first();
    await first.locator(':scope > footer').getByRole('button', { name: 'Reply' }).click();
    const form = first.locator(':scope > form.tb-reply');
    await form.waitFor();
    expect(await form.getByLabel('Comment').evaluate((el) => el === document.activeElement)).toBe(true);
    const { scrollWidth, width } = await overflow();
    expect(scrollWidth, 'the open reply form makes the page overflow').toBeLessThanOrEqual(width);
    await form.getByRole('button', { name: 'Cancel' }).click();
    await form.waitFor({ state: 'detached' });
  }

  it('renders the article page at 1280x900 without overflow, with image and live discussion', async () => {
    await openAt(1280, 900);
    await checkPage();
    await page.screenshot({ path: path.join(resultsDir, 'article-page.png'), fullPage: true });
    await checkWidgetTookOver();
  });

  it('renders the article page 390 px wide (a phone) without overflow', async () => {
    await openAt(390, 844);
    await checkPage();
    await page.screenshot({ path: path.join(resultsDir, 'article-page-mobile.png'), fullPage: true });
    await checkWidgetTookOver();
  });
});
