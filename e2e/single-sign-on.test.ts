/**
 * Signing in through another system, in Chromium: a host site's page (the worked example of
 * docs/single-sign-on.md, run as written) hands its user to Tribune; and a reader signs in with an
 * OpenID provider's own sign-in and consent pages.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createArticle } from '../test/support/server.js';
import { SSO_SECRET } from '../test/support/host-site.js';
import { startOpenIdProvider, type TestOpenIdProvider } from '../test/support/openid-provider.js';
import { describeBrowser, useBrowserSuite } from './support/browser.js';

/** The complete host site in the guide, exactly as a developer would copy it. */
function hostSiteFromGuide(): string {
  const guide = fs.readFileSync(path.join(import.meta.dirname, '..', 'docs', 'single-sign-on.md'), 'utf8');
  const block = [...guide.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]!).find((code) => code.startsWith('// host-site.mjs'));
  if (!block) throw new Error('docs/single-sign-on.md has no host-site.mjs example');
  return block;
}

async function startHostSite(tribuneUrl: string): Promise<{ url: string; child: ChildProcess; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tribune-host-site-'));
  fs.writeFileSync(path.join(dir, 'host-site.mjs'), hostSiteFromGuide());
  const child = spawn(process.execPath, [path.join(dir, 'host-site.mjs')], { env: { ...process.env, TRIBUNE_URL: tribuneUrl, TRIBUNE_SSO_SECRET: SSO_SECRET, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = /host site at (http:\/\/localhost:\d+)\//.exec(out);
      if (found) resolve(found[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the guide's host site exited (${code}): ${out}`)));
  });
  return { url, child, dir };
}

describeBrowser('signing in through another system', () => {
  let provider: TestOpenIdProvider;
  const env: Record<string, string> = { TRIBUNE_SSO_SECRET: SSO_SECRET };
  beforeAll(async () => {
    provider = await startOpenIdProvider({ ada: { name: 'Ada Lovelace', email: 'ada@example.org' } });
    Object.assign(env, {
      TRIBUNE_OPENID_PROVIDERS: 'testid',
      TRIBUNE_OPENID_TESTID_NAME: 'Test ID',
      TRIBUNE_OPENID_TESTID_ISSUER: provider.issuer,
      TRIBUNE_OPENID_TESTID_CLIENT_ID: provider.clientId,
      TRIBUNE_OPENID_TESTID_CLIENT_SECRET: provider.clientSecret,
    });
  });
  const suite = useBrowserSuite(env);
  let hostSite: Awaited<ReturnType<typeof startHostSite>>;
  let page: Page;

  beforeAll(async () => {
    provider.registerClient(`${suite.server.baseUrl}/auth/openid/testid/callback`);
    expect((await createArticle(suite.server, { slug: 'harbour-works', title: 'Harbour works begin' })).status).toBe(201);
    hostSite = await startHostSite(suite.server.baseUrl);
    // Nothing leaves this machine (the provider's pages ask for a web font).
    await suite.context.route((url) => !['127.0.0.1', 'localhost'].includes(url.hostname), (route) => route.abort());
    page = await suite.newPage();
  });

  afterAll(async () => {
    if (hostSite?.child.pid) process.kill(hostSite.child.pid);
    if (hostSite) fs.rmSync(hostSite.dir, { recursive: true, force: true });
    await provider?.close();
    expect(suite.pageErrors).toEqual([]);
  });

  const signedInReader = () => page.evaluate(async () => {
    const answer = await fetch('/api/v1/me');
    return answer.ok ? ((await answer.json()) as { reader: { name: string } }).reader.name : `status ${answer.status}`;
  });

  it('takes the host site’s signed-in user to the discussion, signed in under their name', async () => {
    await suite.context.clearCookies();
    await page.goto(`${hostSite.url}/?article=harbour-works`);
    expect(await page.locator('p').first().innerText()).toBe('You are signed in here as Noor Haddad.');
    await page.getByRole('button', { name: 'Join the discussion as Noor Haddad' }).click();
    await page.waitForURL(`${suite.server.baseUrl}/articles/harbour-works`);
    expect(await page.locator('h1').first().innerText()).toContain('Harbour works begin');
    expect(await signedInReader()).toBe('Noor Haddad');

    // What they post is theirs: under the host site's name, whatever name the form sends.
    const id = await page.evaluate(async () => {
      const answer = await fetch('/api/v1/threads/harbour-works/comments', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ body: 'Signed in from the host site, commenting here.', name: 'Someone else' }) });
      return ((await answer.json()) as { comment: { id: number } }).comment.id;
    });
    await page.reload();
    expect(await page.locator(`#comment-${id} header`).innerText()).toMatch(/^Noor Haddad\s/);
    expect(await page.locator(`#comment-${id} .tb-b`).innerText()).toBe('Signed in from the host site, commenting here.');
  });

  it('signs a reader in through the OpenID provider’s sign-in and consent pages', async () => {
    await suite.context.clearCookies();
    await page.goto(`${suite.server.baseUrl}/articles/harbour-works`);
    expect(await signedInReader()).toBe('status 401');
    await page.goto(`${suite.server.baseUrl}/auth/openid/testid?returnTo=/articles/harbour-works`);
    expect(page.url().startsWith(provider.issuer)).toBe(true);
    await page.locator('input[name=login]').fill('ada');
    await page.locator('input[name=password]').fill('any password');
    await page.locator('button[type=submit]').click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`${suite.server.baseUrl}/articles/harbour-works`);
    expect(await signedInReader()).toBe('Ada Lovelace');
  });

  it('shows a clear page when the reader cancels at the provider, and leaves them signed out', async () => {
    await suite.context.clearCookies();
    await page.goto(`${suite.server.baseUrl}/auth/openid/testid?returnTo=/articles/harbour-works`);
    await page.getByRole('link', { name: '[ Cancel ]' }).click();
    await page.waitForURL(/\/auth\/openid\/testid\/callback\?/);
    expect(await page.locator('h1').innerText()).toBe('You are not signed in');
    expect(await page.locator('body').innerText()).toContain('You chose not to sign in with Test ID');
    expect(await signedInReader()).toBe('status 401');
  });
});
