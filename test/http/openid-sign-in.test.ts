import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/server.js';
import { startOpenIdProvider, type TestOpenIdProvider } from '../support/openid-provider.js';
import { formAction, WebClient } from '../support/web-client.js';

/**
 * Sign-in with OpenID Connect, end to end against a real provider (oidc-provider) in this process:
 * Tribune discovers it, sends the reader to its sign-in and consent pages, and takes the code back.
 */
let provider: TestOpenIdProvider;
let server: TestServer;

beforeAll(async () => {
  provider = await startOpenIdProvider({ ada: { name: 'Ada Lovelace', email: 'ada@example.org' } });
  server = await startServer({
    TRIBUNE_OPENID_PROVIDERS: 'testid,down',
    // A provider that is not answering (nothing listens on port 9 of this machine).
    TRIBUNE_OPENID_DOWN_ISSUER: 'http://127.0.0.1:9',
    TRIBUNE_OPENID_DOWN_CLIENT_ID: 'tribune',
    TRIBUNE_OPENID_DOWN_CLIENT_SECRET: 'unused',
    TRIBUNE_OPENID_TESTID_NAME: 'Test ID',
    TRIBUNE_OPENID_TESTID_ISSUER: provider.issuer,
    TRIBUNE_OPENID_TESTID_CLIENT_ID: provider.clientId,
    TRIBUNE_OPENID_TESTID_CLIENT_SECRET: provider.clientSecret,
  });
  provider.registerClient(`${server.baseUrl}/auth/openid/testid/callback`);
});
afterAll(async () => {
  await server?.close();
  await provider?.close();
});

const atTribune = (location: URL) => location.origin === server.baseUrl;
const me = async (reader: WebClient) => reader.send('GET', `${server.baseUrl}/api/v1/me`);

/** Starts at Tribune's sign-in link and stops on the provider's sign-in page. */
async function toProviderSignIn(reader: WebClient, returnTo = '/') {
  const page = await reader.visit(`${server.baseUrl}/auth/openid/testid?returnTo=${encodeURIComponent(returnTo)}`);
  expect(page.url.startsWith(provider.issuer), `expected the provider's page, got ${page.url}`).toBe(true);
  expect(page.text).toContain('name="login"');
  return page;
}

/** Signs in at the provider and consents, stopping at the redirect back to Tribune's callback. */
async function consentAsLogin(reader: WebClient, login: string) {
  const signInPage = await toProviderSignIn(reader, '/?from=openid');
  const consentPage = await reader.submit(formAction(signInPage), { prompt: 'login', login, password: 'anything' }, atTribune);
  expect(consentPage.text).toContain('Authorize');
  const back = await reader.submit(formAction(consentPage), { prompt: 'consent' }, atTribune);
  expect(back.location).toMatch(new RegExp(`^${server.baseUrl}/auth/openid/testid/callback\\?`));
  return new URL(back.location!);
}

