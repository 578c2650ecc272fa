import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { HttpContext } from '../context.js';
import { ServiceError } from '../../services/errors.js';
import type { ReaderAccount } from '../../services/reader-accounts.js';
import { endReaderSession } from '../reader-session.js';
import { ownView } from './reader-accounts.js';
import { renderAccountDeletedPage, renderMyContentPage, renderSignInFirstPage } from '../views/my-content.js';

const HTML = 'text/html; charset=utf-8';
const PagingQuery = Type.Object({ before: Type.Optional(Type.Integer({ minimum: 1 })) });
const NameBody = Type.Object({ name: Type.String({ maxLength: 1000 }) });
const DeleteForm = Type.Object({ confirm: Type.Optional(Type.String({ maxLength: 10 })) });
const PageQuery = Type.Object({
  before: Type.Optional(Type.Integer({ minimum: 1 })),
  done: Type.Optional(Type.String({ maxLength: 20 })),
  n: Type.Optional(Type.Integer({ minimum: 0 })),
});

/** The signed-in reader of this site, if any; staff credentials, guest cookies and another site's account are not one. */
export function signedInReader(request: FastifyRequest): ReaderAccount | null {
  const account = request.readerAccount;
  return account && account.siteId === request.site.id ? account : null;
}

/** The signed-in reader of this site, or 401. */
export function readerOf(request: FastifyRequest): ReaderAccount {
  const account = signedInReader(request);
  if (!account) throw new ServiceError('unauthorized', 'not_signed_in', 'Sign in to see and change your own content.');
  return account;
}

const NOTICES: Record<string, (n: number) => string> = {
  renamed: () => 'Your name is saved; your comments show it now.',
  claimed: (n) => (n === 1 ? 'One comment is now yours.' : `${n} comments are now yours.`),
  followed: () => 'You follow them now: a mail comes when there is something new.',
  delivery: () => 'Saved: that follow is mailed as you chose.',
  unfollowed: () => 'You follow them no more.',
  notifications: () => 'Your settings for followers and mentions are saved.',
};

/**
 * "My content and settings" for a signed-in reader: the JSON API under /api/v1/me and the page at
 * /account whose forms work without script. Every route acts on the session's own account only.
 */
export const myContentRoutes: FastifyPluginAsyncTypebox<{ ctx: HttpContext }> = async (app, { ctx }) => {
  const layoutSite = (request: FastifyRequest) => ({ name: request.site.name, tagline: ctx.config.site.tagline });
  const policyOf = (request: FastifyRequest) => request.site.settings.deletedReaderComments ?? ctx.config.discussion.deletedReaderComments;

  // Nothing here is anyone's but the signed-in reader's: no shared cache may keep it.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'private, no-store');
  });

  app.get('/api/v1/me/comments', { schema: { querystring: PagingQuery } }, async (request) => {
    return ctx.myContent.comments(readerOf(request), request.query.before);
  });

  app.patch('/api/v1/me', { schema: { body: NameBody } }, async (request, reply) => {
    const account = await ctx.myContent.rename(readerOf(request), request.body.name, ctx.readers.identify(request, reply));
    request.readerAccount = account;
    return { reader: ownView(account) };
  });

  app.get('/api/v1/me/data', async (request, reply) => {
    const account = readerOf(request);
    const data = await ctx.myContent.export(account, request.site, ctx.readers.identify(request, reply).readerId);
    return reply
      .header('content-disposition', `attachment; filename="${request.site.id}-reader-${account.id}-data.json"`)
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(data, null, 2));
  });

  app.delete('/api/v1/me', async (request, reply) => {
    const { comments } = await ctx.myContent.deleteAccount(readerOf(request), request.site);
    await endReaderSession(request, reply);
    return { deleted: true, comments };
  });

  app.get('/api/v1/me/guest-comments', async (request) => {
    return { count: await ctx.myContent.guestCommentsToClaim(readerOf(request)) };
  });

  app.post('/api/v1/me/guest-comments/claim', async (request, reply) => {
    return { claimed: await ctx.myContent.claimGuestComments(readerOf(request), ctx.readers.identify(request, reply)) };
  });

  app.get('/account', { schema: { querystring: PageQuery } }, async (request, reply) => {
    const account = request.readerAccount;
    if (!account || account.siteId !== request.site.id) return reply.status(401).type(HTML).send(renderSignInFirstPage(layoutSite(request)));
    const [{ comments, nextBefore }, claimable, { follows, settings }, authors] = await Promise.all([
      ctx.myContent.comments(account, request.query.before),
      ctx.myContent.guestCommentsToClaim(account),
      ctx.follows.list(account),
      ctx.follows.authors(account.siteId),
    ]);
    const notice = request.query.done ? NOTICES[request.query.done]?.(request.query.n ?? 0) : undefined;
    return reply.type(HTML).send(
      renderMyContentPage({
        site: layoutSite(request),
        account,
        comments,
        nextBefore,
        claimable,
        deletedReaderComments: policyOf(request),
        nameMaxLength: ctx.config.discussion.nameMaxLength,
        ...(notice ? { notice } : {}),
        following: { follows, settings, authors, noAddress: !account.email },
      }),
    );
  });

  app.post('/account/name', { schema: { body: NameBody } }, async (request, reply) => {
    await ctx.myContent.rename(readerOf(request), request.body.name, ctx.readers.identify(request, reply));
    return reply.redirect('/account?done=renamed', 303);
  });

  app.post('/account/claim', async (request, reply) => {
    const claimed = await ctx.myContent.claimGuestComments(readerOf(request), ctx.readers.identify(request, reply));
    return reply.redirect(`/account?done=claimed&n=${claimed}`, 303);
  });

  app.post('/account/delete', { schema: { body: DeleteForm } }, async (request, reply) => {
    const account = readerOf(request);
    if (request.body.confirm !== 'yes') throw new ServiceError('invalid', 'confirm_required', 'Tick "I want to delete my account" to delete it.', 'confirm');
    const { comments } = await ctx.myContent.deleteAccount(account, request.site);
    await endReaderSession(request, reply);
    return reply.type(HTML).send(renderAccountDeletedPage(layoutSite(request), comments));
  });
};
