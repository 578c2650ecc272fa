import type { SiteSettings } from '../../../config.js';
import type { QueueCard, QueuePage, QueueTab } from '../../../services/moderation-queue.js';
import type { StaffSession } from '../../../services/staff.js';
import { escapeHtml, html, raw, safeUrl, type SafeHtml } from '../html.js';
import { renderLayout } from '../layout.js';

export const TAB_LABELS: Record<QueueTab, string> = {
  pending: 'Pending',
  reported: 'Reported',
  spam: 'Spam',
  approved: 'Approved',
  rejected: 'Rejected',
};

const DONE: Record<string, string> = { approve: 'Approved', reject: 'Rejected', spam: 'Marked as spam', edit: 'Saved the edit of' };

const KIND_LABELS = { email: 'e-mail', ip: 'address', reader: 'browser', account: 'account' } as const;
export type BanKindName = keyof typeof KIND_LABELS;

/** What a ban, lift or thread action did, or why it was not done: the line above the cards. */
export type Notice =
  | { done: 'ban' | 'suspend'; commentId: number; days?: number | undefined; by: BanKindName[] }
  | { done: 'close' | 'reopen'; commentId: number }
  | { done: 'lift' }
  | { error: string };

/** Messages for the refusals the staff forms can meet, by error code; the URL carries only the code. */
const ERRORS: Record<string, string> = {
  reason_required: 'Give the commenter a reason: they see it when they try to post.',
  by_required: 'Choose what to ban: e-mail, address and/or this browser.',
  nothing_to_ban: 'That comment has none of the chosen identifiers to ban (guests may post without e-mail).',
  comment_not_found: 'That comment no longer exists.',
  ban_not_found: 'That ban is no longer in force.',
  thread_not_found: 'That discussion no longer exists.',
  days_invalid: 'Choose how long the ban lasts.',
};

export function noticeLine(notice: Notice | undefined): SafeHtml | null {
  if (!notice) return null;
  if ('error' in notice) return html`<p class="mq-error" role="alert">Not done: ${ERRORS[notice.error] ?? 'the action was refused. Reload the page and try again.'}</p>`;
  let text: string;
  switch (notice.done) {
    case 'ban':
    case 'suspend': {
      const by = notice.by.length > 0 ? ` (by ${notice.by.map((k) => KIND_LABELS[k]).join(', ')})` : '';
      text =
        notice.done === 'suspend' && notice.days
          ? `Suspended the author of comment ${notice.commentId} for ${notice.days} day${notice.days === 1 ? '' : 's'}${by}.`
          : `Banned the author of comment ${notice.commentId}${by}.`;
      break;
    }
    case 'close':
      text = `Closed the discussion of comment ${notice.commentId} to new comments.`;
      break;
    case 'reopen':
      text = `Reopened the discussion of comment ${notice.commentId}.`;
      break;
    case 'lift':
      text = 'Lifted the ban.';
      break;
  }
  return html`<p class="mq-done" role="status">${text}</p>`;
}

/** The tabs, with the Bans page after the queue's own. */
export function queueTabs(current: QueueTab | 'bans'): SafeHtml {
  return html`<nav aria-label="Queue tabs"><ul class="mq-tabs">${(Object.keys(TAB_LABELS) as QueueTab[]).map(
    (t) => html`<li><a href="/staff/moderation?tab=${t}"${t === current ? raw(' aria-current="page"') : null}>${TAB_LABELS[t]}</a></li>`,
  )}<li><a href="/staff/moderation/bans"${current === 'bans' ? raw(' aria-current="page"') : null}>Bans</a></li></ul></nav>`;
}

export interface QueuePageInput {
  site: SiteSettings;
  session: StaffSession;
  page: QueuePage;
  /** What the last action did, for the line above the cards. */
  done?: { action: string; count: number } | undefined;
  /** What the last ban or thread action did, or why not. */
  notice?: Notice | undefined;
}

/**
 * Escapes `text`, then wraps every occurrence of each matched string in `<mark>`. Escaping first
 * means the matched words are compared in their escaped form, and nothing a commenter wrote can
 * become markup; one pass of one pattern means a mark is never marked again.
 */
export function highlight(text: string, matched: readonly string[]): SafeHtml {
  const escaped = escapeHtml(text);
  const needles = [...new Set(matched.filter((m) => m.trim().length > 0).map(escapeHtml))].sort((a, b) => b.length - a.length);
  if (needles.length === 0) return raw(escaped);
  const pattern = new RegExp(needles.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'giu');
  return raw(escaped.replace(pattern, (m) => `<mark>${m}</mark>`));
}

