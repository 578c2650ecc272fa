import type { SiteSettings } from '../../../config.js';
import type { AuditPage } from '../../../services/moderation-queue.js';
import { html } from '../html.js';
import { renderLayout } from '../layout.js';

const ACTIONS: Record<string, string> = { approve: 'approved', reject: 'rejected', spam: 'marked as spam', edit: 'edited' };

const describe = (value: unknown) => {
  if (!value || typeof value !== 'object') return '';
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join('\n');
};

/** The audit log: who did what to which comment, and when; admins only. */
export function renderAuditLog({ site, page }: { site: SiteSettings; page: AuditPage }): string {
  const body = html`<section class="staff-page audit">
  <h1>Audit log</h1>
  <p><a href="/staff/moderation">Moderation queue</a> · <a href="/staff">Staff home</a></p>
  ${
    page.entries.length === 0
      ? html`<p>No moderator actions yet.</p>`
      : html`<table class="audit-log">
    <thead><tr><th>When</th><th>Who</th><th>What</th><th>Comment</th><th>Before</th><th>After</th></tr></thead>
    <tbody>${page.entries.map(
      (e) => html`<tr class="audit-entry" data-action="${e.action}">
      <td><time datetime="${e.createdAt}">${e.createdAt.replace('T', ' ').slice(0, 19)} UTC</time></td>
      <td>${e.staffName}</td>
      <td>${ACTIONS[e.action] ?? e.action}</td>
      <td>${e.commentId === null ? '' : `#${e.commentId}`}</td>
      <td><pre>${describe(e.details.before)}</pre></td>
      <td><pre>${describe(e.details.after)}</pre></td>
    </tr>`,
    )}</tbody>
  </table>`
  }
  ${page.nextCursor ? html`<p><a href="/staff/audit?cursor=${page.nextCursor}">Older entries</a></p>` : null}
</section>`;
  return renderLayout({
    site,
    title: 'Audit log',
    body: body.toString(),
    head: '<style>.audit{max-width:70rem;margin:0 auto;padding:1rem}.audit-log{border-collapse:collapse;width:100%}.audit-log td,.audit-log th{border:1px solid #ddd;padding:.3rem .5rem;vertical-align:top;text-align:left}.audit-log pre{margin:0;white-space:pre-wrap;font-size:.85em}</style>',
  });
}
