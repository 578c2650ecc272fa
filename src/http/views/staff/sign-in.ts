import type { SiteSettings } from '../../../config.js';
import { html } from '../html.js';
import { renderLayout } from '../layout.js';

export interface SignInPageInput {
  site: SiteSettings;
  /** Echoes the double-submit cookie, so a form posted from another site is refused. */
  csrf: string;
  email?: string;
  /** Shown above the form; never says whether the e-mail or the password was wrong. */
  error?: string;
}

export function renderSignInPage({ site, csrf, email, error }: SignInPageInput): string {
  const body = html`<section class="staff-page staff-sign-in">
  <h1>Staff sign-in</h1>
  ${error ? html`<p class="staff-page__error" role="alert">${error}</p>` : null}
  <form method="post" action="/staff/sign-in">
    <input type="hidden" name="csrf" value="${csrf}">
    <p><label for="staff-email">E-mail</label><br>
      <input id="staff-email" type="email" name="email" value="${email ?? ''}" autocomplete="username" required autofocus></p>
    <p><label for="staff-password">Password</label><br>
      <input id="staff-password" type="password" name="password" autocomplete="current-password" required></p>
    <p><button type="submit">Sign in</button></p>
  </form>
</section>`;
  return renderLayout({ site, title: 'Staff sign-in', body: body.toString() });
}
