import type { SiteSettings } from '../../config.js';
import type { SignInLinkView } from '../../services/sign-in-links.js';
import { html } from './html.js';
import { renderLayout } from './layout.js';

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
