import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADMIN_TOKEN, createArticle, Guest, startServer, type TestServer } from '../support/server.js';
import { signedIn, type StaffBrowser } from '../support/staff-browser.js';
import { signHmacPayload, SSO_SECRET } from '../support/host-site.js';
import { READER_SESSION_COOKIE } from '../../src/http/reader-session.js';
import { tokenHash, type ReaderAccount } from '../../src/services/reader-accounts.js';
import { staffActor } from '../../src/services/actor.js';
import { DEFAULT_SITE_ID } from '../../src/shared/site.js';

/**
 * Every route that changes something, tried by every kind of caller, generated from the app's
 * route table: a route added without a row here fails the first test. Signed-in readers are
 * callers too: one who did not write the target comment, and one whose account is banned.
 */

type Role = 'anonymous' | 'author with edit token' | 'author without edit token' | 'another guest' | 'signed-in reader' | 'banned reader' | 'moderator' | 'admin' | 'bearer token';
const ROLES: Role[] = ['anonymous', 'author with edit token', 'author without edit token', 'another guest', 'signed-in reader', 'banned reader', 'moderator', 'admin', 'bearer token'];
const STAFF: Role[] = ['moderator', 'admin', 'bearer token'];
const SIGNED_IN_STAFF: Role[] = ['moderator', 'admin'];
const EVERYONE = ROLES;
/** Whoever may take part in a discussion: not a banned reader. */
const PARTICIPANTS = ROLES.filter((r) => r !== 'banned reader');
const READERS: Role[] = ['signed-in reader', 'banned reader'];
const AUTHOR_OR_STAFF: Role[] = ['author with edit token', ...STAFF];
const NOT_THE_AUTHOR = PARTICIPANTS.filter((r) => !r.startsWith('author'));

/** What each caller is given to aim at: a fresh article and comment, its author and edit token, a ban to lift. */
interface Target {
  slug: string;
  commentId: number;
  banId: number;
  /** A mailed sign-in link's token, unused. */
  signInToken: string;
  /** A guest's subscription to the article's thread: the link in its mails. */
  subscriptionToken: string;
  /** A comment by a reader who lets others follow their comments. */
  followableCommentId: number;
}
type Request = { path: string; json?: unknown; form?: Record<string, string> };

