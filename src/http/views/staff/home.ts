import type { SiteSettings } from '../../../config.js';
import type { StaffSession } from '../../../services/staff.js';
import { html } from '../html.js';
import { mayDo } from '../../../services/actor.js';
import { renderLayout } from '../layout.js';

export interface StaffHomeInput {
  site: SiteSettings;
  session: StaffSession;
}

/** The signed-in landing page: the way to the moderation queue (and, for admins, the audit log); what an editor or author does here. */
export function renderStaffHome({ site, session }: StaffHomeInput): string {
  const { name, role } = session.staff;
  const body = html`<section class="staff-page staff-home">
  <h1>Staff</h1>
  <p class="staff-home__who">Signed in as ${name} (${role})</p>
  ${mayDo(role, 'moderate')
    ? html`<p><a href="/staff/moderation">Moderation queue</a>${role === 'admin' ? html` · <a href="/staff/audit">Audit log</a>` : null}</p>`
    : html`<p>${mayDo(role, 'editAnyArticle') ? 'You publish and change the site\'s articles' : 'You publish articles, and change your own,'} through the articles API (<code>/api/v1/admin/articles</code>); moderating discussions is for moderators and admins.</p>`}
  ${mayDo(role, 'runCampaigns') ? html`<p><a href="/staff/ledger">Ledger</a>: the gifts toward the site's campaign, by period, with a CSV.</p>` : null}
  <form method="post" action="/staff/sign-out">
    <input type="hidden" name="csrf" value="${session.csrfToken}">
    <button type="submit">Sign out</button>
  </form>
</section>`;
  return renderLayout({ site, title: 'Staff', body: body.toString() });
}
