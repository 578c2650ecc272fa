/**
 * An editor writes an article in the staff pages, previews it and publishes it, in Chromium: the
 * article list and form looked at on a desktop and on a phone (screenshots in test-results/),
 * read by axe-core, and the published article found on the home page.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createArticle } from '../test/support/server.js';
import { describeBrowser, seriousAxeViolations, signInThroughForm, textOf, useBrowserSuite } from './support/browser.js';

const resultsDir = path.resolve('test-results');
const PASSWORD = 'editor password 12';

describeBrowser('writing an article in the staff pages', () => {
  const suite = useBrowserSuite();
  let page: Page;

  beforeAll(async () => {
    await suite.server.tribune.services.staff.createStaff({ email: 'desk@example.org', name: 'Dana Desk', role: 'editor', password: PASSWORD });
    expect((await createArticle(suite.server, { slug: 'harbour-bridge', title: 'Harbour bridge repairs approved after a long night at city hall' })).status).toBe(201);
    fs.mkdirSync(resultsDir, { recursive: true });
    page = await suite.newPage();
  });

  afterAll(() => {
    expect(suite.pageErrors).toEqual([]);
  });

  /** Nothing sticks out sideways, axe finds nothing serious, and a screenshot is kept. */
  async function lookAt(name: string): Promise<void> {
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.scrollingElement!.scrollWidth, innerWidth: window.innerWidth }));
    expect(scrollWidth, `${name}: no sideways scrolling`).toBeLessThanOrEqual(innerWidth);
    expect(await seriousAxeViolations(page), `${name}: axe-core serious or critical problems`).toEqual([]);
    await page.screenshot({ path: path.join(resultsDir, `staff-articles-${name}.png`), fullPage: true });
  }

  it('an editor writes an article, previews it and publishes it; it shows on the home page', async () => {
    await page.goto(`${suite.server.baseUrl}/staff/sign-in`);
    await signInThroughForm(page, 'desk@example.org', PASSWORD);
    await page.getByRole('link', { name: 'Articles' }).click();
    await page.waitForURL(/\/staff\/articles$/);
    expect(await textOf(page.locator('tr[data-slug="harbour-bridge"]'))).toMatch(/^Harbour bridge repairs approved after a long night at city hall Maya Okafor \d+ \w+ \d{4} 0 comments Edit$/);
    await lookAt('list-1280');

    await page.getByRole('link', { name: 'New article' }).click();
    await page.getByLabel('Title').fill('Ferry timetable changes from Monday');
    await page.getByLabel('Standfirst').fill('The early boat goes; the late one stays.');
    await page.getByLabel('Body').fill('## What changes\n\nThe **06:10** sailing is withdrawn.\n\n> We listened to passengers, the operator said.');
    await page.getByLabel('Author name').fill('Sam Lee');
    await page.getByLabel('Author role').fill('transport reporter');
    await page.getByLabel('Topics').fill('Transport, Harbour');
    await page.getByRole('button', { name: 'Preview' }).click();

    const preview = page.locator('.sa-preview');
    await expect.poll(() => preview.count()).toBe(1);
    expect(await textOf(preview.locator('.article-body h2'))).toBe('What changes');
    expect(await textOf(preview.locator('.article-body strong'))).toBe('06:10');
    expect(await textOf(preview.locator('.article-body blockquote'))).toBe('We listened to passengers, the operator said.');
    // The form keeps what was typed, and nothing is published yet.
    expect(await page.getByLabel('Body').inputValue()).toContain('The **06:10** sailing is withdrawn.');
    expect((await fetch(`${suite.server.baseUrl}/articles/ferry-timetable-changes-from-monday`)).status).toBe(404);
    await lookAt('preview-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    await lookAt('preview-390');
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.getByRole('button', { name: 'Publish' }).click();
    await page.waitForURL(/\/staff\/articles\?saved=ferry-timetable-changes-from-monday$/);
    expect(await textOf(page.getByRole('status'))).toBe('Saved. See the article');
    expect(await textOf(page.locator('tr[data-slug="ferry-timetable-changes-from-monday"] td').nth(1))).toBe('Sam Lee');
    await page.setViewportSize({ width: 390, height: 844 });
    await lookAt('list-390');
    await page.getByRole('link', { name: 'Edit Ferry timetable changes from Monday' }).click();
    expect(await page.getByLabel('Address').inputValue()).toBe('ferry-timetable-changes-from-monday');
    expect(await page.getByLabel('Topics').inputValue()).toBe('Harbour, Transport');
    await lookAt('edit-390');
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.goto(`${suite.server.baseUrl}/`);
    await page.getByRole('link', { name: 'Ferry timetable changes from Monday' }).first().click();
    await page.waitForURL(/\/articles\/ferry-timetable-changes-from-monday$/);
    expect(await textOf(page.locator('.article-title'))).toBe('Ferry timetable changes from Monday');
    expect(await textOf(page.locator('.article-body h2'))).toBe('What changes');
    expect(await textOf(page.locator('.byline'))).toContain('Sam Lee, transport reporter');
  }, 60_000);
});