/** Who may use each route, and a request that would succeed for them. */
const matrix: Record<string, { allowed: Role[]; request: (t: Target) => Request }> = {
  'POST /api/v1/threads/:key/comments': { allowed: PARTICIPANTS, request: (t) => ({ path: `/api/v1/threads/${t.slug}/comments`, json: { body: 'A new comment.', name: 'Someone' } }) },
  'PATCH /api/v1/moderation/threads/:key': { allowed: STAFF, request: (t) => ({ path: `/api/v1/moderation/threads/${t.slug}`, json: { closed: true } }) },
  'PATCH /api/v1/comments/:id': { allowed: AUTHOR_OR_STAFF, request: (t) => ({ path: `/api/v1/comments/${t.commentId}`, json: { body: 'Changed wording.' } }) },
  'DELETE /api/v1/comments/:id': { allowed: AUTHOR_OR_STAFF, request: (t) => ({ path: `/api/v1/comments/${t.commentId}` }) },
  'POST /api/v1/comments/:id/vote': { allowed: NOT_THE_AUTHOR, request: (t) => ({ path: `/api/v1/comments/${t.commentId}/vote`, json: { value: 1 } }) },
  'POST /api/v1/comments/:id/reports': { allowed: NOT_THE_AUTHOR, request: (t) => ({ path: `/api/v1/comments/${t.commentId}/reports`, json: { reason: 'abuse' } }) },
  'POST /api/v1/admin/articles': { allowed: ['bearer token'], request: (t) => ({ path: '/api/v1/admin/articles', json: { slug: `${t.slug}-new`, title: 'New', body: 'Text.', author: { name: 'Maya' } } }) },
  'POST /api/v1/admin/sites': { allowed: ['bearer token'], request: (t) => ({ path: '/api/v1/admin/sites', json: { id: `site-${t.slug}`, name: 'Another', hosts: [`${t.slug}.test`] } }) },
  'PATCH /api/v1/admin/sites/:id': { allowed: ['bearer token'], request: () => ({ path: '/api/v1/admin/sites/default', json: { name: 'The Harbour Gazette' } }) },
  'POST /api/v1/moderation/actions': { allowed: STAFF, request: (t) => ({ path: '/api/v1/moderation/actions', json: { action: 'reject', ids: [t.commentId] } }) },
  'POST /api/v1/moderation/bans': { allowed: STAFF, request: (t) => ({ path: '/api/v1/moderation/bans', json: { commentId: t.commentId, by: ['reader'], reason: 'Abuse.', days: 1 } }) },
  'DELETE /api/v1/moderation/bans/:id': { allowed: STAFF, request: (t) => ({ path: `/api/v1/moderation/bans/${t.banId}` }) },
  // The vote and subscribe forms of the page without script: the same rules as their API routes.
  'POST /comments/:id/vote': { allowed: NOT_THE_AUTHOR, request: (t) => ({ path: `/comments/${t.commentId}/vote`, form: { value: '1' } }) },
  'POST /articles/:slug/subscriptions': { allowed: EVERYONE, request: (t) => ({ path: `/articles/${t.slug}/subscriptions`, form: { email: `${t.slug}.form@example.org`, kind: 'thread' } }) },
  'POST /articles/:slug/comments': { allowed: PARTICIPANTS, request: (t) => ({ path: `/articles/${t.slug}/comments`, form: { body: 'Posted without script.', name: 'Someone' } }) },
  // Without the sign-in form's own token (double-submit) nobody gets past it; signing in itself is tested with staff accounts.
  'POST /staff/sign-in': { allowed: [], request: () => ({ path: '/staff/sign-in', form: { email: 'mod@example.org', password: PASSWORD } }) },
  'POST /staff/sign-out': { allowed: EVERYONE, request: () => ({ path: '/staff/sign-out', form: {} }) },
  // Signing out harms nobody: it ends only the caller's own session, if any.
  'POST /api/v1/auth/sign-out': { allowed: EVERYONE, request: () => ({ path: '/api/v1/auth/sign-out' }) },
  // Single sign-on needs no session: the host site's signature is the proof, whoever carries it.
  'POST /api/v1/auth/sso': { allowed: EVERYONE, request: () => ({ path: '/api/v1/auth/sso', json: { payload: signHmacPayload({ id: 'matrix-user', name: 'Host User' }) } }) },
  'POST /auth/sso': { allowed: EVERYONE, request: () => ({ path: '/auth/sso', form: { payload: signHmacPayload({ id: 'matrix-user', name: 'Host User' }), returnTo: '/' } }) },
  // Anyone may ask (the answer never says whether the address has an account); whoever holds a link may use it.
  'POST /api/v1/auth/magic-link': { allowed: EVERYONE, request: () => ({ path: '/api/v1/auth/magic-link', json: { email: 'someone@example.org' } }) },
  'POST /sign-in': { allowed: EVERYONE, request: (t) => ({ path: '/sign-in', form: { email: `asker.${t.slug}@example.org`, returnTo: '/' } }) },
  'POST /sign-in/:token': { allowed: EVERYONE, request: (t) => ({ path: `/sign-in/${t.signInToken}`, form: {} }) },
  // A reader's own content and account: only a signed-in reader, on their own account. A banned one may still
  // take their data away and delete the account, but not put their name on more comments or change it.
  // Readers against each other, guests and staff in detail: test/http/my-content.test.ts.
  'PATCH /api/v1/me': { allowed: ['signed-in reader'], request: () => ({ path: '/api/v1/me', json: { name: 'Rita Reader' } }) },
  'DELETE /api/v1/me': { allowed: READERS, request: () => ({ path: '/api/v1/me' }) },
  'POST /api/v1/me/guest-comments/claim': { allowed: ['signed-in reader'], request: () => ({ path: '/api/v1/me/guest-comments/claim' }) },
  'POST /account/name': { allowed: ['signed-in reader'], request: () => ({ path: '/account/name', form: { name: 'Rita Reader' } }) },
  'POST /account/claim': { allowed: ['signed-in reader'], request: () => ({ path: '/account/claim', form: {} }) },
  'POST /account/delete': { allowed: READERS, request: () => ({ path: '/account/delete', form: { confirm: 'yes' } }) },
  'POST /staff/moderation/bans': { allowed: SIGNED_IN_STAFF, request: (t) => ({ path: '/staff/moderation/bans', form: { commentId: String(t.commentId), by: 'reader', reason: 'Abuse.', days: '1' } }) },
  'POST /staff/moderation/bans/lift': { allowed: SIGNED_IN_STAFF, request: (t) => ({ path: '/staff/moderation/bans/lift', form: { id: String(t.banId) } }) },
  'POST /staff/moderation/threads': { allowed: SIGNED_IN_STAFF, request: (t) => ({ path: '/staff/moderation/threads', form: { commentId: String(t.commentId), closed: '1' } }) },
  // Anyone may subscribe an address: a guest's waits for the address's owner to confirm it.
  'POST /api/v1/threads/:key/subscriptions': { allowed: EVERYONE, request: (t) => ({ path: `/api/v1/threads/${t.slug}/subscriptions`, json: { email: `${t.slug}@example.org`, kind: 'thread' } }) },
  // The mailed link is the proof: whoever holds it may confirm the subscription or end it, and nothing else.
  'POST /subscriptions/:token/confirm': { allowed: EVERYONE, request: (t) => ({ path: `/subscriptions/${t.subscriptionToken}/confirm`, form: {} }) },
  'POST /api/v1/unsubscribe/:token': { allowed: EVERYONE, request: (t) => ({ path: `/api/v1/unsubscribe/${t.subscriptionToken}`, form: { 'List-Unsubscribe': 'One-Click' } }) },
  // Following people, and one's own settings for it: signed-in readers, on their own follows (`{own follow}`, see sendAs).
  // Following receives mail and changes nothing others see, so a banned reader may too. In detail: test/http/follows.test.ts.
  'POST /api/v1/authors/:slug/followers': { allowed: READERS, request: () => ({ path: '/api/v1/authors/maya-okafor/followers', json: { delivery: 'daily' } }) },
  'POST /api/v1/comments/:id/author/followers': { allowed: READERS, request: (t) => ({ path: `/api/v1/comments/${t.followableCommentId}/author/followers`, json: {} }) },
  'PATCH /api/v1/me/follows/:id': { allowed: READERS, request: () => ({ path: '/api/v1/me/follows/{own follow}', json: { delivery: 'daily' } }) },
  'DELETE /api/v1/me/follows/:id': { allowed: READERS, request: () => ({ path: '/api/v1/me/follows/{own follow}' }) },
  'PATCH /api/v1/me/notifications': { allowed: READERS, request: () => ({ path: '/api/v1/me/notifications', json: { mentions: 'daily' } }) },
  'POST /account/follows': { allowed: READERS, request: () => ({ path: '/account/follows', form: { author: 'maya-okafor', delivery: 'now' } }) },
  'POST /account/follows/:id': { allowed: READERS, request: () => ({ path: '/account/follows/{own follow}', form: { delivery: 'daily' } }) },
  'POST /account/follows/:id/unfollow': { allowed: READERS, request: () => ({ path: '/account/follows/{own follow}/unfollow', form: {} }) },
  'POST /account/notifications': { allowed: READERS, request: () => ({ path: '/account/notifications', form: { mentions: 'now' } }) },
  'POST /staff/moderation/actions': { allowed: SIGNED_IN_STAFF, request: (t) => ({ path: '/staff/moderation/actions', form: { do: `reject:${t.commentId}` } }) },
};

