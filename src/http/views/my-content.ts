import type { SiteSettings } from '../../config.js';
import type { OwnComment } from '../../services/my-content.js';
import type { ReaderAccount } from '../../services/reader-accounts.js';
import { dateTag, html, raw } from './html.js';
import { renderLayout } from './layout.js';
import { renderFollowingSection, type FollowingSection } from './follows.js';

export interface MyContentPageInput {
  site: SiteSettings;
  account: ReaderAccount;
  comments: OwnComment[];
  nextBefore: number | null;
  /** Guest comments with the reader's verified address, waiting to be claimed. */
  claimable: number;
  deletedReaderComments: 'anonymise' | 'remove';
  nameMaxLength: number;
  /** What the last form did, said once at the top. */
  notice?: string;
  following?: FollowingSection;
}

const STATUS_LABELS: Record<string, string> = {
  published: 'Published',
  pending: 'Waiting for a moderator',
  spam: 'Marked as spam',
  rejected: 'Not published',
};

/** "My content and settings": a signed-in reader's comments, name, data and account, usable without script. */
export function renderMyContentPage(input: MyContentPageInput): string {
  const { account, comments, claimable } = input;
  const body = html`<section class="my-content">
  <h1 class="my-content__title">My content and settings</h1>
  <p class="my-content__who">Signed in as <strong>${account.name}</strong>${account.email ? html` with ${account.email}` : null}.</p>
  ${input.notice ? html`<p class="my-content__notice" role="status">${input.notice}</p>` : null}

  ${claimable > 0
    ? html`<section class="my-content__box" aria-labelledby="claim-heading">
  <h2 id="claim-heading">Comments you posted as a guest</h2>
  <p>${claimable === 1 ? 'One comment was' : `${claimable} comments were`} posted as a guest with ${account.email}. Claim ${claimable === 1 ? 'it' : 'them'} to show ${claimable === 1 ? 'it' : 'them'} under your name and list ${claimable === 1 ? 'it' : 'them'} here.</p>
  <form method="post" action="/account/claim"><button type="submit">Claim ${claimable === 1 ? 'this comment' : `these ${claimable} comments`}</button></form>
</section>`
    : null}

  <section class="my-content__box" aria-labelledby="name-heading">
    <h2 id="name-heading">Your name</h2>
    <form method="post" action="/account/name" class="my-content__form">
      <label for="my-name">Shown with your comments</label>
      <input id="my-name" name="name" value="${account.name}" maxlength="${input.nameMaxLength}" required autocomplete="nickname">
      <button type="submit">Save name</button>
    </form>
  </section>

  ${input.following ? renderFollowingSection(input.following) : null}

  <section class="my-content__box" aria-labelledby="comments-heading">
    <h2 id="comments-heading">Your comments</h2>
    ${comments.length === 0
      ? html`<p>You have not posted any comments yet.</p>`
      : html`<ol class="my-content__comments">${comments.map(
          (c) => html`<li class="my-comment" data-comment-id="${c.id}">
  <p class="my-comment__meta"><a href="${c.url ?? `/articles/${encodeURIComponent(c.thread.key)}`}">${c.thread.title || c.thread.key}</a> · ${dateTag(c.createdAt)} · <span class="my-comment__status my-comment__status--${c.status}">${STATUS_LABELS[c.status] ?? c.status}</span> · ▲ ${c.votes.up} ▼ ${c.votes.down}</p>
  <div class="my-comment__body">${raw(c.html)}</div>
</li>`,
        )}</ol>`}
    ${input.nextBefore !== null ? html`<p><a href="/account?before=${input.nextBefore}">Older comments</a></p>` : null}
  </section>

  <section class="my-content__box" aria-labelledby="data-heading">
    <h2 id="data-heading">Your data</h2>
    <p>One JSON file with your account, every comment you wrote (with its discussion and status) and the votes cast from this browser.</p>
    <p><a class="my-content__download" href="/api/v1/me/data" download>Download all my data</a></p>
  </section>

  <section class="my-content__box my-content__box--danger" aria-labelledby="delete-heading">
    <h2 id="delete-heading">Delete my account</h2>
    <p>${input.deletedReaderComments === 'remove'
      ? 'Your account and your comments are deleted. A comment others replied to stays as a placeholder, without its text, so the replies still make sense.'
      : 'Your account is deleted. Your comments stay in their discussions, shown as by a “Deleted reader”, with nothing that says who wrote them.'} This cannot be undone.</p>
    <form method="post" action="/account/delete" class="my-content__form">
      <label><input type="checkbox" name="confirm" value="yes" required> I want to delete my account</label>
      <button type="submit" class="my-content__delete">Delete my account</button>
    </form>
  </section>
</section>`;
  return renderLayout({ site: input.site, title: 'My content and settings', body: body.toString() });
}

/** For a guest: the page is about an account, and they have none in this browser. */
export function renderSignInFirstPage(site: SiteSettings): string {
  const body = html`<section class="error-page">
  <p class="error-page__status">Not signed in</p>
  <h1 class="error-page__title">My content and settings</h1>
  <p class="error-page__message">Sign in by e-mail from any discussion to see your comments, change your name, download your data or delete your account.</p>
  <p><a href="/">Back to the front page</a></p>
</section>`;
  return renderLayout({ site, title: 'My content and settings', body: body.toString() });
}

/** After deleting: the browser is signed out, and the page says what became of the comments. */
export function renderAccountDeletedPage(site: SiteSettings, comments: 'anonymise' | 'remove'): string {
  const body = html`<section class="error-page">
  <p class="error-page__status">Account deleted</p>
  <h1 class="error-page__title">Your account is deleted</h1>
  <p class="error-page__message">${comments === 'remove' ? 'Your comments are removed.' : 'Your comments now show as by a deleted reader.'} You are signed out.</p>
  <p><a href="/">Back to the front page</a></p>
</section>`;
  return renderLayout({ site, title: 'Account deleted', body: body.toString() });
}