const dateTime = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
const when = (iso: string) => html`<time datetime="${iso}">${dateTime.format(new Date(iso))} UTC</time>`;

function historyLine(card: QueueCard): SafeHtml {
  const h = card.history;
  const parts = [
    [h.published ?? 0, 'approved'],
    [h.pending ?? 0, 'pending'],
    [h.rejected ?? 0, 'rejected'],
    [h.spam ?? 0, 'spam'],
    [h.deleted ?? 0, 'deleted'],
  ] as const;
  return html`<p class="mq-history"><strong>History:</strong> ${parts.map(([n, label], i) => html`${i > 0 ? ' · ' : ''}<span class="mq-history__${label}">${n} ${label}</span>`)}</p>`;
}

/** The learned model's verdict at a glance: its category and a bar as long as its score. */
function modelScore(code: string, score: number): SafeHtml {
  const category = code.replace(/^model_/, '').replace(/_/g, ' ');
  const percent = Math.round(Math.min(1, Math.max(0, score)) * 100);
  return html`<span class="mq-score" title="The model's score for ${category}: ${score.toFixed(2)} of 1"><span class="mq-score__label">${category}</span> <meter min="0" max="1" value="${score.toFixed(2)}">${percent}%</meter> <span class="mq-score__value">${score.toFixed(2)}</span></span> `;
}

function renderCard(card: QueueCard, tab: QueueTab): SafeHtml {
  const matched = card.reasons.flatMap((r) => r.matched ?? []);
  const articleHref = card.article.slug ? `/articles/${encodeURIComponent(card.article.slug)}` : null;
  return html`<article class="mq-card" id="card-${card.id}" data-id="${card.id}" tabindex="-1">
  <header class="mq-card__head">
    <label class="mq-select"><input type="checkbox" name="ids" value="${card.id}" class="mq-check"> Select</label>
    <span class="mq-author">${highlight(card.author.name, matched)}</span>
    ${card.author.email ? html`<span class="mq-email">${card.author.email}</span>` : null}
    <span class="mq-status mq-status--${card.status}">${card.status}</span>
    <span class="mq-when">${when(card.createdAt)}</span>
  </header>
  <p class="mq-context">On ${articleHref ? html`<a href="${safeUrl(articleHref)}">${card.article.title}</a>` : html`<span>${card.article.title}</span>`}${
    card.parent ? html`, in reply to <strong>${card.parent.author || 'a deleted comment'}</strong>` : null
  }</p>
  ${card.parent ? html`<blockquote class="mq-parent">${card.parent.body}</blockquote>` : null}
  <div class="mq-body">${highlight(card.body, matched)}</div>
  ${card.editedBy ? html`<p class="mq-edited">Last edited by ${card.editedBy}${card.editedAt ? html` on ${when(card.editedAt)}` : null}</p>` : null}
  ${
    card.reasons.length > 0
      ? html`<ul class="mq-reasons">${card.reasons.map(
          (r) => html`<li><span class="mq-phase">${r.phase}</span> ${r.score !== undefined ? modelScore(r.code, r.score) : null}${r.message}${
            r.matched && r.matched.length > 0 ? html` (${r.matched.map((m, i) => html`${i > 0 ? ', ' : ''}<mark>${m}</mark>`)})` : null
          }</li>`,
        )}</ul>`
      : null
  }
  ${historyLine(card)}
  ${
    card.reports.length > 0
      ? html`<details class="mq-reports" open><summary>${card.reports.length} report${card.reports.length === 1 ? '' : 's'}</summary><ul>${card.reports.map(
          (r) => html`<li><strong>${r.reason.replace('_', ' ')}</strong>${r.note ? html`: ${r.note}` : null} · ${when(r.createdAt)}</li>`,
        )}</ul></details>`
      : null
  }
  ${
    card.revisions.length > 0
      ? html`<details class="mq-revisions"><summary>${card.revisions.length} earlier version${card.revisions.length === 1 ? '' : 's'}</summary><ol>${card.revisions.map(
          (r) => html`<li><p class="mq-rev-meta">Replaced by ${r.replacedBy} on ${when(r.replacedAt)}</p><div class="mq-body">${r.body}</div></li>`,
        )}</ol></details>`
      : null
  }
  <div class="mq-actions">
    ${tab === 'approved' && card.status === 'published' ? null : html`<button type="submit" name="do" value="approve:${card.id}" class="mq-approve">Approve</button>`}
    ${card.status === 'rejected' ? null : html`<button type="submit" name="do" value="reject:${card.id}" class="mq-reject">Reject</button>`}
    ${card.status === 'spam' ? null : html`<button type="submit" name="do" value="spam:${card.id}" class="mq-spam">Spam</button>`}
    ${
      card.status === 'published' || card.status === 'pending'
        ? html`<details class="mq-edit"><summary>Edit</summary>
      <label for="edit-body-${card.id}">Text</label>
      <textarea id="edit-body-${card.id}" name="body" form="edit-${card.id}" rows="5">${card.body}</textarea>
      <button type="submit" form="edit-${card.id}">Save edit</button>
    </details>`
        : null
    }
    ${banDisclosure(card)}
    <button type="submit" form="thread-${card.id}" class="mq-thread">${card.article.closed ? 'Reopen discussion' : 'Close discussion'}</button>
  </div>
</article>`;
}