const PASSWORD = 'correct horse battery staple';
let server: TestServer;
const staff: Partial<Record<'moderator' | 'admin', StaffBrowser>> = {};
const readers: Partial<Record<'signed-in reader' | 'banned reader', ReaderAccount>> = {};
/** Each reader's follow of the fixture author, made again for every row (a row may end it). */
const followIds: Partial<Record<'signed-in reader' | 'banned reader', number>> = {};
let followableCommentId = 0;

/** The two readers, as they were: after a row deletes an account, the next row gets them back. */
async function makeReaders(): Promise<void> {
  const accounts = server.tribune.services.readerAccounts;
  readers['signed-in reader'] = await accounts.signInWithVerifiedEmail('default', 'reader@example.org', { name: 'Rita Reader' });
  const banned = (readers['banned reader'] = await accounts.signInWithVerifiedEmail('default', 'banned@example.org', { name: 'Bo Banned' }));
  const offence = await server.tribune.services.comments.postComment('matrix-ban', { body: 'What got me banned.' }, { siteId: DEFAULT_SITE_ID, readerId: null, ipHash: null, account: banned, staff: null });
  await server.tribune.services.bans.banAuthorOf(offence.comment.id, { by: ['account'], reason: 'Fixture.' }, staffActor({ id: null, name: 'Staff', role: 'admin' }));
}

