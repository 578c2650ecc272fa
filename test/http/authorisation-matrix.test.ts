import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, createArticle, Guest, startServer, type TestServer } from '../support/server.js';
import { signedIn, type StaffBrowser } from '../support/staff-browser.js';
import { signHmacPayload, SSO_SECRET } from '../support/host-site.js';
import { startOpenIdProvider, type TestOpenIdProvider } from '../support/openid-provider.js';
import { READER_SESSION_COOKIE } from '../../src/http/reader-session.js';
import { tokenHash, type ReaderAccount } from '../../src/services/reader-accounts.js';

/**
 * Every route the app serves, tried by every kind of caller: a route added without a row here
 * fails the first test. Readers, guests and staff of each role: a guest who posted the target
 * comment (with and without its edit token), another guest, a signed-in reader who did not write
 * it, one whose account is banned, staff signed in as moderator, author, editor or admin, and the
 * admin token. Moderators and admins moderate; authors publish and change their own articles,
 * editors every article; admins also manage the site's staff and settings (README, Staff roles).
 * A row names who is allowed (any 2xx or 3xx that is not a way to the staff sign-in); everyone else
 * must be refused with 401 or 403 (or sent to sign in as staff).
 */

type Role =
  | 'anonymous'
  | 'author with edit token'
  | 'author without edit token'
  | 'another guest'
  | 'signed-in reader'
  | 'banned reader'
  | 'moderator'
  | 'author'
  | 'editor'
  | 'admin'
  | 'bearer token';
type StaffRoleName = 'moderator' | 'author' | 'editor' | 'admin';
const ROLES: Role[] = ['anonymous', 'author with edit token', 'author without edit token', 'another guest', 'signed-in reader', 'banned reader', 'moderator', 'author', 'editor', 'admin', 'bearer token'];
/** Whoever may moderate: the queue, bans, discussions, anyone's comment. */
const STAFF: Role[] = ['moderator', 'admin', 'bearer token'];
const SIGNED_IN_MODERATORS: Role[] = ['moderator', 'admin'];
const SIGNED_IN_STAFF: StaffRoleName[] = ['moderator', 'author', 'editor', 'admin'];
const ADMINS: Role[] = ['admin', 'bearer token'];
/** Who may publish an article, and who may change anyone's. */
const WRITERS: Role[] = ['author', 'editor', 'admin', 'bearer token'];
const EDITORS: Role[] = ['editor', 'admin', 'bearer token'];
/** The same in the staff pages, which need a staff session: the admin token is for scripts. */
const SIGNED_IN_WRITERS: Role[] = ['author', 'editor', 'admin'];
const SIGNED_IN_EDITORS: Role[] = ['editor', 'admin'];
const STAFF_EMAIL: Record<StaffRoleName, string> = { moderator: 'mod@example.org', author: 'author@example.org', editor: 'editor@example.org', admin: 'admin@example.org' };
const isSignedInStaff = (role: Role): role is StaffRoleName => (SIGNED_IN_STAFF as Role[]).includes(role);
const EVERYONE = ROLES;
/** Whoever may take part in a discussion: not a banned reader. */
const PARTICIPANTS = ROLES.filter((r) => r !== 'banned reader');
const READERS: Role[] = ['signed-in reader', 'banned reader'];
const AUTHOR_OR_STAFF: Role[] = ['author with edit token', ...STAFF];
const NOT_THE_AUTHOR = PARTICIPANTS.filter((r) => r !== 'author with edit token' && r !== 'author without edit token');

/** What each caller is given to aim at: a fresh article and comment, its author and edit token, a ban to lift. */
interface Target {
  slug: string;
  commentId: number;
  banId: number;
  /** A mailed sign-in link's token, unused. */
  signInToken: string;
  /** A guest's subscription to the article's thread: the link in its mails. */
  subscriptionToken: string;
  /** The signed-in reader's account: their profile and picture. */
  readerId: number;
  /** A comment by a reader who lets others follow their comments. */
  followableCommentId: number;
  /** That reader's account. */
  followableReaderId: number;
  spareStaffId: number;
}
type Request = { path: string; json?: unknown; form?: Record<string, string> };
interface Row {
  allowed: Role[];
  request: (t: Target) => Request;
  /**
   * For a route whose answer cannot depend on who asks: the status everyone gets. The OpenID
   * callback without the browser's own flow is refused alike for all (400), signing nobody in.
   */
  sameForEveryone?: number;
  /** A stream that stays open: its status is read from the headers, then the caller hangs up. */
  stream?: true;
}