/** "Ban author": its fields belong to the form `ban-ID` outside the queue form (forms do not nest). */
function banDisclosure(card: QueueCard): SafeHtml {
  const kinds = (['account', 'email', 'ip', 'reader'] as const).filter((k) => card.bannable[k]);
  if (kinds.length === 0) return html``;
  const label = { account: html`Reader account`, email: card.author.email ? html`E-mail (${card.author.email})` : html`E-mail`, ip: html`Address`, reader: html`This browser` };
  const f = `ban-${card.id}`;
  return html`<details class="mq-ban"><summary>Ban author</summary>
      <fieldset><legend>Ban by</legend>${kinds.map(
        (k) => html`<label><input type="checkbox" name="by" value="${k}" form="${f}"${k === 'ip' ? null : raw(' checked')}> ${label[k]}</label> `,
      )}</fieldset>
      <label for="ban-reason-${card.id}">Reason (the commenter sees it)</label>
      <input id="ban-reason-${card.id}" name="reason" form="${f}" required maxlength="500">
      <label for="ban-days-${card.id}">For</label>
      <select id="ban-days-${card.id}" name="days" form="${f}">
        <option value="1">1 day</option><option value="7" selected>7 days</option><option value="30">30 days</option><option value="permanent">Permanent</option>
      </select>
      <button type="submit" form="${f}" class="mq-ban-submit">Ban</button>
    </details>`;
}

function cardForms(card: QueueCard, tab: QueueTab, csrf: string): SafeHtml {
  return html`<form id="ban-${card.id}" method="post" action="/staff/moderation/bans" hidden>
  <input type="hidden" name="csrf" value="${csrf}"><input type="hidden" name="tab" value="${tab}"><input type="hidden" name="commentId" value="${card.id}">
</form>
<form id="thread-${card.id}" method="post" action="/staff/moderation/threads" hidden>
  <input type="hidden" name="csrf" value="${csrf}"><input type="hidden" name="tab" value="${tab}"><input type="hidden" name="commentId" value="${card.id}">
  <input type="hidden" name="closed" value="${card.article.closed ? '0' : '1'}">
</form>`;
}

function editForm(card: QueueCard, tab: QueueTab, csrf: string): SafeHtml {
  if (card.status !== 'published' && card.status !== 'pending') return html``;
  return html`<form id="edit-${card.id}" method="post" action="/staff/moderation/actions" hidden>
  <input type="hidden" name="csrf" value="${csrf}"><input type="hidden" name="tab" value="${tab}">
  <input type="hidden" name="action" value="edit"><input type="hidden" name="ids" value="${card.id}">
</form>`;
}