beforeAll(async () => {
  server = await startServer({ TRIBUNE_SSO_SECRET: SSO_SECRET });
  await server.tribune.services.staff.createStaff({ email: 'mod@example.org', name: 'Rosa Moderator', role: 'moderator', password: PASSWORD });
  await server.tribune.services.staff.createStaff({ email: 'admin@example.org', name: 'Ada Admin', role: 'admin', password: PASSWORD });
  staff.moderator = await signedIn(server.baseUrl, 'mod@example.org', PASSWORD);
  staff.admin = await signedIn(server.baseUrl, 'admin@example.org', PASSWORD);
  expect((await createArticle(server, { slug: 'matrix-ban' })).status).toBe(201);
  await makeReaders();
  const followable = await server.tribune.services.readerAccounts.signInWithVerifiedEmail('default', 'followable@example.org', { name: 'Fay Followable' });
  await server.tribune.services.follows.updateSettings(followable, { allowFollowers: true });
  followIds['signed-in reader'] = (await server.tribune.services.follows.followAuthor(readers['signed-in reader']!, 'maya-okafor', 'now', server.baseUrl)).id;
  followableCommentId = (await server.tribune.services.comments.postComment('matrix-ban', { body: 'Follow me.' }, { siteId: DEFAULT_SITE_ID, readerId: null, ipHash: null, account: followable, staff: null })).comment.id;
});
afterAll(() => server?.close());

const mutating = () => server.tribune.app.routeTable.filter((r) => !['GET', 'HEAD', 'OPTIONS'].includes(r.method));
const bearer = { authorization: `Bearer ${ADMIN_TOKEN}` };
let fixtures = 0;

/** A fresh article with one comment by a guest, and a ban (on someone else) to lift. */
async function freshTarget(): Promise<{ target: Target; author: Guest; editToken: string }> {
  const slug = `matrix-${++fixtures}`;
  expect((await createArticle(server, { slug })).status).toBe(201);
  const author = new Guest(server.baseUrl);
  const posted = await author.post(slug, { body: 'The comment everyone aims at.' });
  expect(posted.status).toBe(201);
  const bystander = await new Guest(server.baseUrl).post(slug, { body: 'A bystander’s comment.' });
  const ban = await new Guest(server.baseUrl).request('POST', '/api/v1/moderation/bans', { commentId: bystander.json.comment.id, by: ['reader'], reason: 'Fixture.', days: 1 }, bearer);
  const signInToken = `matrix-link-${fixtures}-${'x'.repeat(30)}`;
  await server.tribune.store.readerAccounts.insertSignInLink({
    id: tokenHash(signInToken), site_id: 'default', email: `link${fixtures}@example.org`, return_to: '/', name: null, created_at: Date.now(), expires_at: Date.now() + 600_000, used_at: null,
  });
  await new Guest(server.baseUrl).request('POST', `/api/v1/threads/${slug}/subscriptions`, { email: `follower.${slug}@example.org`, kind: 'thread' });
  const { token } = await server.tribune.database.db.selectFrom('subscriptions').select('token').where('email', '=', `follower.${slug}@example.org`).executeTakeFirstOrThrow();
  return {
    target: { slug, commentId: posted.json.comment.id, banId: ban.json.bans[0].id, signInToken, subscriptionToken: token, followableCommentId },
    author,
    editToken: posted.json.editToken,
  };
}

