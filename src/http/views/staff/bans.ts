import type { SiteSettings } from '../../../config.js';
import type { Ban } from '../../../services/bans.js';
import type { StaffSession } from '../../../services/staff.js';
import { html, type SafeHtml } from '../html.js';
import { renderLayout } from '../layout.js';
import { noticeLine, queueTabs, STYLE, type Notice } from './moderation-queue.js';

const KIND = { email: 'E-mail', ip: 'Address', reader: 'Browser', account: 'Reader account' } as const;
const dateTime = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
const when = (iso: string): SafeHtml => html`<time datetime="${iso}">${dateTime.format(new Date(iso))} UTC</time>`;

export interface BansPageInput {
  site: SiteSettings;
  session: StaffSession;
  bans: Ban[];
  notice?: Notice | undefined;
}

/** The bans and suspensions in force, each with a Lift button. Never shows the banned value itself. */
export function renderBansPage({ site, session, bans, notice }: BansPageInput): string {
  const body = html`<section class="staff-page mq">
  <h1>Bans in force</h1>
  <p>Signed in as ${session.staff.name} (${session.staff.role}) · <a href="/staff">Staff home</a></p>
  ${queueTabs('bans')}
  ${noticeLine(notice)}
  ${
    bans.length === 0
      ? html`<p class="mq-empty">No bans in force.</p>`
      : html`<form method="post" action="/staff/moderation/bans/lift">
    <input type="hidden" name="csrf" value="${session.csrfToken}">
    <table class="mq-bans"><thead><tr><th>Kind</th><th>Reason</th><th>By</th><th>Since</th><th>Until</th><th></th></tr></thead><tbody>${bans.map(
      (b) => html`<tr id="ban-${b.id}"><td>${KIND[b.kind]}</td><td>${b.reason}</td><td>${b.createdBy}</td><td>${when(b.createdAt)}</td><td>${
        b.expiresAt ? when(b.expiresAt) : 'Until lifted'
      }</td><td><button type="submit" name="id" value="${b.id}">Lift</button></td></tr>`,
    )}</tbody></table>
  </form>`
  }
</section>`;
  return renderLayout({ site, title: 'Moderation: Bans', body: body.toString(), head: `<style>${STYLE}</style>` });
}
