import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, createArticle, Guest, startServer, type TestServer } from '../support/server.js';

/**
 * Every JSON route of the route table, fed hostile values in each of its fields: NUL bytes,
 * lone surrogates, huge and deeply nested values, wrong types, ids written loosely. Each must
 * get a 4xx naming the field, never a 500, and nothing may be stored.
 */

let server: TestServer;
let commentId: number;

beforeAll(async () => {
  server = await startServer();
  await createArticle(server, { slug: 'fuzz' });
  commentId = (await new Guest(server.baseUrl).post('fuzz', { body: 'A comment to aim at.', email: 'a@example.org' })).json.comment.id;
});
afterAll(() => server?.close());

type Body = Record<string, unknown>;
/** A well-formed body for each JSON route that takes one; the fuzz varies one field at a time. */
const validBodies: Record<string, () => Body | undefined> = {
  'POST /api/v1/threads/:key/comments': () => ({ body: 'Hello there', name: 'Marek', email: 'm@example.org', website: 'https://example.org', parentId: commentId, form: { honeypot: '', elapsedMs: 5000 } }),
  'PATCH /api/v1/moderation/threads/:key': () => ({ closed: true }),
  'PATCH /api/v1/comments/:id': () => ({ body: 'Changed text', editToken: 'x'.repeat(32) }),
  'DELETE /api/v1/comments/:id': () => undefined,
  'POST /api/v1/comments/:id/vote': () => ({ value: 1 }),
  'POST /api/v1/comments/:id/reports': () => ({ reason: 'abuse', note: 'Rude.' }),
  'POST /api/v1/admin/articles': () => ({ slug: 'new-one', title: 'New', body: 'Text', author: { name: 'Maya', role: 'reporter', email: 'maya@example.org' }, topics: ['City'], premoderation: 'none' }),
  'PATCH /api/v1/admin/articles/:slug': () => ({ slug: 'moved-here', title: 'Retitled', standfirst: 'In short.', body: 'New text', author: { name: 'Sam Lee', role: 'reporter' }, topics: ['City'] }),
  'GET /api/v1/admin/staff': () => undefined,
  'POST /api/v1/admin/staff': () => ({ email: 'new.staff@example.org', name: 'New Staff', role: 'editor', password: 'long enough password' }),
  'PATCH /api/v1/admin/staff/:id': () => ({ role: 'moderator' }),
  'POST /api/v1/moderation/actions': () => ({ action: 'approve', ids: [commentId] }),
  'POST /api/v1/moderation/bans': () => ({ commentId, by: ['email'], reason: 'Spam', days: 7 }),
  'DELETE /api/v1/moderation/bans/:id': () => undefined,
  'GET /api/v1/threads/:key/comments': () => undefined,
  'GET /api/v1/threads/:key/comments/mine': () => undefined,
  'GET /api/v1/threads/:key/mention-suggestions': () => undefined,
  'GET /api/v1/threads/:key/passages': () => undefined,
  'POST /api/v1/admin/articles/:slug/questions': () => ({ exact: 'A comment', question: 'What do you think?' }),
  'GET /api/v1/threads/:key/events': () => undefined,
  'GET /api/v1/comments/:id/replies': () => undefined,
  'GET /api/v1/moderation/queue': () => undefined,
  'GET /api/v1/moderation/audit': () => undefined,
  'GET /api/v1/moderation/bans': () => undefined,
  'POST /api/v1/admin/sites': () => ({ id: 'fuzzed', name: 'Fuzzed', hosts: ['fuzzed.test'], settings: { maxDepth: 3, requireEmail: true, rateLimits: { comments: { limit: 5, windowMs: 60_000 } } } }),
  'PATCH /api/v1/admin/sites/:id': () => ({ name: 'Renamed', hosts: ['renamed.test'], settings: { editWindowMinutes: 5 } }),
  'GET /api/v1/admin/sites': () => undefined,
  'GET /api/v1/admin/sites/:id': () => undefined,
  'GET /healthz': () => undefined,
  'GET /api/v1/me': () => undefined,
  'POST /api/v1/auth/sign-out': () => undefined,
  'POST /api/v1/auth/sso': () => ({ payload: 'a.b.c' }),
  'GET /api/v1/auth/providers': () => undefined,
  'POST /api/v1/auth/magic-link': () => ({ email: 'reader@example.org', returnTo: '/articles/fuzz', name: 'Reader' }),
  'GET /api/v1/me/comments': () => undefined,
  'PATCH /api/v1/me': () => ({ name: 'Renamed' }),
  'GET /api/v1/me/data': () => undefined,
  'DELETE /api/v1/me': () => undefined,
  'GET /api/v1/me/guest-comments': () => undefined,
  'POST /api/v1/me/guest-comments/claim': () => undefined,
  'POST /api/v1/threads/:key/subscriptions': () => ({ kind: 'thread', email: 'f@example.org', delivery: 'daily' }),
  'GET /api/v1/unsubscribe/:token': () => undefined,
  'POST /api/v1/unsubscribe/:token': () => undefined,
  'GET /api/v1/me/follows': () => undefined,
  'POST /api/v1/authors/:slug/followers': () => ({ delivery: 'daily' }),
  'POST /api/v1/comments/:id/author/followers': () => ({ delivery: 'daily' }),
  'PATCH /api/v1/me/follows/:id': () => ({ delivery: 'daily' }),
  'DELETE /api/v1/me/follows/:id': () => undefined,
  'PATCH /api/v1/me/notifications': () => ({ allowFollowers: true, mentions: 'daily' }),
  'GET /api/v1/campaigns/current': () => undefined,
  'GET /api/v1/campaigns/:id/periods': () => undefined,
  'GET /api/v1/campaigns': () => undefined,
  'POST /api/v1/campaigns': () => ({ title: 'Autumn drive', goal: 500_000, currency: 'USD', period: 'fixed', startsAt: '2026-09-01', endsAt: '2026-09-30', atGoal: 'stretch', stretchGoal: 700_000, active: false }),
  'PATCH /api/v1/campaigns/:id': () => ({ title: 'Renamed', goal: 400_000, atGoal: 'keep-going' }),
  'POST /api/v1/campaigns/:id/entries': () => ({ amount: 500, note: 'Cash', receivedAt: '2026-09-02T10:00:00Z', donorName: 'Ana', donorEmail: 'ana@example.org', message: 'Thanks', onDonorWall: true, articleSlug: 'fuzz' }),
  'GET /api/v1/ledger': () => undefined,
  'POST /api/v1/ledger/:id/refunds': () => ({ amount: 100, note: 'Asked for it back' }),
};

