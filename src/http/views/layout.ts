import type { SiteSettings } from '../../config.js';
import { html, raw } from './html.js';

export interface LayoutInput {
  site: SiteSettings;
  /** The page's own title; the site name is appended unless the two are the same. */
  title: string;
  description?: string;
  /** The page content, already rendered (escaped) markup. */
  body: string;
  /** Extra trusted markup for `<head>`, such as Open Graph tags built with `html`. */
  head?: string;
}

export function renderLayout({ site, title, description, body, head }: LayoutInput): string {
  const fullTitle = title && title !== site.name ? `${title} · ${site.name}` : site.name;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${fullTitle}</title>
${description ? html`<meta name="description" content="${description}">` : null}
<link rel="stylesheet" href="/static/site.css">
<link rel="stylesheet" href="/assets/discussion.css">
<script type="module" src="/assets/discussion.js"></script>
${raw(head ?? '')}
</head>
<body>
<a class="skip-link" href="#main">Skip to the content</a>
<header class="site-header">
  <div class="site-header__inner">
    <a class="site-name" href="/">${site.name}</a>
    <p class="site-tagline">${site.tagline}</p>
  </div>
</header>
<main id="main" class="site-main">
${raw(body)}
</main>
<footer class="site-footer">
  <div class="site-footer__inner">
    <p><a href="/">${site.name}</a> · ${site.tagline}</p>
    <p class="site-footer__small">Published with Tribune, self-hosted news with reader discussion.</p>
  </div>
</footer>
</body>
</html>
`.toString();
}
