import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import type { HttpContext } from '../context.js';
import { ServiceError } from '../../services/errors.js';
import { staffActor, type Actor } from '../../services/actor.js';
import { slugify, type ArticleSource } from '../../services/articles.js';
import type { StaffSession } from '../../services/staff.js';
import { pageSiteOf } from '../request-site.js';
import { sameToken } from '../staff-session.js';
import { renderErrorPage } from '../views/error.js';
import { renderArticleForm, renderArticleList, type ArticleFormValues, type FormField } from '../views/staff/articles.js';

const HTML = 'text/html; charset=utf-8';
const Slug = Type.String({ pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$', maxLength: 120 });
const SlugParams = Type.Object({ slug: Slug });
const ListQuery = Type.Object({ saved: Type.Optional(Slug) });
const ArticleForm = Type.Object({
  csrf: Type.Optional(Type.String({ maxLength: 200 })),
  slug: Type.Optional(Type.String({ maxLength: 120 })),
  do: Type.Optional(Type.Union([Type.Literal('preview'), Type.Literal('save')])),
  title: Type.Optional(Type.String({ maxLength: 300 })),
  standfirst: Type.Optional(Type.String({ maxLength: 1000 })),
  body: Type.Optional(Type.String({ maxLength: 500_000 })),
  authorName: Type.Optional(Type.String({ maxLength: 120 })),
  authorRole: Type.Optional(Type.String({ maxLength: 300 })),
  topics: Type.Optional(Type.String({ maxLength: 1000 })),
});
type Form = Static<typeof ArticleForm>;

/** A fault the services name by their field, shown beside the form's field of that name. */
const FIELD_OF: Record<string, FormField> = {
  title: 'title',
  slug: 'title',
  standfirst: 'standfirst',
  body: 'body',
  'author.name': 'authorName',
  'author.role': 'authorRole',
  topics: 'topics',
};

const valuesOf = (form: Form): ArticleFormValues => ({
  slug: form.slug ?? '',
  title: form.title ?? '',
  standfirst: form.standfirst ?? '',
  body: form.body ?? '',
  authorName: form.authorName ?? '',
  authorRole: form.authorRole ?? '',
  topics: form.topics ?? '',
});
const topicsOf = (line: string) => line.split(',').map((t) => t.trim()).filter(Boolean);
/** What the form says of the article, as the service takes it on creating and on editing alike. */
const articleFieldsOf = (values: ArticleFormValues) => ({
  title: values.title,
  standfirst: values.standfirst,
  body: values.body,
  author: { name: values.authorName, role: values.authorRole },
  topics: topicsOf(values.topics),
});
const valuesOfSource = (source: ArticleSource): ArticleFormValues => ({
  slug: source.slug,
  title: source.title,
  standfirst: source.standfirst,
  body: source.body,
  authorName: source.author.name,
  authorRole: source.author.role,
  topics: source.topics.join(', '),
});

/**
 * Articles in the staff pages: the list, "New article" and "Edit", each a plain form with a
 * server-rendered Preview. Everything goes through the ArticleService, as the API does, so who may
 * publish or change what is decided in one place.
 */
export const staffArticleRoutes: FastifyPluginAsyncTypebox<{ ctx: HttpContext }> = async (app, { ctx }) => {
  const siteOf = (request: FastifyRequest) => pageSiteOf(ctx.config.site, request);

  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  const errorPage = (reply: FastifyReply, status: number, title: string, message: string) =>
    reply.status(status).type(HTML).send(renderErrorPage({ site: siteOf(reply.request), status, title, message }));
  /** A refusal or a missing article as a page; anything else is a fault of the form (or a bug). */
  const refusal = (reply: FastifyReply, error: unknown) => {
    if (!(error instanceof ServiceError)) throw error;
    if (error.kind === 'forbidden') return errorPage(reply, 403, error.code === 'not_your_article' ? 'Not yours to change' : 'Writers only', error.message);
    if (error.kind === 'not_found') return errorPage(reply, 404, 'No such article', error.message);
    return null;
  };
  const refuseOrThrow = (reply: FastifyReply, error: unknown) => {
    const page = refusal(reply, error);
    if (page) return page;
    throw error;
  };
  const actorOf = (request: FastifyRequest, session: StaffSession): Actor =>
    staffActor({ id: session.staff.id, name: session.staff.name, role: session.staff.role }, request.site.id);

  /** Writes through the service; its refusals become pages, its faults messages beside the fields. */
  const runForm = async (request: FastifyRequest, reply: FastifyReply, session: StaffSession, form: Form, slug: string | undefined, save: (actor: Actor) => Promise<{ slug: string }>) => {
    const actor = actorOf(request, session);
    const values = valuesOf(form);
    const show = (status: number, extra: { errors?: Partial<Record<FormField, string>>; error?: string; previewHtml?: string }) =>
      reply.status(status).type(HTML).send(renderArticleForm({ site: siteOf(request), session, slug, values, ...extra }));
    try {
      if (form.do === 'preview') {
        // Only a writer who may change the article previews changes to it.
        if (slug) await ctx.articles.source(slug, actor);
        return show(200, { previewHtml: ctx.articles.preview(values.body, actor) });
      }
      const saved = await save(actor);
      return reply.redirect(`/staff/articles?saved=${saved.slug}`, 303);
    } catch (error) {
      const page = refusal(reply, error);
      if (page) return page;
      const fault = error as ServiceError;
      const status = fault.kind === 'conflict' ? 409 : 400;
      // A new article's address is made from its title: a fault in it is the title's.
      const at = fault.field === 'slug' && slug ? 'slug' : fault.field ? FIELD_OF[fault.field] : undefined;
      return show(status, at ? { errors: { [at]: fault.message } } : { error: fault.message });
    }
  };

  /** The signed-in writer, or the way to sign in; moderators and others without the power to publish get the 403 page. */
  const writerSession = (request: FastifyRequest, reply: FastifyReply): StaffSession | null => {
    const session = request.staffSession;
    if (!session) {
      void reply.redirect('/staff/sign-in', 303);
      return null;
    }
    return session;
  };

  app.get('/staff/articles', { schema: { querystring: ListQuery } }, async (request, reply) => {
    const session = writerSession(request, reply);
    if (!session) return reply;
    try {
      const articles = await ctx.articles.staffList(actorOf(request, session));
      return reply.type(HTML).send(renderArticleList({ site: siteOf(request), session, articles, published: request.query.saved }));
    } catch (error) {
      return refuseOrThrow(reply, error);
    }
  });

  app.get('/staff/articles/new', async (request, reply) => {
    const session = writerSession(request, reply);
    if (!session) return reply;
    try {
      // Asking for a preview of nothing checks the power to publish before showing the form.
      ctx.articles.preview('', actorOf(request, session));
    } catch (error) {
      return refuseOrThrow(reply, error);
    }
    const values: ArticleFormValues = { slug: '', title: '', standfirst: '', body: '', authorName: session.staff.name, authorRole: '', topics: '' };
    return reply.type(HTML).send(renderArticleForm({ site: siteOf(request), session, values }));
  });

  app.post('/staff/articles/new', { schema: { body: ArticleForm } }, async (request, reply) => {
    const session = writerSession(request, reply);
    if (!session) return reply;
    const form = request.body;
    if (!sameToken(form.csrf, session.csrfToken)) return errorPage(reply, 403, 'This form has expired', 'Reload the page and try again.');
    const values = valuesOf(form);
    return runForm(request, reply, session, form, undefined, (actor) =>
      ctx.articles.create(
        request.site.id,
        { slug: slugify(values.title), ...articleFieldsOf(values) },
        actor,
      ),
    );
  });

  app.get('/staff/articles/:slug/edit', { schema: { params: SlugParams } }, async (request, reply) => {
    const session = writerSession(request, reply);
    if (!session) return reply;
    try {
      const source = await ctx.articles.source(request.params.slug, actorOf(request, session));
      return reply.type(HTML).send(renderArticleForm({ site: siteOf(request), session, slug: source.slug, values: valuesOfSource(source) }));
    } catch (error) {
      return refuseOrThrow(reply, error);
    }
  });

  app.post('/staff/articles/:slug/edit', { schema: { params: SlugParams, body: ArticleForm } }, async (request, reply) => {
    const session = writerSession(request, reply);
    if (!session) return reply;
    const form = request.body;
    if (!sameToken(form.csrf, session.csrfToken)) return errorPage(reply, 403, 'This form has expired', 'Reload the page and try again.');
    const values = valuesOf(form);
    const { slug } = request.params;
    return runForm(request, reply, session, form, slug, (actor) =>
      ctx.articles.update(
        request.site.id,
        slug,
        { ...(form.slug === undefined ? {} : { slug: values.slug }), ...articleFieldsOf(values) },
        actor,
      ),
    );
  });
};
