import { loadConfig } from '../../src/config.js';
import { createTribune, type Tribune } from '../../src/tribune.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface TestServer {
  baseUrl: string;
  tribune: Tribune;
  database: TestDatabase;
  /** A clock the services read; tests move it to cross the edit window. */
  clock: { now(): number; advance(ms: number): void };
  close(): Promise<void>;
}

/** A real Tribune listening on a free port of 127.0.0.1, on a fresh database of the dialect under test. */
export async function startServer(env: Record<string, string> = {}, options: { logger?: object } = {}): Promise<TestServer> {
  const database = await createTestDatabase();
  let offset = 0;
  const clock = { now: () => Date.now() + offset, advance: (ms: number) => void (offset += ms) };
  const config = loadConfig({
    TRIBUNE_ADMIN_TOKEN: ADMIN_TOKEN,
    TRIBUNE_DEMO_CONTENT: 'off',
    TRIBUNE_RATE_LIMITS: 'off',
    // Scripted browsers and API clients post faster than a person types; moderation tests set it back.
    TRIBUNE_MIN_FILL_SECONDS: '0',
    // Guests below each come from an address of their own, as X-Forwarded-For from this trusted "proxy".
    TRIBUNE_TRUST_PROXY: '127.0.0.1',
    ...database.env,
    PORT: '0',
    ...env,
  });
  const tribune = await createTribune(config, { now: clock.now, ...(options.logger ? { logger: options.logger } : {}) });
  await tribune.app.listen({ port: 0, host: '127.0.0.1' });
  const address = tribune.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    tribune,
    database,
    clock,
    async close() {
      await tribune.close();
      await database.drop();
    },
  };
}

export interface ArticleFixture {
  slug: string;
  title?: string;
  topics?: string[];
  premoderation?: 'none' | 'first' | 'links' | 'all';
}

/** Creates an article (and so its thread) through the admin API, as scripts do. */
export async function createArticle(server: TestServer, fixture: ArticleFixture): Promise<Response> {
  return fetch(`${server.baseUrl}/api/v1/admin/articles`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
    body: JSON.stringify({
      slug: fixture.slug,
      title: fixture.title ?? `Article ${fixture.slug}`,
      body: 'First paragraph.\n\nSecond paragraph.',
      author: { name: 'Maya Okafor', role: 'city hall reporter', links: [{ label: 'X', url: 'https://x.com/maya' }] },
      topics: fixture.topics ?? ['City hall'],
      image: { url: `/static/demo/${fixture.slug}.svg`, alt: 'An illustration' },
      ...(fixture.premoderation ? { premoderation: fixture.premoderation } : {}),
    }),
  });
}

let lastAddress = 0;

/**
 * A browser-like guest: keeps the reader cookie between requests. Each guest is a different
 * person, from an address of its own, unless given another guest's `address`.
 */
export class Guest {
  /** The browser's cookies by name: the reader cookie, and a session once signed in. */
  private readonly cookies = new Map<string, string>();
  readonly address: string;

  constructor(
    private readonly baseUrl: string,
    options: { address?: string } = {},
  ) {
    lastAddress += 1;
    this.address = options.address ?? `198.18.${(lastAddress >> 8) & 255}.${lastAddress & 255}`;
  }

  /** Forgets the reader cookie, as a reader clearing cookies (or a script dropping them) does. */
  dropCookie(): void {
    this.cookies.clear();
  }

  /** Sets a cookie as the server would have: a session started outside this browser's requests. */
  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  get cookie(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: any; headers: Headers }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { 'x-forwarded-for': this.address, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(this.cookie ? { cookie: this.cookie } : {}), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      redirect: 'manual',
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      // A cleared cookie comes back empty, or already expired.
      if (!value || attributes.some((a) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(a))) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await response.text();
    let json: any;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
    return { status: response.status, json, headers: response.headers };
  }

  post(key: string, body: Record<string, unknown>) {
    return this.request('POST', `/api/v1/threads/${key}/comments`, { name: 'Marek', ...body });
  }
}
