import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { HttpContext } from '../context.js';
import { pageSiteOf, requestOrigin } from '../request-site.js';
import { siteKey, siteThread } from '../response-cache.js';
import { renderAtomFeed, renderSitemap } from '../views/feeds.js';

const SlugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 200 }) });
const ATOM = 'application/atom+xml; charset=utf-8';
/** Feed readers and crawlers poll; five minutes of staleness is what they expect. */
const PUBLIC_CACHE = 'public, max-age=300';

/**
 * Feeds and the sitemap: Atom for the site's newest articles, for each topic and author, and for
 * each article's comments; `sitemap.xml` and `robots.txt` for search engines. Absolute addresses
 * use the host the request came to, so each of a site's host names gets feeds that lead back to it.
 */
export const feedRoutes: FastifyPluginAsyncTypebox<{ ctx: HttpContext }> = async (app, { ctx }) => {
  const siteName = (request: FastifyRequest) => pageSiteOf(ctx.config.site, request).name;
  // Kept in the response cache like the home page (until it expires), per host: the addresses inside differ.
  const cached = (request: FastifyRequest, name: string, thread: string | null, build: () => Promise<string>) =>
    ctx.cache.getOrBuild(siteKey(request.site.id, `${name}@${request.host}`), thread, build);

  app.get('/feed.xml', async (request, reply) => {
    const body = await cached(request, 'feed', null, async () => renderAtomFeed(await ctx.feeds.articles(request.site.id, siteName(request), null), requestOrigin(request), '/feed.xml'));
    return reply.type(ATOM).header('cache-control', PUBLIC_CACHE).send(body);
  });

  app.get('/topics/:slug/feed.xml', { schema: { params: SlugParams } }, async (request, reply) => {
    const { slug } = request.params;
    const self = `/topics/${encodeURIComponent(slug)}/feed.xml`;
    const body = await cached(request, `feed:topic:${slug}`, null, async () => renderAtomFeed(await ctx.feeds.articles(request.site.id, siteName(request), { topicSlug: slug }), requestOrigin(request), self));
    return reply.type(ATOM).header('cache-control', PUBLIC_CACHE).send(body);
  });

  app.get('/authors/:slug/feed.xml', { schema: { params: SlugParams } }, async (request, reply) => {
    const { slug } = request.params;
    const self = `/authors/${encodeURIComponent(slug)}/feed.xml`;
    const body = await cached(request, `feed:author:${slug}`, null, async () => renderAtomFeed(await ctx.feeds.articles(request.site.id, siteName(request), { authorSlug: slug }), requestOrigin(request), self));
    return reply.type(ATOM).header('cache-control', PUBLIC_CACHE).send(body);
  });

  // Dropped with the thread's pages whenever the discussion changes.
  app.get('/articles/:slug/comments/feed.xml', { schema: { params: SlugParams } }, async (request, reply) => {
    const { slug } = request.params;
    const self = `/articles/${encodeURIComponent(slug)}/comments/feed.xml`;
    const body = await cached(request, `feed:comments:${slug}`, siteThread(request.site.id, slug), async () => renderAtomFeed(await ctx.feeds.comments(request.site.id, slug), requestOrigin(request), self));
    return reply.type(ATOM).header('cache-control', PUBLIC_CACHE).send(body);
  });

  app.get('/sitemap.xml', async (request, reply) => {
    const body = await cached(request, 'sitemap', null, async () => renderSitemap(await ctx.feeds.sitemap(request.site.id), requestOrigin(request)));
    return reply.type('application/xml; charset=utf-8').header('cache-control', PUBLIC_CACHE).send(body);
  });

  // Staff pages and the API are no use in search results; articles and the sitemap are.
  app.get('/robots.txt', async (request, reply) => {
    const lines = ['User-agent: *', 'Disallow: /staff/', 'Disallow: /api/', 'Disallow: /account', 'Disallow: /sign-in', `Sitemap: ${requestOrigin(request)}/sitemap.xml`, ''];
    return reply.type('text/plain; charset=utf-8').header('cache-control', PUBLIC_CACHE).send(lines.join('\n'));
  });
};
