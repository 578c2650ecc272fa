import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { HttpContext } from './context.js';
import { describeError, sendProblem } from './errors.js';
import { renderErrorPage } from './views/error.js';
import { healthRoutes } from './routes/health.js';
import { threadRoutes } from './routes/threads.js';
import { commentRoutes } from './routes/comments.js';
import { adminRoutes } from './routes/admin.js';
import { pageRoutes } from './routes/pages.js';
import { banRoutes } from './routes/bans.js';
import { staffRoutes } from './routes/staff.js';
import { staffArticleRoutes } from './routes/staff-articles.js';
import { moderationRoutes } from './routes/moderation.js';
import { siteRoutes } from './routes/sites.js';
import { pageSiteOf, siteOfRequest } from './request-site.js';
import { signInRoutes } from './routes/sign-in.js';
import { staffSessionHook } from './staff-session.js';
import { readerSessionHook } from './reader-session.js';
import { readerAccountRoutes } from './routes/reader-accounts.js';
import { myContentRoutes } from './routes/my-content.js';
import { subscriptionRoutes } from './routes/subscriptions.js';
import { liveRoutes } from './routes/live.js';
import { followRoutes } from './routes/follows.js';
import { feedRoutes } from './routes/feeds.js';
import { campaignRoutes } from './routes/campaigns.js';
import { validatorCompiler } from './validation.js';
import { requestsTakeTurns } from './fair-turns.js';
import { guardedHttpServer } from './connection-guard.js';
import { checkInputBoundary } from './input-boundary.js';
import { recordRoutes } from './route-table.js';
import { refuseCrossSiteWrites } from './same-origin.js';
import { securityHeaders } from './security-headers.js';

export interface AppOptions {
  /** Repository root, where `public/` and `dist/web/` live. */
  rootDir: string;
  logger?: boolean | object;
}

const isApi = (url: string) => url.startsWith('/api/') || url === '/healthz';

/** Browsers never pipeline; a client with more answers than this waiting is not one. */
const MAX_UNANSWERED_PER_CONNECTION = 32;

export async function buildApp(ctx: HttpContext, options: AppOptions): Promise<FastifyInstance> {
  // An error before the request's site was known (a bad path) is shown under the installation's name.
  const pageSite = (request: FastifyRequest) => (request.site ? pageSiteOf(ctx.config.site, request) : ctx.config.site);
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 256 * 1024,
    trustProxy: ctx.config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true },
    serverFactory: guardedHttpServer(MAX_UNANSWERED_PER_CONNECTION),
    // A path that does not decode (`%ED%A0%80`) gets the API's error shape like any other bad input.
    frameworkErrors: (_error, request, reply) => {
      void (reply as FastifyReply).code(400).send({ error: { code: 'invalid_path', message: `The address ${request.url.split('?')[0]} does not decode to text.`, field: 'path' } });
    },
  })
    // TypeBox converts strings only in params and query; a JSON body must already have the right types.
    .setValidatorCompiler(validatorCompiler)
    .withTypeProvider<TypeBoxTypeProvider>();

  recordRoutes(app);
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 256 * 1024 });
  await app.register(fastifyStatic, { root: path.join(options.rootDir, 'public'), prefix: '/static/', maxAge: '1h' });
  await app.register(fastifyStatic, { root: path.join(options.rootDir, 'dist', 'web'), prefix: '/assets/', decorateReply: false, maxAge: '5m' });
  app.addHook('onRequest', requestsTakeTurns());
  // Every later hook and route reads `request.site`; nothing is shared between sites unless it says so.
  app.decorateRequest('site', null as never);
  app.addHook('onRequest', siteOfRequest(ctx.sites));
  // Before every route, so both the staff pages and the comment API see who is signed in.
  app.decorateRequest('staffSession', null);
  app.decorateRequest('staffOfOtherSite', false);
  app.addHook('onRequest', refuseCrossSiteWrites);
  app.addHook('onRequest', staffSessionHook(ctx.staff));
  app.decorate('readerAccounts', ctx.readerAccounts);
  app.decorateRequest('readerAccount', null);
  app.addHook('onRequest', readerSessionHook(ctx.readerAccounts));
  app.addHook('onSend', securityHeaders);
  app.addHook('preValidation', checkInputBoundary);

  app.setErrorHandler((error, request, reply) => {
    const problem = describeError(error);
    if (isApi(request.url) || request.method !== 'GET') {
      if (!isApi(request.url) && request.method === 'POST' && problem.status < 500) {
        // A form post without script: answer with a page that says what to fix.
        return reply
          .status(problem.status)
          .type('text/html; charset=utf-8')
          .send(renderErrorPage({ site: pageSite(request), status: problem.status, title: request.url.startsWith('/articles/') ? 'Your comment was not posted' : 'That did not go through', message: problem.body.error.message }));
      }
      return sendProblem(request, reply, problem, error);
    }
    if (problem.status >= 500) request.log.error({ err: error }, 'page failed');
    return reply
      .status(problem.status)
      .type('text/html; charset=utf-8')
      .send(renderErrorPage({ site: pageSite(request), status: problem.status, title: problem.status === 404 ? 'Page not found' : problem.status === 403 ? 'Not open to you here' : 'Something went wrong', message: problem.body.error.message }));
  });

  app.setNotFoundHandler((request, reply) => {
    if (isApi(request.url)) {
      return reply.status(404).send({ error: { code: 'not_found', message: `No API route ${request.method} ${request.url.split('?')[0]}.` } });
    }
    return reply
      .status(404)
      .type('text/html; charset=utf-8')
      .send(renderErrorPage({ site: pageSite(request), status: 404, title: 'Page not found', message: 'There is nothing at this address.' }));
  });

  await app.register(healthRoutes, { ctx });
  await app.register(threadRoutes, { ctx });
  await app.register(commentRoutes, { ctx });
  await app.register(adminRoutes, { ctx });
  await app.register(pageRoutes, { ctx });
  await app.register(staffRoutes, { ctx });
  await app.register(staffArticleRoutes, { ctx });
  await app.register(moderationRoutes, { ctx });
  await app.register(banRoutes, { ctx });
  await app.register(readerAccountRoutes, { ctx });
  await app.register(myContentRoutes, { ctx });
  await app.register(siteRoutes, { ctx });
  await app.register(signInRoutes, { ctx });
  await app.register(subscriptionRoutes, { ctx });
  await app.register(liveRoutes, { ctx });
  await app.register(followRoutes, { ctx });
  await app.register(feedRoutes, { ctx });
  await app.register(campaignRoutes, { ctx });
  return app;
}
