import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startServer, type TestServer } from '../support/server.js';
import { requestAs } from '../support/host-request.js';
import { DEFAULT_SITE_ID } from '../../src/shared/site.js';

let server: TestServer;
const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
const asAdmin = (method: string, path: string, body?: unknown, host = 'localhost') => requestAs(server.baseUrl, host, method, path, { body, headers: admin });

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
});

describe('creating sites', () => {
  it('creates a site and lists it beside the default site, which carries the environment name', async () => {
    const created = await asAdmin('POST', '/api/v1/admin/sites', { id: 'second', name: 'The Second Gazette', hosts: ['Second.Test:8443', 'www.second.test'] });
    expect(created.status).toBe(201);
    expect(created.json.site).toMatchObject({ id: 'second', name: 'The Second Gazette', hosts: ['second.test', 'www.second.test'], settings: {} });

    const listed = await asAdmin('GET', '/api/v1/admin/sites');
    expect(listed.status).toBe(200);
    const ids = (listed.json.sites as { id: string }[]).map((s) => s.id);
    expect(ids).toEqual(expect.arrayContaining([DEFAULT_SITE_ID, 'second']));
    expect(listed.json.sites.find((s: { id: string }) => s.id === DEFAULT_SITE_ID).name).toBe('The Harbour Gazette');
  });

  it('refuses a second site with the same id, or a host another site already has', async () => {
    await asAdmin('POST', '/api/v1/admin/sites', { id: 'taken', name: 'Taken', hosts: ['taken.test'] });
    const sameId = await asAdmin('POST', '/api/v1/admin/sites', { id: 'taken', name: 'Again', hosts: ['other.test'] });
    expect(sameId.status).toBe(409);
    expect(sameId.json.error.field).toBe('id');
    const sameHost = await asAdmin('POST', '/api/v1/admin/sites', { id: 'thief', name: 'Thief', hosts: ['TAKEN.test'] });
    expect(sameHost.status).toBe(409);
    expect(sameHost.json.error).toMatchObject({ code: 'host_taken', field: 'hosts' });
  });

  it('names the field at fault in bad input', async () => {
    const cases: [unknown, string][] = [
      [{ id: 'Not An Id', name: 'x', hosts: [] }, 'id'],
      [{ id: 'ok-id', name: '   ', hosts: [] }, 'name'],
      [{ id: 'ok-id', name: 'Fine', hosts: ['no spaces.test'] }, 'hosts[0]'],
      [{ id: 'ok-id', name: 'Fine' , hosts: 'one.test' }, 'hosts'],
      [{ name: 'Fine' }, 'id'],
      [{ id: 'ok-id', name: 'Fine', settings: { maxDepth: 99 } }, 'settings.maxDepth'],
    ];
    for (const [body, field] of cases) {
      const res = await asAdmin('POST', '/api/v1/admin/sites', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.field, JSON.stringify(body)).toBe(field);
    }
  });

  it('is staff automation: no admin token, no sites', async () => {
    const res = await requestAs(server.baseUrl, 'localhost', 'POST', '/api/v1/admin/sites', { body: { id: 'sneaky', name: 'Sneaky', hosts: ['sneaky.test'] } });
    expect(res.status).toBe(401);
    expect((await requestAs(server.baseUrl, 'localhost', 'GET', '/api/v1/admin/sites')).status).toBe(401);
  });

  it('edits a site\'s name, hosts and settings; a host another site has stays refused', async () => {
    await asAdmin('POST', '/api/v1/admin/sites', { id: 'edited', name: 'Before', hosts: ['before.test'] });
    const res = await asAdmin('PATCH', '/api/v1/admin/sites/edited', { name: 'After', hosts: ['after.test'], settings: { maxDepth: 2, requireEmail: true } });
    expect(res.status).toBe(200);
    expect(res.json.site).toMatchObject({ id: 'edited', name: 'After', hosts: ['after.test'], settings: { maxDepth: 2, requireEmail: true } });
    expect((await asAdmin('PATCH', '/api/v1/admin/sites/edited', { hosts: ['second.test'] })).status).toBe(409);
    expect((await asAdmin('PATCH', '/api/v1/admin/sites/nowhere', { name: 'x' })).status).toBe(404);
  });

  it('changes only the settings a change names, and null sends one back to the installation’s', async () => {
    const secret = 'a-host-site-secret-of-enough-length-0123456789';
    await asAdmin('POST', '/api/v1/admin/sites', {
      id: 'merged',
      name: 'Merged',
      hosts: ['merged.test'],
      settings: { maxDepth: 2, singleSignOn: { secret }, rateLimits: { comments: { limit: 3, windowMs: 60_000 }, votes: { limit: 9, windowMs: 60_000 } } },
    });
    let res = await asAdmin('PATCH', '/api/v1/admin/sites/merged', { settings: { requireEmail: true, rateLimits: { votes: { limit: 20, windowMs: 60_000 } } } });
    expect(res.status).toBe(200);
    expect(res.json.site.settings).toEqual({ maxDepth: 2, requireEmail: true, singleSignOn: { secret }, rateLimits: { comments: { limit: 3, windowMs: 60_000 }, votes: { limit: 20, windowMs: 60_000 } } });
    res = await asAdmin('PATCH', '/api/v1/admin/sites/merged', { settings: { maxDepth: null, rateLimits: { comments: null } } });
    expect(res.json.site.settings).toEqual({ requireEmail: true, singleSignOn: { secret }, rateLimits: { votes: { limit: 20, windowMs: 60_000 } } });
    // A new site's settings are choices, not changes: null there is refused.
    const made = await asAdmin('POST', '/api/v1/admin/sites', { id: 'nulled', name: 'Nulled', hosts: ['nulled.test'], settings: { maxDepth: null } });
    expect(made.status).toBe(400);
    expect(made.json.error.field).toBe('settings.maxDepth');
  });
});

describe('which site a request is for', () => {
  it('follows the Host header, in any case and with any port; other hosts get the default site', async () => {
    await asAdmin('POST', '/api/v1/admin/sites', { id: 'resolved', name: 'The Resolved Courier', hosts: ['resolved.test'] });
    const sites = server.tribune.services.sites;
    expect(sites.forHost('resolved.test').id).toBe('resolved');
    expect(sites.forHost('RESOLVED.test:8080').id).toBe('resolved');
    expect(sites.forHost('resolved.test.').id).toBe('resolved');
    expect(sites.forHost('unknown.test').id).toBe(DEFAULT_SITE_ID);
    expect(sites.forHost(undefined).id).toBe(DEFAULT_SITE_ID);
    expect(sites.forHost('[::1]:8080').id).toBe(DEFAULT_SITE_ID);
  });
});
