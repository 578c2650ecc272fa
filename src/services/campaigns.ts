import { randomUUID } from 'node:crypto';
import type { EventBus } from '../adapters/bus/bus.js';
import type { CampaignRow, LedgerEntryRow } from '../store/campaigns.js';
import type { LedgerEntryKind } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { countdown, monthOf, monthPeriod, startOfDay, wallClock } from '../shared/calendar.js';
import { isCurrency } from '../shared/money.js';
import { staffWith, type Actor } from './actor.js';
import { ServiceError, invalid, notFound } from './errors.js';

/** Where a site's months begin and how its numbers read: its own choice, or the installation's. */
export interface FundingLocale {
  timeZone: string;
  locale: string;
  /** The donate page's other ways to give (bank details, links); null when the site gives none. */
  waysToGive: string | null;
}

export type AtGoal = 'keep-going' | 'stretch';

export interface CampaignInput {
  title?: string;
  /** Minor units (cents) of `currency`. */
  goal?: number;
  currency?: string;
  period?: 'monthly' | 'fixed';
  /** Fixed campaigns: an ISO date-time, or a date (its first moment in the site's time zone). */
  startsAt?: string;
  /** Fixed campaigns: an ISO date-time, or a date (the campaign runs to the end of that day). */
  endsAt?: string;
  atGoal?: AtGoal;
  stretchGoal?: number | null;
  active?: boolean;
}

/** A campaign with its current period's totals: what the meter and `GET /api/v1/campaigns/current` show. */
export interface Campaign {
  id: number;
  title: string;
  goal: number;
  currency: string;
  period: 'monthly' | 'fixed';
  atGoal: AtGoal;
  stretchGoal: number | null;
  active: boolean;
  /** The period counted now: this month in the site's time zone, or the fixed dates. */
  periodStart: string;
  /** The first moment after the period (excluded). */
  periodEnd: string;
  /** Minor units received in the period, after refunds. */
  raised: number;
  /** Different supporters who gave in the period. */
  donors: number;
  timeZone: string;
  /** The countdown as a sentence: "12 days left until the end of September". */
  countdown: string;
  /** What counts toward the period, as the campaign page says. */
  counts: string;
}

export interface LedgerEntry {
  id: number;
  campaignId: number;
  kind: LedgerEntryKind;
  amount: number;
  currency: string;
  receivedAt: string;
  donorName: string | null;
  donorEmail: string | null;
  message: string | null;
  onDonorWall: boolean;
  articleSlug: string | null;
  note: string | null;
  recordedBy: string | null;
  refundOf: number | null;
  createdAt: string;
}

export interface ManualEntryInput {
  /** Minor units; negative to correct an earlier entry. */
  amount: number;
  note: string;
  /** When the money came in: an ISO date-time, or a date (its first moment in the site's zone); now by default. */
  receivedAt?: string;
  donorName?: string;
  donorEmail?: string;
  message?: string;
  onDonorWall?: boolean;
  articleSlug?: string;
}

/** A gift from a reader, by a payment provider or the donate page: never edited once recorded. */
export interface GiftInput {
  kind: 'gift' | 'renewal';
  amount: number;
  currency: string;
  donorName?: string | null;
  donorEmail?: string | null;
  /** The provider's customer: a monthly supporter's renewals count as one supporter. */
  donorKey?: string | null;
  message?: string | null;
  onDonorWall?: boolean;
  articleSlug?: string | null;
  /** The provider's id of the payment: recording it again changes nothing. */
  externalId?: string | null;
  receivedAt?: number;
}

export interface PeriodTotals {
  periodStart: string;
  periodEnd: string;
  /** "2026-09" for a month. */
  label: string;
  raised: number;
  donors: number;
}

export const COUNTS_TOWARD =
  'One-off gifts received in the period, plus monthly gifts charged in it, minus refunds made in it, plus gifts staff recorded by hand (bank transfers, cash) dated in it.';