/** Who may use each route, and a request that would succeed for them. */
const matrix: Record<string, Row> = {
  // What anyone may read: the site's pages, the discussion and its parts, readers' public profiles.
  'GET /static/*': { allowed: EVERYONE, request: () => ({ path: '/static/site.css' }) },
  'GET /assets/*': { allowed: EVERYONE, request: () => ({ path: '/assets/discussion.js' }) },
  'GET /healthz': { allowed: EVERYONE, request: () => ({ path: '/healthz' }) },
  'GET /feed.xml': { allowed: EVERYONE, request: () => ({ path: '/feed.xml' }) },
  'GET /topics/:slug/feed.xml': { allowed: EVERYONE, request: () => ({ path: '/topics/city-hall/feed.xml' }) },
  'GET /authors/:slug/feed.xml': { allowed: EVERYONE, request: () => ({ path: '/authors/maya-okafor/feed.xml' }) },
  'GET /articles/:slug/comments/feed.xml': { allowed: EVERYONE, request: (t) => ({ path: `/articles/${t.slug}/comments/feed.xml` }) },
  'GET /sitemap.xml': { allowed: EVERYONE, request: () => ({ path: '/sitemap.xml' }) },
  'GET /robots.txt': { allowed: EVERYONE, request: () => ({ path: '/robots.txt' }) },
  'GET /': { allowed: EVERYONE, request: () => ({ path: '/' }) },
  'GET /articles/:slug': { allowed: EVERYONE, request: (t) => ({ path: `/articles/${t.slug}` }) },
  'GET /comments/:id': { allowed: EVERYONE, request: (t) => ({ path: `/comments/${t.commentId}` }) },
  'GET /api/v1/threads/:key/comments': { allowed: EVERYONE, request: (t) => ({ path: `/api/v1/threads/${t.slug}/comments` }) },
  'GET /api/v1/comments/:id/replies': { allowed: EVERYONE, request: (t) => ({ path: `/api/v1/comments/${t.commentId}/replies` }) },
  // Each caller gets only their own held comments; asking is open to all.
  'GET /api/v1/threads/:key/comments/mine': { allowed: EVERYONE, request: (t) => ({ path: `/api/v1/threads/${t.slug}/comments/mine` }) },
  'GET /api/v1/threads/:key/events': { allowed: EVERYONE, stream: true, request: (t) => ({ path: `/api/v1/threads/${t.slug}/events` }) },
  'GET /api/v1/threads/:key/passages': { allowed: EVERYONE, request: (t) => ({ path: `/api/v1/threads/${t.slug}/passages` }) },
  'GET /api/v1/threads/:key/mention-suggestions': { allowed: EVERYONE, request: (t) => ({ path: `/api/v1/threads/${t.slug}/mention-suggestions?q=M` }) },
  'GET /readers/:id': { allowed: EVERYONE, request: (t) => ({ path: `/readers/${t.readerId}` }) },
  'GET /readers/:id/avatar.svg': { allowed: EVERYONE, request: (t) => ({ path: `/readers/${t.readerId}/avatar.svg` }) },

  'POST /api/v1/threads/:key/comments': { allowed: PARTICIPANTS, request: (t) => ({ path: `/api/v1/threads/${t.slug}/comments`, json: { body: 'A new comment.', name: 'Someone' } }) },
  // The vote and subscribe forms of the page without script: the same rules as their API routes.
  'POST /comments/:id/vote': { allowed: NOT_THE_AUTHOR, request: (t) => ({ path: `/comments/${t.commentId}/vote`, form: { value: '1' } }) },
  'POST /articles/:slug/subscriptions': { allowed: EVERYONE, request: (t) => ({ path: `/articles/${t.slug}/subscriptions`, form: { email: `${t.slug}.form@example.org`, kind: 'thread' } }) },
  'POST /articles/:slug/comments': { allowed: PARTICIPANTS, request: (t) => ({ path: `/articles/${t.slug}/comments`, form: { body: 'Posted without script.', name: 'Someone' } }) },
  'PATCH /api/v1/comments/:id': { allowed: AUTHOR_OR_STAFF, request: (t) => ({ path: `/api/v1/comments/${t.commentId}`, json: { body: 'Changed wording.' } }) },
  'DELETE /api/v1/comments/:id': { allowed: AUTHOR_OR_STAFF, request: (t) => ({ path: `/api/v1/comments/${t.commentId}` }) },
  'POST /api/v1/comments/:id/vote': { allowed: NOT_THE_AUTHOR, request: (t) => ({ path: `/api/v1/comments/${t.commentId}/vote`, json: { value: 1 } }) },
  'POST /api/v1/comments/:id/reports': { allowed: NOT_THE_AUTHOR, request: (t) => ({ path: `/api/v1/comments/${t.commentId}/reports`, json: { reason: 'abuse' } }) },

  // Articles: authors, editors and admins publish; changing one published by someone else (here the admin token) is for editors and admins.
  'POST /api/v1/admin/articles': { allowed: WRITERS, request: (t) => ({ path: '/api/v1/admin/articles', json: { slug: `${t.slug}-new`, title: 'New', body: 'Text.', author: { name: 'Maya' } } }) },
  // The fixture article is the admin token's: an author may ask only on their own.
  'POST /api/v1/admin/articles/:slug/questions': { allowed: EDITORS, request: (t) => ({ path: `/api/v1/admin/articles/${t.slug}/questions`, json: { exact: 'Second paragraph', question: 'Is it clear?' } }) },
  'PATCH /api/v1/admin/articles/:slug': { allowed: EDITORS, request: (t) => ({ path: `/api/v1/admin/articles/${t.slug}`, json: { title: 'A better title' } }) },
  // The site's staff and settings: its admins; creating and listing sites: the admin token only.
  'GET /api/v1/admin/staff': { allowed: ADMINS, request: () => ({ path: '/api/v1/admin/staff' }) },
  'POST /api/v1/admin/staff': { allowed: ADMINS, request: (t) => ({ path: '/api/v1/admin/staff', json: { email: `new.${t.slug}@example.org`, name: 'New Staff', role: 'moderator', password: PASSWORD } }) },
  'PATCH /api/v1/admin/staff/:id': { allowed: ADMINS, request: (t) => ({ path: `/api/v1/admin/staff/${t.spareStaffId}`, json: { role: 'moderator' } }) },
  'GET /api/v1/admin/sites': { allowed: ['bearer token'], request: () => ({ path: '/api/v1/admin/sites' }) },
  'POST /api/v1/admin/sites': { allowed: ['bearer token'], request: (t) => ({ path: '/api/v1/admin/sites', json: { id: `site-${t.slug}`, name: 'Another', hosts: [`${t.slug}.test`] } }) },
  'GET /api/v1/admin/sites/:id': { allowed: ADMINS, request: () => ({ path: '/api/v1/admin/sites/default' }) },
  'PATCH /api/v1/admin/sites/:id': { allowed: ADMINS, request: () => ({ path: '/api/v1/admin/sites/default', json: { name: 'The Harbour Gazette' } }) },

  // Moderation through the API: staff; the audit log: admins.
  'GET /api/v1/moderation/queue': { allowed: STAFF, request: () => ({ path: '/api/v1/moderation/queue?tab=pending' }) },
  'GET /api/v1/moderation/audit': { allowed: ADMINS, request: () => ({ path: '/api/v1/moderation/audit' }) },
  'GET /api/v1/moderation/bans': { allowed: STAFF, request: () => ({ path: '/api/v1/moderation/bans' }) },
  'PATCH /api/v1/moderation/threads/:key': { allowed: STAFF, request: (t) => ({ path: `/api/v1/moderation/threads/${t.slug}`, json: { closed: true } }) },
  'POST /api/v1/moderation/actions': { allowed: STAFF, request: (t) => ({ path: '/api/v1/moderation/actions', json: { action: 'reject', ids: [t.commentId] } }) },
  'POST /api/v1/moderation/bans': { allowed: STAFF, request: (t) => ({ path: '/api/v1/moderation/bans', json: { commentId: t.commentId, by: ['reader'], reason: 'Abuse.', days: 1 } }) },
  'DELETE /api/v1/moderation/bans/:id': { allowed: STAFF, request: (t) => ({ path: `/api/v1/moderation/bans/${t.banId}` }) },

  // Staff pages: a staff session (the token is for scripts, not browsers); moderating for moderators and admins; the audit log for admins.
  'GET /staff/sign-in': { allowed: EVERYONE, request: () => ({ path: '/staff/sign-in' }) },
  // Without the sign-in form's own token (double-submit) nobody gets past it; signing in itself is tested with staff accounts.
  'POST /staff/sign-in': { allowed: [], request: () => ({ path: '/staff/sign-in', form: { email: 'mod@example.org', password: PASSWORD } }) },
  'POST /staff/sign-out': { allowed: EVERYONE, request: () => ({ path: '/staff/sign-out', form: {} }) },
  'GET /staff': { allowed: SIGNED_IN_STAFF, request: () => ({ path: '/staff' }) },
  'GET /staff/moderation': { allowed: SIGNED_IN_MODERATORS, request: () => ({ path: '/staff/moderation?tab=pending' }) },
  'GET /staff/moderation/bans': { allowed: SIGNED_IN_MODERATORS, request: () => ({ path: '/staff/moderation/bans' }) },
  'GET /staff/audit': { allowed: ['admin'], request: () => ({ path: '/staff/audit' }) },
  // Articles in the staff pages: writers; the fixture article is the admin token's, so changing it is for editors and admins.
  'GET /staff/articles': { allowed: SIGNED_IN_WRITERS, request: () => ({ path: '/staff/articles' }) },
  'GET /staff/articles/new': { allowed: SIGNED_IN_WRITERS, request: () => ({ path: '/staff/articles/new' }) },
  'GET /staff/articles/:slug/edit': { allowed: SIGNED_IN_EDITORS, request: (t) => ({ path: `/staff/articles/${t.slug}/edit` }) },
  // Following people, and one's own settings for it: signed-in readers, on their own follows (`{own follow}`, see sendAs).
  // Following receives mail and changes nothing others see, so a banned reader may too. In detail: test/http/follows.test.ts.
  'GET /api/v1/me/follows': { allowed: READERS, request: () => ({ path: '/api/v1/me/follows' }) },
  'POST /api/v1/authors/:slug/followers': { allowed: READERS, request: () => ({ path: '/api/v1/authors/maya-okafor/followers', json: { delivery: 'daily' } }) },
  'POST /api/v1/comments/:id/author/followers': { allowed: READERS, request: (t) => ({ path: `/api/v1/comments/${t.followableCommentId}/author/followers`, json: {} }) },
  'PATCH /api/v1/me/follows/:id': { allowed: READERS, request: () => ({ path: '/api/v1/me/follows/{own follow}', json: { delivery: 'daily' } }) },
  'DELETE /api/v1/me/follows/:id': { allowed: READERS, request: () => ({ path: '/api/v1/me/follows/{own follow}' }) },
  'PATCH /api/v1/me/notifications': { allowed: READERS, request: () => ({ path: '/api/v1/me/notifications', json: { mentions: 'daily' } }) },
  // Anyone may press "Follow" on an article: a guest is sent to sign in (a 303 too), a reader follows.
  'POST /authors/:slug/follow': { allowed: EVERYONE, request: (t) => ({ path: '/authors/maya-okafor/follow', form: { returnTo: `/articles/${t.slug}#author` } }) },
  // Likewise "Follow" on a reader's page (here one who allows followers).
  'POST /readers/:id/follow': { allowed: EVERYONE, request: (t) => ({ path: `/readers/${t.followableReaderId}/follow`, form: {} }) },
  'POST /account/follows': { allowed: READERS, request: () => ({ path: '/account/follows', form: { author: 'maya-okafor', delivery: 'now' } }) },
  'POST /account/follows/:id': { allowed: READERS, request: () => ({ path: '/account/follows/{own follow}', form: { delivery: 'daily' } }) },
  'POST /account/follows/:id/unfollow': { allowed: READERS, request: () => ({ path: '/account/follows/{own follow}/unfollow', form: {} }) },
  'POST /account/notifications': { allowed: READERS, request: () => ({ path: '/account/notifications', form: { mentions: 'now' } }) },

  'POST /staff/moderation/actions': { allowed: SIGNED_IN_MODERATORS, request: (t) => ({ path: '/staff/moderation/actions', form: { do: `reject:${t.commentId}` } }) },
  'POST /staff/moderation/bans': { allowed: SIGNED_IN_MODERATORS, request: (t) => ({ path: '/staff/moderation/bans', form: { commentId: String(t.commentId), by: 'reader', reason: 'Abuse.', days: '1' } }) },
  'POST /staff/moderation/bans/lift': { allowed: SIGNED_IN_MODERATORS, request: (t) => ({ path: '/staff/moderation/bans/lift', form: { id: String(t.banId) } }) },
  'POST /staff/articles/new': { allowed: SIGNED_IN_WRITERS, request: (t) => ({ path: '/staff/articles/new', form: { do: 'save', title: `Written in ${t.slug}`, body: 'Text.', authorName: 'Maya' } }) },
  'POST /staff/articles/:slug/edit': { allowed: SIGNED_IN_EDITORS, request: (t) => ({ path: `/staff/articles/${t.slug}/edit`, form: { do: 'save', title: 'A better title', body: 'Text.', authorName: 'Maya' } }) },
  'POST /staff/moderation/threads': { allowed: SIGNED_IN_MODERATORS, request: (t) => ({ path: '/staff/moderation/threads', form: { commentId: String(t.commentId), closed: '1' } }) },

  // Signing in. Anyone may ask for a link (the answer never says whether the address has an
  // account), and whoever holds a link may use it; signing out ends only the caller's own session.
  'GET /sign-in': { allowed: EVERYONE, request: () => ({ path: '/sign-in?returnTo=/' }) },
  'POST /sign-in': { allowed: EVERYONE, request: (t) => ({ path: '/sign-in', form: { email: `asker.${t.slug}@example.org`, returnTo: '/' } }) },
  'POST /api/v1/auth/magic-link': { allowed: EVERYONE, request: () => ({ path: '/api/v1/auth/magic-link', json: { email: 'someone@example.org' } }) },
  'GET /sign-in/:token': { allowed: EVERYONE, request: (t) => ({ path: `/sign-in/${t.signInToken}` }) },
  'POST /sign-in/:token': { allowed: EVERYONE, request: (t) => ({ path: `/sign-in/${t.signInToken}`, form: {} }) },
  'POST /api/v1/auth/sign-out': { allowed: EVERYONE, request: () => ({ path: '/api/v1/auth/sign-out' }) },
  'GET /api/v1/auth/providers': { allowed: EVERYONE, request: () => ({ path: '/api/v1/auth/providers' }) },
  // Single sign-on needs no session: the host site's signature is the proof, whoever carries it.
  'POST /api/v1/auth/sso': { allowed: EVERYONE, request: () => ({ path: '/api/v1/auth/sso', json: { payload: signHmacPayload({ id: 'matrix-user', name: 'Host User' }) } }) },
  'POST /auth/sso': { allowed: EVERYONE, request: () => ({ path: '/auth/sso', form: { payload: signHmacPayload({ id: 'matrix-user', name: 'Host User' }), returnTo: '/' } }) },
  'GET /auth/openid/:provider': { allowed: EVERYONE, request: () => ({ path: '/auth/openid/testid?returnTo=/' }) },
  'GET /auth/openid/:provider/callback': { allowed: [], sameForEveryone: 400, request: () => ({ path: '/auth/openid/testid/callback?code=made-up&state=made-up' }) },

  // A reader's own content and account: only a signed-in reader, on their own account. A banned one may still
  // see it, take their data away and delete the account, but not put their name on more comments or change it.
  // Readers against each other, guests and staff in detail: test/http/my-content.test.ts.
  'GET /api/v1/me': { allowed: READERS, request: () => ({ path: '/api/v1/me' }) },
  'GET /api/v1/me/comments': { allowed: READERS, request: () => ({ path: '/api/v1/me/comments' }) },
  'GET /api/v1/me/data': { allowed: READERS, request: () => ({ path: '/api/v1/me/data' }) },
  'GET /api/v1/me/guest-comments': { allowed: READERS, request: () => ({ path: '/api/v1/me/guest-comments' }) },
  'GET /account': { allowed: READERS, request: () => ({ path: '/account' }) },
  'PATCH /api/v1/me': { allowed: ['signed-in reader'], request: () => ({ path: '/api/v1/me', json: { name: 'Rita Reader' } }) },
  'DELETE /api/v1/me': { allowed: READERS, request: () => ({ path: '/api/v1/me' }) },
  'POST /api/v1/me/guest-comments/claim': { allowed: ['signed-in reader'], request: () => ({ path: '/api/v1/me/guest-comments/claim' }) },
  'POST /account/name': { allowed: ['signed-in reader'], request: () => ({ path: '/account/name', form: { name: 'Rita Reader' } }) },
  'POST /account/claim': { allowed: ['signed-in reader'], request: () => ({ path: '/account/claim', form: {} }) },
  'POST /account/delete': { allowed: READERS, request: () => ({ path: '/account/delete', form: { confirm: 'yes' } }) },

  // Reader funding: the running campaign and its past months are public; campaigns and the ledger are for admins and editors.
  'GET /donate': { allowed: EVERYONE, request: (t) => ({ path: `/donate?from=${t.slug}` }) },
  'GET /api/v1/campaigns/current': { allowed: EVERYONE, request: () => ({ path: '/api/v1/campaigns/current' }) },
  'GET /api/v1/campaigns/:id/periods': { allowed: EVERYONE, request: () => ({ path: `/api/v1/campaigns/${funding.campaignId}/periods` }) },
  'GET /api/v1/campaigns': { allowed: EDITORS, request: () => ({ path: '/api/v1/campaigns' }) },
  'POST /api/v1/campaigns': { allowed: EDITORS, request: () => ({ path: '/api/v1/campaigns', json: { title: 'Another', goal: 1000, currency: 'USD', period: 'monthly', active: false } }) },
  'PATCH /api/v1/campaigns/:id': { allowed: EDITORS, request: () => ({ path: `/api/v1/campaigns/${funding.campaignId}`, json: { title: 'Renamed' } }) },
  'POST /api/v1/campaigns/:id/entries': { allowed: EDITORS, request: () => ({ path: `/api/v1/campaigns/${funding.campaignId}/entries`, json: { amount: 500, note: 'Cash.' } }) },
  'GET /staff/ledger': { allowed: ['editor', 'admin'], request: () => ({ path: '/staff/ledger' }) },
  'GET /staff/ledger.csv': { allowed: ['editor', 'admin'], request: () => ({ path: '/staff/ledger.csv' }) },
  'POST /staff/ledger/entries': { allowed: ['editor', 'admin'], request: () => ({ path: '/staff/ledger/entries', form: { amount: '1', receivedOn: '2026-01-15', note: 'Cash.' } }) },
  'GET /api/v1/ledger': { allowed: EDITORS, request: () => ({ path: '/api/v1/ledger' }) },
  'POST /api/v1/ledger/:id/refunds': { allowed: EDITORS, request: () => ({ path: `/api/v1/ledger/${funding.entryId}/refunds`, json: { amount: 1 } }) },

  // Anyone may subscribe an address: a guest's waits for the address's owner to confirm it.
  'POST /api/v1/threads/:key/subscriptions': { allowed: EVERYONE, request: (t) => ({ path: `/api/v1/threads/${t.slug}/subscriptions`, json: { email: `${t.slug}@example.org`, kind: 'thread' } }) },
  // The mailed link is the proof: whoever holds it may confirm the subscription or end it, and nothing else.
  'GET /subscriptions/:token/confirm': { allowed: EVERYONE, request: (t) => ({ path: `/subscriptions/${t.subscriptionToken}/confirm` }) },
  'POST /subscriptions/:token/confirm': { allowed: EVERYONE, request: (t) => ({ path: `/subscriptions/${t.subscriptionToken}/confirm`, form: {} }) },
  'GET /api/v1/unsubscribe/:token': { allowed: EVERYONE, request: (t) => ({ path: `/api/v1/unsubscribe/${t.subscriptionToken}` }) },
  'POST /api/v1/unsubscribe/:token': { allowed: EVERYONE, request: (t) => ({ path: `/api/v1/unsubscribe/${t.subscriptionToken}`, form: { 'List-Unsubscribe': 'One-Click' } }) },
};

