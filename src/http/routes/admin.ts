import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { HttpContext } from '../context.js';
import { requireAdminToken } from '../admin-token.js';

const Link = Type.Object({ label: Type.String({ minLength: 1, maxLength: 60 }), url: Type.String({ minLength: 1, maxLength: 500 }) });

const NewArticleBody = Type.Object({
  slug: Type.String({ minLength: 1, maxLength: 120 }),
  title: Type.String({ minLength: 1, maxLength: 300 }),
  body: Type.String({ minLength: 1, maxLength: 500_000 }),
  standfirst: Type.Optional(Type.String({ maxLength: 1000 })),
  author: Type.Object({
    name: Type.String({ minLength: 1, maxLength: 120 }),
    role: Type.Optional(Type.String({ maxLength: 300 })),
    bio: Type.Optional(Type.String({ maxLength: 2000 })),
    links: Type.Optional(Type.Array(Link, { maxItems: 10 })),
    // Never shown: where mentions of the author are mailed.
    email: Type.Optional(Type.String({ maxLength: 254 })),
  }),
  topics: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 20 })),
  image: Type.Optional(
    Type.Object({
      url: Type.String({ minLength: 1, maxLength: 1000 }),
      fullUrl: Type.Optional(Type.String({ maxLength: 1000 })),
      alt: Type.Optional(Type.String({ maxLength: 500 })),
      credit: Type.Optional(Type.String({ maxLength: 300 })),
    }),
  ),
  publishedAt: Type.Optional(Type.String({ maxLength: 40 })),
  premoderation: Type.Optional(Type.Union([Type.Literal('none'), Type.Literal('first'), Type.Literal('links'), Type.Literal('all')])),
});

/** Staff automation under /api/v1/admin/: every route needs `Authorization: Bearer <TRIBUNE_ADMIN_TOKEN>`. */
export const adminRoutes: FastifyPluginAsyncTypebox<{ ctx: HttpContext }> = async (app, { ctx }) => {
  app.addHook('onRequest', requireAdminToken(ctx));

  app.post('/api/v1/admin/articles', { schema: { body: NewArticleBody } }, async (request, reply) => {
    // Published on the site the request is for (its Host): the slug need only be free there.
    const article = await ctx.articles.create(request.site.id, request.body);
    return reply.status(201).send({ article });
  });
};
