import type { SiteSettings } from '../../../config.js';
import type { StaffSession } from '../../../services/staff.js';
import { html } from '../html.js';
import { mayDo } from '../../../services/actor.js';
import { renderLayout } from '../layout.js';

export interface StaffHomeInput {
  site: SiteSettings;
  session: StaffSession;
}

/** The signed-in landing page: the ways to the articles (writers), the moderation queue (moderators) and the audit log (admins). */
export function renderStaffHome({ site, session }: StaffHomeInput): string {
  const { name, role } = session.staff;
  const body = html`<section class="staff-page staff-home">
  <h1>Staff</h1>
  <p class="staff-home__who">Signed in as ${name} (${role})</p>
  <ul class="staff-home__links">
    ${mayDo(role, 'publish') ? html`<li><a href="/staff/articles">Articles</a>: ${mayDo(role, 'editAnyArticle') ? 'write, preview and change the site\'s articles' : 'write and preview articles, and change your own'}</li>` : null}
    ${mayDo(role, 'moderate') ? html`<li><a href="/staff/moderation">Moderation queue</a></li>` : null}
    ${role === 'admin' ? html`<li><a href="/staff/audit">Audit log</a></li>` : null}
    ${mayDo(role, 'runCampaigns') ? html`<li><a href="/staff/ledger">Ledger</a>: the gifts toward the site's campaign, by period, with a CSV.</li>` : null}
  </ul>
  <form method="post" action="/staff/sign-out">
    <input type="hidden" name="csrf" value="${session.csrfToken}">
    <button type="submit">Sign out</button>
  </form>
</section>`;
  return renderLayout({ site, title: 'Staff', body: body.toString() });
}
