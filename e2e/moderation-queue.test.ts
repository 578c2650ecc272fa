/**
 * A moderator signs in through the form, finds a held comment in the queue, approves it, and
 * readers then see it on the article page.
 */
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createArticle, Guest } from '../test/support/server.js';
import { describeBrowser, openArticle, textOf, signInThroughForm, useBrowserSuite } from './support/browser.js';

const PASSWORD = 'moderator password 1';

describeBrowser('the moderation queue in the browser', () => {
  const suite = useBrowserSuite({ TRIBUNE_PREMODERATION: 'all' });
  let page: Page;
  let heldId: number;

  beforeAll(async () => {
    page = await suite.newPage();
    expect((await createArticle(suite.server, { slug: 'council', title: 'Council votes on the harbour plan' })).status).toBe(201);
    await suite.server.tribune.services.staff.createStaff({ email: 'mod@example.org', name: 'Rosa Moderator', role: 'moderator', password: PASSWORD });
    const guest = new Guest(suite.server.baseUrl);
    const parent = await guest.post('council', { body: 'The harbour plan is long overdue.', name: 'Early Reader' });
    await fetch(`${suite.server.baseUrl}/api/v1/moderation/actions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer test-admin-token-0123456789' },
      body: JSON.stringify({ action: 'approve', ids: [parent.json.comment.id] }),
    });
    await guest.post('council', { body: 'Time to eradicate them all!', name: 'Angry Reader', parentId: parent.json.comment.id });
    const held = await guest.post('council', { body: 'A calm comment that waits for a moderator.', name: 'Patient Reader' });
    heldId = held.json.comment.id;
  });

  afterAll(() => {
    expect(suite.pageErrors).toEqual([]);
  });

  it('approves a held comment from the queue, and the article page then shows it', async () => {
    await page.goto(`${suite.server.baseUrl}/staff/moderation`);
    expect(page.url()).toContain('/staff/sign-in');
    await signInThroughForm(page, 'mod@example.org', PASSWORD);

    await page.goto(`${suite.server.baseUrl}/staff/moderation?tab=pending`);
    const card = page.locator(`#card-${heldId}`);
    await card.waitFor();
    expect(await textOf(card)).toContain('A calm comment that waits for a moderator.');
    expect(await page.locator('.mq-card mark').count()).toBeGreaterThan(0);
    // j moves to the first card (the newest: the held one).
    await page.keyboard.press('j');
    expect(await card.evaluate((el) => el.classList.contains('mq-card--current'))).toBe(true);

    fs.mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/moderation-queue.png', fullPage: true });

    await card.getByRole('button', { name: 'Approve' }).click();
    await page.waitForURL(/done=approve/);
    expect(await textOf(page.locator('.mq-done'))).toContain('Approved 1 comment');
    expect(await page.locator(`#card-${heldId}`).count()).toBe(0);

    await openArticle(suite, page, '/articles/council');
    const shown = page.locator('section.tb-discussion article', { hasText: 'A calm comment that waits for a moderator.' });
    await shown.first().waitFor();
    expect(await textOf(page.locator('section.tb-discussion .tb-n'))).toBe('2 Comments');
  });
});