const deep = (levels: number): unknown => (levels === 0 ? 'x' : [deep(levels - 1)]);
/** Values no field accepts, whatever its type; each with whether the answer must name the field. */
const hostile: [string, unknown][] = [
  ['NUL byte', 'before\u0000after'],
  ['other control character', 'bell\u0007'],
  ['lone high surrogate', 'broken \uD800 text'],
  ['lone low surrogate', '\uDC00'],
  ['deep nesting', deep(60)],
];
const wrongTypesFor = (valid: unknown): unknown[] => {
  if (typeof valid === 'string') return [12345, true, ['a'], { a: 1 }];
  if (typeof valid === 'number') return ['1', 1.5, true, [1], -1e308];
  if (typeof valid === 'boolean') return ['true', 1, null];
  if (Array.isArray(valid)) return ['a', 7, { 0: 'a' }];
  return ['a', 7, [], true];
};

const jsonRoutes = () => server.tribune.app.routeTable.filter((r) => r.url.startsWith('/api/') || r.url === '/healthz');
const tables = ['articles', 'threads', 'comments', 'comment_revisions', 'votes', 'comment_reports', 'bans', 'audit_log', 'sign_in_links', 'mail_outbox', 'campaigns', 'ledger_entries'] as const;
async function rowCounts(): Promise<Record<string, number>> {
  const db = server.tribune.database.db;
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

async function send(method: string, path: string, body: unknown): Promise<{ status: number; json: any }> {
  const response = await fetch(`${server.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: response.status, json };
}

const fill = (url: string, params: Record<string, string> = {}) =>
  url.replace(/:(\w+)/g, (_m, name: string) => params[name] ?? (name === 'key' ? 'fuzz' : String(commentId)));

/** Each field of a body, nested objects included, as a path of keys. */
function fieldPaths(value: Body, prefix: string[] = []): string[][] {
  return Object.entries(value).flatMap(([key, item]) =>
    item !== null && typeof item === 'object' && !Array.isArray(item) ? [[...prefix, key], ...fieldPaths(item as Body, [...prefix, key])] : [[...prefix, key]],
  );
}
function withField(body: Body, path: string[], value: unknown): Body {
  const copy = structuredClone(body);
  let target = copy as Record<string, unknown>;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
  target[path.at(-1)!] = value;
  return copy;
}

describe('fuzz of every JSON route', () => {
  it('knows a valid request for every JSON route, so none is left out', () => {
    const missing = jsonRoutes()
      .map((r) => `${r.method} ${r.url}`)
      .filter((name) => !(name in validBodies));
    expect(missing, 'add these routes to validBodies').toEqual([]);
  });

  it('answers hostile body fields with a 4xx naming the field, never a 500, and stores nothing', async () => {
    const before = await rowCounts();
    const failures: string[] = [];
    for (const route of jsonRoutes()) {
      const valid = validBodies[`${route.method} ${route.url}`]?.();
      if (!valid) continue;
      for (const path of fieldPaths(valid)) {
        const field = path.join('.');
        const current = path.reduce<unknown>((v, k) => (v as Body)[k], valid);
        const values: [string, unknown][] = [...hostile, ...wrongTypesFor(current).map((v): [string, unknown] => [`wrong type ${JSON.stringify(v)}`, v])];
        for (const [label, value] of values) {
          const answer = await send(route.method, fill(route.url), withField(valid, path, value));
          const named = typeof answer.json?.error?.field === 'string' && (answer.json.error.field === field || answer.json.error.field.startsWith(`${field}.`));
          if (answer.status < 400 || answer.status >= 500 || !named) {
            failures.push(`${route.method} ${route.url} ${field} = ${label}: ${answer.status} ${JSON.stringify(answer.json).slice(0, 200)}`);
          }
        }
      }
      const huge = await send(route.method, fill(route.url), { ...valid, [Object.keys(valid)[0]!]: 'x'.repeat(300_000) });
      if (huge.status !== 413) failures.push(`${route.method} ${route.url} huge body: ${huge.status}`);
    }
    expect(failures).toEqual([]);
    expect(await rowCounts()).toEqual(before);
  }, 120_000);

  it('answers hostile path and query values with a 4xx naming them, never a 500, and stores nothing', async () => {
    const before = await rowCounts();
    const failures: string[] = [];
    const loose = ['%00', 'a%07b', '%ED%A0%80', '1.5', '0x10', '%201', '1e3', '01', '-1', '99999999999999999999'];
    for (const route of jsonRoutes()) {
      const valid = validBodies[`${route.method} ${route.url}`]?.();
      const params = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
      for (const param of params) {
        for (const raw of loose) {
          const answer = await send(route.method, fill(route.url, { [param]: raw }), valid);
          // A thread key may be any text: a loose number there is just a key nobody has.
          const mustName = param !== 'key' || ['%00', 'a%07b'].includes(raw);
          if (answer.status < 400 || answer.status >= 500 || (mustName && answer.status === 400 && answer.json?.error?.field !== (raw === '%ED%A0%80' ? 'path' : param))) {
            failures.push(`${route.method} ${route.url} :${param} = ${raw}: ${answer.status} ${JSON.stringify(answer.json).slice(0, 200)}`);
          }
        }
      }
      const query = (route.schema as { querystring?: { properties?: Record<string, unknown> } } | undefined)?.querystring?.properties ?? {};
      for (const name of Object.keys(query)) {
        for (const raw of ['%00', '%ED%A0%80', 'a%1Fb', '0x10', '%201', '1.5', 'x'.repeat(5000)]) {
          const answer = await send(route.method, `${fill(route.url)}?${name}=${raw}`, valid);
          if (answer.status < 400 || answer.status >= 500 || answer.json?.error?.field !== name) {
            failures.push(`${route.method} ${route.url} ?${name}=${raw.slice(0, 20)}: ${answer.status} ${JSON.stringify(answer.json).slice(0, 200)}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await rowCounts()).toEqual(before);
  }, 120_000);
});
