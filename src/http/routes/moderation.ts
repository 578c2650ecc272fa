import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { HttpContext } from '../context.js';
import { requireStaff } from '../staff-guard.js';
import { ServiceError } from '../../services/errors.js';
import { QUEUE_TABS, type ModeratorAction, type QueueTab } from '../../services/moderation-queue.js';
import { mayDo, staffActor, type Actor } from '../../services/actor.js';
import { pageSiteOf } from '../request-site.js';
import { sameToken } from '../staff-session.js';
import { renderErrorPage } from '../views/error.js';
import { renderAuditLog } from '../views/staff/audit.js';
import { renderBansPage } from '../views/staff/bans.js';
import { renderModerationQueue, type BanKindName, type Notice } from '../views/staff/moderation-queue.js';
import { Cursor } from './schemas.js';

const HTML = 'text/html; charset=utf-8';
const Tab = Type.Union(QUEUE_TABS.map((t) => Type.Literal(t)));
const Action = Type.Union([Type.Literal('approve'), Type.Literal('reject'), Type.Literal('spam'), Type.Literal('edit')]);
const Id = Type.Integer({ minimum: 1 });

const QueueQuery = Type.Object({ tab: Type.Optional(Tab), cursor: Type.Optional(Cursor) });
const NoticeDone = Type.Union(['ban', 'suspend', 'close', 'reopen', 'lift'].map((d) => Type.Literal(d)));
const NoticeQuery = {
  /** The comment a ban or thread action was about. */
  c: Type.Optional(Id),
  days: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
  by: Type.Optional(Type.String({ pattern: '^(email|ip|reader)(,(email|ip|reader)){0,2}$' })),
  error: Type.Optional(Type.String({ pattern: '^[a-z_]{1,40}$' })),
};
const PageQuery = Type.Object({
  tab: Type.Optional(Tab),
  cursor: Type.Optional(Cursor),
  done: Type.Optional(Type.Union([Action, NoticeDone])),
  n: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
  ...NoticeQuery,
});
const BansQuery = Type.Object({ done: Type.Optional(Type.Literal('lift')), error: NoticeQuery.error });
const FormId = Type.String({ pattern: '^[1-9][0-9]{0,15}$' });
const Csrf = Type.Optional(Type.String({ maxLength: 200 }));
/** A card's "Ban author" form. */
const BanForm = Type.Object({
  csrf: Csrf,
  tab: Type.Optional(Tab),
  commentId: FormId,
  by: Type.Optional(Type.Union([Type.String({ maxLength: 10 }), Type.Array(Type.String({ maxLength: 10 }), { maxItems: 3 })])),
  reason: Type.Optional(Type.String({ maxLength: 500 })),
  days: Type.Optional(Type.String({ maxLength: 12 })),
});
const LiftForm = Type.Object({ csrf: Csrf, id: FormId });
const ThreadForm = Type.Object({ csrf: Csrf, tab: Type.Optional(Tab), commentId: FormId, closed: Type.Union([Type.Literal('0'), Type.Literal('1')]) });
const KINDS: readonly BanKindName[] = ['email', 'ip', 'reader', 'account'];
const DAYS: Record<string, number | undefined> = { '1': 1, '7': 7, '30': 30, permanent: undefined };

/** The line a page shows for `done`/`error` in its query, when it is one of the ban or thread notices. */
function noticeOf(query: { done?: string | undefined; c?: number | undefined; days?: number | undefined; by?: string | undefined; error?: string | undefined }): Notice | undefined {
  if (query.error) return { error: query.error };
  const by = (query.by ? query.by.split(',') : []) as BanKindName[];
  switch (query.done) {
    case 'ban':
    case 'suspend':
      return query.c ? { done: query.done, commentId: query.c, days: query.days, by } : undefined;
    case 'close':
    case 'reopen':
      return query.c ? { done: query.done, commentId: query.c } : undefined;
    case 'lift':
      return { done: 'lift' };
    default:
      return undefined;
  }
}
const ActionBody = Type.Object({ action: Action, ids: Type.Array(Id, { minItems: 1, maxItems: 200 }), body: Type.Optional(Type.String({ maxLength: 200_000 })) });
/** The queue page's form: a card's own button sends `do=approve:ID`; the bulk bar sends `action` with the checked `ids`. */
const ActionForm = Type.Object({
  csrf: Type.Optional(Type.String({ maxLength: 200 })),
  tab: Type.Optional(Tab),
  do: Type.Optional(Type.String({ maxLength: 40 })),
  action: Type.Optional(Action),
  ids: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Array(Type.String({ maxLength: 20 }), { maxItems: 200 })])),
  body: Type.Optional(Type.String({ maxLength: 200_000 })),
});

