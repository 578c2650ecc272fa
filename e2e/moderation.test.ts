/**
 * A comment the moderation holds, seen in the browser: its author sees it marked as awaiting
 * moderation, across reloads; another reader does not see it, and the count does not include it.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createArticle, Guest } from '../test/support/server.js';
import { describeBrowser, launchBrowser, openArticle, textOf, useBrowserSuite } from './support/browser.js';

describeBrowser('held comments in the browser', () => {
  // Everything posted here is pre-moderated, as a site under attack would set it.
  const suite = useBrowserSuite({ TRIBUNE_PREMODERATION: 'all' });
  let page: Page;

  beforeAll(async () => {
    page = await suite.newPage();
    expect((await createArticle(suite.server, { slug: 'held' })).status).toBe(201);
  });

  afterAll(() => {
    expect(suite.pageErrors).toEqual([]);
  });

  it('shows a held comment to its author alone, as awaiting moderation', async () => {
    await openArticle(suite, page, '/articles/held');
    const form = page.locator('section.tb-discussion form.tb-form:not(.tb-reply):not(.tb-edit)');
    await form.getByLabel('Comment').fill('A thought that a moderator will read first.');
    await form.getByLabel('Name').fill('Patient Reader');
    await form.getByRole('button', { name: 'Post Comment' }).click();

    const mine = page.locator('article.tb-pend', { hasText: 'A thought that a moderator will read first.' });
    await mine.waitFor();
    expect(await textOf(mine.locator('.tb-wait'))).toContain('Awaiting moderation');
    // The thank-you is said beside the held comment, where the page takes the reader, not above the form.
    expect(await textOf(mine.locator(':scope > .tb-ok'))).toContain('awaiting moderation');
    expect(await form.locator('.tb-ok').count()).toBe(0);
    expect(await textOf(page.locator('section.tb-discussion .tb-n'))).toBe('0 Comments');

    // Still there after choosing another order.
    await page.locator('section.tb-discussion').getByRole('link', { name: 'Newest' }).click();
    await page.waitForURL(/sort=newest/);
    await page.locator('article.tb-pend', { hasText: 'A thought that a moderator will read first.' }).waitFor();

    // Still there for its author after a reload.
    await openArticle(suite, page, '/articles/held');
    await page.locator('article.tb-pend', { hasText: 'A thought that a moderator will read first.' }).waitFor();

    // Another reader, in a browser of their own, sees nothing of it.
    const other = await launchBrowser();
    try {
      const stranger = other.context.pages()[0] ?? (await other.context.newPage());
      await stranger.goto(`${suite.server.baseUrl}/articles/held`);
      await stranger.waitForFunction(() => document.querySelector('section.tb-discussion')?.getAttribute('data-live') === 'on');
      expect(await stranger.locator('section.tb-discussion').textContent()).not.toContain('A thought that a moderator will read first.');
      const api = await new Guest(suite.server.baseUrl).request('GET', '/api/v1/threads/held/comments');
      expect(api.json.count).toBe(0);
      expect(api.json.comments).toEqual([]);
    } finally {
      await other.context.close();
    }
  });
});

describeBrowser('reporting a comment in the browser', () => {
  const suite = useBrowserSuite({ TRIBUNE_REPORTS_TO_HIDE: '1' });
  let page: Page;

  beforeAll(async () => {
    page = await suite.newPage();
    expect((await createArticle(suite.server, { slug: 'reportable' })).status).toBe(201);
    const other = new Guest(suite.server.baseUrl);
    expect((await other.post('reportable', { body: 'A comment that stays.', name: 'Calm' })).status).toBe(201);
    expect((await other.post('reportable', { body: 'The council is wrong about everything, as usual.', name: 'Seller' })).status).toBe(201);
  });

  afterAll(() => {
    expect(suite.pageErrors).toEqual([]);
  });

  it('sends a report with a reason and takes the comment off the page when that hides it', async () => {
    await openArticle(suite, page, '/articles/reportable');
    const target = page.locator('article', { hasText: 'The council is wrong about everything, as usual.' });
    await target.locator('summary', { hasText: 'Report' }).click();
    await target.getByLabel('Spam').check();
    await target.getByRole('button', { name: 'Send report' }).click();
    await page.locator('article', { hasText: 'The council is wrong about everything, as usual.' }).waitFor({ state: 'detached' });
    expect(await textOf(page.locator('section.tb-discussion .tb-n'))).toBe('1 Comment');
    await openArticle(suite, page, '/articles/reportable');
    expect(await page.locator('section.tb-discussion').textContent()).not.toContain('The council is wrong about everything');
    expect(await page.locator('section.tb-discussion').textContent()).toContain('A comment that stays.');
  });
});