const PASSWORD = 'correct horse battery staple';
let server: TestServer;
let provider: TestOpenIdProvider;
const staff: Partial<Record<StaffRoleName, StaffBrowser>> = {};
/** A moderator whose role on the site admins change. */
let spareStaffId = 0;
const readers: Partial<Record<'signed-in reader' | 'banned reader', ReaderAccount>> = {};
/** Each reader's follow of the fixture author, made again for every row (a row may end it). */
const followIds: Partial<Record<'signed-in reader' | 'banned reader', number>> = {};
let followableCommentId = 0;
/** The running campaign and a gift to it, to refund a cent at a time. */
const funding = { campaignId: 0, entryId: 0 };
let followableReaderId = 0;
const bearer = { authorization: `Bearer ${ADMIN_TOKEN}` };

async function sessionCookie(account: ReaderAccount): Promise<string> {
  return (await server.tribune.services.readerAccounts.startSession(account)).token;
}

/** The two readers, as they were: after a row deletes an account, the next row gets it back. */
async function makeReaders(): Promise<void> {
  const accounts = server.tribune.services.readerAccounts;
  const gone = async (role: 'signed-in reader' | 'banned reader') => !readers[role] || !(await accounts.findAccount('default', readers[role].id));
  if (await gone('signed-in reader')) readers['signed-in reader'] = await accounts.signInWithVerifiedEmail('default', 'reader@example.org', { name: 'Rita Reader' });
  if (await gone('banned reader')) {
    const banned = (readers['banned reader'] = await accounts.signInWithVerifiedEmail('default', 'banned@example.org', { name: 'Bo Banned' }));
    const offender = new Guest(server.baseUrl);
    offender.setCookie(READER_SESSION_COOKIE, await sessionCookie(banned));
    const offence = await offender.post('matrix-ban', { body: 'What got me banned.' });
    const ban = await new Guest(server.baseUrl).request('POST', '/api/v1/moderation/bans', { commentId: offence.json.comment.id, by: ['account'], reason: 'Fixture.' }, bearer);
    expect(ban.status).toBe(201);
  }
}

