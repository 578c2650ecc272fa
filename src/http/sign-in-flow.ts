import { createHash, createHmac } from 'node:crypto';
import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OpenIdFlow } from '../adapters/openid/openid.js';
import { sameToken } from './staff-session.js';

const FLOW_COOKIE = 'tribune_openid';
/** Long enough to sign in at the provider (and perhaps to register there), short enough not to linger. */
const FLOW_LIFETIME_MS = 15 * 60_000;

/** An OpenID sign-in between leaving for the provider and coming back. */
export interface PendingSignIn {
  provider: string;
  flow: OpenIdFlow;
  returnTo: string;
}

export interface SignInFlows {
  keep(request: FastifyRequest, reply: FastifyReply, pending: PendingSignIn): void;
  /** The pending sign-in this browser started with `provider`, once: the cookie is cleared. */
  take(request: FastifyRequest, reply: FastifyReply, provider: string): PendingSignIn | null;
}

/**
 * The state, nonce and PKCE verifier of a sign-in live in the browser that started it, in a
 * signed HttpOnly cookie, rather than in the database: a sign-in abandoned at the provider leaves
 * nothing behind, and the callback is only accepted in the browser the reader started from.
 * SameSite=Lax lets the cookie come back with the provider's top-level redirect.
 */
export function signInFlows(secret: string, now: () => number = Date.now): SignInFlows {
  const key = createHash('sha256').update(`openid sign-in flow\0${secret}`).digest();
  const sign = (value: string) => createHmac('sha256', key).update(value).digest('base64url');
  const options = (request: FastifyRequest) => ({ path: '/auth/openid/', httpOnly: true, sameSite: 'lax' as const, secure: request.protocol === 'https' });
  return {
    keep(request, reply, pending) {
      const value = Buffer.from(JSON.stringify({ ...pending, expiresAt: now() + FLOW_LIFETIME_MS })).toString('base64url');
      reply.setCookie(FLOW_COOKIE, `${value}.${sign(value)}`, { ...options(request), maxAge: FLOW_LIFETIME_MS / 1000 });
    },
    take(request, reply, provider) {
      const cookie = request.cookies[FLOW_COOKIE];
      if (!cookie) return null;
      reply.clearCookie(FLOW_COOKIE, options(request));
      const [value = '', signature = ''] = cookie.split('.');
      if (!sameToken(signature, sign(value))) return null;
      try {
        const kept = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as PendingSignIn & { expiresAt: number };
        if (kept.provider !== provider || kept.expiresAt < now()) return null;
        return { provider: kept.provider, flow: kept.flow, returnTo: kept.returnTo };
      } catch {
        return null;
      }
    },
  };
}
