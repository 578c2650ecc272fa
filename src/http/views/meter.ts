import type { Campaign } from '../../services/campaigns.js';
import { formatCount, formatMoney, permille, toDecimal } from '../../shared/money.js';
import { html, type SafeHtml } from './html.js';

export interface MeterInput {
  siteName: string;
  campaign: Campaign;
  /** BCP 47 locale of the site's numbers. */
  locale: string;
  /** Above or below the article: the two meters' ids differ. */
  position: 'top' | 'bottom';
  /** The site's donate page, when it has one. */
  donateUrl?: string;
}

/** What the bar measures against: the goal, or past it the stretch goal when the campaign has one. */
export function meterScale(campaign: Campaign): { max: number; reached: boolean; stretching: boolean } {
  const reached = campaign.raised >= campaign.goal;
  const stretching = reached && campaign.atGoal === 'stretch' && campaign.stretchGoal !== null && campaign.stretchGoal > campaign.goal;
  return { max: stretching ? campaign.stretchGoal! : campaign.goal, reached, stretching };
}

/**
 * The reader-funding meter as the reference page shows it, above and below the article: "Support
 * <site>", a bar on a scale with ticks at 0, half and the goal, the amount raised from so many
 * supporters, and the countdown. Plain markup (no script): a progressbar with its values for
 * assistive technology; amounts in the site's locale.
 */
export function renderMeter({ siteName, campaign, locale, position, donateUrl }: MeterInput): SafeHtml {
  const money = (minor: number) => formatMoney(minor, campaign.currency, locale);
  const { max, reached, stretching } = meterScale(campaign);
  const shown = Math.max(0, campaign.raised);
  const fill = permille(shown, max);
  const id = `funding-meter-${position}`;
  const supporters = `${formatCount(campaign.donors, locale)} ${campaign.donors === 1 ? 'supporter' : 'supporters'}`;
  const raised = money(campaign.raised);
  const status = stretching
    ? html`<strong>${raised}</strong> raised from ${supporters}: the goal of ${money(campaign.goal)} is reached, on to ${money(max)}`
    : reached
      ? html`Goal reached: <strong>${raised}</strong> raised from ${supporters}`
      : html`<strong>${raised}</strong> raised from ${supporters}`;
  return html`<section class="funding-meter${reached ? ' funding-meter--reached' : ''}" aria-labelledby="${id}-title">
  <h2 class="funding-meter__title" id="${id}-title">Support ${siteName}</h2>
  <div class="funding-meter__bar" role="progressbar" aria-labelledby="${id}-title" aria-valuemin="0" aria-valuemax="${toDecimal(max, campaign.currency)}" aria-valuenow="${toDecimal(Math.min(shown, max), campaign.currency)}" aria-valuetext="${raised} of ${money(max)}">
    <div class="funding-meter__fill" style="width: ${(fill / 10).toFixed(1)}%"></div>
  </div>
  <div class="funding-meter__scale" aria-hidden="true"><span>${money(0)}</span><span>${money(Math.floor(max / 2))}</span><span>${money(max)}</span></div>
  <p class="funding-meter__raised">${status}${donateUrl ? html` · <a href="${donateUrl}">Donate</a>` : null}</p>
  <p class="funding-meter__countdown"><time datetime="${campaign.periodEnd}">${campaign.countdown}</time></p>
</section>`;
}
