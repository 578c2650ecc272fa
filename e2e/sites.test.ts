/**
 * Two sites of one Tribune side by side in one browser, each at its own host name (the browser
 * resolves both to the server): each shows its own article and discussion under the same slug, a
 * comment posted on one never appears on the other, and a moderator of one sees only its queue.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADMIN_TOKEN } from '../test/support/server.js';
import { requestAs } from '../test/support/host-request.js';
import { describeBrowser, eventually, signInThroughForm, textOf, useBrowserSuite, waitForWidget } from './support/browser.js';

const GAZETTE = 'gazette.test';
const SECOND = 'second.test';
const PASSWORD = 'moderator password 1';

describeBrowser('two sites side by side', () => {
  const suite = useBrowserSuite({}, { hosts: [GAZETTE, SECOND] });
  let gazette: Page;
  let second: Page;
  const port = () => new URL(suite.server.baseUrl).port;
  /** A page's address on one site's host name, as a reader types it. */
  const at = (host: string, path: string) => `http://${host}:${port()}${path}`;
  const admin = (host: string, method: string, path: string, body?: unknown) =>
    requestAs(suite.server.baseUrl, host, method, path, { ...(body === undefined ? {} : { body }), headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  const publish = async (host: string, slug: string, title: string, extra: Record<string, unknown> = {}) => {
    const res = await admin(host, 'POST', '/api/v1/admin/articles', { slug, title, body: `${title}: the full story.`, author: { name: 'Maya Okafor' }, ...extra });
    expect(res.status).toBe(201);
  };
  const heldOn = async (host: string, slug: string, body: string) => {
    const res = await requestAs(suite.server.baseUrl, host, 'POST', `/api/v1/threads/${slug}/comments`, { body: { body, name: 'Held Reader' }, headers: { 'x-forwarded-for': host === SECOND ? '203.0.113.2' : '203.0.113.1' } });
    expect(res.status).toBe(202);
  };

  beforeAll(async () => {
    expect((await admin(GAZETTE, 'POST', '/api/v1/admin/sites', { id: 'second', name: 'The Second Gazette', hosts: [SECOND] })).status).toBe(201);
    await publish(GAZETTE, 'harbour-bridge', 'Bridge closes for repairs');
    await publish(SECOND, 'harbour-bridge', 'Second bridge opens early');
    await publish(GAZETTE, 'council', 'Council vote', { premoderation: 'all' });
    await publish(SECOND, 'council', 'Second council vote', { premoderation: 'all' });
    await heldOn(GAZETTE, 'council', 'Waiting on the first site.');
    await heldOn(SECOND, 'council', 'Waiting on the second site.');
    await suite.server.tribune.services.staff.createStaff({ email: 'sam@example.org', name: 'Sam of the Second', role: 'moderator', password: PASSWORD }, 'second');
    gazette = await suite.newPage();
    second = await suite.newPage();
  });

  afterAll(() => {
    expect(suite.pageErrors).toEqual([]);
  });

  const comments = (page: Page) => page.locator('section.tb-discussion .tb-list > article');
  const count = (page: Page) => textOf(page.locator('section.tb-discussion .tb-n'));

  it('each host shows its own site, article and discussion under the same address', async () => {
    await gazette.goto(at(GAZETTE, '/articles/harbour-bridge'));
    await second.goto(at(SECOND, '/articles/harbour-bridge'));
    await Promise.all([waitForWidget(gazette), waitForWidget(second)]);
    expect(await textOf(gazette.locator('h1'))).toBe('Bridge closes for repairs');
    expect(await textOf(second.locator('h1'))).toBe('Second bridge opens early');
    expect(await second.title()).toContain('The Second Gazette');
    expect(await gazette.title()).not.toContain('The Second Gazette');
    expect(await count(gazette)).toBe('0 Comments');
    expect(await count(second)).toBe('0 Comments');
  });

  it('a comment posted on one site shows there, live, and never on the other', async () => {
    const form = second.locator('section.tb-discussion form.tb-form:not(.tb-reply):not(.tb-edit)');
    await form.getByLabel('Comment').fill('Only readers of the second site see this.');
    await form.getByLabel('Name').fill('Second Reader');
    await form.getByRole('button', { name: 'Post Comment' }).click();
    await comments(second).filter({ hasText: 'Only readers of the second site see this.' }).waitFor();
    await eventually(() => count(second), '1 Comment');

    // The other site's open page hears nothing, and a fresh load of it has nothing either.
    await gazette.waitForTimeout(500);
    expect(await comments(gazette).count()).toBe(0);
    await gazette.reload();
    await waitForWidget(gazette);
    expect(await count(gazette)).toBe('0 Comments');
    expect(await gazette.locator('body').innerText()).not.toContain('Only readers of the second site see this.');

    // Posted on the first site, it shows there and the second keeps its one comment.
    const first = gazette.locator('section.tb-discussion form.tb-form:not(.tb-reply):not(.tb-edit)');
    await first.getByLabel('Comment').fill('A first-site reader says hello.');
    await first.getByLabel('Name').fill('Gazette Reader');
    await first.getByRole('button', { name: 'Post Comment' }).click();
    await comments(gazette).filter({ hasText: 'A first-site reader says hello.' }).waitFor();
    await second.reload();
    await waitForWidget(second);
    expect(await count(second)).toBe('1 Comment');
    expect(await comments(second).allInnerTexts()).toEqual([expect.stringContaining('Only readers of the second site see this.')]);
  });

  it('a moderator of one site sees only its queue, and is told the other site is not theirs', async () => {
    await second.goto(at(SECOND, '/staff/sign-in'));
    await signInThroughForm(second, 'sam@example.org', PASSWORD);
    await second.goto(at(SECOND, '/staff/moderation?tab=pending'));
    const queue = await textOf(second.locator('main'));
    expect(queue).toContain('Waiting on the second site.');
    expect(queue).not.toContain('Waiting on the first site.');

    // On the first site's address the browser holds no staff session (cookies are per host)...
    await gazette.goto(at(GAZETTE, '/staff/moderation?tab=pending'));
    expect(new URL(gazette.url()).pathname).toBe('/staff/sign-in');
    // ...and signing in there with his account gives him no powers over its queue.
    await signInThroughForm(gazette, 'sam@example.org', PASSWORD);
    expect(await textOf(gazette.locator('main'))).toContain('You are signed in as staff of another site, not of this one.');
    const response = await gazette.goto(at(GAZETTE, '/staff/moderation?tab=pending'));
    expect(response?.status()).toBe(403);
    expect(await gazette.locator('body').innerText()).not.toContain('Waiting on the first site.');
  });
});
