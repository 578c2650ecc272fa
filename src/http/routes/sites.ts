import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { HttpContext } from '../context.js';
import { requireAdminToken } from '../admin-token.js';
import { requireStaff } from '../staff-guard.js';
import type { NewSiteInput } from '../../services/sites.js';

const Rate = Type.Object(
  { limit: Type.Integer({ minimum: 1, maximum: 100_000 }), windowMs: Type.Integer({ minimum: 1000, maximum: 7 * 86_400_000 }) },
  { additionalProperties: false },
);
const Action = Type.Union([Type.Literal('allow'), Type.Literal('hold'), Type.Literal('reject')]);

const OpenIdProvider = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 32 }),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    issuer: Type.String({ minLength: 1, maxLength: 500 }),
    clientId: Type.String({ minLength: 1, maxLength: 500 }),
    clientSecret: Type.String({ minLength: 1, maxLength: 500 }),
    scope: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);

/**
 * What a site may choose; anything it leaves out follows the environment's settings. `orNull`
 * makes the shape of a change (JSON Merge Patch, RFC 7396): null sends a choice back to the default.
 */
function settingsShape(orNull: boolean) {
  const choice = <T extends Parameters<typeof Type.Optional>[0]>(schema: T) => Type.Optional(orNull ? Type.Union([schema, Type.Null()]) : schema);
  return Type.Object(
    {
      premoderation: choice(Type.Union([Type.Literal('none'), Type.Literal('first'), Type.Literal('links'), Type.Literal('all')])),
      premoderationFirst: choice(Type.Integer({ minimum: 1, maximum: 1000 })),
      profanity: choice(Action),
      insults: choice(Action),
      editWindowMinutes: choice(Type.Integer({ minimum: 0, maximum: 60 * 24 * 30 })),
      maxDepth: choice(Type.Integer({ minimum: 1, maximum: 10 })),
      requireEmail: choice(Type.Boolean()),
      deletedReaderComments: choice(Type.Union([Type.Literal('anonymise'), Type.Literal('remove')])),
      timeZone: choice(Type.String({ minLength: 1, maxLength: 64 })),
      locale: choice(Type.String({ minLength: 2, maxLength: 35 })),
      waysToGive: choice(Type.String({ minLength: 1, maxLength: 5000 })),
      rateLimits: choice(Type.Object({ comments: choice(Rate), votes: choice(Rate), reports: choice(Rate) }, { additionalProperties: false })),
      singleSignOn: choice(Type.Object({ secret: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false })),
      openIdProviders: choice(Type.Array(OpenIdProvider, { maxItems: 10 })),
    },
    { additionalProperties: false },
  );
}
const Settings = settingsShape(false);
const SettingsChanges = settingsShape(true);

const Hosts = Type.Array(Type.String({ minLength: 1, maxLength: 260 }), { maxItems: 50 });

const NewSiteBody = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 60 }),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  hosts: Type.Optional(Hosts),
  settings: Type.Optional(Settings),
});

const SiteChangesBody = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  hosts: Type.Optional(Hosts),
  settings: Type.Optional(SettingsChanges),
});

const SiteParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 60 }) });

/**
 * Staff automation creates and lists the sites this Tribune serves (the admin token, which acts on
 * every site); a site's own admins, signed in, read and change their site's name, hosts and settings.
 */
export const siteRoutes: FastifyPluginAsyncTypebox<{ ctx: HttpContext }> = async (app, { ctx }) => {
  const tokenOnly = requireAdminToken(ctx);

  app.get('/api/v1/admin/sites', { onRequest: tokenOnly }, async () => ({ sites: await ctx.sites.list() }));

  app.post('/api/v1/admin/sites', { onRequest: tokenOnly, schema: { body: NewSiteBody } }, async (request, reply) => {
    // The shape of a new site's settings allows no null (only a change may remove a choice).
    const site = await ctx.sites.create(request.body as NewSiteInput);
    return reply.status(201).send({ site });
  });

  app.get('/api/v1/admin/sites/:id', { schema: { params: SiteParams } }, async (request) => ({ site: await ctx.sites.read(request.params.id, requireStaff(ctx, request)) }));

  app.patch('/api/v1/admin/sites/:id', { schema: { params: SiteParams, body: SiteChangesBody } }, async (request) => {
    const site = await ctx.sites.update(request.params.id, request.body, requireStaff(ctx, request));
    return { site };
  });
};
