import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { HttpContext } from '../context.js';
import { requireStaff } from '../staff-guard.js';
import { ServiceError, invalid, notFound } from '../../services/errors.js';
import { parseAmount } from '../../shared/money.js';
import { sameToken } from '../staff-session.js';
import { mayDo, staffActor } from '../../services/actor.js';
import { pageSiteOf } from '../request-site.js';
import { renderErrorPage } from '../views/error.js';
import { ledgerCsv, renderLedgerPage } from '../views/staff/ledger.js';
import { renderDonatePage } from '../views/donate.js';

const HTML = 'text/html; charset=utf-8';
const DateText = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 });
const ManualEntryForm = Type.Object({
  csrf: Type.Optional(Type.String({ maxLength: 200 })),
  amount: Type.String({ minLength: 1, maxLength: 40 }),
  receivedOn: DateText,
  note: Type.String({ maxLength: 1000 }),
  donorName: Type.Optional(Type.String({ maxLength: 200 })),
  donorEmail: Type.Optional(Type.String({ maxLength: 254 })),
  articleSlug: Type.Optional(Type.String({ maxLength: 200 })),
});
const LedgerPageQuery = Type.Object({ from: Type.Optional(DateText), to: Type.Optional(DateText) });

const Amount = Type.Integer({ minimum: -1_000_000_000_000, maximum: 1_000_000_000_000, description: 'minor units (cents)' });
const CampaignFields = {
  title: Type.String({ maxLength: 1000 }),
  goal: Amount,
  currency: Type.String({ maxLength: 10 }),
  period: Type.Union([Type.Literal('monthly'), Type.Literal('fixed')]),
  startsAt: Type.String({ maxLength: 40 }),
  endsAt: Type.String({ maxLength: 40 }),
  atGoal: Type.Union([Type.Literal('keep-going'), Type.Literal('stretch')]),
  stretchGoal: Type.Union([Amount, Type.Null()]),
  active: Type.Boolean(),
};
const NewCampaignBody = Type.Object(
  {
    title: CampaignFields.title,
    goal: CampaignFields.goal,
    currency: CampaignFields.currency,
    period: CampaignFields.period,
    startsAt: Type.Optional(CampaignFields.startsAt),
    endsAt: Type.Optional(CampaignFields.endsAt),
    atGoal: Type.Optional(CampaignFields.atGoal),
    stretchGoal: Type.Optional(CampaignFields.stretchGoal),
    active: Type.Optional(CampaignFields.active),
  },
  { additionalProperties: false },
);
const CampaignChangesBody = Type.Partial(Type.Object(CampaignFields), { additionalProperties: false });
const ManualEntryBody = Type.Object(
  {
    amount: Amount,
    note: Type.String({ maxLength: 5000 }),
    receivedAt: Type.Optional(Type.String({ maxLength: 40 })),
    donorName: Type.Optional(Type.String({ maxLength: 1000 })),
    donorEmail: Type.Optional(Type.String({ maxLength: 1000 })),
    message: Type.Optional(Type.String({ maxLength: 5000 })),
    onDonorWall: Type.Optional(Type.Boolean()),
    articleSlug: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
const RefundBody = Type.Object({ amount: Type.Optional(Amount), note: Type.Optional(Type.String({ maxLength: 5000 })) }, { additionalProperties: false });
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const LedgerQuery = Type.Object({
  from: Type.Optional(Type.String({ maxLength: 40 })),
  to: Type.Optional(Type.String({ maxLength: 40 })),
  campaignId: Type.Optional(Type.Integer({ minimum: 1 })),
});

/** Reader funding: the running campaign for everyone; campaigns and the ledger for admins and editors. */
export const campaignRoutes: FastifyPluginAsyncTypebox<{ ctx: HttpContext }> = async (app, { ctx }) => {
  app.get('/api/v1/campaigns/current', async (request) => {
    const campaign = await ctx.campaigns.current(request.site.id);
    if (!campaign) throw notFound('no_campaign', 'This site runs no campaign at the moment.');
    return { campaign };
  });

  // The donate page the meter links to; `from` names the article the reader came from.
  app.get('/donate', { schema: { querystring: Type.Object({ from: Type.Optional(Type.String({ maxLength: 200 })) }) } }, async (request, reply) => {
    const siteId = request.site.id;
    const { locale, waysToGive } = ctx.campaigns.localeFor(siteId);
    const html = renderDonatePage({ site: pageSiteOf(ctx.config.site, request), campaign: await ctx.campaigns.current(siteId), locale, waysToGive });
    return reply.type(HTML).send(html);
  });

  app.get('/api/v1/campaigns/:id/periods', { schema: { params: IdParams } }, async (request) => {
    return { periods: await ctx.campaigns.archive(request.site.id, request.params.id) };
  });

  app.get('/api/v1/campaigns', async (request) => {
    return { campaigns: await ctx.campaigns.list(requireStaff(ctx, request)) };
  });

  app.post('/api/v1/campaigns', { schema: { body: NewCampaignBody } }, async (request, reply) => {
    const campaign = await ctx.campaigns.create(requireStaff(ctx, request), request.body);
    return reply.status(201).send({ campaign });
  });

  app.patch('/api/v1/campaigns/:id', { schema: { params: IdParams, body: CampaignChangesBody } }, async (request) => {
    return { campaign: await ctx.campaigns.update(requireStaff(ctx, request), request.params.id, request.body) };
  });

  app.post('/api/v1/campaigns/:id/entries', { schema: { params: IdParams, body: ManualEntryBody } }, async (request, reply) => {
    const entry = await ctx.campaigns.recordManual(requireStaff(ctx, request), request.params.id, request.body);
    return reply.status(201).send({ entry });
  });

  app.get('/api/v1/ledger', { schema: { querystring: LedgerQuery } }, async (request) => {
    return ctx.campaigns.ledger(requireStaff(ctx, request), request.query);
  });

  /** The staff page's period: the dates asked for, or this month in the site's time zone. */
  const pagePeriod = (siteId: string, query: { from?: string; to?: string }) => {
    const month = ctx.campaigns.thisMonth(siteId);
    return { from: query.from ?? month.from, to: query.to ?? month.to };
  };

  // The ledger page and its CSV: a signed-in admin's or editor's, with their session.
  for (const format of ['page', 'csv'] as const) {
    app.get(format === 'page' ? '/staff/ledger' : '/staff/ledger.csv', { schema: { querystring: LedgerPageQuery } }, async (request, reply) => {
      const session = request.staffSession;
      if (!session) return reply.redirect('/staff/sign-in', 303);
      if (!mayDo(session.staff.role, 'runCampaigns')) {
        return reply.status(403).type(HTML).send(renderErrorPage({ site: pageSiteOf(ctx.config.site, request), status: 403, title: 'Editors only', message: 'Only admins and editors run campaigns and see the ledger.' }));
      }
      const actor = staffActor({ id: session.staff.id, name: session.staff.name, role: session.staff.role }, request.site.id);
      const filter = pagePeriod(request.site.id, request.query);
      const ledger = await ctx.campaigns.ledger(actor, filter);
      if (format === 'csv') {
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="ledger-${filter.from}-to-${filter.to}.csv"`)
          .send(ledgerCsv(ledger.entries));
      }
      const campaign = await ctx.campaigns.current(request.site.id);
      return reply.type(HTML).send(
        renderLedgerPage({
          site: pageSiteOf(ctx.config.site, request),
          locale: ctx.campaigns.localeFor(request.site.id).locale,
          filter,
          entries: ledger.entries,
          campaign,
          csrfToken: session.csrfToken,
          today: ctx.campaigns.thisMonth(request.site.id).today,
        }),
      );
    });
  }

  // The ledger page's form: a gift received by hand, in the currency's major unit ("25.00").
  app.post('/staff/ledger/entries', { schema: { body: ManualEntryForm } }, async (request, reply) => {
    const session = request.staffSession;
    if (!session) return reply.redirect('/staff/sign-in', 303);
    const form = request.body;
    if (!sameToken(form.csrf, session.csrfToken)) {
      return reply.status(403).type(HTML).send(renderErrorPage({ site: pageSiteOf(ctx.config.site, request), status: 403, title: 'This form has expired', message: 'Reload the page and try again.' }));
    }
    const actor = staffActor({ id: session.staff.id, name: session.staff.name, role: session.staff.role }, request.site.id);
    const campaign = await ctx.campaigns.current(request.site.id);
    if (!campaign) throw new ServiceError('conflict', 'no_campaign', 'The site runs no campaign to record the gift toward.');
    const amount = parseAmount(form.amount, campaign.currency);
    if (amount === null || amount === 0) throw invalid('amount_invalid', 'amount', `Write the amount in ${campaign.currency} as 25 or 25.50.`);
    await ctx.campaigns.recordManual(actor, campaign.id, {
      amount,
      note: form.note,
      receivedAt: form.receivedOn,
      ...(form.donorName ? { donorName: form.donorName } : {}),
      ...(form.donorEmail ? { donorEmail: form.donorEmail } : {}),
      ...(form.articleSlug ? { articleSlug: form.articleSlug } : {}),
    });
    return reply.redirect(`/staff/ledger?from=${form.receivedOn}&to=${form.receivedOn}`, 303);
  });

  app.post('/api/v1/ledger/:id/refunds', { schema: { params: IdParams, body: RefundBody } }, async (request, reply) => {
    const entry = await ctx.campaigns.refund(requireStaff(ctx, request), request.params.id, request.body);
    return reply.status(201).send({ entry });
  });
};
