import type { SiteSettings } from '../../config.js';
import type { Campaign } from '../../services/campaigns.js';
import { html, safeUrl, type SafeHtml } from './html.js';
import { renderLayout } from './layout.js';
import { renderMeter } from './meter.js';

export interface DonatePageInput {
  site: SiteSettings;
  campaign: Campaign | null;
  locale: string;
  /** The site's other ways to give, plain text; null when it gives none. */
  waysToGive: string | null;
}

/** Plain text with its web addresses made links; paragraphs at blank lines, line breaks kept. */
function textWithLinks(text: string): SafeHtml[] {
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((paragraph) => {
      const parts: (SafeHtml | string)[] = [];
      let last = 0;
      for (const match of paragraph.matchAll(/https?:\/\/[^\s<>"]+[^\s<>".,;:!?)]/g)) {
        parts.push(paragraph.slice(last, match.index));
        parts.push(html`<a href="${safeUrl(match[0])}" rel="noopener">${match[0]}</a>`);
        last = match.index! + match[0].length;
      }
      parts.push(paragraph.slice(last));
      const lines = parts.flatMap((part) => (typeof part === 'string' ? part.split('\n').flatMap((line, i) => (i === 0 ? [line] : [html`<br>`, line])) : [part]));
      return html`<p>${lines}</p>`;
    });
}

/**
 * The donate page: the campaign's meter and what counts toward it, and how to give. Without a
 * payment provider the site takes gifts by the ways it lists (bank transfer, links), and staff
 * record them in the ledger by hand.
 */
export function renderDonatePage({ site, campaign, locale, waysToGive }: DonatePageInput): string {
  const body = html`<section class="donate">
  <h1 class="donate__title">Support ${site.name}</h1>
  ${campaign ? renderMeter({ siteName: site.name, campaign, locale, position: 'top' }) : html`<p>${site.name} runs no campaign at the moment; gifts are welcome all the same.</p>`}
  ${campaign ? html`<h2>What counts toward the goal</h2><p class="donate__counts">${campaign.counts}</p>` : null}
  <h2>How to give</h2>
  ${
    waysToGive
      ? html`<div class="donate__ways">${textWithLinks(waysToGive)}</div>
  <p class="donate__note">Gifts made this way are added to the meter by the editors when they arrive.</p>`
      : html`<p class="donate__ways">Card payments are not set up on this site yet. Write to the editors to give by bank transfer or in person; they add each gift to the meter when it arrives.</p>`
  }
</section>`;
  return renderLayout({ site, title: `Support ${site.name}`, body: body.toString() });
}