const MAX_AMOUNT = 1_000_000_000_000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Reader funding: a site's campaigns, the ledger of what was given, and what counts toward the meter. */
export class CampaignService {
  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly localeOf: (siteId: string) => FundingLocale,
    private readonly now: () => number = Date.now,
  ) {}

  /** The site's time zone and locale for its campaign. */
  localeFor(siteId: string): FundingLocale {
    return this.localeOf(siteId);
  }

  /** This month's first and last days, and today, in the site's time zone ("2026-09-01", "2026-09-30"). */
  thisMonth(siteId: string): { from: string; to: string; today: string } {
    const { timeZone } = this.localeOf(siteId);
    const month = monthOf(this.now(), timeZone);
    const day = (ms: number) => {
      const w = wallClock(ms, timeZone);
      return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
    };
    return { from: day(month.start), to: day(month.end - 1), today: day(this.now()) };
  }

  /** The site's running campaign with this period's totals; null when none runs now. */
  async current(siteId: string): Promise<Campaign | null> {
    const row = await this.store.campaigns.activeCampaign(siteId);
    if (!row) return null;
    const now = this.now();
    if (row.period === 'fixed' && (now < row.starts_at! || now >= row.ends_at!)) return null;
    return this.describe(row, now);
  }

  async create(actor: Actor, input: CampaignInput): Promise<Campaign> {
    this.editorOf(actor);
    const now = this.now();
    const fields = this.checked(actor.siteId, input, null);
    const row = await this.store.transaction(async (tx) => {
      const made = await tx.campaigns.insertCampaign({ site_id: actor.siteId, ...fields, active: input.active === false ? 0 : 1, created_at: now, updated_at: now });
      if (made.active) await tx.campaigns.deactivateOthers(actor.siteId, made.id, now);
      return made;
    });
    this.changed(actor.siteId);
    return this.describe(row, now);
  }

  async update(actor: Actor, id: number, input: CampaignInput): Promise<Campaign> {
    this.editorOf(actor);
    const now = this.now();
    const row = await this.store.transaction(async (tx) => {
      const before = await tx.campaigns.findCampaign(actor.siteId, id);
      if (!before) throw notFound('campaign_not_found', `No campaign with id ${id} on this site.`);
      const fields = this.checked(actor.siteId, input, before);
      const active = input.active === undefined ? before.active : input.active ? 1 : 0;
      const after = (await tx.campaigns.updateCampaign(actor.siteId, id, { ...fields, active, updated_at: now }))!;
      if (after.active) await tx.campaigns.deactivateOthers(actor.siteId, id, now);
      return after;
    });
    this.changed(actor.siteId);
    return this.describe(row, now);
  }

  async list(actor: Actor): Promise<Campaign[]> {
    this.editorOf(actor);
    const now = this.now();
    return Promise.all((await this.store.campaigns.listCampaigns(actor.siteId)).map((row) => this.describe(row, now)));
  }

  /** Past and present periods with their totals, newest first: every month since the campaign began (at most 120). */
  async archive(siteId: string, id: number): Promise<PeriodTotals[]> {
    const row = await this.store.campaigns.findCampaign(siteId, id);
    if (!row) throw notFound('campaign_not_found', `No campaign with id ${id} on this site.`);
    const { timeZone } = this.localeOf(siteId);
    if (row.period === 'fixed') {
      const totals = await this.store.campaigns.totals(row.id, row.starts_at!, row.ends_at!);
      return [{ periodStart: iso(row.starts_at!), periodEnd: iso(row.ends_at!), label: `${iso(row.starts_at!).slice(0, 10)} – ${iso(row.ends_at! - 1).slice(0, 10)}`, raised: totals.raised, donors: totals.supporters }];
    }
    const first = monthOf(row.created_at, timeZone);
    const now = monthOf(this.now(), timeZone);
    const out: PeriodTotals[] = [];
    for (let i = 0; i < 120; i++) {
      const month = monthPeriod(now.year, now.month - i, timeZone);
      if (month.end <= first.start) break;
      const totals = await this.store.campaigns.totals(row.id, month.start, month.end);
      out.push({ periodStart: iso(month.start), periodEnd: iso(month.end), label: `${month.year}-${String(month.month).padStart(2, '0')}`, raised: totals.raised, donors: totals.supporters });
    }
    return out;
  }

  /** A gift staff record by hand (a bank transfer, cash), with their note; it counts in the period of `receivedAt`. */
  async recordManual(actor: Actor, campaignId: number, input: ManualEntryInput): Promise<LedgerEntry> {
    const staff = this.editorOf(actor);
    const amount = checkAmount(input.amount, 'amount', true);
    const note = (input.note ?? '').trim();
    if (note.length < 1 || note.length > 1000) throw invalid('note_required', 'note', 'Say where the money came from (a bank transfer, cash at the office…), in 1 to 1000 characters.');
    const receivedAt = input.receivedAt === undefined ? this.now() : this.parseDate(actor.siteId, input.receivedAt, 'receivedAt', 'start');
    const email = checkEmail(input.donorEmail);
    const row = await this.store.transaction(async (tx) => {
      const campaign = await tx.campaigns.findCampaign(actor.siteId, campaignId);
      if (!campaign) throw notFound('campaign_not_found', `No campaign with id ${campaignId} on this site.`);
      return tx.campaigns.insertEntry({
        site_id: actor.siteId,
        campaign_id: campaign.id,
        kind: 'manual',
        amount,
        currency: campaign.currency,
        received_at: receivedAt,
        donor_key: email ? `email:${email}` : `manual:${randomUUID()}`,
        donor_name: optionalText(input.donorName, 'donorName', 200),
        donor_email: email,
        message: optionalText(input.message, 'message', 2000),
        on_donor_wall: input.onDonorWall ? 1 : 0,
        article_slug: optionalText(input.articleSlug, 'articleSlug', 200),
        note,
        recorded_by: staff.name,
        external_id: null,
        refund_of: null,
        created_at: this.now(),
      });
    });
    this.changed(actor.siteId);
    return toEntry(row);
  }

  /**
   * A reader's gift to the site's running campaign. With an `externalId` already recorded, nothing
   * changes and the earlier entry is returned (`created: false`): a payment told twice counts once.
   */
  async recordGift(siteId: string, gift: GiftInput): Promise<{ entry: LedgerEntry; created: boolean }> {
    const amount = checkAmount(gift.amount, 'amount', false);
    const email = checkEmail(gift.donorEmail ?? undefined);
    if (gift.externalId) {
      const known = await this.store.campaigns.findEntryByExternalId(gift.externalId);
      if (known) return { entry: toEntry(known), created: false };
    }
    const receivedAt = gift.receivedAt ?? this.now();
    const row = await this.store.transaction(async (tx) => {
      const campaign = await tx.campaigns.activeCampaign(siteId);
      if (!campaign) throw new ServiceError('conflict', 'no_campaign', 'This site runs no campaign to give to.');
      if (campaign.currency !== gift.currency.toUpperCase()) throw invalid('currency_mismatch', 'currency', `This campaign counts in ${campaign.currency}.`);
      return tx.campaigns.insertEntry({
        site_id: siteId,
        campaign_id: campaign.id,
        kind: gift.kind,
        amount,
        currency: campaign.currency,
        received_at: receivedAt,
        donor_key: gift.donorKey ? `customer:${gift.donorKey}` : email ? `email:${email}` : `gift:${randomUUID()}`,
        donor_name: optionalText(gift.donorName ?? undefined, 'name', 200),
        donor_email: email,
        message: optionalText(gift.message ?? undefined, 'message', 2000),
        on_donor_wall: gift.onDonorWall ? 1 : 0,
        article_slug: optionalText(gift.articleSlug ?? undefined, 'articleSlug', 200),
        note: null,
        recorded_by: null,
        external_id: gift.externalId ?? null,
        refund_of: null,
        created_at: this.now(),
      });
    });
    this.changed(siteId);
    return { entry: toEntry(row), created: true };
  }

  /**
   * A refund of an earlier entry, as a new negative entry dated now (it counts in today's period,
   * not the gift's). All of what is left unrefunded when `amount` is not given.
   */
  async refund(actor: Actor, entryId: number, input: { amount?: number; note?: string }): Promise<LedgerEntry> {
    const staff = this.editorOf(actor);
    return this.refundEntry(actor.siteId, entryId, { ...input, recordedBy: staff.name });
  }

  /** As `refund`, for a payment provider's notice; an `externalId` seen before changes nothing. */
  async refundEntry(siteId: string, entryId: number, input: { amount?: number; note?: string; recordedBy?: string | null; externalId?: string | null }): Promise<LedgerEntry> {
    if (input.externalId) {
      const known = await this.store.campaigns.findEntryByExternalId(input.externalId);
      if (known) return toEntry(known);
    }
    const now = this.now();
    const row = await this.store.transaction(async (tx) => {
      const original = await tx.campaigns.findEntry(siteId, entryId);
      if (!original) throw notFound('entry_not_found', `No ledger entry with id ${entryId} on this site.`);
      if (original.amount <= 0) throw invalid('not_refundable', 'entryId', 'Only a gift can be refunded, not a refund or a correction.');
      const left = original.amount + (await tx.campaigns.refundedOf(original.id));
      const amount = input.amount === undefined ? left : checkAmount(input.amount, 'amount', false);
      if (left <= 0) throw new ServiceError('conflict', 'already_refunded', `Entry ${entryId} has been refunded in full.`, 'entryId');
      if (amount > left) throw invalid('refund_too_large', 'amount', `At most ${left} (minor units) of entry ${entryId} is left to refund.`);
      return tx.campaigns.insertEntry({
        site_id: siteId,
        campaign_id: original.campaign_id,
        kind: 'refund',
        amount: -amount,
        currency: original.currency,
        received_at: now,
        donor_key: original.donor_key,
        donor_name: original.donor_name,
        donor_email: original.donor_email,
        message: null,
        on_donor_wall: 0,
        article_slug: original.article_slug,
        note: optionalText(input.note, 'note', 1000),
        recorded_by: input.recordedBy ?? null,
        external_id: input.externalId ?? null,
        refund_of: original.id,
        created_at: now,
      });
    });
    this.changed(siteId);
    return toEntry(row);
  }

  /** The site's ledger for staff: entries received from `from` to `to` (ISO; this month by default). */
  async ledger(actor: Actor, filter: { from?: string; to?: string; campaignId?: number }): Promise<{ from: string; to: string; entries: LedgerEntry[] }> {
    this.editorOf(actor);
    const month = monthOf(this.now(), this.localeOf(actor.siteId).timeZone);
    const from = filter.from === undefined ? month.start : this.parseDate(actor.siteId, filter.from, 'from', 'start');
    const to = filter.to === undefined ? month.end : this.parseDate(actor.siteId, filter.to, 'to', 'end');
    if (to <= from) throw invalid('period_invalid', 'to', 'The end of the period must come after its start.');
    const rows = await this.store.campaigns.entries(actor.siteId, { from, to, ...(filter.campaignId === undefined ? {} : { campaignId: filter.campaignId }) }, 10_000);
    return { from: iso(from), to: iso(to), entries: rows.map(toEntry) };
  }

  private describe = async (row: CampaignRow, now: number): Promise<Campaign> => {
    const { timeZone } = this.localeOf(row.site_id);
    const period = row.period === 'monthly' ? monthOf(now, timeZone) : { start: row.starts_at!, end: row.ends_at! };
    const totals = await this.store.campaigns.totals(row.id, period.start, period.end);
    return {
      id: row.id,
      title: row.title,
      goal: row.goal,
      currency: row.currency,
      period: row.period,
      atGoal: row.at_goal,
      stretchGoal: row.stretch_goal,
      active: row.active === 1,
      periodStart: iso(period.start),
      periodEnd: iso(period.end),
      raised: totals.raised,
      donors: totals.supporters,
      timeZone,
      countdown: countdown(Math.max(now, period.start), period.end, timeZone, row.period === 'monthly'),
      counts: COUNTS_TOWARD,
    };
  };

  /** The campaign's fields from the input, each checked; `before` fills what an edit leaves out. */
  private checked(siteId: string, input: CampaignInput, before: CampaignRow | null) {
    const title = (input.title ?? before?.title ?? '').trim();
    if (title.length < 1 || title.length > 200) throw invalid('title_invalid', 'title', 'A campaign needs a title of 1 to 200 characters.');
    const goal = input.goal === undefined && before ? before.goal : checkAmount(input.goal, 'goal', false);
    const currency = (input.currency ?? before?.currency ?? '').toUpperCase();
    if (!isCurrency(currency)) throw invalid('currency_invalid', 'currency', 'The currency is a three-letter ISO 4217 code such as USD or EUR.');
    const period = input.period ?? before?.period;
    if (period !== 'monthly' && period !== 'fixed') throw invalid('period_invalid', 'period', 'The period is "monthly" (resets on the 1st) or "fixed" (with startsAt and endsAt).');
    let startsAt: number | null = null;
    let endsAt: number | null = null;
    if (period === 'fixed') {
      startsAt = input.startsAt === undefined ? (before?.starts_at ?? null) : this.parseDate(siteId, input.startsAt, 'startsAt', 'start');
      endsAt = input.endsAt === undefined ? (before?.ends_at ?? null) : this.parseDate(siteId, input.endsAt, 'endsAt', 'end');
      if (startsAt === null) throw invalid('starts_at_required', 'startsAt', 'A fixed campaign needs startsAt (a date or an ISO date-time).');
      if (endsAt === null) throw invalid('ends_at_required', 'endsAt', 'A fixed campaign needs endsAt (a date or an ISO date-time).');
      if (endsAt <= startsAt) throw invalid('ends_before_start', 'endsAt', 'A campaign must end after it starts.');
    }
    const atGoal = input.atGoal ?? before?.at_goal ?? 'keep-going';
    if (atGoal !== 'keep-going' && atGoal !== 'stretch') throw invalid('at_goal_invalid', 'atGoal', 'At the goal the meter can "keep-going" (full, "goal reached") or show a "stretch" goal.');
    const stretchGoal = input.stretchGoal === undefined ? (before?.stretch_goal ?? null) : input.stretchGoal === null ? null : checkAmount(input.stretchGoal, 'stretchGoal', false);
    if (atGoal === 'stretch' && (stretchGoal === null || stretchGoal <= goal)) {
      throw invalid('stretch_goal_invalid', 'stretchGoal', 'A stretch goal must be larger than the goal (both in minor units).');
    }
    return { title, goal, currency, period, starts_at: startsAt, ends_at: endsAt, at_goal: atGoal, stretch_goal: stretchGoal } as const;
  }

  /** A date ("2026-09-01": that day's start, or with `end` its end, in the site's zone) or an ISO date-time. */
  private parseDate(siteId: string, text: string, field: string, edge: 'start' | 'end'): number {
    const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
    if (day) {
      const [y, m, d] = [Number(day[1]), Number(day[2]), Number(day[3])];
      const check = new Date(Date.UTC(y, m - 1, d));
      if (check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) throw invalid('date_invalid', field, `${field} is not a date: "${text}".`);
      return startOfDay(y, m, d + (edge === 'end' ? 1 : 0), this.localeOf(siteId).timeZone);
    }
    return parseMoment(text, field);
  }

  /** Campaigns and the ledger are for admins and editors. */
  private editorOf(actor: Actor) {
    return staffWith(actor, 'runCampaigns');
  }

  private changed(siteId: string): void {
    this.bus.publish({ type: 'campaign.changed', siteId });
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function parseMoment(text: string, field: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(text.trim()) ? Date.parse(text) : NaN;
  if (Number.isNaN(ms)) throw invalid('date_invalid', field, `${field} must be a date (2026-09-01) or an ISO date-time with its offset (2026-09-01T09:00:00+02:00).`);
  return ms;
}

function checkAmount(value: number | undefined, field: string, allowNegative: boolean): number {
  if (value === undefined || !Number.isSafeInteger(value) || value === 0 || Math.abs(value) > MAX_AMOUNT || (!allowNegative && value < 0)) {
    throw invalid('amount_invalid', field, `${field} is a whole number of minor units (cents)${allowNegative ? ', not zero' : ', above zero'}, at most ${MAX_AMOUNT}.`);
  }
  return value;
}

function checkEmail(value: string | undefined | null): string | null {
  const email = (value ?? '').trim().toLowerCase();
  if (!email) return null;
  if (email.length > 254 || !EMAIL.test(email)) throw invalid('email_invalid', 'donorEmail', 'That is not an e-mail address.');
  return email;
}

function optionalText(value: string | undefined | null, field: string, max: number): string | null {
  const text = (value ?? '').trim();
  if (!text) return null;
  if (text.length > max) throw invalid('too_long', field, `${field} is at most ${max} characters.`);
  return text;
}

function toEntry(row: LedgerEntryRow): LedgerEntry {
  return {
    id: row.id,
    campaignId: row.campaign_id,
    kind: row.kind,
    amount: row.amount,
    currency: row.currency,
    receivedAt: iso(row.received_at),
    donorName: row.donor_name,
    donorEmail: row.donor_email,
    message: row.message,
    onDonorWall: row.on_donor_wall === 1,
    articleSlug: row.article_slug,
    note: row.note,
    recordedBy: row.recorded_by,
    refundOf: row.refund_of,
    createdAt: iso(row.created_at),
  };
}