describe('signing in with an OpenID provider', () => {
  it('lists the provider for the sign-in buttons', async () => {
    const answer = await new WebClient().send('GET', `${server.baseUrl}/api/v1/auth/providers`);
    expect(JSON.parse(answer.text).providers).toEqual([
      { id: 'testid', name: 'Test ID', signInUrl: '/auth/openid/testid' },
      { id: 'down', name: 'down', signInUrl: '/auth/openid/down' },
    ]);
  });

  it('sends the reader to the provider with PKCE, state and nonce, and back signed in under the provider’s name', async () => {
    const reader = new WebClient();
    const start = await reader.send('GET', `${server.baseUrl}/auth/openid/testid`);
    const authorize = new URL(start.location!);
    expect(authorize.origin).toBe(provider.issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${server.baseUrl}/auth/openid/testid/callback`);

    const callback = await consentAsLogin(reader, 'ada');
    const landed = await reader.send('GET', callback.href);
    expect(landed.status).toBe(303);
    expect(landed.location).toBe(`${server.baseUrl}/?from=openid`);
    const signedIn = await me(reader);
    expect(signedIn.status).toBe(200);
    expect(JSON.parse(signedIn.text).reader.name).toBe('Ada Lovelace');
  });

  it('finds the same account for a returning reader, on another browser too, and another for someone else', async () => {
    const first = new WebClient();
    await first.send('GET', (await consentAsLogin(first, 'grace')).href);
    const firstId = JSON.parse((await me(first)).text).reader.id;

    const again = new WebClient();
    await again.send('GET', (await consentAsLogin(again, 'grace')).href);
    expect(JSON.parse((await me(again)).text).reader.id).toBe(firstId);

    // Back in the first browser the provider remembers the sign-in and the consent: straight back.
    const returning = await first.visit(`${server.baseUrl}/auth/openid/testid?returnTo=/`, atTribune);
    expect(returning.location).toMatch(/\/auth\/openid\/testid\/callback\?/);
    await first.send('GET', returning.location!);
    expect(JSON.parse((await me(first)).text).reader.id).toBe(firstId);

    const someoneElse = new WebClient();
    await someoneElse.send('GET', (await consentAsLogin(someoneElse, 'linus')).href);
    expect(JSON.parse((await me(someoneElse)).text).reader.id).not.toBe(firstId);
  });

  it('shows a clear page and signs no one in when the reader refuses at the provider', async () => {
    const reader = new WebClient();
    const signInPage = await toProviderSignIn(reader);
    const cancel = new URL(/href="([^"]+\/abort)"/.exec(signInPage.text)![1]!, signInPage.url).href;
    const back = await reader.visit(cancel, atTribune);
    const callback = new URL(back.location!);
    expect(callback.searchParams.get('error')).toBe('access_denied');
    const page = await reader.send('GET', callback.href);
    expect(page.status).toBe(401);
    expect(page.text).toContain('You are not signed in');
    expect(page.text).toContain('You chose not to sign in with Test ID');
    expect((await me(reader)).status).toBe(401);
  });

  it('refuses a callback whose state was tampered with, and one from a browser that did not start the sign-in', async () => {
    const reader = new WebClient();
    const callback = await consentAsLogin(reader, 'mallory');
    const tampered = new URL(callback);
    tampered.searchParams.set('state', `${callback.searchParams.get('state')}x`);
    const refused = await reader.send('GET', tampered.href);
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('does not belong to the sign-in started in this browser');
    expect((await me(reader)).status).toBe(401);

    // The genuine answer, carried to another browser (a victim lured to the link): no session there either.
    const victim = new WebClient();
    const elsewhere = await victim.send('GET', callback.href);
    expect(elsewhere.status).toBe(400);
    expect((await me(victim)).status).toBe(401);
  });

  it('shows a page saying the provider did not answer, and lets the reader try again later', async () => {
    const answer = await new WebClient().send('GET', `${server.baseUrl}/auth/openid/down`);
    expect(answer.status).toBe(502);
    expect(answer.text).toContain('Signing in with down did not work just now; try again later.');
    expect(answer.headers.getSetCookie()).toEqual([]);
  });

  it('gives the provider the public address as the callback when TRIBUNE_PUBLIC_URL is set', async () => {
    const behindProxy = await startServer({
      TRIBUNE_PUBLIC_URL: 'https://news.example.org',
      TRIBUNE_OPENID_PROVIDERS: 'testid',
      TRIBUNE_OPENID_TESTID_ISSUER: provider.issuer,
      TRIBUNE_OPENID_TESTID_CLIENT_ID: provider.clientId,
      TRIBUNE_OPENID_TESTID_CLIENT_SECRET: provider.clientSecret,
    });
    try {
      const start = await new WebClient().send('GET', `${behindProxy.baseUrl}/auth/openid/testid`);
      expect(new URL(start.location!).searchParams.get('redirect_uri')).toBe('https://news.example.org/auth/openid/testid/callback');
    } finally {
      await behindProxy.close();
    }
  });

  it('answers 404 for a provider the site does not offer', async () => {
    const answer = await new WebClient().send('GET', `${server.baseUrl}/auth/openid/nosuch`);
    expect(answer.status).toBe(404);
  });
});
