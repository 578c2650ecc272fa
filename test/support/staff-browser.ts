import { expect } from 'vitest';

type Form = Record<string, string | string[]>;

/** The CSRF token a staff page puts in its forms. */
export const csrfIn = (html: string): string => /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/**
 * A browser for the staff pages: keeps every cookie, posts forms or JSON, and does not follow
 * redirects, so tests see each 303 and where it points.
 */
export class StaffBrowser {
  readonly cookies = new Map<string, string>();

  constructor(private readonly baseUrl: string) {}

  async send(method: string, path: string, options: { form?: Form; json?: unknown; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: string | undefined;
    if (options.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(options.form)) for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
      body = params.toString();
    } else if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    }
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body, redirect: 'manual' });
    const setCookies = response.headers.getSetCookie();
    for (const line of setCookies) {
      const [name, value] = line.split(';')[0]!.split('=') as [string, string];
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await response.text();
    let json: any = null;
    try {
      json = JSON.parse(text);
    } catch {
      // a page, not JSON
    }
    return { status: response.status, text, json, headers: response.headers, setCookies, location: response.headers.get('location') ?? '' };
  }

  /** Loads the sign-in form and posts it with its CSRF token, as a person would. */
  async signIn(email: string, password: string) {
    const form = await this.send('GET', '/staff/sign-in');
    return this.send('POST', '/staff/sign-in', { form: { email, password, csrf: csrfIn(form.text) } });
  }

  /** Opens a page, expecting it to load, and returns it with its CSRF token. */
  async open(path: string) {
    const page = await this.send('GET', path);
    expect(page.status, `GET ${path}`).toBe(200);
    return { ...page, csrf: csrfIn(page.text) };
  }

  /** Posts a form, expects 303 and follows it, returning the page it lands on. */
  async submit(path: string, form: Form) {
    const posted = await this.send('POST', path, { form });
    expect(posted.status, `POST ${path}`).toBe(303);
    return { ...(await this.open(posted.location)), location: posted.location };
  }
}

/** A browser signed in as the given staff member. */
export async function signedIn(baseUrl: string, email: string, password: string): Promise<StaffBrowser> {
  const browser = new StaffBrowser(baseUrl);
  expect((await browser.signIn(email, password)).status).toBe(303);
  return browser;
}
