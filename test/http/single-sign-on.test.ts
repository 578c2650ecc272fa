import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startServer, type TestServer } from '../support/server.js';
import { requestAs } from '../support/host-request.js';
import { signHmacPayload, signJwtPayload, SSO_SECRET } from '../support/host-site.js';
import { WebClient } from '../support/web-client.js';

/** Single sign-on: a host site with its own users signs them in here with a payload it signed. */
let server: TestServer;
let withoutSso: TestServer;

beforeAll(async () => {
  [server, withoutSso] = await Promise.all([startServer({ TRIBUNE_SSO_SECRET: SSO_SECRET }), startServer()]);
});
afterAll(async () => {
  await server?.close();
  await withoutSso?.close();
});

const HOST_PAGE = 'http://news.host-site.example';
const me = async (reader: WebClient, base = server.baseUrl) => {
  const answer = await reader.send('GET', `${base}/api/v1/me`);
  return { status: answer.status, reader: answer.status === 200 ? JSON.parse(answer.text).reader : null };
};
const signIn = (reader: WebClient, payload: string, base = server.baseUrl) => reader.send('POST', `${base}/api/v1/auth/sso`, { json: { payload } });
const errorOf = (answer: { text: string }) => JSON.parse(answer.text).error;

describe('single sign-on through the API', () => {
  it('signs the host site’s user in under their name, and finds the same reader next time, in either payload form', async () => {
    const reader = new WebClient();
    const answer = await signIn(reader, signHmacPayload({ id: 'host-17', name: 'Noor Haddad', email: 'noor@host.example', email_verified: true }));
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text).reader.name).toBe('Noor Haddad');
    const first = await me(reader);
    expect(first).toMatchObject({ status: 200, reader: { name: 'Noor Haddad' } });

    const elsewhere = new WebClient();
    expect((await signIn(elsewhere, await signJwtPayload({ id: 'host-17', name: 'Noor Haddad' }))).status).toBe(200);
    expect((await me(elsewhere)).reader.id).toBe(first.reader.id);

    const other = new WebClient();
    await signIn(other, await signJwtPayload({ id: 'host-18', name: 'Tomasz Wójcik' }));
    expect((await me(other)).reader).toMatchObject({ name: 'Tomasz Wójcik' });
    expect((await me(other)).reader.id).not.toBe(first.reader.id);
  });

  it('refuses a wrong signature, alg none, an expired and a future-dated payload with 401, and signs no one in', async () => {
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const cases: [string, string][] = [
      ['sso_signature_invalid', signHmacPayload({ id: 'host-1', name: 'Eve' }, { secret: 'not-the-shared-secret-but-long-enough' })],
      ['sso_signature_invalid', await signJwtPayload({ id: 'host-1', name: 'Eve' }, { secret: 'not-the-shared-secret-but-long-enough' })],
      ['sso_algorithm_refused', `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub: 'host-1', iat: now, exp: now + 600 })}.`],
      ['sso_payload_expired', signHmacPayload({ id: 'host-1' }, { at: Date.now() - 2 * 3_600_000 })],
      ['sso_payload_not_yet_valid', await signJwtPayload({ id: 'host-1' }, { at: Date.now() + 3_600_000 })],
    ];
    for (const [code, payload] of cases) {
      const reader = new WebClient();
      const answer = await signIn(reader, payload);
      expect([answer.status, errorOf(answer).code, errorOf(answer).field], code).toEqual([401, code, 'payload']);
      expect(answer.headers.getSetCookie()).toEqual([]);
      expect((await me(reader)).status).toBe(401);
    }
  });

  it('answers a payload that is neither form with 400 naming the field', async () => {
    const answer = await signIn(new WebClient(), 'not a payload at all');
    expect([answer.status, errorOf(answer).field]).toEqual([400, 'payload']);
    const empty = await signIn(new WebClient(), '');
    expect([empty.status, errorOf(empty).field]).toEqual([400, 'payload']);
  });

  it('is off (404) on a site without a secret, and says so to the widget', async () => {
    const answer = await signIn(new WebClient(), signHmacPayload({ id: 'host-1' }), withoutSso.baseUrl);
    expect([answer.status, errorOf(answer).code]).toEqual([404, 'sso_off']);
    const providers = await new WebClient().send('GET', `${withoutSso.baseUrl}/api/v1/auth/providers`);
    expect(JSON.parse(providers.text)).toEqual({ singleSignOn: false, providers: [] });
    expect(JSON.parse((await new WebClient().send('GET', `${server.baseUrl}/api/v1/auth/providers`)).text).singleSignOn).toBe(true);
  });

  it('is off on another site of the same Tribune, which has not set a secret of its own', async () => {
    const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
    const created = await requestAs(server.baseUrl, 'localhost', 'POST', '/api/v1/admin/sites', { body: { id: 'second', name: 'The Second Gazette', hosts: ['second.test'] }, headers: admin });
    expect(created.status).toBe(201);
    const answer = await requestAs(server.baseUrl, 'second.test', 'POST', '/api/v1/auth/sso', { body: { payload: signHmacPayload({ id: 'host-17', name: 'Noor Haddad' }) } });
    expect([answer.status, answer.json.error.code]).toEqual([404, 'sso_off']);
    expect((await requestAs(server.baseUrl, 'second.test', 'GET', '/api/v1/auth/providers')).json).toEqual({ singleSignOn: false, providers: [] });
  });

  it('keeps the JSON route to pages of this site when the browser carries cookies', async () => {
    const reader = new WebClient({ origin: HOST_PAGE });
    reader.cookies(server.baseUrl).set('tribune_reader', 'a'.repeat(22));
    const answer = await signIn(reader, signHmacPayload({ id: 'host-2' }));
    expect([answer.status, errorOf(answer).code]).toEqual([403, 'cross_origin']);
  });
});

describe('single sign-on from the host site’s page (a form it posts here)', () => {
  it('signs the reader in and lands them on the page they asked for', async () => {
    const reader = new WebClient({ origin: HOST_PAGE });
    const answer = await reader.send('POST', `${server.baseUrl}/auth/sso`, { form: { payload: signHmacPayload({ id: 'host-30', name: 'Ama Mensah' }), returnTo: '/articles/harbour-works?sort=newest' } });
    expect(answer.status).toBe(303);
    expect(answer.location).toBe(`${server.baseUrl}/articles/harbour-works?sort=newest`);
    expect((await me(reader)).reader.name).toBe('Ama Mensah');
  });

  it('never forwards the reader to another site', async () => {
    for (const returnTo of ['//evil.example/', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)']) {
      const answer = await new WebClient({ origin: HOST_PAGE }).send('POST', `${server.baseUrl}/auth/sso`, { form: { payload: signHmacPayload({ id: 'host-31' }), returnTo } });
      expect([answer.status, answer.location], returnTo).toEqual([303, `${server.baseUrl}/`]);
    }
  });

  it('shows a page saying what is wrong with a bad payload, and signs no one in', async () => {
    const reader = new WebClient({ origin: HOST_PAGE });
    const answer = await reader.send('POST', `${server.baseUrl}/auth/sso`, { form: { payload: signHmacPayload({ id: 'host-32' }, { secret: 'not-the-shared-secret-but-long-enough' }) } });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('content-type')).toMatch(/text\/html/);
    expect(answer.text).toContain('signature does not match');
    expect((await me(reader)).status).toBe(401);
  });
});