beforeAll(async () => {
  provider = await startOpenIdProvider({});
  server = await startServer({
    TRIBUNE_SSO_SECRET: SSO_SECRET,
    TRIBUNE_OPENID_PROVIDERS: 'testid',
    TRIBUNE_OPENID_TESTID_ISSUER: provider.issuer,
    TRIBUNE_OPENID_TESTID_CLIENT_ID: provider.clientId,
    TRIBUNE_OPENID_TESTID_CLIENT_SECRET: provider.clientSecret,
  });
  provider.registerClient(`${server.baseUrl}/auth/openid/testid/callback`);
  for (const role of SIGNED_IN_STAFF) {
    await server.tribune.services.staff.createStaff({ email: STAFF_EMAIL[role], name: `Staff ${role}`, role, password: PASSWORD });
    staff[role] = await signedIn(server.baseUrl, STAFF_EMAIL[role], PASSWORD);
  }
  spareStaffId = (await server.tribune.services.staff.createStaff({ email: 'spare@example.org', name: 'Spare Moderator', role: 'moderator', password: PASSWORD })).id;
  expect((await createArticle(server, { slug: 'matrix-ban' })).status).toBe(201);
  await makeReaders();
  const followable = await server.tribune.services.readerAccounts.signInWithVerifiedEmail('default', 'followable@example.org', { name: 'Fay Followable' });
  await server.tribune.services.follows.updateSettings(followable, { allowFollowers: true });
  followableReaderId = followable.id;
  followIds['signed-in reader'] = (await server.tribune.services.follows.followAuthor(readers['signed-in reader']!, 'maya-okafor', 'now', server.baseUrl)).id;
  const fay = new Guest(server.baseUrl);
  fay.setCookie(READER_SESSION_COOKIE, await sessionCookie(followable));
  followableCommentId = (await fay.post('matrix-ban', { body: 'Follow me.' })).json.comment.id;
  const campaign = await new Guest(server.baseUrl).request('POST', '/api/v1/campaigns', { title: 'Matrix', goal: 100_000, currency: 'USD', period: 'monthly' }, bearer);
  funding.campaignId = campaign.json.campaign.id;
  funding.entryId = (await new Guest(server.baseUrl).request('POST', `/api/v1/campaigns/${funding.campaignId}/entries`, { amount: 10_000, note: 'Fixture.' }, bearer)).json.entry.id;
});
afterAll(async () => {
  await server?.close();
  await provider?.close();
});

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
  await makeReaders();
  return {
    target: { slug, commentId: posted.json.comment.id, banId: ban.json.bans[0].id, signInToken, subscriptionToken: token, readerId: readers['signed-in reader']!.id, followableCommentId, followableReaderId, spareStaffId },
    author,
    editToken: posted.json.editToken,
  };
}

