/**
 * A reader's account in Chromium, from first comment to deleting it: a guest comment with their
 * address; "Sign in by e-mail", with the mail server down when they ask, the link read from what a
 * real SMTP server receives once it is back; posting under the account's name and picture;
 * claiming the guest comment; the profile page; downloading their data; deleting the account.
 * The tests run in order, as one reader's story.
 */
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createArticle, Guest } from '../test/support/server.js';
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from '../test/support/smtp.js';
import { describeBrowser, openArticle, textOf, useBrowserSuite, waitForWidget } from './support/browser.js';

const EMAIL = 'noor.haddad@example.org';
const SLUG = 'harbour-works';

describeBrowser('a reader’s account in the browser', () => {
  const received: ReceivedMail[] = [];
  let smtp: TestSmtpServer;
  const env: Record<string, string> = { TRIBUNE_MAIL_FROM: '"The Harbour Gazette" <news@gazette.example>' };
  beforeAll(async () => {
    smtp = await startSmtpServer(0, received);
    env.SMTP_URL = smtp.url;
  });
  const suite = useBrowserSuite(env);
  let page: Page;
  let guestCommentId: number;
  let readerCommentId: number;
  let readerId: number;

  beforeAll(async () => {
    expect((await createArticle(suite.server, { slug: SLUG, title: 'Harbour works begin' })).status).toBe(201);
    await new Guest(suite.server.baseUrl).post(SLUG, { body: 'Someone else was here first.', name: 'Marek' });
    page = await suite.newPage();
  });

  afterAll(async () => {
    await smtp?.close();
    expect(suite.pageErrors).toEqual([]);
  });

  const section = () => page.locator('section.tb-discussion');
  const topForm = () => section().locator('form.tb-form:not(.tb-reply):not(.tb-edit)');
  const outboxRow = () => suite.server.tribune.database.db.selectFrom('mail_outbox').selectAll().where('recipient', '=', EMAIL).executeTakeFirstOrThrow();
  const me = () =>
    page.evaluate(async () => {
      const answer = await fetch('/api/v1/me');
      return answer.ok ? ((await answer.json()) as { reader: { id: number; name: string } }).reader : null;
    });

  it('posts as a guest, giving the address they will sign in with', async () => {
    await openArticle(suite, page, `/articles/${SLUG}`);
    expect(await textOf(section().locator('.tb-signin'))).toBe('Sign in by e-mail to comment under your own name, or comment as a guest.');
    await topForm().getByLabel('Comment').fill('Posted as a guest, before I had an account.');
    await topForm().getByLabel('Name').fill('Noor');
    await topForm().getByLabel('E-mail').fill(EMAIL);
    await topForm().getByRole('button', { name: 'Post Comment' }).click();
    const posted = section().locator('article', { hasText: 'Posted as a guest, before I had an account.' });
    await posted.waitFor();
    guestCommentId = Number((await posted.getAttribute('id'))!.replace('comment-', ''));
    expect(await textOf(posted.locator('header .tb-who'))).toBe('Noor');
    expect(await posted.locator('img.tb-av').count()).toBe(0);
  });

  it('asks for a sign-in link while the mail server is down; the mail waits and goes out, once, when it is back', async () => {
    const port = smtp.port;
    await smtp.close();
    await section().getByRole('link', { name: 'Sign in by e-mail' }).click();
    await page.waitForURL(`${suite.server.baseUrl}/sign-in?returnTo=%2Farticles%2F${SLUG}`);
    await page.getByLabel('Your e-mail address').fill(EMAIL);
    await page.getByLabel('Your name, shown with your comments').fill('Noor Haddad');
    await page.getByRole('button', { name: 'Mail me a sign-in link' }).click();
    expect(await page.locator('h1').innerText()).toBe('Check your inbox');

    // The worker tried at once and failed: the mail is kept, with the reason, for a later attempt.
    await suite.server.tribune.mailDelivery.deliverDue();
    const waiting = await outboxRow();
    expect(waiting).toMatchObject({ state: 'queued', kind: 'sign-in' });
    expect(waiting.attempts).toBeGreaterThanOrEqual(1);
    expect(waiting.last_error).toMatch(/ECONNREFUSED|connect/i);

    smtp = await startSmtpServer(port, received);
    suite.server.clock.advance(31_000);
    await suite.server.tribune.mailDelivery.deliverDue();
    const mail = await smtp.waitFor((m) => m.envelope.to.includes(EMAIL));
    const sent = await outboxRow();
    expect(sent.state).toBe('sent');
    expect(mail.parsed.messageId).toBe(sent.message_id);
    expect(mail.parsed.subject).toContain('The Harbour Gazette');
    expect(mail.parsed.from?.value).toEqual([{ name: 'The Harbour Gazette', address: 'news@gazette.example' }]);
    await suite.server.tribune.mailDelivery.deliverDue();
    expect(received.filter((m) => m.envelope.to.includes(EMAIL))).toHaveLength(1);
  });

  it('reads well as a mail: plain text with the bare link, and HTML whose button is the same link (screenshot in /tmp/readers-mail.png)', async () => {
    const mail = received.find((m) => m.envelope.to.includes(EMAIL))!;
    const link = /^http:\/\/127\.0\.0\.1:\d+\/sign-in\/[A-Za-z0-9_-]+$/m.exec(mail.parsed.text ?? '')?.[0];
    expect(link, mail.parsed.text).toBeDefined();
    expect(mail.parsed.text).toContain('Sign in to The Harbour Gazette');
    expect(mail.parsed.text).toContain('The link works once, within 15 minutes.');

    // As a mail client shows it: the HTML part alone, at a phone's width and a desktop's, nothing fetched.
    const view = await suite.newPage();
    const fetched: string[] = [];
    view.on('request', (request) => void (request.url().startsWith('data:') || fetched.push(request.url())));
    for (const width of [390, 800]) {
      await view.setViewportSize({ width, height: 700 });
      await view.setContent(mail.parsed.html as string);
      const button = view.getByRole('link', { name: 'Sign in', exact: true });
      expect(await button.getAttribute('href')).toBe(link);
      const box = (await button.boundingBox())!;
      expect(box.width).toBeGreaterThanOrEqual(44);
      expect(box.height).toBeGreaterThanOrEqual(24);
      expect(box.x + box.width).toBeLessThanOrEqual(width);
      // Nothing wider than the window: no sideways scrolling on a phone.
      expect(await view.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      const colours = await button.evaluate((a) => ({ fg: getComputedStyle(a).color, bg: getComputedStyle(a).backgroundColor }));
      expect(colours.fg).not.toBe(colours.bg);
      expect(await textOf(view.locator('body'))).toContain('If you did not ask for this, ignore this mail');
      await view.screenshot({ path: width === 800 ? '/tmp/readers-mail.png' : '/tmp/readers-mail-390.png', fullPage: true });
    }
    expect(fetched).toEqual([]);
    await view.close();

    await page.goto(link!);
    expect(await page.locator('h1').innerText()).toBe('Sign in to The Harbour Gazette');
    expect(await page.getByLabel('Your name, shown with your comments').inputValue()).toBe('Noor Haddad');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${suite.server.baseUrl}/articles/${SLUG}`);
    await waitForWidget(page);
    const reader = (await me())!;
    expect(reader.name).toBe('Noor Haddad');
    readerId = reader.id;
    expect(await textOf(section().locator('.tb-signin'))).toBe('Signed in as Noor Haddad · My content and settings · Sign out');
  });

  it('posts under the account’s name and its picture, with no name or e-mail to type', async () => {
    expect(await topForm().getByLabel('Name').count()).toBe(0);
    expect(await topForm().getByLabel('E-mail').count()).toBe(0);
    await topForm().getByLabel('Comment').fill('Now signed in, under my own name.');
    await topForm().getByRole('button', { name: 'Post Comment' }).click();
    const posted = section().locator('article', { hasText: 'Now signed in, under my own name.' });
    await posted.waitFor();
    readerCommentId = Number((await posted.getAttribute('id'))!.replace('comment-', ''));

    // The same on a fresh load, as the server renders it for everyone.
    await openArticle(suite, page, `/articles/${SLUG}`);
    const comment = page.locator(`#comment-${readerCommentId}`);
    expect(await textOf(comment.locator('header .tb-who'))).toBe('Noor Haddad');
    expect(await comment.locator('header a.tb-who').getAttribute('href')).toBe(`/readers/${readerId}`);
    const picture = comment.locator(':scope > img.tb-av');
    expect(await picture.getAttribute('src')).toBe(`/readers/${readerId}/avatar.svg`);
    // Drawn: the image loaded and has a size, not a broken-image box.
    expect(await picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await picture.evaluate((img) => Math.round(img.getBoundingClientRect().width))).toBeGreaterThanOrEqual(24);
    // The guest comment is still the guest's until claimed.
    expect(await textOf(page.locator(`#comment-${guestCommentId} header .tb-who`))).toBe('Noor');
  });

  it('claims the comment posted as a guest with the same address', async () => {
    await section().getByRole('link', { name: 'My content and settings' }).click();
    await page.waitForURL(`${suite.server.baseUrl}/account`);
    expect(await textOf(page.locator('#claim-heading + p'))).toContain(`One comment was posted as a guest with ${EMAIL}`);
    await page.getByRole('button', { name: 'Claim this comment' }).click();
    expect(await textOf(page.getByRole('status'))).toBe('One comment is now yours.');
    expect(await page.locator('#claim-heading').count()).toBe(0);
    expect(await page.locator('.my-comment').count()).toBe(2);

    await openArticle(suite, page, `/articles/${SLUG}`);
    const claimed = page.locator(`#comment-${guestCommentId}`);
    expect(await textOf(claimed.locator('header .tb-who'))).toBe('Noor Haddad');
    expect(await claimed.locator(':scope > img.tb-av').getAttribute('src')).toBe(`/readers/${readerId}/avatar.svg`);
  });

  it('leads from a name to the reader’s profile: their published comments, never their address', async () => {
    await page.locator(`#comment-${readerCommentId} header a.tb-who`).click();
    await page.waitForURL(`${suite.server.baseUrl}/readers/${readerId}`);
    expect(await page.locator('h1').innerText()).toBe('Noor Haddad');
    expect(await page.locator('.reader-profile__avatar').evaluate((img: HTMLImageElement) => img.naturalWidth > 0)).toBe(true);
    const listed = await page.locator('.my-comment__body').allInnerTexts();
    expect(listed).toEqual(['Now signed in, under my own name.', 'Posted as a guest, before I had an account.']);
    expect(await page.content()).not.toContain('noor.haddad');
    await page.getByRole('link', { name: 'Harbour works begin' }).first().click();
    await page.waitForURL(new RegExp(`/articles/${SLUG}\\?comment=${readerCommentId}`));
  });

  it('downloads all their data as one JSON file', async () => {
    await page.goto(`${suite.server.baseUrl}/account`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download all my data' }).click()]);
    expect(download.suggestedFilename()).toBe(`default-reader-${readerId}-data.json`);
    const data = JSON.parse(fs.readFileSync((await download.path())!, 'utf8'));
    expect(data.account).toMatchObject({ id: readerId, name: 'Noor Haddad', email: EMAIL });
    expect(data.comments.map((c: { body: string }) => c.body)).toEqual(['Now signed in, under my own name.', 'Posted as a guest, before I had an account.']);
    expect(data.site).toEqual({ id: 'default', name: 'The Harbour Gazette' });
  });

  it('deletes the account: signed out, the comments stay as by a deleted reader, the profile is gone', async () => {
    await page.getByLabel('I want to delete my account').check();
    await page.getByRole('button', { name: 'Delete my account' }).click();
    expect(await page.locator('h1').innerText()).toBe('Your account is deleted');
    expect(await me()).toBeNull();

    await openArticle(suite, page, `/articles/${SLUG}`);
    for (const id of [guestCommentId, readerCommentId]) {
      const comment = page.locator(`#comment-${id}`);
      expect(await textOf(comment.locator('header .tb-who'))).toBe('Deleted reader');
      expect(await comment.locator('img.tb-av').count()).toBe(0);
      expect(await comment.locator('header a.tb-who').count()).toBe(0);
    }
    expect(await textOf(page.locator(`#comment-${readerCommentId} .tb-b`))).toBe('Now signed in, under my own name.');
    expect(await textOf(section().locator('.tb-signin'))).toContain('Sign in by e-mail');
    expect((await page.goto(`${suite.server.baseUrl}/readers/${readerId}`))?.status()).toBe(404);
  });
});
