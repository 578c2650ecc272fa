/**
 * The discussion as a new reader tries it, at 1280 and 390 px: the defects of issue 10 ("a
 * discussion people want to read and join"), each checked the way a reader would meet it, and
 * axe-core on the page with its menus and forms open.
 */
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { READER_SESSION_COOKIE } from '../src/http/reader-session.js';
import { createArticle, Guest } from '../test/support/server.js';
import { describeBrowser, eventually, launchBrowser, openArticle, seriousAxeViolations, textOf, useBrowserSuite } from './support/browser.js';

describeBrowser('the discussion’s design in the browser', () => {
  const suite = useBrowserSuite();
  let page: Page;
  let guest: Guest;

  beforeAll(async () => {
    page = await suite.newPage();
    guest = new Guest(suite.server.baseUrl);
  });

  afterAll(() => {
    expect(suite.pageErrors).toEqual([]);
  });

  /** An article with `bodies` as top-level comments by other readers. */
  async function thread(slug: string, bodies: string[], premoderation?: 'all'): Promise<number[]> {
    expect((await createArticle(suite.server, { slug, ...(premoderation ? { premoderation } : {}) })).status).toBe(201);
    const ids: number[] = [];
    for (const [i, body] of bodies.entries()) {
      const posted = await guest.post(slug, { body, name: `Reader ${i + 1}` });
      expect(posted.status, JSON.stringify(posted.json)).toBe(201);
      ids.push(posted.json.comment.id as number);
    }
    return ids;
  }

  const commentEl = (id: number) => page.locator(`#comment-${id}`);
  const focusedText = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
  const focusedInside = (selector: string) => page.evaluate((s) => !!document.activeElement?.closest(s), selector);
  const reportsOf = async (id: number) =>
    (await suite.server.tribune.database.db.selectFrom('comment_reports').select('comment_id').where('comment_id', '=', id).execute()).length;

  it('labels every field, says whether the e-mail is public, and puts a heading above the form', async () => {
    await thread('labelled', ['A comment.']);
    await openArticle(suite, page, '/articles/labelled');
    const section = page.locator('section.tb-discussion');
    const form = section.locator('form.tb-form:not(.tb-reply)');
    expect(await textOf(form.locator('label', { has: page.locator('input[name="email"]') }))).toBe('E-mail (optional, never shown)');
    expect(await textOf(form.locator('label', { has: page.locator('input[name="name"]') }))).toBe('Name (shown publicly)');
    for (const label of ['Comment', 'Name', 'E-mail', 'Website']) expect(await form.getByLabel(label).count()).toBe(1);
    const heading = section.getByRole('heading', { name: 'Join the discussion' });
    expect((await heading.boundingBox())!.y).toBeLessThan((await form.boundingBox())!.y);
    // The section is named by that heading, and the subscribe bar sits between the two.
    expect(await page.getByRole('region', { name: 'Join the discussion' }).count()).toBe(1);
    expect(await section.locator('form.tb-subscribe').getByLabel('Notify me of').count()).toBe(1);
  });

  it('shows each commenter with an avatar: their initials, on a colour drawn from their name', async () => {
    const ids = await thread('avatars', ['One.', 'Two.', 'Three.']);
    await openArticle(suite, page, '/articles/avatars');
    const avatars = await Promise.all(
      ids.map((id) => commentEl(id).locator(':scope > .tb-av').evaluate((el) => [el.textContent, getComputedStyle(el).backgroundColor, getComputedStyle(el).color])),
    );
    expect(avatars.map(([initials]) => initials)).toEqual(['R1', 'R2', 'R3']);
    expect(new Set(avatars.map(([, background]) => background)).size).toBeGreaterThan(1);
    for (const [, background, colour] of avatars) {
      expect(background).not.toBe('rgba(0, 0, 0, 0)');
      expect(colour).toBe('rgb(255, 255, 255)');
    }
  });

  it('Report is a button that opens a choice: arrow keys only choose, nothing is sent until "Send report"', async () => {
    const [id] = await thread('report-keys', ['Reported with the keyboard.']);
    await openArticle(suite, page, '/articles/report-keys');
    const report = commentEl(id!).locator(':scope > footer summary', { hasText: 'Report' });
    await report.focus();
    await page.keyboard.press('Enter');
    const reasons = commentEl(id!).getByRole('radiogroup').or(commentEl(id!).locator('fieldset'));
    await reasons.waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await commentEl(id!).getByLabel('Spam').isChecked()).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await reportsOf(id!)).toBe(0);

    // Esc closes it, and the focus goes back to Report.
    await page.keyboard.press('Escape');
    await reasons.waitFor({ state: 'hidden' });
    expect(await focusedText()).toBe('Report');
    expect(await reportsOf(id!)).toBe(0);

    await page.keyboard.press('Enter');
    await commentEl(id!).getByLabel('Off topic').check();
    await commentEl(id!).getByRole('button', { name: 'Send report' }).click();
    await commentEl(id!).getByRole('status').waitFor();
    expect(await textOf(commentEl(id!).getByRole('status'))).toContain('Thank you for the report');
    expect(await reportsOf(id!)).toBe(1);
  });

  it('a held comment offers no Reply, vote, Share or link, and says so beside it, where the reader is', async () => {
    await thread('held-design', [], 'all');
    await page.setViewportSize({ width: 390, height: 700 });
    try {
      await openArticle(suite, page, '/articles/held-design');
      const form = page.locator('section.tb-discussion form.tb-form:not(.tb-reply)');
      await form.getByLabel('Comment').fill('Waiting for a moderator, patiently.');
      await form.getByLabel('Name').fill('Patient Reader');
      await form.getByRole('button', { name: 'Post Comment' }).click();
      const mine = page.locator('article.tb-pend');
      await mine.waitFor();
      for (const name of ['Reply', /Vote up/, /Vote down/]) expect(await mine.getByRole('button', { name }).count()).toBe(0);
      expect(await mine.locator('summary').count()).toBe(0);
      expect(await mine.locator('a[href^="/comments/"], a[href*="reply="]').count()).toBe(0);
      const notice = mine.getByRole('status');
      expect(await textOf(notice)).toContain('awaiting moderation');
      await eventually(() => notice.evaluate((el) => {
        const box = el.getBoundingClientRect();
        return box.top >= 0 && box.bottom <= window.innerHeight;
      }), true);
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it('Cancel puts the focus back on Reply, and Esc closes the reply form the same way', async () => {
    const [id] = await thread('reply-focus', ['Reply to me, then change your mind.']);
    await openArticle(suite, page, '/articles/reply-focus');
    const replyButton = commentEl(id!).locator(':scope > footer').getByRole('button', { name: 'Reply' });
    const form = commentEl(id!).locator('form.tb-reply');

    await replyButton.click();
    await form.waitFor();
    expect(await focusedInside('form.tb-reply')).toBe(true);
    await form.getByRole('button', { name: 'Cancel' }).click();
    await form.waitFor({ state: 'detached' });
    expect(await replyButton.evaluate((el) => el === document.activeElement)).toBe(true);

    await page.keyboard.press('Enter');
    await form.waitFor();
    await form.getByLabel('Comment').fill('On second thoughts…');
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'detached' });
    expect(await replyButton.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('folds a long comment behind "Read more", which opens it in place', async () => {
    const long = Array.from({ length: 12 }, (_, i) => `Paragraph ${i + 1} of a long comment about the harbour bridge, its cables and the budget.`).join('\n\n');
    const [id] = await thread('read-more', [long]);
    await openArticle(suite, page, '/articles/read-more');
    const text = commentEl(id!).locator(':scope > .tb-b');
    const more = commentEl(id!).getByRole('button', { name: 'Read more' });
    expect(await more.getAttribute('aria-expanded')).toBe('false');
    const folded = await text.evaluate((el) => el.clientHeight);
    expect(await text.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
    await more.click();
    const less = commentEl(id!).getByRole('button', { name: 'Show less' });
    expect(await less.getAttribute('aria-expanded')).toBe('true');
    expect(await text.evaluate((el) => el.scrollHeight <= el.clientHeight)).toBe(true);
    expect(await text.evaluate((el) => el.clientHeight)).toBeGreaterThan(folded);
    // A short comment has no such button.
    const [short] = await thread('read-more-short', ['Short.']);
    await openArticle(suite, page, '/articles/read-more-short');
    expect(await commentEl(short!).getByRole('button', { name: /Read more/ }).count()).toBe(0);
  });

  it('shares a comment with plain links, loading nothing from elsewhere', async () => {
    const [id] = await thread('share', ['Worth sharing.']);
    const elsewhere: string[] = [];
    const onRequest = (request: { url(): string }) => {
      if (!request.url().startsWith(suite.server.baseUrl) && !request.url().startsWith('data:')) elsewhere.push(request.url());
    };
    page.on('request', onRequest);
    try {
      await openArticle(suite, page, '/articles/share');
      await commentEl(id!).locator(':scope > footer summary', { hasText: 'Share' }).click();
      const links = await commentEl(id!).locator('.tb-share a').evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href')]));
      const address = `${suite.server.baseUrl}/comments/${id}`;
      expect(links).toEqual([
        ['Link to this comment', `/comments/${id}`],
        ['E-mail', expect.stringContaining(`body=${encodeURIComponent(address)}`)],
        ['X', `https://x.com/intent/post?url=${encodeURIComponent(address)}`],
        ['Facebook', `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(address)}`],
        ['Bluesky', `https://bsky.app/intent/compose?text=${encodeURIComponent(address)}`],
      ]);
      await page.keyboard.press('Escape');
      expect(await focusedText()).toBe('Share');
      expect(elsewhere).toEqual([]);
    } finally {
      page.off('request', onRequest);
    }
  });

  it('subscribes a guest from the bar above the form: a confirmation mail, nothing more until confirmed', async () => {
    await thread('subscribe-bar', ['Follow this.']);
    await openArticle(suite, page, '/articles/subscribe-bar');
    const bar = page.locator('form.tb-subscribe');
    await bar.getByLabel('Notify me of').selectOption({ label: 'new replies to my comments' });
    await bar.getByLabel('E-mail').fill('follower@example.org');
    await bar.getByRole('button', { name: 'Subscribe' }).click();
    await bar.getByRole('status').waitFor();
    expect(await textOf(bar.getByRole('status'))).toContain('Check your inbox');
    const rows = await suite.server.tribune.database.db.selectFrom('subscriptions').select(['kind', 'confirmed_at']).where('email', '=', 'follower@example.org').execute();
    expect(rows).toEqual([{ kind: 'replies', confirmed_at: null }]);
  });

  it('subscribes a signed-in reader in one click and lets them comment as themselves, with no name or address to type', async () => {
    await thread('subscribe-signed-in', ['Follow this too.']);
    const accounts = suite.server.tribune.services.readerAccounts;
    const account = await accounts.signInWithVerifiedEmail('default', 'rita@example.org', { name: 'Rita Reader' });
    const { token } = await accounts.startSession(account);
    await suite.context.addCookies([{ name: READER_SESSION_COOKIE, value: token, url: suite.server.baseUrl }]);
    try {
      await openArticle(suite, page, '/articles/subscribe-signed-in');
      const bar = page.locator('form.tb-subscribe');
      expect(await textOf(bar.locator('.tb-as'))).toBe('as Rita Reader');
      expect(await bar.getByLabel('E-mail').count()).toBe(0);
      await bar.getByRole('button', { name: 'Subscribe' }).click();
      await bar.getByRole('status').waitFor();
      expect(await textOf(bar.getByRole('status'))).toContain('Subscribed');
      const rows = await suite.server.tribune.database.db.selectFrom('subscriptions').select('kind').where('email', '=', 'rita@example.org').where('confirmed_at', 'is not', null).execute();
      expect(rows).toEqual([{ kind: 'thread' }]);

      // The comment form asks for no name or address either: the reader posts as themselves.
      const form = page.locator('form.tb-form:not(.tb-reply)');
      expect(await textOf(form.locator('.tb-as'))).toBe('Commenting as Rita Reader');
      expect(await form.getByLabel('Name').count()).toBe(0);
      await form.getByLabel('Comment').fill('Posted as myself.');
      await form.getByRole('button', { name: 'Post Comment' }).click();
      const mine = page.locator('.tb-list > article', { hasText: 'Posted as myself.' });
      await mine.waitFor();
      expect(await textOf(mine.locator('.tb-who'))).toBe('Rita Reader');
    } finally {
      await suite.context.clearCookies({ name: READER_SESSION_COOKIE });
    }
  });

  it('at 390 px every control is at least 24 × 24 px and the comment actions 44 px tall; axe finds nothing serious', async () => {
    const [id] = await thread('touch', ['Tap targets.', 'Another comment.']);
    await guest.post('touch', { body: 'A reply, with a [link](https://example.org/).', name: 'Bea', parentId: id! });
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 844 });
      try {
        await openArticle(suite, page, '/articles/touch');
        await commentEl(id!).locator(':scope > footer').getByRole('button', { name: 'Reply' }).click();
        await commentEl(id!).locator(':scope > footer summary', { hasText: 'Report' }).click();
        const sizes = await page.evaluate(() =>
          [...document.querySelectorAll('#comments :is(a, button, summary, input, select, textarea, label.tb-opt)')]
            .filter((el) => !el.closest('.tb-b') && !el.matches('.tb-hp, [type="hidden"], [type="radio"]') && el.getClientRects().length > 0)
            .map((el) => {
              const box = el.getBoundingClientRect();
              return { what: `${el.tagName.toLowerCase()}.${el.className} “${el.textContent?.trim().slice(0, 20)}”`, w: box.width, h: box.height, action: !!el.closest('footer') };
            }),
        );
        expect(sizes.length).toBeGreaterThan(10);
        // The open Report panel stays inside the page: nothing scrolls sideways.
        expect(await page.evaluate(() => document.scrollingElement!.scrollWidth <= window.innerWidth)).toBe(true);
        expect(sizes.filter((s) => s.w < 24 || s.h < 24).map((s) => s.what)).toEqual([]);
        if (width === 390) expect(sizes.filter((s) => s.action && s.h < 44).map((s) => `${s.what} ${s.h}`)).toEqual([]);
        expect(await seriousAxeViolations(page), `axe-core at ${width} px`).toEqual([]);
        await page.screenshot({ path: `/tmp/design-touch-${width}.png`, fullPage: true }).catch(() => undefined);
      } finally {
        await page.setViewportSize({ width: 1280, height: 900 });
      }
    }
  });

  it('without JavaScript, votes post and Reply opens a form that posts, each coming back to the comment', async () => {
    const [id] = await thread('no-script', ['Vote and reply without script.']);
    const { context, profileDir } = await launchBrowser({ javaScriptEnabled: false });
    try {
      const plain = await context.newPage();
      await plain.goto(`${suite.server.baseUrl}/articles/no-script`);
      const comment = plain.locator(`#comment-${id}`);
      await comment.getByRole('button', { name: /Vote up/ }).click();
      await plain.waitForURL(new RegExp(`comment=${id}`));
      expect(await textOf(plain.locator(`#comment-${id} .tb-up`))).toBe('Vote up 1');

      await plain.locator(`#comment-${id}`).getByRole('link', { name: 'Reply' }).click();
      const form = plain.locator(`#comment-${id} form.tb-reply`);
      await form.waitFor();
      expect(await form.getByLabel('Comment').evaluate((el) => el === document.activeElement)).toBe(true);
      await form.getByLabel('Comment').fill('A reply from a browser without script.');
      await form.getByLabel('Name').fill('Plain Reader');
      await form.getByRole('button', { name: 'Post Reply' }).click();
      await plain.waitForURL(/comment=\d+/);
      expect(await textOf(plain.locator(`#comment-${id} .tb-rs article .tb-b`))).toBe('A reply from a browser without script.');
      expect((await guest.request('GET', '/api/v1/threads/no-script/comments')).json.comments[0].votes).toEqual({ up: 1, down: 0 });
    } finally {
      await context.close();
      fs.rmSync(profileDir, { recursive: true, force: true });
    }
  });
});
