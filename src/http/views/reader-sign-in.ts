import type { SiteSettings } from '../../config.js';
import type { SignInLinkView } from '../../services/sign-in-links.js';
import { html } from './html.js';
import { renderLayout } from './layout.js';

/** A way to sign in besides the e-mail link, as the sign-in page offers it. */
export interface SignInChoice {
  name: string;
  url: string;
}

/**
 * "Sign in by e-mail" from a discussion, usable without script: the reader's address (and a name
 * for a new account) posts to `/sign-in`, which mails the link. Providers the site offers follow.
 */
export function renderSignInPage({ site, returnTo, choices }: { site: SiteSettings; returnTo: string; choices: SignInChoice[] }): string {
  const body = html`<section class="reader-page">
  <h1>Sign in to ${site.name}</h1>
  <p>Signed in, you post under your own name, with your own picture, and can see, rename, download or delete what you wrote from any browser. No password: we mail you a link.</p>
  <form method="post" action="/sign-in" class="reader-form">
    <input type="hidden" name="returnTo" value="${returnTo}">
    <p><label for="sign-in-email">Your e-mail address</label><br>
    <input id="sign-in-email" name="email" type="email" required maxlength="254" autocomplete="email"></p>
    <p><label for="sign-in-name">Your name, shown with your comments (for a new account)</label><br>
    <input id="sign-in-name" name="name" maxlength="80" autocomplete="name"></p>
    <p class="reader-form__hint">Your e-mail address is never shown to anyone.</p>
    <p><button type="submit">Mail me a sign-in link</button></p>
  </form>
  ${choices.length > 0 ? html`<p>Or: ${choices.map((c, i) => html`${i > 0 ? ' · ' : ''}<a href="${c.url}">Sign in with ${c.name}</a>`)}</p>` : null}
  <p><a href="${returnTo}">Back without signing in</a></p>
</section>`;
  return renderLayout({ site, title: 'Sign in', body: body.toString() });
}

/** After asking: the same words whether or not the address has an account. */
export function renderSignInLinkSentPage({ site, message, returnTo }: { site: SiteSettings; message: string; returnTo: string }): string {
  const body = html`<section class="reader-page">
  <h1>Check your inbox</h1>
  <p role="status">${message}</p>
  <p><a href="${returnTo}">Back to where you were</a></p>
</section>`;
  return renderLayout({ site, title: 'Check your inbox', body: body.toString() });
}

/**
 * What the mailed link opens. Signing in takes a press of the button (a POST): mail scanners
 * that fetch every link in a message would otherwise use it up before the reader clicks.
 */
export function renderSignInLinkPage({ site, token, link }: { site: SiteSettings; token: string; link: SignInLinkView }): string {
  const body = html`<section class="reader-page">
  <h1>Sign in to ${site.name}</h1>
  ${
    link.accountName
      ? html`<p>You are signing in as <strong>${link.accountName}</strong> with ${link.email}.</p>`
      : html`<p>You are signing in with ${link.email} for the first time: this makes your reader account.</p>`
  }
  <form method="post" action="/sign-in/${token}" class="reader-form">
    ${
      link.accountName
        ? null
        : html`<p><label for="reader-name">Your name, shown with your comments</label><br>
      <input id="reader-name" name="name" value="${link.name ?? ''}" maxlength="80" autocomplete="name"></p>
    <p class="reader-form__hint">Leave it empty to be shown as "Reader" and a number. Your e-mail address is never shown.</p>`
    }
    <p><button type="submit">Sign in</button></p>
  </form>
</section>`;
  return renderLayout({ site, title: 'Sign in', body: body.toString() });
}

/** A link used before, expired, or never made: the reader's way on is to ask for a new one. */
export function renderSignInLinkGone({ site }: { site: SiteSettings }): string {
  const body = html`<section class="reader-page">
  <p class="error-page__status">Sign-in link not valid</p>
  <h1>This sign-in link cannot be used</h1>
  <p>A sign-in link works once, within 15 minutes of being sent. This one has been used already, or it
  has expired. Ask for a new one with "Sign in by e-mail" under any article's comments.</p>
  <p><a href="/">Back to the front page</a></p>
</section>`;
  return renderLayout({ site, title: 'Sign-in link not valid', body: body.toString() });
}
