/**
 * Suggestions while typing "@" in the comment box, in a real browser, used with the keyboard as a
 * reader would: the list opens under the box, Down and Up choose, Enter takes the name without
 * sending the comment, Esc closes the list and nothing else.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { READER_SESSION_COOKIE } from '../src/http/reader-session.js';
import { createArticle, Guest } from '../test/support/server.js';
import { describeBrowser, eventually, openArticle, seriousAxeViolations, useBrowserSuite } from './support/browser.js';

describeBrowser('mention suggestions in the comment box', () => {
  const suite = useBrowserSuite();
  let page: Page;

  beforeAll(async () => {
    page = await suite.newPage();
    expect((await createArticle(suite.server, { slug: 'harbour-mentions' })).status).toBe(201);
    const accounts = suite.server.tribune.services.readerAccounts;
    const mari = await accounts.signInWithVerifiedEmail('default', 'mari.e2e@example.org', { name: 'Mari Lund' });
    const browser = new Guest(suite.server.baseUrl);
    browser.setCookie(READER_SESSION_COOKIE, (await accounts.startSession(mari)).token);
    expect((await browser.post('harbour-mentions', { body: 'The harbour lights are back.' })).status).toBe(201);
  });

  afterAll(() => {
    expect(suite.pageErrors).toEqual([]);
  });

  const box = () => page.locator('section.tb-discussion form.tb-form textarea[name="body"]').first();
  const list = () => page.locator('#tb-mentions');
  const options = () => page.locator('#tb-mentions [role="option"]').allInnerTexts();
  const selected = () => page.locator('#tb-mentions [aria-selected="true"]').innerText();

  it('offers names as the reader types, chosen and taken with the keyboard', async () => {
    await openArticle(suite, page, '/articles/harbour-mentions');
    await box().click();
    await page.keyboard.type('Thanks @ma');
    await expect.poll(options).toEqual(['Mari Lund', 'Maya Okafor · author']);
    expect(await box().getAttribute('aria-autocomplete')).toBe('list');
    expect(await box().getAttribute('aria-controls')).toBe('tb-mentions');
    expect(await box().getAttribute('aria-activedescendant')).toBe('tb-mention-0');
    expect(await page.locator('.tb-mentions-status').innerText()).toContain('2 names to mention');
    expect(await selected()).toBe('Mari Lund');
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.keyboard.press('ArrowDown');
    expect(await selected()).toBe('Maya Okafor · author');
    expect(await box().getAttribute('aria-activedescendant')).toBe('tb-mention-1');
    await page.keyboard.press('ArrowDown');
    expect(await selected()).toBe('Mari Lund');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    expect(await box().inputValue()).toBe('Thanks @Maya Okafor ');
    expect(await list().isHidden()).toBe(true);
    // Typing on after a name taken opens nothing, and Enter took the name without sending the comment.
    await page.keyboard.type('and');
    await page.waitForTimeout(300);
    expect(await list().isHidden()).toBe(true);
    expect((await new Guest(suite.server.baseUrl).request('GET', '/api/v1/threads/harbour-mentions/comments')).json.count).toBe(1);
  });

  it('closes on Esc, leaves text alone when nobody matches, and takes a name by pointer', async () => {
    await openArticle(suite, page, '/articles/harbour-mentions');
    await box().click();
    await page.keyboard.type('Ask @mar');
    await expect.poll(options).toEqual(['Mari Lund']);
    await page.keyboard.press('Escape');
    expect(await list().isHidden()).toBe(true);
    expect(await box().inputValue()).toBe('Ask @mar');
    expect(await box().getAttribute('aria-activedescendant')).toBeNull();

    await page.keyboard.type(' and @zz');
    await page.waitForTimeout(400);
    expect(await list().isHidden()).toBe(true);

    await page.keyboard.type(' or @oka');
    await expect.poll(options).toEqual(['Maya Okafor · author']);
    await page.locator('#tb-mentions [role="option"]').first().click();
    await eventually(() => box().inputValue(), 'Ask @mar and @zz or @Maya Okafor ');
    expect(await box().evaluate((el) => el === document.activeElement)).toBe(true);
  });
});
