import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { HttpContext } from '../context.js';
import type { CommentSort, ThreadPage } from '../../shared/comment.js';
import { ServiceError } from '../../services/errors.js';
import { renderDiscussion } from '../../../web/discussion/ssr.js';
import { renderHomePage } from '../views/home.js';
import { renderArticlePage } from '../views/article.js';
import { renderMeter } from '../views/meter.js';
import { renderErrorPage } from '../views/error.js';
import { Cursor, CommentIdParams, Sort } from './schemas.js';
import { rememberOwnVote, votedJustNow } from '../own-votes.js';
import { describeError } from '../errors.js';
import { siteKey, siteThread } from '../response-cache.js';
import { pageSiteOf } from '../request-site.js';

const ArticleParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 200 }) });
const ArticleQuery = Type.Object({
  sort: Type.Optional(Sort),
  cursor: Type.Optional(Cursor),
  comment: Type.Optional(Type.Integer({ minimum: 1 })),
  // Reply without the widget: the page opens with the reply form under this comment.
  reply: Type.Optional(Type.Integer({ minimum: 1 })),
});
const FormComment = Type.Object({
  body: Type.String({ maxLength: 200_000 }),
  parentId: Type.Optional(Type.String({ maxLength: 20 })),
  name: Type.Optional(Type.String({ maxLength: 1000 })),
  email: Type.Optional(Type.String({ maxLength: 1000 })),
  website: Type.Optional(Type.String({ maxLength: 2000 })),
  // Left empty by people, filled by bots; hidden by CSS.
  homepage: Type.Optional(Type.String({ maxLength: 2000 })),
});

const FormVote = Type.Object({ value: Type.Union([Type.Literal('1'), Type.Literal('-1')]) });

const HTML = 'text/html; charset=utf-8';

/** Server-rendered pages: readable, and able to post, without JavaScript. */
export const pageRoutes: FastifyPluginAsyncTypebox<{ ctx: HttpContext }> = async (app, { ctx }) => {
  // Each page is the request's site's: its articles, its discussions, its name.
  const siteOf = (request: FastifyRequest) => pageSiteOf(ctx.config.site, request);

  app.get('/', async (request, reply) => {
    const siteId = request.site.id;
    const html = await ctx.cache.getOrBuild(siteKey(siteId, 'home'), null, async () => renderHomePage({ site: siteOf(request), articles: await ctx.articles.latest(siteId, 20) }));
    return reply.type(HTML).send(html);
  });

  app.get('/articles/:slug', { schema: { params: ArticleParams, querystring: ArticleQuery } }, async (request, reply) => {
    const { slug } = request.params;
    const { sort = 'oldest', cursor, reply: openReply } = request.query;
    const comment = request.query.comment ?? openReply;
    const siteId = request.site.id;
    const build = async () => {
      const page = await ctx.articles.page(siteId, slug);
      let thread: ThreadPage;
      let highlightId: number | undefined;
      if (comment) {
        const located = await ctx.comments.pageContaining(siteId, comment, sort);
        if (located.key !== slug) throw new ServiceError('not_found', 'comment_not_found', `No comment with id ${comment} on this article.`);
        thread = located;
        highlightId = comment;
      } else {
        thread = await ctx.comments.listThread(siteId, slug, sort, cursor ?? null);
      }
      const discussionHtml = renderDiscussion({
        page: thread,
        options: ctx.comments.optionsOn(siteId),
        articlePath: `/articles/${slug}`,
        now: Date.now(),
        highlightId,
        ...(openReply ? { openReply } : {}),
      });
      const site = siteOf(request);
      const campaign = await ctx.campaigns.current(siteId);
      const { locale } = ctx.campaigns.localeFor(siteId);
      const meter = (position: 'top' | 'bottom') => renderMeter({ siteName: site.name, campaign: campaign!, locale, position, donateUrl: `/donate?from=${encodeURIComponent(slug)}` });
      return renderArticlePage({ site, page, discussionHtml, meters: campaign ? { top: meter('top'), bottom: meter('bottom') } : null });
    };
    let html: Awaited<ReturnType<typeof build>> | Buffer;
    try {
      // The first page of the discussion is the same for every reader: kept until the thread changes.
      html = !cursor && !comment ? await ctx.cache.getOrBuild(siteKey(siteId, `page:${slug}:${sort}`), siteThread(siteId, slug), build, { withVotesCounted: votedJustNow(request) }) : await build();
    } catch (error) {
      // An article whose slug was changed: its old address leads to the new one, for good.
      const movedTo = error instanceof ServiceError && error.code === 'article_not_found' ? await ctx.articles.movedTo(siteId, slug) : undefined;
      if (!movedTo) throw error;
      const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
      return reply.redirect(`/articles/${movedTo}${query}`, 301);
    }
    return reply.type(HTML).send(html);
  });

  // The comment form posts here when the browser runs no script.
  app.post('/articles/:slug/comments', { schema: { params: ArticleParams, body: FormComment } }, async (request, reply) => {
    const reader = ctx.readers.identify(request, reply, { create: true });
    const { parentId, homepage, ...fields } = request.body;
    const parent = parentId && /^\d+$/.test(parentId) ? Number(parentId) : null;
    const posted = await ctx.comments.postComment(request.params.slug, { ...fields, parentId: parent, form: { honeypot: homepage ?? '' } }, reader);
    const id = posted.comment.id;
    if (posted.status === 'pending') {
      return reply
        .type(HTML)
        .send(renderErrorPage({ site: siteOf(request), status: 202, title: 'Your comment is awaiting moderation', message: 'A moderator will look at it soon; until then only you know it is there.' }));
    }
    return reply.redirect(`/articles/${encodeURIComponent(request.params.slug)}?comment=${id}#comment-${id}`, 303);
  });

  /** A refusal on a page posted without the widget: the service's message, on a page that leads back. */
  const refusal = (reply: FastifyReply, error: unknown) => {
    if (!(error instanceof ServiceError)) throw error;
    const { status, body } = describeError(error);
    return reply.status(status).type(HTML).send(renderErrorPage({ site: siteOf(reply.request), status, title: 'That did not work', message: body.error.message }));
  };

  // The vote buttons post here when the browser runs no script; the page comes back at the comment.
  app.post('/comments/:id/vote', { schema: { params: CommentIdParams, body: FormVote } }, async (request, reply) => {
    const reader = ctx.readers.identify(request, reply, { create: true });
    try {
      await ctx.votes.vote(request.params.id, request.body.value === '-1' ? -1 : 1, reader);
    } catch (error) {
      return refusal(reply, error);
    }
    rememberOwnVote(request, reply);
    return reply.redirect(`/comments/${request.params.id}`, 303);
  });

  app.get('/comments/:id', { schema: { params: CommentIdParams, querystring: Type.Object({ sort: Type.Optional(Sort) }) } }, async (request, reply) => {
    const sort: CommentSort = request.query.sort ?? 'oldest';
    const located = await ctx.comments.pageContaining(request.site.id, request.params.id, sort);
    const id = request.params.id;
    return reply.redirect(`/articles/${encodeURIComponent(located.key)}?comment=${id}${sort === 'oldest' ? '' : `&sort=${sort}`}#comment-${id}`, 302);
  });
};