async function sendAs(role: Role, method: string, request: Request, fixture: { author: Guest; editToken: string }): Promise<{ status: number; location: string }> {
  const { json, form } = request;
  // A reader's own follow; everyone else aims at the signed-in reader's.
  const aimed = () => request.path.replace('{own follow}', String(followIds[role as 'banned reader'] ?? followIds['signed-in reader']));
  if (role === 'moderator' || role === 'admin') {
    const browser = staff[role]!;
    // Staff as staff: earlier rows (a sign-in link, single sign-on) may have signed this browser in as a reader too.
    browser.cookies.delete(READER_SESSION_COOKIE);
    const csrf = (await browser.open('/staff')).csrf;
    const answer = form ? await browser.send(method, aimed(), { form: { ...form, csrf } }) : await browser.send(method, aimed(), { json, headers: { 'x-csrf-token': csrf } });
    return { status: answer.status, location: answer.location };
  }
  let guest: Guest;
  const headers: Record<string, string> = {};
  if (role === 'author with edit token' || role === 'author without edit token') {
    guest = fixture.author;
    if (role === 'author with edit token') headers['x-edit-token'] = fixture.editToken;
  } else if (role === 'signed-in reader' || role === 'banned reader') {
    // A fresh session each time: the sign-out row ends the one it is given.
    guest = new Guest(server.baseUrl);
    if (!(await server.tribune.services.readerAccounts.findAccount('default', readers[role]!.id))) await makeReaders();
    followIds[role] = (await server.tribune.services.follows.followAuthor(readers[role]!, 'maya-okafor', 'now', server.baseUrl)).id;
    guest.setCookie(READER_SESSION_COOKIE, (await server.tribune.services.readerAccounts.startSession(readers[role]!)).token);
  } else {
    guest = new Guest(server.baseUrl);
    if (role === 'another guest') await guest.post('matrix-1', { body: 'Gets me a reader cookie.' });
    if (role === 'bearer token') Object.assign(headers, bearer);
  }
  const body = form ? new URLSearchParams(form).toString() : json;
  if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
  const answer = await guest.request(method, aimed(), body, headers);
  return { status: answer.status, location: answer.headers.get('location') ?? '' };
}

it('has a row for every route that changes something, so a new route cannot be left out', () => {
  const missing = mutating()
    .map((r) => `${r.method} ${r.url}`)
    .filter((name) => !(name in matrix));
  expect(missing, 'add these routes to the authorisation matrix').toEqual([]);
});

it('allows and refuses each route to each role as intended', async () => {
  const wrong: string[] = [];
  for (const route of mutating()) {
    const name = `${route.method} ${route.url}`;
    const row = matrix[name];
    if (!row) continue;
    for (const role of ROLES) {
      const fixture = await freshTarget();
      const answer = await sendAs(role, route.method, row.request(fixture.target), fixture);
      const toSignIn = answer.status === 303 && answer.location.startsWith('/staff/sign-in') && route.url !== '/staff/sign-out';
      const refused = answer.status === 401 || answer.status === 403 || toSignIn;
      const allowed = answer.status < 400 && !toSignIn;
      const expected = row.allowed.includes(role);
      if (expected ? !allowed : !refused) wrong.push(`${name} as ${role}: ${answer.status} ${answer.location} (expected ${expected ? 'allowed' : 'refused'})`);
      if (route.url === '/staff/sign-out' && (role === 'moderator' || role === 'admin')) staff[role] = await signedIn(server.baseUrl, `${role === 'admin' ? 'admin' : 'mod'}@example.org`, PASSWORD);
    }
  }
  expect(wrong).toEqual([]);
}, 360_000);
