import type { SiteSettings } from '../../../config.js';
import type { LedgerEntry } from '../../../services/campaigns.js';
import { formatMoney, toDecimal } from '../../../shared/money.js';
import { html } from '../html.js';
import { renderLayout } from '../layout.js';

export interface LedgerPageInput {
  site: SiteSettings;
  locale: string;
  /** The period shown, as the filter form holds it (dates). */
  filter: { from: string; to: string };
  entries: LedgerEntry[];
  /** The running campaign a gift recorded here counts toward; null when none runs. */
  campaign: { title: string; currency: string } | null;
  csrfToken: string;
  /** Today in the site's time zone, for the form's date. */
  today: string;
}

const KINDS: Record<LedgerEntry['kind'], string> = { gift: 'gift', renewal: 'monthly renewal', refund: 'refund', manual: 'recorded by hand' };

/** Totals per currency, in minor units: a ledger may hold more than one campaign's currency. */
function totals(entries: LedgerEntry[]): Map<string, number> {
  const sums = new Map<string, number>();
  for (const e of entries) sums.set(e.currency, (sums.get(e.currency) ?? 0) + e.amount);
  return sums;
}

/** The ledger for admins and editors: every entry of a period, as recorded, with the CSV of the same. */
export function renderLedgerPage({ site, locale, filter, entries, campaign, csrfToken, today }: LedgerPageInput): string {
  const query = `from=${encodeURIComponent(filter.from)}&to=${encodeURIComponent(filter.to)}`;
  const sums = [...totals(entries)].map(([currency, sum]) => formatMoney(sum, currency, locale));
  const body = html`<section class="staff-page ledger">
  <h1>Ledger</h1>
  <p><a href="/staff">Staff home</a></p>
  <form class="ledger__filter" method="get" action="/staff/ledger">
    <label>From <input type="date" name="from" value="${filter.from}" required></label>
    <label>To (included) <input type="date" name="to" value="${filter.to}" required></label>
    <button type="submit">Show</button>
    <a href="/staff/ledger.csv?${query}" download>Download CSV</a>
  </form>
  ${
    campaign
      ? html`<details class="ledger__record">
    <summary>Record a gift received by hand</summary>
    <form method="post" action="/staff/ledger/entries">
      <input type="hidden" name="csrf" value="${csrfToken}">
      <p>Counts toward “${campaign.title}”, in the period of the day it was received.</p>
      <label>Amount (${campaign.currency}) <input name="amount" inputmode="decimal" required placeholder="25.00"></label>
      <label>Received on <input type="date" name="receivedOn" value="${today}" required></label>
      <label>Note <input name="note" required placeholder="Bank transfer, reference …"></label>
      <label>Supporter’s name <input name="donorName" placeholder="Anonymous"></label>
      <label>Supporter’s e-mail <input type="email" name="donorEmail"></label>
      <label>From article (slug) <input name="articleSlug"></label>
      <button type="submit">Record the gift</button>
    </form>
  </details>`
      : html`<p>The site runs no campaign: start one to record gifts toward it.</p>`
  }
  <p class="ledger__total">${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}${sums.length ? html`, net ${sums.join(' + ')}` : null}</p>
  ${
    entries.length === 0
      ? html`<p>Nothing was received in this period.</p>`
      : html`<table class="ledger__table">
    <thead><tr><th>Received (UTC)</th><th>Kind</th><th>Amount</th><th>Supporter</th><th>From article</th><th>Note</th><th>Recorded by</th></tr></thead>
    <tbody>${entries.map(
      (e) => html`<tr data-kind="${e.kind}">
      <td><time datetime="${e.receivedAt}">${e.receivedAt.replace('T', ' ').slice(0, 16)}</time></td>
      <td>${KINDS[e.kind]}${e.refundOf ? ` of #${e.refundOf}` : ''}</td>
      <td class="ledger__amount">${formatMoney(e.amount, e.currency, locale)}</td>
      <td>${e.donorName ?? 'Anonymous'}${e.donorEmail ? html`<br><small>${e.donorEmail}</small>` : null}</td>
      <td>${e.articleSlug ? html`<a href="/articles/${encodeURIComponent(e.articleSlug)}">${e.articleSlug}</a>` : null}</td>
      <td>${e.note ?? ''}${e.message ? html`<br><small>“${e.message}”</small>` : null}</td>
      <td>${e.recordedBy ?? ''}</td>
    </tr>`,
    )}</tbody>
  </table>`
  }
</section>`;
  return renderLayout({
    site,
    title: 'Ledger',
    body: body.toString(),
    head: '<style>.ledger{max-width:70rem;margin:0 auto;padding:1rem}.ledger__filter{display:flex;flex-wrap:wrap;gap:.75rem;align-items:end;margin:1rem 0}.ledger__table{border-collapse:collapse;width:100%}.ledger__table td,.ledger__table th{border:1px solid #ddd;padding:.3rem .5rem;vertical-align:top;text-align:left}.ledger__amount{text-align:right;white-space:nowrap}.ledger__record form{display:grid;gap:.5rem;max-width:30rem;margin:.5rem 0 1rem}.ledger__record label{display:grid;gap:.2rem}</style>',
  });
}

const CSV_COLUMNS = ['id', 'received_at', 'kind', 'amount', 'currency', 'donor_name', 'donor_email', 'message', 'on_donor_wall', 'article', 'note', 'recorded_by', 'refund_of', 'campaign_id'] as const;

/** A cell as RFC 4180 quotes it; text a spreadsheet would run as a formula gets a leading apostrophe. */
function cell(value: string | number | boolean | null, text = false): string {
  if (value === null) return '';
  let out = String(value);
  if (text && /^[=+\-@\t\r]/.test(out)) out = `'${out}`;
  return /[",\r\n]/.test(out) ? `"${out.replace(/"/g, '""')}"` : out;
}

/** The same entries as CSV: amounts in the major unit, written exactly ("-12.50"). */
export function ledgerCsv(entries: LedgerEntry[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const e of entries) {
    lines.push(
      [
        cell(e.id),
        cell(e.receivedAt),
        cell(e.kind),
        cell(toDecimal(e.amount, e.currency)),
        cell(e.currency),
        cell(e.donorName, true),
        cell(e.donorEmail, true),
        cell(e.message, true),
        cell(e.onDonorWall),
        cell(e.articleSlug, true),
        cell(e.note, true),
        cell(e.recordedBy, true),
        cell(e.refundOf),
        cell(e.campaignId),
      ].join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
