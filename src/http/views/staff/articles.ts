import type { SiteSettings } from '../../../config.js';
import type { StaffArticleLine } from '../../../services/articles.js';
import type { StaffSession } from '../../../services/staff.js';
import { mayDo } from '../../../services/actor.js';
import { html, raw, type SafeHtml } from '../html.js';
import { renderLayout } from '../layout.js';

const HEAD = '<link rel="stylesheet" href="/static/staff/articles.css">';
const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** What the article form holds, as typed: topics stay one comma-separated line. */
export interface ArticleFormValues {
  /** The address, shown when editing; a new article's is made from its title. */
  slug: string;
  title: string;
  standfirst: string;
  body: string;
  authorName: string;
  authorRole: string;
  topics: string;
}

/** The form's fields, by the names the services give faults (`author.name`) and the form's own. */
export type FormField = 'slug' | 'title' | 'standfirst' | 'body' | 'authorName' | 'authorRole' | 'topics';

export interface ArticleFormInput {
  site: SiteSettings;
  session: StaffSession;
  /** Editing the article at this slug; a new article when absent. */
  slug?: string | undefined;
  values: ArticleFormValues;
  /** A message beside each field at fault. */
  errors?: Partial<Record<FormField, string>>;
  /** A fault that belongs to no field. */
  error?: string | undefined;
  /** The body as the article page will show it, when the writer asked for a preview. */
  previewHtml?: string | undefined;
}

function who(session: StaffSession): SafeHtml {
  return html`<p class="sa-who">Signed in as ${session.staff.name} (${session.staff.role}) · <a href="/staff">Staff home</a>${
    mayDo(session.staff.role, 'moderate') ? html` · <a href="/staff/moderation">Moderation queue</a>` : null
  }</p>`;
}

/** The site's articles for a writer: an editor's or admin's whole list, an author's own. */
export function renderArticleList({ site, session, articles, published }: { site: SiteSettings; session: StaffSession; articles: StaffArticleLine[]; published?: string | undefined }): string {
  const everyone = mayDo(session.staff.role, 'editAnyArticle');
  const body = html`<section class="staff-page sa">
  <h1>Articles</h1>
  ${who(session)}
  ${published ? html`<p class="sa-done" role="status">Saved. <a href="/articles/${published}">See the article</a></p>` : null}
  <p class="sa-intro">${everyone ? 'Every article of the site, newest first.' : 'The articles you published, newest first.'} <a class="sa-button sa-button--primary" href="/staff/articles/new">New article</a></p>
  ${
    articles.length === 0
      ? html`<p class="sa-empty">No articles yet.</p>`
      : html`<div class="sa-table-wrap"><table class="sa-list">
    <thead><tr><th scope="col">Title</th><th scope="col">Author</th><th scope="col">Published</th><th scope="col">Comments</th><th scope="col"><span class="sa-hidden">Actions</span></th></tr></thead>
    <tbody>${articles.map(
      (a) => html`<tr data-slug="${a.slug}">
      <td class="sa-title"><a href="/articles/${a.slug}">${a.title}</a></td>
      <td>${a.authorName}</td>
      <td><time datetime="${a.publishedAt}">${day.format(new Date(a.publishedAt))}</time></td>
      <td class="sa-count">${a.commentCount}<span class="sa-count__word"> comment${a.commentCount === 1 ? '' : 's'}</span></td>
      <td><a href="/staff/articles/${a.slug}/edit" aria-label="Edit ${a.title}">Edit</a></td>
    </tr>`,
    )}</tbody>
  </table></div>`
  }
</section>`;
  return renderLayout({ site, title: 'Articles', body: body.toString(), head: HEAD });
}

function field(id: FormField, label: string, control: SafeHtml, errors: ArticleFormInput['errors'], hint?: string): SafeHtml {
  const error = errors?.[id];
  return html`<div class="sa-field${error ? ' sa-field--error' : ''}">
    <label for="${id}">${label}</label>
    ${hint ? html`<p class="sa-hint" id="${id}-hint">${hint}</p>` : null}
    ${error ? html`<p class="sa-error" id="${id}-error">${error}</p>` : null}
    ${control}
  </div>`;
}

