/**
 * A browser without script for tests that cross sites (a provider's pages, a host site's form):
 * keeps each host's cookies, follows redirects one at a time so a test can stop at or alter any
 * of them, and posts forms. Cookie paths and expiry dates are ignored; a cleared cookie is dropped.
 */
export class WebClient {
  private readonly jars = new Map<string, Map<string, string>>();

  constructor(private readonly headers: Record<string, string> = {}) {}

  cookies(url: string): Map<string, string> {
    const host = new URL(url).host;
    if (!this.jars.has(host)) this.jars.set(host, new Map());
    return this.jars.get(host)!;
  }

  async send(method: string, url: string, options: { form?: Record<string, string>; json?: unknown; headers?: Record<string, string> } = {}) {
    const jar = this.cookies(url);
    const headers: Record<string, string> = { ...this.headers, ...options.headers };
    if (jar.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: string | undefined;
    if (options.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(options.form).toString();
    } else if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    }
    const response = await fetch(url, { method, headers, body, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
    const text = await response.text();
    const location = response.headers.get('location');
    return { url, status: response.status, text, headers: response.headers, location: location ? new URL(location, url).href : null };
  }

  /** GETs a page and follows its redirects until one is not a redirect, or `stopAt` says so. */
  async visit(url: string, stopAt: (location: URL) => boolean = () => false) {
    let answer = await this.send('GET', url);
    for (let hops = 0; answer.location && hops < 20; hops++) {
      if (stopAt(new URL(answer.location))) return answer;
      answer = await this.send('GET', answer.location);
    }
    return answer;
  }

  /** Posts a form, then follows where it leads. */
  async submit(url: string, form: Record<string, string>, stopAt?: (location: URL) => boolean) {
    const answer = await this.send('POST', url, { form });
    return answer.location && !stopAt?.(new URL(answer.location)) ? this.visit(answer.location, stopAt) : answer;
  }
}

/** The `action` of the first form on a page, as an absolute address. */
export const formAction = (page: { url: string; text: string }): string => new URL(/<form[^>]*action="([^"]+)"/.exec(page.text)![1]!.replace(/&amp;/g, '&'), page.url).href;
