import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { HttpContext } from '../context.js';
import { CommentIdParams, Cursor, EditCommentBody, ReportBody, VoteBody } from './schemas.js';
import { rememberOwnVote } from '../own-votes.js';

/** Guests prove authorship with the token handed out when they posted. */
function editTokenOf(headers: Record<string, string | string[] | undefined>, body?: { editToken?: string }): string | null {
  const header = headers['x-edit-token'];
  return (typeof header === 'string' ? header : null) ?? body?.editToken ?? null;
}

export const commentRoutes: FastifyPluginAsyncTypebox<{ ctx: HttpContext }> = async (app, { ctx }) => {
  app.get(
    '/api/v1/comments/:id/replies',
    { schema: { params: CommentIdParams, querystring: Type.Object({ cursor: Type.Optional(Cursor), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) }) } },
    async (request) => ctx.comments.listReplies(request.site.id, request.params.id, request.query.cursor ?? null, request.query.limit),
  );

  app.patch('/api/v1/comments/:id', { schema: { params: CommentIdParams, body: EditCommentBody } }, async (request, reply) => {
    const reader = ctx.readers.identify(request, reply);
    const comment = await ctx.comments.editComment(request.params.id, request.body.body, reader, editTokenOf(request.headers, request.body));
    return { comment };
  });

  app.delete('/api/v1/comments/:id', { schema: { params: CommentIdParams } }, async (request, reply) => {
    const reader = ctx.readers.identify(request, reply);
    await ctx.comments.deleteComment(request.params.id, reader, editTokenOf(request.headers));
    return { deleted: true, id: request.params.id };
  });

  app.post('/api/v1/comments/:id/vote', { schema: { params: CommentIdParams, body: VoteBody } }, async (request, reply) => {
    const reader = ctx.readers.identify(request, reply, { create: true });
    const result = await ctx.votes.vote(request.params.id, request.body.value, reader);
    rememberOwnVote(request, reply);
    return result;
  });

  app.post('/api/v1/comments/:id/reports', { schema: { params: CommentIdParams, body: ReportBody } }, async (request, reply) => {
    const reader = ctx.readers.identify(request, reply, { create: true });
    const result = await ctx.reports.report(request.params.id, request.body.reason, request.body.note ?? '', reader);
    return reply.status(201).send({ reported: true, ...result });
  });
};