/** The attributes tying a control to its hint and error, and marking it invalid. */
function described(id: FormField, errors: ArticleFormInput['errors'], hint: boolean): SafeHtml {
  const ids = [hint ? `${id}-hint` : '', errors?.[id] ? `${id}-error` : ''].filter(Boolean).join(' ');
  return raw(`${ids ? ` aria-describedby="${ids}"` : ''}${errors?.[id] ? ' aria-invalid="true"' : ''}`);
}

/** "New article" and "Edit": the same form, which works without script; Preview shows the body as it will be published. */
export function renderArticleForm({ site, session, slug, values, errors, error, previewHtml }: ArticleFormInput): string {
  const action = slug ? `/staff/articles/${slug}/edit` : '/staff/articles/new';
  const heading = slug ? 'Edit article' : 'New article';
  const input = (id: FormField, value: string, extra = '') => html`<input id="${id}" name="${id}" value="${value}"${described(id, errors, false)}${raw(extra)}>`;
  const body = html`<section class="staff-page sa">
  <h1>${heading}</h1>
  ${who(session)}
  <p><a href="/staff/articles">All articles</a>${slug ? html` · <a href="/articles/${slug}">See the article</a>` : null}</p>
  ${error ? html`<p class="sa-error sa-error--form" role="alert">${error}</p>` : null}
  ${errors && Object.keys(errors).length > 0 ? html`<p class="sa-error sa-error--form" role="alert">Not saved: see the ${Object.keys(errors).length === 1 ? 'field' : 'fields'} marked below.</p>` : null}
  <form method="post" action="${action}" class="sa-form" novalidate>
    <input type="hidden" name="csrf" value="${session.csrfToken}">
    ${field('title', 'Title', input('title', values.title, ' maxlength="300" required'), errors)}
    ${slug ? field('slug', 'Address', html`<input id="slug" name="slug" value="${values.slug}" maxlength="120" required pattern="[a-z0-9]+(-[a-z0-9]+)*"${described('slug', errors, true)}>`, errors, `/articles/… in lowercase letters, digits and hyphens; the old address keeps leading here.`) : null}
    ${field('standfirst', 'Standfirst', html`<textarea id="standfirst" name="standfirst" rows="2" maxlength="1000"${described('standfirst', errors, true)}>${values.standfirst}</textarea>`, errors, 'One or two sentences under the title.')}
    ${field(
      'body',
      'Body',
      html`<textarea id="body" name="body" rows="18" required${described('body', errors, true)}>${values.body}</textarea>`,
      errors,
      'Markdown: a blank line between paragraphs, ## for a subheading, **bold**, *italic*, [a link](https://…), > a quote.',
    )}
    <div class="sa-row">
      ${field('authorName', 'Author name', input('authorName', values.authorName, ' maxlength="120" required autocomplete="off"'), errors)}
      ${field('authorRole', 'Author role', input('authorRole', values.authorRole, ' maxlength="300" autocomplete="off"'), errors)}
    </div>
    ${field('topics', 'Topics', html`<input id="topics" name="topics" value="${values.topics}" maxlength="1000"${described('topics', errors, true)}>`, errors, 'Separated by commas, such as: City hall, Transport')}
    <div class="sa-actions">
      <button type="submit" name="do" value="preview" class="sa-button">Preview</button>
      <button type="submit" name="do" value="save" class="sa-button sa-button--primary">${slug ? 'Save changes' : 'Publish'}</button>
    </div>
  </form>
  ${
    previewHtml === undefined
      ? null
      : html`<section class="sa-preview" aria-labelledby="preview-heading">
    <h2 id="preview-heading">Preview <span class="sa-hint">(not saved yet)</span></h2>
    <article class="article">
      <header class="article-header">
        <h1 class="article-title">${values.title || 'Untitled'}</h1>
        ${values.standfirst ? html`<p class="article-standfirst">${values.standfirst}</p>` : null}
      </header>
      <div class="article-body">
${raw(previewHtml)}
      </div>
    </article>
  </section>`
  }
</section>`;
  return renderLayout({ site, title: heading, body: body.toString(), head: HEAD });
}
