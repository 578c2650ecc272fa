import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startServer, type TestServer } from '../support/server.js';
import { requestAs } from '../support/host-request.js';
import { SSO_SECRET, signHmacPayload, signJwtPayload } from '../support/host-site.js';
import { startOpenIdProvider, type TestOpenIdProvider } from '../support/openid-provider.js';
import { formAction, WebClient } from '../support/web-client.js';

/**
 * Single sign-on and OpenID Connect per site: each site signs its readers in with its own host
 * site's secret and its own providers, from its settings; the default site keeps the environment's.
 */
const SECOND_SECRET = 'the-second-gazette-own-secret-0123456789';
let server: TestServer;
let provider: TestOpenIdProvider;

const admin = (method: string, path: string, body?: unknown) =>
  requestAs(server.baseUrl, 'localhost', method, path, { ...(body === undefined ? {} : { body }), headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
const sso = (host: string, payload: string) => requestAs(server.baseUrl, host, 'POST', '/api/v1/auth/sso', { body: { payload } });
const providersOn = async (host: string) => (await requestAs(server.baseUrl, host, 'GET', '/api/v1/auth/providers')).json;

beforeAll(async () => {
  provider = await startOpenIdProvider({ ada: { name: 'Ada Lovelace', email: 'ada@example.org' } });
  server = await startServer({ TRIBUNE_SSO_SECRET: SSO_SECRET });
  // The third site is reached at the server's own address, so a reader's browser can go to the provider and back.
  const ownAddress = new URL(server.baseUrl).hostname;
  provider.registerClient(`${server.baseUrl}/auth/openid/acme/callback`);
  expect((await admin('POST', '/api/v1/admin/sites', { id: 'second', name: 'The Second Gazette', hosts: ['second.test'], settings: { singleSignOn: { secret: SECOND_SECRET } } })).status).toBe(201);
  const third = await admin('POST', '/api/v1/admin/sites', {
    id: 'third',
    name: 'The Third Times',
    hosts: [ownAddress],
    settings: { openIdProviders: [{ id: 'acme', name: 'Acme ID', issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret }] },
  });
  expect(third.status, JSON.stringify(third.json)).toBe(201);
});
afterAll(async () => {
  await server?.close();
  await provider?.close();
});

describe('single sign-on', () => {
  it('signs a host site\'s user in on the site whose secret signed the payload, and nowhere else', async () => {
    const user = { id: 'user-42', name: 'Host User', email: 'host.user@example.org', email_verified: true };
    const onSecond = await sso('second.test', signHmacPayload(user, { secret: SECOND_SECRET }));
    expect(onSecond.status, JSON.stringify(onSecond.json)).toBe(200);
    expect(onSecond.json.reader.name).toBe('Host User');
    expect((await sso('second.test', await signJwtPayload(user, { secret: SECOND_SECRET }))).json.reader.id).toBe(onSecond.json.reader.id);

    // The default site's secret does not open the second site, nor the other way round.
    const crossed = await sso('second.test', signHmacPayload(user));
    expect(crossed.status).toBe(401);
    expect(crossed.json.error.code).toBe('sso_signature_invalid');
    expect((await sso('localhost', signHmacPayload(user, { secret: SECOND_SECRET }))).status).toBe(401);

    // The same host-site user id on the default site is another reader, of that site.
    const onDefault = await sso('localhost', signHmacPayload(user));
    expect(onDefault.status).toBe(200);
    expect(onDefault.json.reader.id).not.toBe(onSecond.json.reader.id);
  });

  it('is off on a site without a secret, and each site says whether it offers it', async () => {
    const off = await sso('127.0.0.1', signHmacPayload({ id: 'user-1', name: 'Nobody' }));
    expect(off.status).toBe(404);
    expect(off.json.error.code).toBe('sso_off');
    expect((await providersOn('second.test')).singleSignOn).toBe(true);
    expect((await providersOn('localhost')).singleSignOn).toBe(true);
    expect((await providersOn('127.0.0.1')).singleSignOn).toBe(false);
  });
});

describe('OpenID Connect', () => {
  it('offers a site\'s own providers on that site only', async () => {
    expect((await providersOn('127.0.0.1')).providers).toEqual([{ id: 'acme', name: 'Acme ID', signInUrl: '/auth/openid/acme' }]);
    expect((await providersOn('localhost')).providers).toEqual([]);
    expect((await providersOn('second.test')).providers).toEqual([]);
    expect((await requestAs(server.baseUrl, 'second.test', 'GET', '/auth/openid/acme')).status).toBe(404);
    const signInPage = await requestAs(server.baseUrl, '127.0.0.1', 'GET', '/sign-in?returnTo=/');
    expect(signInPage.text).toContain('Acme ID');
  });

  it('signs a reader in end to end with the site\'s provider, a returning reader as the same account', async () => {
    const atTribune = (location: URL) => location.origin === server.baseUrl;
    const signIn = async (reader: WebClient) => {
      const page = await reader.visit(`${server.baseUrl}/auth/openid/acme?returnTo=${encodeURIComponent('/?from=acme')}`);
      expect(page.url.startsWith(provider.issuer), page.url).toBe(true);
      const consent = await reader.submit(formAction(page), { prompt: 'login', login: 'ada', password: 'anything' }, atTribune);
      const back = await reader.submit(formAction(consent), { prompt: 'consent' }, atTribune);
      expect(back.location).toMatch(new RegExp(`^${server.baseUrl}/auth/openid/acme/callback\\?`));
      const landed = await reader.send('GET', back.location!);
      expect(landed.status).toBe(303);
      expect(landed.location).toBe(`${server.baseUrl}/?from=acme`);
      const me = await reader.send('GET', `${server.baseUrl}/api/v1/me`);
      expect(me.status).toBe(200);
      return JSON.parse(me.text).reader as { id: number; name: string };
    };
    const first = await signIn(new WebClient());
    expect(first.name).toBe('Ada Lovelace');
    expect((await signIn(new WebClient())).id).toBe(first.id);
  });
});

describe('settings', () => {
  it('refuses a short secret and a provider Tribune cannot use, naming the field', async () => {
    const cases: [unknown, string][] = [
      [{ singleSignOn: { secret: 'too short' } }, 'settings.singleSignOn.secret'],
      [{ openIdProviders: [{ id: 'acme', issuer: 'http://idp.example.org', clientId: 'x', clientSecret: 'y' }] }, 'settings.openIdProviders[0].issuer'],
      [{ openIdProviders: [{ id: 'Not An Id', issuer: 'https://idp.example.org', clientId: 'x', clientSecret: 'y' }] }, 'settings.openIdProviders[0].id'],
      [
        {
          openIdProviders: [
            { id: 'acme', issuer: 'https://idp.example.org', clientId: 'x', clientSecret: 'y' },
            { id: 'acme', issuer: 'https://other.example.org', clientId: 'x', clientSecret: 'y' },
          ],
        },
        'settings.openIdProviders[1].id',
      ],
      [{ openIdProviders: [{ id: 'acme', issuer: 'https://idp.example.org', clientId: 'x' }] }, 'settings.openIdProviders[0].clientSecret'],
    ];
    for (const [settings, field] of cases) {
      const res = await admin('PATCH', '/api/v1/admin/sites/second', { settings });
      expect(res.status, JSON.stringify(settings)).toBe(400);
      expect(res.json.error.field, JSON.stringify(settings)).toBe(field);
    }
    // Nothing was changed: the second site still signs in with its secret.
    expect((await sso('second.test', signHmacPayload({ id: 'user-7', name: 'Still Works' }, { secret: SECOND_SECRET }))).status).toBe(200);
  });
});
