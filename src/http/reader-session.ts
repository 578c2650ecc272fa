import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type {} from './request-site.js';
import { READER_SESSION_LIFETIME_MS, type ReaderAccount, type ReaderAccountService } from '../services/reader-accounts.js';

export const READER_SESSION_COOKIE = 'tribune_session';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in reader, resolved once per request from the session cookie. */
    readerAccount: ReaderAccount | null;
  }
  interface FastifyInstance {
    readerAccounts: ReaderAccountService;
  }
}

/** The site a request is for (from its Host header, see request-site.ts). */
export function siteIdOf(request: FastifyRequest): string {
  return request.site.id;
}

const cookieOptions = (request: FastifyRequest) => ({ path: '/', httpOnly: true, sameSite: 'lax' as const, secure: request.protocol === 'https' });

/**
 * Resolves the reader's session cookie before routes run, so `identify()` stays synchronous.
 * Writes that carry the cookie are already refused when another site's page sends them
 * (same-origin.ts), and the cookie is SameSite=Lax besides.
 */
export function readerSessionHook(accounts: ReaderAccountService) {
  // A callback hook: a request without the cookie (most reads) costs no promise here.
  return (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    const token = request.cookies[READER_SESSION_COOKIE];
    if (!token || !/^[A-Za-z0-9_-]{20,100}$/.test(token)) return done();
    accounts.sessionFor(siteIdOf(request), token).then((account) => {
      request.readerAccount = account;
      done();
    }, done);
  };
}

/** Signs the reader in on this browser: a new session and its cookie. */
export async function startReaderSession(request: FastifyRequest, reply: FastifyReply, account: ReaderAccount): Promise<void> {
  // Whatever session the browser had before is over: a sign-in never continues someone else's.
  const previous = request.cookies[READER_SESSION_COOKIE];
  if (previous) await request.server.readerAccounts.endSession(previous);
  const { token } = await request.server.readerAccounts.startSession(account);
  reply.setCookie(READER_SESSION_COOKIE, token, { ...cookieOptions(request), maxAge: READER_SESSION_LIFETIME_MS / 1000 });
  request.readerAccount = account;
}

/** Signs the reader out on this browser; their other browsers stay signed in. */
export async function endReaderSession(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const token = request.cookies[READER_SESSION_COOKIE];
  if (token) await request.server.readerAccounts.endSession(token);
  reply.clearCookie(READER_SESSION_COOKIE, cookieOptions(request));
  request.readerAccount = null;
}