/** The moderation queue for staff: server-rendered pages under /staff and the same actions as JSON. */
export const moderationRoutes: FastifyPluginAsyncTypebox<{ ctx: HttpContext }> = async (app, { ctx }) => {
  // Staff pages carry the name of the site whose queue they show.
  const siteOf = (request: FastifyRequest) => pageSiteOf(ctx.config.site, request);
  const queue = ctx.moderationQueue;

  app.addHook('onSend', async (request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  const requireApiModerator = (request: FastifyRequest) => requireStaff(ctx, request);
  const refusePage = (reply: FastifyReply, status: number, title: string, message: string) =>
    reply.status(status).type(HTML).send(renderErrorPage({ site: siteOf(reply.request), status, title, message }));
  /** Editors and authors are staff too, but the queue, bans and discussions are moderators' work. */
  const moderatorsOnly = (reply: FastifyReply) => refusePage(reply, 403, 'Moderators only', 'Only moderators and admins can moderate discussions.');

  const act = (action: 'approve' | 'reject' | 'spam' | 'edit', ids: number[], body: string | undefined, moderator: Actor) => {
    if (action !== 'edit') return queue.decide(action as ModeratorAction, ids, moderator);
    if (ids.length !== 1) throw new ServiceError('invalid', 'one_comment_to_edit', 'Edit one comment at a time.', 'ids');
    if (body === undefined) throw new ServiceError('invalid', 'body_required', 'Send the new text in "body".', 'body');
    return queue.edit(ids[0]!, body, moderator).then(() => ({ action, ids }));
  };

  app.get('/staff/moderation', { schema: { querystring: PageQuery } }, async (request, reply) => {
    const session = request.staffSession;
    if (!session) return reply.redirect('/staff/sign-in', 303);
    if (!mayDo(session.staff.role, 'moderate')) return moderatorsOnly(reply);
    const tab: QueueTab = request.query.tab ?? 'pending';
    const page = await queue.queue(tab, request.query.cursor ?? null, moderatorOfSession(request, session));
    const notice = noticeOf(request.query);
    const done = request.query.done && !notice ? { action: request.query.done, count: request.query.n ?? 0 } : undefined;
    return reply.type(HTML).send(renderModerationQueue({ site: siteOf(request), session, page, done, notice }));
  });

  /** The signed-in staff member acting on the request's site, with their role there. */
  const moderatorOfSession = (request: FastifyRequest, session: NonNullable<FastifyRequest['staffSession']>): Actor =>
    staffActor({ id: session.staff.id, name: session.staff.name, role: session.staff.role }, request.site.id);
  /** Runs a staff form's service call; a refusal comes back as its error code for the page's message line. */
  const attempt = async (work: () => Promise<unknown>): Promise<string | null> => {
    try {
      await work();
      return null;
    } catch (error) {
      if (!(error instanceof ServiceError) || error.kind === 'rate_limited') throw error;
      return error.code;
    }
  };
  const expired = (reply: FastifyReply) => refusePage(reply, 403, 'This form has expired', 'Reload the page and try again.');

  app.post('/staff/moderation/bans', { schema: { body: BanForm } }, async (request, reply) => {
    const session = request.staffSession;
    if (!session) return reply.redirect('/staff/sign-in', 303);
    if (!mayDo(session.staff.role, 'moderate')) return moderatorsOnly(reply);
    const form = request.body;
    if (!sameToken(form.csrf, session.csrfToken)) return expired(reply);
    const back = `/staff/moderation?tab=${form.tab ?? 'pending'}`;
    const commentId = Number(form.commentId);
    const asked = Array.isArray(form.by) ? form.by : form.by ? [form.by] : [];
    const by = KINDS.filter((k) => asked.includes(k));
    const daysKey = form.days ?? '7';
    if (!(daysKey in DAYS)) return reply.redirect(`${back}&error=days_invalid`, 303);
    const days = DAYS[daysKey];
    let banned: BanKindName[] = [];
    const error = await attempt(async () => {
      const bans = await ctx.bans.banAuthorOf(commentId, { by, reason: form.reason ?? '', ...(days === undefined ? {} : { days }) }, moderatorOfSession(request, session));
      banned = bans.map((b) => b.kind);
    });
    if (error) return reply.redirect(`${back}&error=${error}`, 303);
    const what = days === undefined ? 'done=ban' : `done=suspend&days=${days}`;
    return reply.redirect(`${back}&${what}&c=${commentId}&by=${banned.join(',')}`, 303);
  });

  app.get('/staff/moderation/bans', { schema: { querystring: BansQuery } }, async (request, reply) => {
    const session = request.staffSession;
    if (!session) return reply.redirect('/staff/sign-in', 303);
    if (!mayDo(session.staff.role, 'moderate')) return moderatorsOnly(reply);
    const bans = await ctx.bans.active(moderatorOfSession(request, session));
    return reply.type(HTML).send(renderBansPage({ site: siteOf(request), session, bans, notice: noticeOf(request.query) }));
  });

  app.post('/staff/moderation/bans/lift', { schema: { body: LiftForm } }, async (request, reply) => {
    const session = request.staffSession;
    if (!session) return reply.redirect('/staff/sign-in', 303);
    if (!mayDo(session.staff.role, 'moderate')) return moderatorsOnly(reply);
    if (!sameToken(request.body.csrf, session.csrfToken)) return expired(reply);
    const error = await attempt(() => ctx.bans.lift(Number(request.body.id), moderatorOfSession(request, session)));
    return reply.redirect(`/staff/moderation/bans?${error ? `error=${error}` : 'done=lift'}`, 303);
  });

  app.post('/staff/moderation/threads', { schema: { body: ThreadForm } }, async (request, reply) => {
    const session = request.staffSession;
    if (!session) return reply.redirect('/staff/sign-in', 303);
    if (!mayDo(session.staff.role, 'moderate')) return moderatorsOnly(reply);
    const form = request.body;
    if (!sameToken(form.csrf, session.csrfToken)) return expired(reply);
    const commentId = Number(form.commentId);
    const closed = form.closed === '1';
    const error = await attempt(() => queue.setThreadClosedOf(commentId, closed, moderatorOfSession(request, session)));
    const back = `/staff/moderation?tab=${form.tab ?? 'pending'}`;
    return reply.redirect(`${back}&${error ? `error=${error}` : `done=${closed ? 'close' : 'reopen'}&c=${commentId}`}`, 303);
  });

  app.post('/staff/moderation/actions', { schema: { body: ActionForm } }, async (request, reply) => {
    const session = request.staffSession;
    if (!session) return reply.redirect('/staff/sign-in', 303);
    if (!mayDo(session.staff.role, 'moderate')) return moderatorsOnly(reply);
    const form = request.body;
    if (!sameToken(form.csrf, session.csrfToken)) return refusePage(reply, 403, 'This form has expired', 'Reload the page and try again.');
    const tab = form.tab ?? 'pending';
    let action = form.action;
    let ids = (Array.isArray(form.ids) ? form.ids : form.ids ? [form.ids] : []).map(Number);
    const single = form.do ? /^(approve|reject|spam):(\d+)$/.exec(form.do) : null;
    if (form.do && !single) return refusePage(reply, 400, 'Unknown action', 'Reload the page and try again.');
    if (single) {
      action = single[1] as ModeratorAction;
      ids = [Number(single[2])];
    }
    if (!action || ids.length === 0 || !ids.every((id) => Number.isSafeInteger(id) && id > 0)) {
      return refusePage(reply, 400, 'Nothing was selected', 'Tick the comments to act on, then choose an action.');
    }
    try {
      await act(action, ids, form.body, moderatorOfSession(request, session));
    } catch (error) {
      if (!(error instanceof ServiceError) || error.kind === 'rate_limited') throw error;
      return refusePage(reply, error.kind === 'not_found' ? 404 : 400, 'The action was not done', error.message);
    }
    return reply.redirect(`/staff/moderation?tab=${tab}&done=${action}&n=${ids.length}`, 303);
  });

  app.get('/staff/audit', { schema: { querystring: Type.Object({ cursor: Type.Optional(Cursor) }) } }, async (request, reply) => {
    const session = request.staffSession;
    if (!session) return reply.redirect('/staff/sign-in', 303);
    if (!mayDo(session.staff.role, 'moderate')) return moderatorsOnly(reply);
    if (session.staff.role !== 'admin') return refusePage(reply, 403, 'Admins only', 'Only admins can read the audit log.');
    const page = await queue.auditLog(request.query.cursor ?? null, moderatorOfSession(request, session));
    return reply.type(HTML).send(renderAuditLog({ site: siteOf(request), page }));
  });

  app.get('/api/v1/moderation/queue', { schema: { querystring: QueueQuery } }, async (request) => {
    return queue.queue(request.query.tab ?? 'pending', request.query.cursor ?? null, requireApiModerator(request));
  });

  app.post('/api/v1/moderation/actions', { schema: { body: ActionBody } }, async (request) => {
    const moderator = requireApiModerator(request);
    return act(request.body.action, request.body.ids, request.body.body, moderator);
  });

  app.get('/api/v1/moderation/audit', { schema: { querystring: Type.Object({ cursor: Type.Optional(Cursor) }) } }, async (request) =>
    queue.auditLog(request.query.cursor ?? null, requireApiModerator(request)),
  );
};
