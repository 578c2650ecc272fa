/**
 * The discussion widget in a real browser: what a reader sees after posting, replying, voting,
 * sorting, paging, editing and deleting. Pages of 3 comments and 2 replies per branch, so paging
 * shows up with few comments.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createArticle, Guest } from '../test/support/server.js';
import { describeBrowser, eventually, openArticle, reloadArticle, textOf, useBrowserSuite } from './support/browser.js';

describeBrowser('discussion widget in the browser', () => {
  const suite = useBrowserSuite({ TRIBUNE_COMMENTS_PER_PAGE: '3', TRIBUNE_REPLIES_SHOWN: '2' });
  let page: Page;
  let guest: Guest;

  beforeAll(async () => {
    page = await suite.newPage();
    guest = new Guest(suite.server.baseUrl);
  });

  afterAll(() => {
    expect(suite.pageErrors).toEqual([]);
  });

  /** An article with `bodies` as top-level comments by other readers, posted one second apart. */
  async function thread(slug: string, bodies: string[] = []): Promise<number[]> {
    expect((await createArticle(suite.server, { slug })).status).toBe(201);
    const ids: number[] = [];
    for (const [i, body] of bodies.entries()) ids.push(await postAs(slug, body, `Reader ${i + 1}`));
    return ids;
  }

  async function postAs(slug: string, body: string, name: string, parentId?: number): Promise<number> {
    const posted = await guest.post(slug, { body, name, ...(parentId !== undefined && { parentId }) });
    expect(posted.status, JSON.stringify(posted.json)).toBe(201);
    suite.server.clock.advance(1000);
    return posted.json.comment.id as number;
  }

  const section = () => page.locator('section.tb-discussion');
  const countShown = () => textOf(section().locator('.tb-n'));
  const commentEl = (id: number) => page.locator(`#comment-${id}`);
  /** The text of each top-level comment shown, in page order. */
  const topLevelTexts = () =>
    page.evaluate(() => [...document.querySelectorAll('.tb-list > article')].map((a) => a.querySelector(':scope > .tb-b')?.textContent?.trim() ?? ''));
  /** The text of comments shown anywhere inside comment `id`'s replies, in page order. */
  const replyTexts = (id: number) =>
    page.evaluate((rootId) => [...document.querySelectorAll(`#comment-${rootId} .tb-rs article > .tb-b`)].map((b) => b.textContent?.trim() ?? ''), id);
  const apiCount = async (slug: string) => (await guest.request('GET', `/api/v1/threads/${slug}/comments`)).json.count as number;

  /** Fills and submits the top-level form as a reader would. */
  async function postThroughForm(text: string, name: string): Promise<void> {
    const form = section().locator('form.tb-form:not(.tb-reply):not(.tb-edit)');
    await form.getByLabel('Comment').fill(text);
    await form.getByLabel('Name').fill(name);
    await form.getByRole('button', { name: 'Post Comment' }).click();
  }

  it('posts a top-level comment through the form: it shows in the list and the count goes up', async () => {
    await thread('post-top-level', ['A first comment from another reader.']);
    await openArticle(suite, page, '/articles/post-top-level');
    expect(await countShown()).toBe('1 Comment');

    await postThroughForm('Hello from the **browser**.', 'Alice Browser');

    const mine = section().locator('.tb-list > article').filter({ hasText: 'Hello from the browser.' });
    await mine.waitFor();
    expect(await textOf(mine.locator('header'))).toMatch(/^Alice Browser just now/);
    expect(await mine.locator('.tb-b strong').innerText()).toBe('browser');
    await eventually(countShown, '2 Comments');
    expect(await topLevelTexts()).toEqual(['A first comment from another reader.', 'Hello from the browser.']);
    expect(await section().getByLabel('Comment').first().inputValue()).toBe('');

    await reloadArticle(page);
    expect(await countShown()).toBe('2 Comments');
    expect(await topLevelTexts()).toEqual(['A first comment from another reader.', 'Hello from the browser.']);
  });

  it('replies through a comment’s Reply button: the reply shows nested under it', async () => {
    const [first, second] = await thread('reply-nested', ['Is the bridge closing in May?', 'Unrelated second comment.']);
    await openArticle(suite, page, '/articles/reply-nested');
    expect(await commentEl(first!).locator('form.tb-reply').count()).toBe(0);

    await commentEl(first!).locator(':scope > footer').getByRole('button', { name: 'Reply' }).click();
    const form = commentEl(first!).locator('form.tb-reply');
    await form.waitFor();
    expect(await form.getByLabel('Comment').evaluate((el) => el === document.activeElement)).toBe(true);
    await form.getByLabel('Name').fill('Alice Browser');
    await form.getByLabel('Comment').fill('Yes, from the 12th, says the council.');
    await form.getByRole('button', { name: 'Post Reply' }).click();

    const nested = commentEl(first!).locator(':scope > .tb-rs > article').filter({ hasText: 'Yes, from the 12th, says the council.' });
    await nested.waitFor();
    expect(await textOf(nested.locator('header'))).toContain('Alice Browser');
    await form.waitFor({ state: 'detached' });
    expect(await replyTexts(second!)).toEqual([]);
    await eventually(countShown, '3 Comments');

    await reloadArticle(page);
    expect(await replyTexts(first!)).toEqual(['Yes, from the 12th, says the council.']);
    expect(await countShown()).toBe('3 Comments');
  });

  it('votes up, changes to down, withdraws: the numbers shown follow and survive a reload', async () => {
    const [id] = await thread('votes', ['Vote on me.']);
    // Another reader's up-vote, so the counts are not just this reader's.
    expect((await new Guest(suite.server.baseUrl).request('POST', `/api/v1/comments/${id}/vote`, { value: 1 })).status).toBe(200);
    await openArticle(suite, page, '/articles/votes');
    const up = commentEl(id!).locator(':scope > footer .tb-up');
    const down = commentEl(id!).locator(':scope > footer .tb-dn');
    const shown = async () => [await textOf(up), await textOf(down), await up.getAttribute('aria-pressed'), await down.getAttribute('aria-pressed')];
    expect(await shown()).toEqual(['Vote up 1', 'Vote down 0', 'false', 'false']);

    await up.click();
    await eventually(shown, ['Vote up 2', 'Vote down 0', 'true', 'false']);
    await reloadArticle(page);
    expect(await shown()).toEqual(['Vote up 2', 'Vote down 0', 'true', 'false']);

    await down.click();
    await eventually(shown, ['Vote up 1', 'Vote down 1', 'false', 'true']);
    await reloadArticle(page);
    expect(await shown()).toEqual(['Vote up 1', 'Vote down 1', 'false', 'true']);

    // Pressing the pressed arrow takes the vote back.
    await down.click();
    await eventually(shown, ['Vote up 1', 'Vote down 0', 'false', 'false']);
    await reloadArticle(page);
    expect(await shown()).toEqual(['Vote up 1', 'Vote down 0', 'false', 'false']);
  });

  it('reorders the comments with the Oldest / Newest / Most Voted tabs', async () => {
    const [a, b, c] = await thread('sorting', ['Comment A, the oldest.', 'Comment B, most voted.', 'Comment C, the newest.']);
    for (const [id, ups] of [[b, 3], [c, 1]] as const) {
      for (let i = 0; i < ups; i++) expect((await new Guest(suite.server.baseUrl).request('POST', `/api/v1/comments/${id}/vote`, { value: 1 })).status).toBe(200);
    }
    expect(a).toBeDefined();
    await openArticle(suite, page, '/articles/sorting');
    const tabs = section().getByRole('navigation', { name: 'Sort comments' });
    const current = () => tabs.locator('[aria-current="page"]').innerText();
    expect(await current()).toBe('Oldest');
    expect(await topLevelTexts()).toEqual(['Comment A, the oldest.', 'Comment B, most voted.', 'Comment C, the newest.']);

    // The widget sorts in place: the page is not reloaded, only its address records the order.
    await page.evaluate(() => Object.assign(window, { e2eSamePage: true }));
    const samePage = () => page.evaluate(() => (window as unknown as { e2eSamePage?: boolean }).e2eSamePage === true);
    const sortInAddress = () => new URL(page.url()).searchParams.get('sort');

    await tabs.getByRole('link', { name: 'Newest' }).click();
    await eventually(topLevelTexts, ['Comment C, the newest.', 'Comment B, most voted.', 'Comment A, the oldest.']);
    expect(await current()).toBe('Newest');
    expect(sortInAddress()).toBe('newest');

    await tabs.getByRole('link', { name: 'Most Voted' }).click();
    await eventually(topLevelTexts, ['Comment B, most voted.', 'Comment C, the newest.', 'Comment A, the oldest.']);
    expect(await current()).toBe('Most Voted');
    expect(sortInAddress()).toBe('votes');
    expect(await samePage()).toBe(true);

    // A reload keeps the chosen order.
    await reloadArticle(page);
    expect(await topLevelTexts()).toEqual(['Comment B, most voted.', 'Comment C, the newest.', 'Comment A, the oldest.']);
    expect(await current()).toBe('Most Voted');

    await tabs.getByRole('link', { name: 'Oldest' }).click();
    await eventually(topLevelTexts, ['Comment A, the oldest.', 'Comment B, most voted.', 'Comment C, the newest.']);
    expect(await current()).toBe('Oldest');
  });

  it('appends the next page with "Load more comments" until none is left', async () => {
    const bodies = Array.from({ length: 7 }, (_, i) => `Paged comment ${i + 1}.`);
    await thread('paging', bodies);
    await openArticle(suite, page, '/articles/paging');
    const more = section().getByRole('link', { name: 'Load more comments' });
    expect(await topLevelTexts()).toEqual(bodies.slice(0, 3));
    expect(await countShown()).toBe('7 Comments');

    await more.click();
    await eventually(topLevelTexts, bodies.slice(0, 6));
    await more.click();
    await eventually(topLevelTexts, bodies);
    expect(await more.count()).toBe(0);
    expect(await countShown()).toBe('7 Comments');
  });

  it('moves a comment posted before "Load more comments" to its place instead of showing it twice', async () => {
    const bodies = Array.from({ length: 4 }, (_, i) => `Earlier comment ${i + 1}.`);
    await thread('post-then-page', bodies);
    await openArticle(suite, page, '/articles/post-then-page');
    await postThroughForm('Mine, posted while more pages exist.', 'Late Reader');
    await eventually(topLevelTexts, [...bodies.slice(0, 3), 'Mine, posted while more pages exist.']);
    await section().getByRole('link', { name: 'Load more comments' }).click();
    await eventually(topLevelTexts, [...bodies, 'Mine, posted while more pages exist.']);
    expect(await countShown()).toBe('5 Comments');
  });

  it('appends the rest of a long branch with "Load more replies"', async () => {
    const [root] = await thread('long-branch', ['Root of a long branch.']);
    const r1 = await postAs('long-branch', 'Reply 1 to the root.', 'Bea', root);
    await postAs('long-branch', 'Reply 2 to the root.', 'Cem', root);
    const r3 = await postAs('long-branch', 'Reply 3, answering reply 1.', 'Dana', r1);
    await postAs('long-branch', 'Reply 4 to the root.', 'Eli', root);
    await postAs('long-branch', 'Reply 5, answering reply 3.', 'Fay', r3);
    await openArticle(suite, page, '/articles/long-branch');

    expect(await replyTexts(root!)).toEqual(['Reply 1 to the root.', 'Reply 2 to the root.']);
    const more = commentEl(root!).getByRole('button', { name: 'Load more replies' });
    // Each press appends the next TRIBUNE_REPLIES_SHOWN (2) replies of the branch, in the order
    // they were written; replies to replies land nested under the reply they answer, as a reload
    // of the comment's permalink shows them.
    await more.click();
    await eventually(() => replyTexts(root!), ['Reply 1 to the root.', 'Reply 3, answering reply 1.', 'Reply 2 to the root.', 'Reply 4 to the root.']);
    expect(await replyTexts(r1)).toEqual(['Reply 3, answering reply 1.']);
    expect(await more.isEnabled()).toBe(true);

    await more.click();
    const all = ['Reply 1 to the root.', 'Reply 3, answering reply 1.', 'Reply 5, answering reply 3.', 'Reply 2 to the root.', 'Reply 4 to the root.'];
    await eventually(() => replyTexts(root!), all);
    expect(await replyTexts(r3)).toEqual(['Reply 5, answering reply 3.']);
    await more.waitFor({ state: 'detached' });
    expect(await countShown()).toBe('6 Comments');
  });

  it('edits the reader’s own comment within the window: new text and "Last edited … by NAME"', async () => {
    await thread('editing', ['Someone else’s comment.']);
    await openArticle(suite, page, '/articles/editing');
    // Only the author's browser is offered Edit.
    expect(await section().getByRole('button', { name: 'Edit' }).count()).toBe(0);
    await postThroughForm('The vote is on Tuesday.', 'Alice Browser');
    const posted = section().locator('.tb-list > article').filter({ hasText: 'The vote is on Tuesday.' });
    await posted.waitFor();
    const mine = page.locator(`#${await posted.getAttribute('id')}`);
    expect(await mine.locator('.tb-ed').count()).toBe(0);

    await mine.locator(':scope > footer').getByRole('button', { name: 'Edit' }).click();
    const editor = mine.locator('form.tb-edit');
    await editor.waitFor();
    expect(await editor.getByLabel('Comment').inputValue()).toBe('The vote is on Tuesday.');
    await editor.getByLabel('Comment').fill('Correction: the vote is on *Wednesday*.');
    await editor.getByRole('button', { name: 'Save' }).click();
    await editor.waitFor({ state: 'detached' });

    expect(await textOf(mine.locator(':scope > .tb-b'))).toBe('Correction: the vote is on Wednesday.');
    expect(await mine.locator(':scope > .tb-b em').innerText()).toBe('Wednesday');
    expect(await textOf(mine.locator('.tb-ed'))).toBe('Last edited just now by Alice Browser');

    await reloadArticle(page);
    expect(await textOf(mine.locator('.tb-ed'))).toBe('Last edited just now by Alice Browser');
    expect(await topLevelTexts()).toEqual(['Someone else’s comment.', 'Correction: the vote is on Wednesday.']);
  });

  it('deletes the reader’s own comment: it disappears and the count goes down', async () => {
    await thread('deleting', ['A comment that stays.']);
    await openArticle(suite, page, '/articles/deleting');
    await postThroughForm('A comment I will regret.', 'Alice Browser');
    const mine = section().locator('.tb-list > article').filter({ hasText: 'A comment I will regret.' });
    await mine.waitFor();
    await eventually(countShown, '2 Comments');

    const dialogs: string[] = [];
    page.once('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.accept();
    });
    await mine.locator(':scope > footer').getByRole('button', { name: 'Delete' }).click();
    await mine.waitFor({ state: 'detached' });
    expect(dialogs).toEqual(['Delete your comment? This cannot be undone.']);
    await eventually(countShown, '1 Comment');
    expect(await topLevelTexts()).toEqual(['A comment that stays.']);
    expect(await section().getByText('A comment I will regret.').count()).toBe(0);

    await reloadArticle(page);
    expect(await countShown()).toBe('1 Comment');
    expect(await topLevelTexts()).toEqual(['A comment that stays.']);
    expect(await apiCount('deleting')).toBe(1);
  });

  it('deletes the reader’s own comment that has replies: a placeholder keeps the replies in context', async () => {
    await thread('deleting-parent');
    await openArticle(suite, page, '/articles/deleting-parent');
    await postThroughForm('A question I will take back.', 'Alice Browser');
    const posted = section().locator('.tb-list > article').filter({ hasText: 'A question I will take back.' });
    await posted.waitFor();
    const id = Number((await posted.getAttribute('id'))!.replace('comment-', ''));
    await postAs('deleting-parent', 'An answer that stays.', 'Bea', id);
    await reloadArticle(page);
    expect(await countShown()).toBe('2 Comments');

    page.once('dialog', (dialog) => void dialog.accept());
    await commentEl(id).locator(':scope > footer').getByRole('button', { name: 'Delete' }).click();
    await eventually(countShown, '1 Comment');
    expect(await textOf(commentEl(id).locator(':scope > .tb-b'))).toBe('This comment was deleted.');
    expect(await commentEl(id).locator(':scope > header').count()).toBe(0);
    expect(await replyTexts(id)).toEqual(['An answer that stays.']);

    await reloadArticle(page);
    expect(await countShown()).toBe('1 Comment');
    expect(await textOf(commentEl(id).locator(':scope > .tb-b'))).toBe('This comment was deleted.');
    expect(await replyTexts(id)).toEqual(['An answer that stays.']);
  });

  it('shows the server’s message beside the form when the name is empty, and posts nothing', async () => {
    await thread('validation', ['The only comment.']);
    await openArticle(suite, page, '/articles/validation');
    // Blank spaces pass the browser's own `required` check, so the server is the one to refuse.
    await postThroughForm('A comment without a name.', '   ');

    const form = section().locator('form.tb-form:not(.tb-reply)');
    const alert = form.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toBe('Enter a name to comment as a guest.');
    expect(await form.getByLabel('Name').evaluate((el) => el === document.activeElement)).toBe(true);
    // The text is kept so the reader can fix the name and post again.
    expect(await form.getByLabel('Comment').inputValue()).toBe('A comment without a name.');
    expect(await countShown()).toBe('1 Comment');
    expect(await topLevelTexts()).toEqual(['The only comment.']);
    expect(await apiCount('validation')).toBe(1);

    await reloadArticle(page);
    expect(await topLevelTexts()).toEqual(['The only comment.']);
  });
});
