import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { HttpContext } from '../context.js';
import { requireStaff } from '../staff-guard.js';

const BanOrderBody = Type.Object({
  commentId: Type.Integer({ minimum: 1 }),
  by: Type.Array(Type.Union([Type.Literal('email'), Type.Literal('ip'), Type.Literal('reader'), Type.Literal('account')]), { minItems: 1, maxItems: 4 }),
  reason: Type.String({ minLength: 1, maxLength: 500 }),
  days: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
});

/** Bans and suspensions, for staff. */
export const banRoutes: FastifyPluginAsyncTypebox<{ ctx: HttpContext }> = async (app, { ctx }) => {
  app.get('/api/v1/moderation/bans', async (request) => {
    return { bans: await ctx.bans.active(requireStaff(ctx, request)) };
  });

  app.post('/api/v1/moderation/bans', { schema: { body: BanOrderBody } }, async (request, reply) => {
    const moderator = requireStaff(ctx, request);
    const { commentId, ...order } = request.body;
    const bans = await ctx.bans.banAuthorOf(commentId, order, moderator);
    return reply.status(201).send({ bans });
  });

  app.delete('/api/v1/moderation/bans/:id', { schema: { params: Type.Object({ id: Type.Integer({ minimum: 1 }) }) } }, async (request) => {
    await ctx.bans.lift(request.params.id, requireStaff(ctx, request));
    return { lifted: true };
  });

};
