import type { SiteSettings } from '../../config.js';
import { html } from './html.js';
import { renderLayout } from './layout.js';

export interface SubscriptionPageInput {
  site: SiteSettings;
  title: string;
  message: string;
  /** A button that posts to `action`: links in mail only show it, so a scanner following links changes nothing. */
  form?: { action: string; label: string };
  /** Where the reader came from, e.g. back to the discussion; otherwise the front page. */
  back?: { href: string; label: string };
}

/** The pages a subscription mail's links open: confirm, unsubscribe, and what happened. */
export function renderSubscriptionPage({ site, title, message, form, back }: SubscriptionPageInput): string {
  const body = html`<section class="error-page">
  <h1 class="error-page__title">${title}</h1>
  <p class="error-page__message">${message}</p>
  ${form ? html`<form method="post" action="${form.action}"><button type="submit" class="button">${form.label}</button></form>` : null}
  <p><a href="${back?.href ?? '/'}">${back?.label ?? 'Back to the front page'}</a></p>
</section>`;
  return renderLayout({ site, title, body: body.toString() });
}
