import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { HttpContext } from '../context.js';
import { requireModerator } from '../staff-guard.js';
import { ServiceError } from '../../services/errors.js';
import { QUEUE_TABS, type Moderator, type ModeratorAction, type QueueTab } from '../../services/moderation-queue.js';
import { sameToken } from '../staff-session.js';
import { renderErrorPage } from '../views/error.js';
import { renderAuditLog } from '../views/staff/audit.js';
import { renderModerationQueue } from '../views/staff/moderation-queue.js';
import { Cursor } from './schemas.js';

const HTML = 'text/html; charset=utf-8';
const Tab = Type.Union(QUEUE_TABS.map((t) => Type.Literal(t)));
const Action = Type.Union([Type.Literal('approve'), Type.Literal('reject'), Type.Literal('spam'), Type.Literal('edit')]);
const Id = Type.Integer({ minimum: 1 });

const QueueQuery = Type.Object({ tab: Type.Optional(Tab), cursor: Type.Optional(Cursor) });
const PageQuery = Type.Object({
  tab: Type.Optional(Tab),
  cursor: Type.Optional(Cursor),
  done: Type.Optional(Action),
  n: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
});
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
  const site = ctx.config.site;
  const queue = ctx.moderationQueue;

  app.addHook('onSend', async (request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  const requireApiModerator = (request: FastifyRequest) => requireModerator(ctx, request);
  const refusePage = (reply: FastifyReply, status: number, title: string, message: string) =>
    reply.status(status).type(HTML).send(renderErrorPage({ site, status, title, message }));

  const act = (action: 'approve' | 'reject' | 'spam' | 'edit', ids: number[], body: string | undefined, moderator: Moderator) => {
    if (action !== 'edit') return queue.decide(action as ModeratorAction, ids, moderator);
    if (ids.length !== 1) throw new ServiceError('invalid', 'one_comment_to_edit', 'Edit one comment at a time.', 'ids');
    if (body === undefined) throw new ServiceError('invalid', 'body_required', 'Send the new text in "body".', 'body');
    return queue.edit(ids[0]!, body, moderator).then(() => ({ action, ids }));
  };

  app.get('/staff/moderation', { schema: { querystring: PageQuery } }, async (request, reply) => {
    const session = request.staffSession;
    if (!session) return reply.redirect('/staff/sign-in', 303);
    const tab: QueueTab = request.query.tab ?? 'pending';
    const page = await queue.queue(tab, request.query.cursor ?? null);
    const done = request.query.done ? { action: request.query.done, count: request.query.n ?? 0 } : undefined;
    return reply.type(HTML).send(renderModerationQueue({ site, session, page, done }));
  });

  app.post('/staff/moderation/actions', { schema: { body: ActionForm } }, async (request, reply) => {
    const session = request.staffSession;
    if (!session) return reply.redirect('/staff/sign-in', 303);
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
      await act(action, ids, form.body, { id: session.staff.id, name: session.staff.name, role: session.staff.role });
    } catch (error) {
      if (!(error instanceof ServiceError) || error.kind === 'rate_limited') throw error;
      return refusePage(reply, error.kind === 'not_found' ? 404 : 400, 'The action was not done', error.message);
    }
    return reply.redirect(`/staff/moderation?tab=${tab}&done=${action}&n=${ids.length}`, 303);
  });

  app.get('/staff/audit', { schema: { querystring: Type.Object({ cursor: Type.Optional(Cursor) }) } }, async (request, reply) => {
    const session = request.staffSession;
    if (!session) return reply.redirect('/staff/sign-in', 303);
    if (session.staff.role !== 'admin') return refusePage(reply, 403, 'Admins only', 'Only admins can read the audit log.');
    const page = await queue.auditLog(request.query.cursor ?? null, { id: session.staff.id, name: session.staff.name, role: session.staff.role });
    return reply.type(HTML).send(renderAuditLog({ site, page }));
  });

  app.get('/api/v1/moderation/queue', { schema: { querystring: QueueQuery } }, async (request) => {
    requireApiModerator(request);
    return queue.queue(request.query.tab ?? 'pending', request.query.cursor ?? null);
  });

  app.post('/api/v1/moderation/actions', { schema: { body: ActionBody } }, async (request) => {
    const moderator = requireApiModerator(request);
    return act(request.body.action, request.body.ids, request.body.body, moderator);
  });

  app.get('/api/v1/moderation/audit', { schema: { querystring: Type.Object({ cursor: Type.Optional(Cursor) }) } }, async (request) =>
    queue.auditLog(request.query.cursor ?? null, requireApiModerator(request)),
  );
};
