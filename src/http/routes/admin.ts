import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { HttpContext } from '../context.js';
import { requireStaff } from '../staff-guard.js';
import { STAFF_ROLES } from '../../services/staff.js';

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

const ArticleParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 120 }) });
const QuestionBody = Type.Object({
  exact: Type.String({ minLength: 1, maxLength: 1000 }),
  prefix: Type.Optional(Type.String({ maxLength: 500 })),
  suffix: Type.Optional(Type.String({ maxLength: 500 })),
  start: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000 })),
  question: Type.String({ minLength: 1, maxLength: 2000 }),
});
const ArticleChangesBody = Type.Object(
  {
    slug: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    standfirst: Type.Optional(Type.String({ maxLength: 1000 })),
    body: Type.Optional(Type.String({ minLength: 1, maxLength: 500_000 })),
    author: Type.Optional(Type.Object({ name: Type.String({ minLength: 1, maxLength: 120 }), role: Type.Optional(Type.String({ maxLength: 300 })) }, { additionalProperties: false })),
    topics: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 20 })),
  },
  { additionalProperties: false },
);

const Role = Type.Union(STAFF_ROLES.map((role) => Type.Literal(role)));
const NewStaffBody = Type.Object({
  email: Type.String({ minLength: 1, maxLength: 254 }),
  name: Type.String({ minLength: 1, maxLength: 80 }),
  role: Role,
  password: Type.String({ minLength: 1, maxLength: 1000 }),
});
const StaffParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const RoleBody = Type.Object({ role: Role }, { additionalProperties: false });

/**
 * The site's articles and staff, for scripts (the admin token) and signed-in staff (their session
 * and X-CSRF-Token): each acts on the site the request is for (its Host), as far as their role there
 * allows (`ROLE_POWERS`: authors their own articles, editors all, admins the site's staff too).
 */
export const adminRoutes: FastifyPluginAsyncTypebox<{ ctx: HttpContext }> = async (app, { ctx }) => {
  app.post('/api/v1/admin/articles', { schema: { body: NewArticleBody } }, async (request, reply) => {
    // Published on the site the request is for (its Host): the slug need only be free there.
    const article = await ctx.articles.create(request.site.id, request.body, requireStaff(ctx, request));
    return reply.status(201).send({ article });
  });

  app.patch('/api/v1/admin/articles/:slug', { schema: { params: ArticleParams, body: ArticleChangesBody } }, async (request) => {
    const article = await ctx.articles.update(request.site.id, request.params.slug, request.body, requireStaff(ctx, request));
    return { article };
  });

  // An author asks readers about a passage of their article; the question shows beside it.
  app.post('/api/v1/admin/articles/:slug/questions', { schema: { params: ArticleParams, body: QuestionBody } }, async (request, reply) => {
    const question = await ctx.comments.passages.askQuestion(request.site.id, request.params.slug, request.body, requireStaff(ctx, request), Date.now());
    return reply.status(201).send({ question });
  });

  app.get('/api/v1/admin/staff', async (request) => ({ staff: await ctx.staff.staffOfSite(requireStaff(ctx, request)) }));

  app.post('/api/v1/admin/staff', { schema: { body: NewStaffBody } }, async (request, reply) => {
    const member = await ctx.staff.addToSite(request.body, requireStaff(ctx, request));
    return reply.status(201).send({ staff: member });
  });

  app.patch('/api/v1/admin/staff/:id', { schema: { params: StaffParams, body: RoleBody } }, async (request) => {
    const member = await ctx.staff.changeRole(request.params.id, request.body.role, requireStaff(ctx, request));
    return { staff: member };
  });
};
