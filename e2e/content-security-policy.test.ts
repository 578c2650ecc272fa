/**
 * The article page under its Content-Security-Policy (no inline script): the widget still
 * starts and posts, and the browser reports no violation. The staff queue's keyboard shortcuts,
 * moved to a file for the policy, still work.
 */
import type { ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createArticle } from '../test/support/server.js';
import { describeBrowser, eventually, openArticle, signInThroughForm, textOf, useBrowserSuite } from './support/browser.js';

describeBrowser('the pages under their Content-Security-Policy', () => {
  const suite = useBrowserSuite();
  let page: Page;
  const violations: string[] = [];

  beforeAll(async () => {
    page = await suite.newPage();
    page.on('console', (message: ConsoleMessage) => {
      if (/Content[- ]Security[- ]Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    // Every violation is also an event in the page, whatever the console says.
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => console.error(`Refused to run: Content Security Policy ${event.violatedDirective} ${event.blockedURI}`));
    });
    expect((await createArticle(suite.server, { slug: 'under-policy' })).status).toBe(201);
  });

  afterAll(() => {
    expect(suite.pageErrors).toEqual([]);
  });

  it('starts the widget and posts a comment with no policy violation', async () => {
    await openArticle(suite, page, '/articles/under-policy');
    const policy = await page.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy'));
    expect(policy).toContain("script-src 'self'");
    const form = page.locator('section.tb-discussion form.tb-form:not(.tb-reply):not(.tb-edit)');
    await form.getByLabel('Comment').fill('Posted under the policy.');
    await form.getByLabel('Name').fill('Careful Reader');
    await form.getByRole('button', { name: 'Post Comment' }).click();
    await page.locator('.tb-list > article', { hasText: 'Posted under the policy.' }).waitFor();
    await eventually(() => textOf(page.locator('section.tb-discussion .tb-n')), '1 Comment');
    expect(violations).toEqual([]);
  });

  it('runs the moderation queue’s keyboard shortcuts from their file', async () => {
    await suite.server.tribune.services.staff.createStaff({ email: 'mod@example.org', name: 'Rosa Moderator', role: 'moderator', password: 'correct horse battery staple' });
    await page.goto(`${suite.server.baseUrl}/staff/sign-in`);
    await signInThroughForm(page, 'mod@example.org', 'correct horse battery staple');
    await page.goto(`${suite.server.baseUrl}/staff/moderation?tab=approved`);
    await page.keyboard.press('j');
    await page.locator('.mq-card.mq-card--current').waitFor();
    expect(violations).toEqual([]);
  });
});
