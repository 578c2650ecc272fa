import type { SiteSettings } from '../../config.js';
import type { ReaderProfile } from '../../services/reader-profiles.js';
import { dateTag, html, raw } from './html.js';
import { renderLayout } from './layout.js';

/** A reader's public page: their name, picture and published comments, each linking to where it was said. */
export function renderReaderProfilePage(site: SiteSettings, profile: ReaderProfile): string {
  const { comments } = profile;
  const count = profile.publishedCount === 1 ? 'One comment' : `${profile.publishedCount} comments`;
  const body = html`<section class="reader-profile">
  <header class="reader-profile__header">
    <img class="reader-profile__avatar" src="${profile.avatarUrl}" alt="" width="64" height="64">
    <div>
      <h1 class="reader-profile__name">${profile.name}</h1>
      <p class="reader-profile__meta">Reader since ${dateTag(profile.since)} · ${count}</p>
    </div>
  </header>
  ${profile.allowsFollowers
    ? html`<form class="follow-form" method="post" action="${profile.profileUrl}/follow">
    <button type="submit">Follow ${profile.name}</button>
    <span class="follow-form__hint">An e-mail when ${profile.name} comments; you need to be signed in, and every mail has a link to stop.</span>
  </form>`
    : null}
  <h2 class="reader-profile__heading">Comments</h2>
  ${comments.length === 0
    ? html`<p>${profile.name} has no published comments yet.</p>`
    : html`<ol class="my-content__comments reader-profile__comments">${comments.map(
        (c) => html`<li class="my-comment" data-comment-id="${c.id}">
  <p class="my-comment__meta">${c.url ? html`<a href="${c.url}">${c.thread.title || c.thread.key}</a>` : c.thread.title || c.thread.key} · ${dateTag(c.createdAt)} · ▲ ${c.votes.up} ▼ ${c.votes.down}</p>
  <div class="my-comment__body">${raw(c.html)}</div>
</li>`,
      )}</ol>`}
  ${profile.nextBefore !== null ? html`<p><a href="${profile.profileUrl}?before=${profile.nextBefore}">Older comments</a></p>` : null}
</section>`;
  return renderLayout({ site, title: profile.name, body: body.toString() });
}
