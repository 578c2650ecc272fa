import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { HttpContext } from '../context.js';

export const healthRoutes: FastifyPluginAsyncTypebox<{ ctx: HttpContext }> = async (app, { ctx }) => {
  app.get('/healthz', async (_request, reply) => {
    if (await ctx.databaseAnswers()) return { ok: true };
    return reply.status(503).send({ ok: false, error: { code: 'database_unavailable', message: 'The database does not answer.' } });
  });
};
