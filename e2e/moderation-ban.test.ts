/**
 * A moderator bans the author of a held comment from its card in the queue; the author's next
 * comment is then refused with the reason the moderator gave.
 */
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createArticle, Guest } from '../test/support/server.js';
import { describeBrowser, textOf, signInThroughForm, useBrowserSuite } from './support/browser.js';

const PASSWORD = 'moderator password 1';
const REASON = 'Repeated insults to other readers.';

describeBrowser('banning a comment author from the moderation queue', () => {
  const suite = useBrowserSuite({ TRIBUNE_PREMODERATION: 'all' });
  let page: Page;
  let author: Guest;
  let heldId: number;

  beforeAll(async () => {
    page = await suite.newPage();
    expect((await createArticle(suite.server, { slug: 'harbour', title: 'Council votes on the harbour plan' })).status).toBe(201);
    await suite.server.tribune.services.staff.createStaff({ email: 'mod@example.org', name: 'Rosa Moderator', role: 'moderator', password: PASSWORD });
    author = new Guest(suite.server.baseUrl);
    const held = await author.post('harbour', { body: 'Everyone who voted for this is an idiot.', name: 'Angry Reader', email: 'angry@example.org' });
    expect(held.status).toBe(202);
    heldId = held.json.comment.id;
  });

  afterAll(() => {
    expect(suite.pageErrors).toEqual([]);
  });

  it('suspends the author for 7 days with a reason, and their next comment is refused with it', async () => {
    await page.goto(`${suite.server.baseUrl}/staff/sign-in`);
    await signInThroughForm(page, 'mod@example.org', PASSWORD);

    await page.goto(`${suite.server.baseUrl}/staff/moderation?tab=pending`);
    const card = page.locator(`#card-${heldId}`);
    await card.waitFor();
    await card.getByText('Ban author').click();
    const reason = card.getByLabel('Reason (the commenter sees it)');
    await reason.waitFor();
    expect(await card.getByLabel(/E-mail/).isChecked()).toBe(true);
    expect(await card.getByLabel('This browser').isChecked()).toBe(true);
    expect(await card.getByLabel('Address').isChecked()).toBe(false);
    await reason.fill(REASON);
    await card.getByLabel('For').selectOption({ label: '7 days' });
    fs.mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/moderation-ban-form.png', fullPage: true });

    await card.getByRole('button', { name: 'Ban', exact: true }).click();
    await page.waitForURL(/done=suspend/);
    expect(await textOf(page.locator('.mq-done'))).toBe(`Suspended the author of comment ${heldId} for 7 days (by e-mail, browser).`);
    await page.screenshot({ path: 'test-results/moderation-ban.png', fullPage: true });

    const refused = await author.post('harbour', { body: 'Trying again after the ban.', name: 'Angry Reader', email: 'angry@example.org' });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('banned');
    expect(refused.json.error.message).toContain(REASON);

    await page.getByRole('link', { name: 'Bans' }).click();
    await page.waitForURL(/\/staff\/moderation\/bans$/);
    expect(await page.locator('.mq-bans tbody tr').count()).toBe(2);
    expect(await textOf(page.locator('.mq-bans tbody tr').first())).toContain(REASON);
    await page.screenshot({ path: 'test-results/moderation-bans-page.png', fullPage: true });
  });
});
