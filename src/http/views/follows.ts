import type { Follow, NotificationSettings } from '../../services/follows.js';
import { html, type SafeHtml } from './html.js';

/** The settings page's "Following and mentions" section: what it needs to show. */
export interface FollowingSection {
  follows: Follow[];
  settings: NotificationSettings;
  /** The site's authors, to follow one. */
  authors: { slug: string; name: string }[];
  /** The reader's account has no address: nothing can be mailed to them. */
  noAddress: boolean;
}

const DELIVERY_LABELS = { now: 'At once', daily: 'Daily digest' } as const;
const MENTION_LABELS = { now: 'At once', daily: 'In a daily digest', off: 'Never' } as const;

function deliverySelect(id: string, chosen: 'now' | 'daily'): SafeHtml {
  return html`<select id="${id}" name="delivery">${(['now', 'daily'] as const).map((d) => html`<option value="${d}"${d === chosen ? html` selected` : null}>${DELIVERY_LABELS[d]}</option>`)}</select>`;
}

/** Follow authors and commenters, let others follow you, choose how mentions are mailed; forms that work without script. */
export function renderFollowingSection({ follows, settings, authors, noAddress }: FollowingSection): SafeHtml {
  const followed = new Set(follows.filter((f) => f.kind === 'author').map((f) => f.name));
  const toFollow = authors.filter((a) => !followed.has(a.name));
  return html`<section class="my-content__box" id="follows" aria-labelledby="follows-heading">
    <h2 id="follows-heading">Following and mentions</h2>
    ${noAddress ? html`<p>Your account has no e-mail address, so nothing below can be mailed to you.</p>` : null}
    ${follows.length === 0
      ? html`<p>You follow no one yet. Follow an author to hear of their new articles, or a commenter (who allows it) from their comments.</p>`
      : html`<ul class="my-content__follows">${follows.map(
          (f) => html`<li data-follow-id="${f.id}">
  <form method="post" action="/account/follows/${f.id}" class="my-content__form">
    <label for="follow-${f.id}">${f.kind === 'author' ? html`New articles by <strong>${f.name}</strong>` : html`Comments by <strong>${f.name}</strong>`}</label>
    ${deliverySelect(`follow-${f.id}`, f.delivery)}
    <button type="submit">Save</button>
  </form>
  <form method="post" action="/account/follows/${f.id}/unfollow"><button type="submit" aria-label="Unfollow ${f.name}">Unfollow</button></form>
</li>`,
        )}</ul>`}
    ${toFollow.length > 0
      ? html`<form method="post" action="/account/follows" class="my-content__form">
      <label for="follow-author">Follow an author</label>
      <select id="follow-author" name="author" required>${toFollow.map((a) => html`<option value="${a.slug}">${a.name}</option>`)}</select>
      <label for="follow-author-delivery">Mail me</label>
      ${deliverySelect('follow-author-delivery', 'now')}
      <button type="submit">Follow</button>
    </form>`
      : null}
    <form method="post" action="/account/notifications" class="my-content__form">
      <label><input type="checkbox" name="allowFollowers" value="on"${settings.allowFollowers ? html` checked` : null}> Let other readers follow my comments (they are mailed when I comment; they never see my address)</label>
      <label for="mention-delivery">When someone mentions me with @name</label>
      <select id="mention-delivery" name="mentions">${(['now', 'daily', 'off'] as const).map((m) => html`<option value="${m}"${m === settings.mentions ? html` selected` : null}>${MENTION_LABELS[m]}</option>`)}</select>
      <button type="submit">Save these settings</button>
    </form>
  </section>`;
}