export const STYLE = `
.mq { max-width: 60rem; margin: 0 auto; padding: 1rem; }
.mq-tabs { display: flex; gap: .25rem; flex-wrap: wrap; border-bottom: 2px solid #ccc; margin-bottom: 1rem; padding: 0; list-style: none; }
.mq-tabs a { display: block; padding: .4rem .9rem; text-decoration: none; border: 1px solid #ccc; border-bottom: none; border-radius: 4px 4px 0 0; }
.mq-tabs a[aria-current="page"] { background: #222; color: #fff; }
.mq-bulk { position: sticky; top: 0; background: #f4f4f4; padding: .5rem; border: 1px solid #ddd; display: flex; gap: .5rem; align-items: center; z-index: 1; }
.mq-card { border: 1px solid #ddd; border-radius: 6px; padding: .75rem 1rem; margin: .75rem 0; background: #fff; }
.mq-card--current, .mq-card:focus { outline: 3px solid #3a6ff7; }
.mq-card__head { display: flex; gap: .75rem; align-items: baseline; flex-wrap: wrap; }
.mq-author { font-weight: bold; }
.mq-email, .mq-when, .mq-context, .mq-history, .mq-edited, .mq-rev-meta { color: #555; font-size: .9em; }
.mq-status { font-size: .8em; text-transform: uppercase; padding: 0 .4rem; border-radius: 3px; background: #eee; }
.mq-status--pending { background: #fff3c4; } .mq-status--spam { background: #f7d9ff; } .mq-status--rejected { background: #ffd6d6; } .mq-status--published { background: #d7f5dc; }
.mq-parent { margin: .25rem 0; padding: .25rem .75rem; border-left: 3px solid #bbb; color: #444; white-space: pre-wrap; }
.mq-body { white-space: pre-wrap; margin: .5rem 0; }
.mq-reasons { margin: .25rem 0; padding-left: 1.2rem; font-size: .9em; }
.mq-score { display: inline-flex; align-items: center; gap: .3em; margin-right: .3em; padding: 0 .4em; border: 1px solid #c9b458; border-radius: .3em; background: #fffbe6; white-space: nowrap; }
.mq-score__label { font-weight: 600; }
.mq-score meter { width: 4em; height: .8em; }
.mq-phase { font-family: monospace; background: #eef; padding: 0 .3rem; }
mark { background: #ffe066; padding: 0 .1em; }
.mq-actions { display: flex; gap: .5rem; flex-wrap: wrap; align-items: flex-start; }
.mq-actions textarea { width: 100%; min-width: 30rem; display: block; }
.mq-keys { font-size: .85em; color: #555; } .mq-keys kbd { border: 1px solid #aaa; border-radius: 3px; padding: 0 .3em; background: #fafafa; }
.mq-done { background: #d7f5dc; padding: .4rem .75rem; border-radius: 4px; }
.mq-error { background: #ffd6d6; padding: .4rem .75rem; border-radius: 4px; }
.mq-ban[open] { flex-basis: 100%; border: 1px solid #e0b4b4; border-radius: 4px; padding: .5rem .75rem; background: #fff8f8; }
.mq-ban fieldset { border: none; padding: 0; margin: .25rem 0; } .mq-ban legend { font-weight: bold; padding: 0; }
.mq-ban input[name="reason"] { width: 100%; max-width: 36rem; display: block; margin-bottom: .4rem; }
.mq-bans { border-collapse: collapse; width: 100%; } .mq-bans th, .mq-bans td { text-align: left; border-bottom: 1px solid #ddd; padding: .35rem .5rem; vertical-align: top; }
`;

export function renderModerationQueue({ site, session, page, done, notice }: QueuePageInput): string {
  const tab = page.tab;
  const isAdmin = session.staff.role === 'admin';
  const body = html`<section class="staff-page mq">
  <h1>Moderation queue</h1>
  <p>Signed in as ${session.staff.name} (${session.staff.role}) · <a href="/staff">Staff home</a>${isAdmin ? html` · <a href="/staff/audit">Audit log</a>` : null}</p>
  ${queueTabs(tab)}
  ${noticeLine(notice)}
  ${done ? html`<p class="mq-done" role="status">${DONE[done.action] ?? done.action} ${done.count} comment${done.count === 1 ? '' : 's'}.</p>` : null}
  <p class="mq-keys">Keyboard: <kbd>j</kbd>/<kbd>k</kbd> next/previous card · <kbd>a</kbd> approve · <kbd>r</kbd> reject · <kbd>s</kbd> spam · <kbd>x</kbd> select for a bulk action</p>
  <form method="post" action="/staff/moderation/actions" class="mq-form">
    <input type="hidden" name="csrf" value="${session.csrfToken}">
    <input type="hidden" name="tab" value="${tab}">
    ${
      page.cards.length === 0
        ? html`<p class="mq-empty">Nothing in ${TAB_LABELS[tab]}.</p>`
        : html`<div class="mq-bulk" role="group" aria-label="Bulk actions">With the selected:
      <button type="submit" name="action" value="approve">Approve</button>
      <button type="submit" name="action" value="reject">Reject</button>
      <button type="submit" name="action" value="spam">Spam</button>
    </div>
    ${page.cards.map((card) => renderCard(card, tab))}`
    }
  </form>
  ${page.cards.map((card) => html`${editForm(card, tab, session.csrfToken)}${cardForms(card, tab, session.csrfToken)}`)}
  ${page.nextCursor ? html`<p><a href="/staff/moderation?tab=${tab}&amp;cursor=${encodeURIComponent(page.nextCursor)}">Older comments</a></p>` : null}
</section>
<script src="/static/staff/moderation-keys.js" defer></script>`;
  return renderLayout({ site, title: `Moderation: ${TAB_LABELS[tab]}`, body: body.toString(), head: `<style>${STYLE}</style>` });
}
