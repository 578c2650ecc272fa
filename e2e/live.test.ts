/**
 * The live page in a real browser: a comment posted from a second browser waits behind
 * "1 new comment" (the page does not move), then shows in place; votes and edits from elsewhere
 * change the comment where it is; the bubble counts what arrived since the page was opened.
 */
import fs from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createArticle, Guest } from '../test/support/server.js';
import { describeBrowser, eventually, launchBrowser, openArticle, textOf, useBrowserSuite } from './support/browser.js';

describeBrowser('live discussion in the browser', () => {
  const suite = useBrowserSuite();
  let reader: Page;
  let second: { context: BrowserContext; profileDir: string };

  beforeAll(async () => {
    reader = await suite.newPage();
    second = await launchBrowser();
  });
  afterAll(async () => {
    await second?.context.close();
    if (second) fs.rmSync(second.profileDir, { recursive: true, force: true });
    expect(suite.pageErrors).toEqual([]);
  });

  it('shows a comment posted from a second browser behind a button, then in place, and the bubble counts it', async () => {
    expect((await createArticle(suite.server, { slug: 'live-browser' })).status).toBe(201);
    const existing = await new Guest(suite.server.baseUrl).post('live-browser', { body: 'Already here when the page opened.', name: 'Early Reader' });
    expect(existing.status).toBe(201);
    await openArticle(suite, reader, '/articles/live-browser');
    const section = reader.locator('section.tb-discussion');
    expect(await textOf(section.locator('.tb-n'))).toMatch(/^1 Comment/);
    const scrolled = await reader.evaluate(() => window.scrollY);

    const other = await second.context.newPage();
    await openArticle(suite, other, '/articles/live-browser');
    const form = other.locator('section.tb-discussion form.tb-form:not(.tb-reply):not(.tb-edit)');
    await form.getByLabel('Comment').fill('Written in another browser, arriving live.');
    await form.getByLabel('Name').fill('Second Browser');
    await form.getByRole('button', { name: 'Post Comment' }).click();

    const button = reader.getByRole('button', { name: '1 new comment' });
    await button.waitFor({ state: 'visible', timeout: 5000 });
    // Waiting, not shown: the page has not moved under the reader.
    expect(await reader.locator('article', { hasText: 'arriving live' }).count()).toBe(0);
    expect(await reader.evaluate(() => window.scrollY)).toBe(scrolled);
    expect(await textOf(reader.locator('.tb-bubble'))).toContain('1 new');

    await button.click();
    await reader.locator('article', { hasText: 'Written in another browser, arriving live.' }).waitFor({ state: 'visible' });
    await eventually(() => textOf(section.locator('.tb-n')), '2 Comments');
    expect(await reader.getByRole('button', { name: /new comment/ }).count()).toBe(0);
    expect(await textOf(reader.locator('.tb-bubble .tb-bubble-count'))).toBe('2');
  });

  it('changes votes, edits and deletions in place', async () => {
    expect((await createArticle(suite.server, { slug: 'live-in-place' })).status).toBe(201);
    const author = new Guest(suite.server.baseUrl);
    const posted = await author.post('live-in-place', { body: 'The first version of this comment.', name: 'Changing Reader' });
    const id = posted.json.comment.id as number;
    const gone = await author.post('live-in-place', { body: 'A comment about to be deleted.', name: 'Changing Reader' });
    await openArticle(suite, reader, '/articles/live-in-place');
    const comment = reader.locator(`#comment-${id}`);

    expect((await new Guest(suite.server.baseUrl).request('POST', `/api/v1/comments/${id}/vote`, { value: 1 })).status).toBe(200);
    await eventually(async () => (await textOf(comment.locator('.tb-up'))).endsWith(' 1'), true);

    await author.request('PATCH', `/api/v1/comments/${id}`, { body: 'The second version, edited.' }, { 'x-edit-token': posted.json.editToken });
    await comment.getByText('The second version, edited.').waitFor({ state: 'visible' });

    await author.request('DELETE', `/api/v1/comments/${gone.json.comment.id}`, undefined, { 'x-edit-token': gone.json.editToken });
    await reader.locator(`#comment-${gone.json.comment.id}`).waitFor({ state: 'detached' });
  });
});
