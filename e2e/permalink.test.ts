/**
 * A comment's permalink opened in the browser: it lands on the page of the thread that holds the
 * comment, however deep and old, scrolled to it and highlighted, and stays so once the widget
 * takes over the server's markup.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createArticle, Guest } from '../test/support/server.js';
import { describeBrowser, useBrowserSuite, waitForWidget } from './support/browser.js';

describeBrowser('comment permalinks in the browser', () => {
  const suite = useBrowserSuite({ TRIBUNE_COMMENTS_PER_PAGE: '3', TRIBUNE_REPLIES_SHOWN: '2' });
  let page: Page;
  const chain: number[] = [];
  const topLevel: number[] = [];

  beforeAll(async () => {
    page = await suite.newPage();
    const guest = new Guest(suite.server.baseUrl);
    expect((await createArticle(suite.server, { slug: 'long-thread' })).status).toBe(201);
    const post = async (body: string, name: string, parentId?: number) => {
      const posted = await guest.post('long-thread', { body, name, ...(parentId !== undefined && { parentId }) });
      expect(posted.status, JSON.stringify(posted.json)).toBe(201);
      suite.server.clock.advance(60_000);
      return posted.json.comment.id as number;
    };
    for (let i = 1; i <= 11; i++) topLevel.push(await post(`Top-level comment ${i}, with enough words to take a line or two on the page.`, `Reader ${i}`));
    // Days later, a conversation starts under the 8th comment (page 3 of 4 in the default order)
    // and goes 6 levels deep, past the 2 replies a branch shows by default.
    suite.server.clock.advance(3 * 86_400_000);
    let parent = topLevel[7]!;
    for (let level = 1; level <= 6; level++) {
      parent = await post(`Level ${level} of the late conversation.`, `Debater ${level}`, parent);
      chain.push(parent);
    }
  });

  afterAll(() => {
    expect(suite.pageErrors).toEqual([]);
  });

  /** Where comment `id` is against the viewport, and whether it looks highlighted. */
  const placement = (id: number) =>
    page.evaluate((commentId) => {
      const el = document.getElementById(`comment-${commentId}`);
      if (!el) return null;
      // The comment's own lines, not its replies: header to footer.
      const header = el.querySelector(':scope > header')!.getBoundingClientRect();
      const footer = el.querySelector(':scope > footer')!.getBoundingClientRect();
      const plain = document.querySelector('.tb-c:not(.tb-hl)');
      return {
        inViewport: header.top >= 0 && footer.bottom <= window.innerHeight,
        scrollY: window.scrollY,
        highlighted: el.classList.contains('tb-hl'),
        background: getComputedStyle(el).backgroundColor,
        plainBackground: plain ? getComputedStyle(plain).backgroundColor : null,
        text: el.querySelector(':scope > .tb-b')?.textContent?.trim(),
      };
    }, id);

  it('opens the deepest reply of an old comment on its page, scrolled to it and highlighted', async () => {
    const deepest = chain.at(-1)!;
    // A viewport short enough that the comment is far below the top of the page.
    await page.setViewportSize({ width: 1280, height: 700 });
    const response = await page.goto(`${suite.server.baseUrl}/comments/${deepest}`);
    expect(response?.status()).toBe(200);
    const url = new URL(page.url());
    expect(url.pathname).toBe('/articles/long-thread');
    expect(url.searchParams.get('comment')).toBe(String(deepest));
    expect(url.hash).toBe(`#comment-${deepest}`);

    // What the server rendered, before any script: the browser scrolls to the fragment.
    const served = await placement(deepest);
    expect(served).not.toBeNull();

    await waitForWidget(page);
    const shownTopLevel = await page.evaluate(() =>
      [...document.querySelectorAll('.tb-list > article > header > :first-child')].map((el) => el.textContent?.trim()),
    );
    expect(shownTopLevel).toEqual(['Reader 7', 'Reader 8', 'Reader 9']);
    expect(await page.getByRole('link', { name: 'Show the first comments' }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Load more comments' }).isVisible()).toBe(true);

    // The whole chain is shown inside the 8th comment, down to the deepest reply.
    for (const [i, id] of chain.entries()) {
      expect(await page.locator(`#comment-${topLevel[7]} #comment-${id} > .tb-b`).innerText()).toBe(`Level ${i + 1} of the late conversation.`);
    }

    const live = await placement(deepest);
    expect(live).toMatchObject({ inViewport: true, highlighted: true, text: 'Level 6 of the late conversation.' });
    expect(live!.scrollY).toBeGreaterThan(0);
    expect(live!.background).toBe('rgb(255, 248, 220)');
    expect(live!.plainBackground).not.toBe(live!.background);
    // Only the linked comment is highlighted.
    expect(await page.locator('.tb-hl').count()).toBe(1);
    expect(await page.locator(`#comment-${deepest}`).isVisible()).toBe(true);
  });

  it('offers a way back to the first page of the thread from the permalink page', async () => {
    await page.getByRole('link', { name: 'Show the first comments' }).click();
    await page.waitForFunction(() => document.querySelector('.tb-list > article > header > :first-child')?.textContent?.trim() === 'Reader 1');
    const shownTopLevel = await page.evaluate(() =>
      [...document.querySelectorAll('.tb-list > article > header > :first-child')].map((el) => el.textContent?.trim()),
    );
    expect(shownTopLevel).toEqual(['Reader 1', 'Reader 2', 'Reader 3']);
    expect(await page.getByRole('link', { name: 'Show the first comments' }).count()).toBe(0);
  });
});
