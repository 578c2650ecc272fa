/**
 * The reader-funding meter on an article page, as the reference page shows it above and below the
 * article: looked at in Chromium on a desktop and on a phone (screenshots in test-results/), read
 * by axe-core, and checked for what breaks silently: overflow, a bar that does not match its values.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADMIN_TOKEN, createArticle, Guest } from '../test/support/server.js';
import { describeBrowser, openArticle, seriousAxeViolations, textOf, useBrowserSuite } from './support/browser.js';

const resultsDir = path.resolve('test-results');
const staff = { authorization: `Bearer ${ADMIN_TOKEN}` };

describeBrowser('the funding meter on an article page', () => {
  const suite = useBrowserSuite();
  let page: Page;

  beforeAll(async () => {
    // 18 September 2026, noon: 13 days left until the end of September (UTC, the default zone).
    suite.server.clock.advance(Date.parse('2026-09-18T12:00:00Z') - suite.server.clock.now());
    expect((await createArticle(suite.server, { slug: 'harbour-bridge', title: 'Harbour bridge repairs approved after a long night at city hall' })).status).toBe(201);
    const admin = new Guest(suite.server.baseUrl);
    const made = await admin.request('POST', '/api/v1/campaigns', { title: 'Keep the Gazette independent', goal: 500_000, currency: 'USD', period: 'monthly' }, staff);
    expect(made.status).toBe(201);
    for (const [i, amount] of [50_000, 25_000, 40_000, 10_000, 15_000].entries()) {
      const gift = await admin.request('POST', `/api/v1/campaigns/${made.json.campaign.id}/entries`, { amount, note: 'Bank transfer', donorEmail: `reader${i}@example.org`, receivedAt: '2026-09-10T10:00:00Z' }, staff);
      expect(gift.status).toBe(201);
    }
    fs.mkdirSync(resultsDir, { recursive: true });
    page = await suite.newPage();
  });

  afterAll(() => {
    expect(suite.pageErrors).toEqual([]);
  });

  async function checkAt(width: number, height: number, name: string): Promise<void> {
    await page.setViewportSize({ width, height });
    await openArticle(suite, page, '/articles/harbour-bridge');
    const meters = page.locator('.funding-meter');
    expect(await meters.count()).toBe(2);
    // One above the article, one below it.
    const articleBox = (await page.locator('article.article').boundingBox())!;
    expect((await meters.nth(0).boundingBox())!.y).toBeLessThan(articleBox.y);
    expect((await meters.nth(1).boundingBox())!.y).toBeGreaterThan(articleBox.y + articleBox.height - 1);

    const top = meters.nth(0);
    expect(await textOf(top.locator('.funding-meter__title'))).toBe('SUPPORT THE HARBOUR GAZETTE');
    expect(await textOf(top.locator('.funding-meter__scale'))).toBe('$0 $2,500 $5,000');
    expect(await textOf(top.locator('.funding-meter__raised'))).toBe('$1,400 raised from 5 supporters · Donate');
    expect(await textOf(top.locator('.funding-meter__countdown'))).toBe('13 DAYS LEFT UNTIL THE END OF SEPTEMBER');
    const bar = top.getByRole('progressbar', { name: 'Support The Harbour Gazette' });
    expect(await bar.getAttribute('aria-valuenow')).toBe('1400.00');
    expect(await bar.getAttribute('aria-valuemax')).toBe('5000.00');
    // The red part is 28% of the bar, as 1,400 is of 5,000.
    const barBox = (await bar.boundingBox())!;
    const fillBox = (await bar.locator('.funding-meter__fill').boundingBox())!;
    expect(Math.abs(fillBox.width / barBox.width - 0.28)).toBeLessThan(0.01);

    const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.scrollingElement!.scrollWidth, innerWidth: window.innerWidth }));
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
    expect(await seriousAxeViolations(page), 'axe-core: serious or critical accessibility problems').toEqual([]);
    await top.screenshot({ path: path.join(resultsDir, `funding-meter-${name}.png`) });
    await page.screenshot({ path: path.join(resultsDir, `funding-meter-page-${name}.png`), fullPage: false });
  }

  it('shows the meter above and below the article at 1280 px', async () => {
    await checkAt(1280, 900, 'desktop');
  });

  it('shows the meter above and below the article at 390 px (a phone)', async () => {
    await checkAt(390, 844, 'phone');
  });

  it('leads from the meter to the donate page, which tells a reader how to give', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await openArticle(suite, page, '/articles/harbour-bridge');
    await page.locator('.funding-meter').first().getByRole('link', { name: 'Donate' }).click();
    await page.waitForURL(/\/donate\?from=harbour-bridge$/);
    expect(await textOf(page.locator('h1'))).toBe('Support The Harbour Gazette');
    expect(await page.getByRole('progressbar').count()).toBe(1);
    expect(await textOf(page.locator('.donate__ways'))).toContain('Card payments are not set up on this site yet.');
    expect(await seriousAxeViolations(page), 'axe-core: serious or critical accessibility problems').toEqual([]);
    await page.screenshot({ path: path.join(resultsDir, 'donate-page.png'), fullPage: true });
  });
});
