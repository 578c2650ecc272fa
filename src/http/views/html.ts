/**
 * Markup built from templates where every interpolated value is escaped unless it was
 * deliberately marked as markup. Forgetting to escape is the common mistake in string-built
 * pages, so the safe path is the default and the raw one has to be spelled out.
 */
export class SafeHtml {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for element content and quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

/** Marks markup that is already safe: sanitised article bodies, another view's output. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

type Interpolation = SafeHtml | string | number | null | undefined | false | readonly Interpolation[];

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) {
    out += render(values[i]!) + strings[i + 1]!;
  }
  return new SafeHtml(out);
}

/**
 * A link target that cannot run script: http(s), mailto and same-site paths pass, anything
 * else (javascript:, data:, protocol-relative) becomes a harmless "#".
 */
export function safeUrl(url: string | null | undefined): string {
  const value = (url ?? '').trim();
  if (/^(https?:|mailto:)/i.test(value)) return value;
  if (value.startsWith('/') && !value.startsWith('//')) return value;
  return '#';
}

/** "X", "X and Telegram", "X, Telegram and Mastodon": the way the sentence is read aloud. */
export function joinWithAnd(parts: readonly SafeHtml[]): SafeHtml {
  if (parts.length <= 1) return raw(parts.map(String).join(''));
  return html`${parts.slice(0, -1).flatMap((part, i) => (i === 0 ? [part] : [raw(', '), part]))} and ${parts.at(-1)!}`;
}

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** A `<time>` element with a readable date; UTC so every instance renders the same page. */
export function dateTag(iso: string): SafeHtml {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return html``;
  return html`<time datetime="${date.toISOString()}">${dateFormat.format(date)}</time>`;
}
