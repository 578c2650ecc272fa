import type { SiteSettings } from '../../config.js';
import { html } from './html.js';
import { renderLayout } from './layout.js';

export interface ErrorPageInput {
  site: SiteSettings;
  status: number;
  title: string;
  message: string;
}

export function renderErrorPage({ site, status, title, message }: ErrorPageInput): string {
  const body = html`<section class="error-page">
  <p class="error-page__status">${status >= 400 ? `Error ${status}` : 'Thank you'}</p>
  <h1 class="error-page__title">${title}</h1>
  <p class="error-page__message">${message}</p>
  <p><a href="/">Back to the front page</a></p>
</section>`;
  return renderLayout({ site, title, body: body.toString() });
}
