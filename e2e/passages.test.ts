/**
 * A reader comments on a passage of the article in the browser: selecting words offers "Comment on
 * this passage", the form then quotes them, the posted comment shows its passage, and after a reload
 * the paragraph carries a count that leads to the comment.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADMIN_TOKEN, Guest } from '../test/support/server.js';
import { describeBrowser, eventually, openArticle, reloadArticle, seriousAxeViolations, textOf, useBrowserSuite } from './support/browser.js';

describeBrowser('comments on a passage in the browser', () => {
  const suite = useBrowserSuite();
  let page: Page;

  beforeAll(async () => {
    page = await suite.newPage();
    const created = await new Guest(suite.server.baseUrl).request(
      'POST',
      '/api/v1/admin/articles',
      { slug: 'ferry-plan', title: 'The ferry plan', body: 'The ferries will run every twenty minutes.\n\nThe council voted 23 to 9 to fund the repair.', author: { name: 'Maya Okafor' } },
      { authorization: `Bearer ${ADMIN_TOKEN}` },
    );
    expect(created.status).toBe(201);
  });

  afterAll(() => {
    expect(suite.pageErrors).toEqual([]);
  });

  it('quotes the selected words, posts the comment on them, and counts it beside the paragraph', async () => {
    await openArticle(suite, page, '/articles/ferry-plan');
    // Select "voted 23 to 9" in the second paragraph, as a mouse would.
    await page.evaluate(() => {
      const paragraph = [...document.querySelectorAll('.article-body p')].find((p) => p.textContent!.includes('voted 23 to 9'))!;
      const text = paragraph.firstChild!;
      const at = text.textContent!.indexOf('voted 23 to 9');
      const range = document.createRange();
      range.setStart(text, at);
      range.setEnd(text, at + 'voted 23 to 9'.length);
      document.getSelection()!.removeAllRanges();
      document.getSelection()!.addRange(range);
      document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    });
    await page.getByRole('button', { name: 'Comment on this passage' }).click();
    const form = page.locator('form.tb-form:not(.tb-reply)');
    expect(await textOf(form.locator('.tb-q'))).toContain('“voted 23 to 9”');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('body');

    await form.locator('textarea[name="body"]').fill('Was the vote really that close?');
    await form.locator('input[name="name"]').fill('Passage Reader');
    await form.getByRole('button', { name: /post comment/i }).click();
    const comment = page.locator('article', { hasText: 'Was the vote really that close?' });
    await comment.waitFor({ state: 'visible' });
    expect(await textOf(comment.locator('.tb-q'))).toBe('On the passage: “voted 23 to 9”');
    expect(await form.locator('.tb-q').count()).toBe(0);

    await reloadArticle(page);
    const count = page.locator('.article-body .tb-pcount');
    await eventually(() => count.count(), 1);
    expect(await count.getAttribute('aria-label')).toBe('1 comment on “voted 23 to 9”');
    expect(await textOf(count.locator('xpath=..'))).toContain('The council voted 23 to 9');
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('shows an author’s question under its paragraph, and Answer starts a comment on that passage', async () => {
    const asked = await new Guest(suite.server.baseUrl).request(
      'POST',
      '/api/v1/admin/articles/ferry-plan/questions',
      { exact: 'every twenty minutes', question: 'Is that often enough for you?' },
      { authorization: `Bearer ${ADMIN_TOKEN}` },
    );
    expect(asked.status).toBe(201);
    await reloadArticle(page);
    const question = page.locator('.article-body .tb-ask');
    await question.waitFor({ state: 'visible' });
    expect(await textOf(question)).toBe('Maya Okafor asks about “every twenty minutes”: Is that often enough for you? Answer');
    expect(await textOf(question.locator('xpath=preceding-sibling::p[1]'))).toContain('every twenty minutes');
    await question.getByRole('button', { name: 'Answer' }).click();
    expect(await textOf(page.locator('form.tb-form:not(.tb-reply) .tb-q'))).toContain('“every twenty minutes”');
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('lists the passages under "Inline Feedbacks", and "View all comments" brings the discussion back', async () => {
    await reloadArticle(page);
    const inline = page.getByRole('button', { name: 'Inline Feedbacks (2)' });
    await inline.click();
    expect(await inline.getAttribute('aria-pressed')).toBe('true');
    const items = page.locator('.tb-inline li');
    expect(await items.count()).toBe(2);
    expect(await textOf(items.nth(0))).toBe('“every twenty minutes” Maya Okafor asks: Is that often enough for you? No comments yet.');
    expect(await textOf(items.nth(1))).toBe('“voted 23 to 9” Read the comment');
    expect(await page.locator('.tb-list').count()).toBe(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'View all comments' }).click();
    await page.locator('article', { hasText: 'Was the vote really that close?' }).waitFor({ state: 'visible' });
  });
});