/** Opens a stream with the caller's cookies and headers, and hangs up once its status is known. */
async function openStream(path: string, headers: Record<string, string>): Promise<{ status: number; location: string }> {
  const hangUp = new AbortController();
  const response = await fetch(`${server.baseUrl}${path}`, { headers, signal: hangUp.signal, redirect: 'manual' });
  hangUp.abort();
  return { status: response.status, location: response.headers.get('location') ?? '' };
}

async function sendAs(role: Role, method: string, request: Request, fixture: { author: Guest; editToken: string }, stream = false): Promise<{ status: number; location: string }> {
  const { json, form } = request;
  // A reader's own follow; everyone else aims at the signed-in reader's.
  const path = request.path.replace('{own follow}', String(followIds[role as 'banned reader'] ?? followIds['signed-in reader']));
  if (isSignedInStaff(role)) {
    const browser = staff[role]!;
    let answer;
    if (stream) {
      answer = await openStream(path, { cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ') });
    } else if (method === 'GET') {
      answer = await browser.send(method, path);
    } else {
      const csrf = (await browser.open('/staff')).csrf;
      answer = form ? await browser.send(method, path, { form: { ...form, csrf } }) : await browser.send(method, path, { json, headers: { 'x-csrf-token': csrf } });
    }
    // A sign-in row may have signed this browser in as a reader too; the next row asks of the staff member alone.
    browser.cookies.delete(READER_SESSION_COOKIE);
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
    await makeReaders();
    followIds[role] = (await server.tribune.services.follows.followAuthor(readers[role]!, 'maya-okafor', 'now', server.baseUrl)).id;
    guest.setCookie(READER_SESSION_COOKIE, await sessionCookie(readers[role]!));
  } else {
    guest = new Guest(server.baseUrl);
    if (role === 'another guest') await guest.post('matrix-ban', { body: 'Gets me a reader cookie.' });
    if (role === 'bearer token') Object.assign(headers, bearer);
  }
  if (stream) return openStream(path, { 'x-forwarded-for': guest.address, ...(guest.cookie ? { cookie: guest.cookie } : {}), ...headers });
  const body = form ? new URLSearchParams(form).toString() : json;
  if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
  const answer = await guest.request(method, path, body, headers);
  return { status: answer.status, location: answer.headers.get('location') ?? '' };
}

it('has a row for every route, so a new route cannot be left out', () => {
  const served = server.tribune.app.routeTable.filter((r) => r.method !== 'OPTIONS').map((r) => `${r.method} ${r.url}`);
  expect(
    served.filter((name) => !(name in matrix)),
    'add these routes to the authorisation matrix',
  ).toEqual([]);
  expect(
    Object.keys(matrix).filter((name) => !served.includes(name)),
    'these rows name routes the app no longer serves',
  ).toEqual([]);
});

describe('allows and refuses each route to each role as intended', () => {
  for (const [name, row] of Object.entries(matrix)) {
    const [method, url] = name.split(' ') as [string, string];
    it(name, async () => {
      const wrong: string[] = [];
      // Reading changes nothing: one target serves every caller.
      const shared = method === 'GET' ? await freshTarget() : null;
      for (const role of ROLES) {
        const fixture = shared ?? (await freshTarget());
        const answer = await sendAs(role, method, row.request(fixture.target), fixture, row.stream);
        const toSignIn = answer.status === 303 && answer.location.startsWith('/staff/sign-in') && url !== '/staff/sign-out' && url !== '/staff/sign-in';
        const refused = answer.status === 401 || answer.status === 403 || toSignIn;
        const allowed = answer.status < 400 && !toSignIn;
        if (row.sameForEveryone !== undefined) {
          if (answer.status !== row.sameForEveryone) wrong.push(`${name} as ${role}: ${answer.status} (expected ${row.sameForEveryone} for everyone)`);
        } else if (row.allowed.includes(role) ? !allowed : !refused) {
          wrong.push(`${name} as ${role}: ${answer.status} ${answer.location} (expected ${row.allowed.includes(role) ? 'allowed' : 'refused'})`);
        }
        if (url === '/staff/sign-out' && isSignedInStaff(role)) staff[role] = await signedIn(server.baseUrl, STAFF_EMAIL[role], PASSWORD);
      }
      expect(wrong).toEqual([]);
    }, 60_000);
  }
});
