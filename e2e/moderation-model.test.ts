/**
 * A comment the learned model holds reaches the queue with the model's explanation: the
 * category, the score as a bar and a number, and the words that weighed most marked in the text.
 */
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createArticle, Guest } from '../test/support/server.js';
import { describeBrowser, signInThroughForm, textOf, useBrowserSuite } from './support/browser.js';

const PASSWORD = 'moderator password 2';
const TEXT = 'Typical Jews with their money and their media';

describeBrowser('the model explains itself in the moderation queue', () => {
  // A lower bar than the validated one, so this one sentence is held by the model rather than left to chance.
  const suite = useBrowserSuite({ TRIBUNE_MODEL_IDENTITY_ATTACK_HOLD: '0.5' });
  let page: Page;
  let heldId: number;

  beforeAll(async () => {
    page = await suite.newPage();
    expect((await createArticle(suite.server, { slug: 'banks', title: 'Bank branches close across the county' })).status).toBe(201);
    await suite.server.tribune.services.staff.createStaff({ email: 'mod2@example.org', name: 'Sam Moderator', role: 'moderator', password: PASSWORD });
    const held = await new Guest(suite.server.baseUrl).post('banks', { body: TEXT, name: 'Reader' });
    expect(held.status).toBe(202);
    heldId = held.json.comment.id;
  });

  afterAll(() => {
    expect(suite.pageErrors).toEqual([]);
  });

  it('shows category, score and marked words, readable on a desktop and a phone', async () => {
    await page.goto(`${suite.server.baseUrl}/staff/moderation`);
    await signInThroughForm(page, 'mod2@example.org', PASSWORD);
    await page.goto(`${suite.server.baseUrl}/staff/moderation?tab=pending`);
    const card = page.locator(`#card-${heldId}`);
    await card.waitFor();
    const reason = card.locator('.mq-reasons li').first();
    expect(await textOf(reason)).toMatch(/^classifier identity attack .*0\.\d\d.*attack on a group or identity \(score 0\.\d\d\)/);
    const score = Number(await reason.locator('meter').getAttribute('value'));
    expect(score).toBeGreaterThanOrEqual(0.5);
    const marked = await card.locator('.mq-body mark').allTextContents();
    expect(marked.length).toBeGreaterThan(0);
    for (const word of marked) expect(TEXT).toContain(word);

    fs.mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/moderation-model-1280.png', fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await card.scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: 'test-results/moderation-model-390.png', fullPage: true });
  });
});
