import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor, ActorStaff } from '../services/actor.js';
import type {} from './staff-session.js';
import type {} from './reader-session.js';

const READER_COOKIE = 'tribune_reader';
const TWO_YEARS_S = 2 * 365 * 24 * 3600;

export interface ReaderIdentity {
  /** Who is asking, creating the long-lived reader cookie (on `reply`) when the request may write. */
  identify(request: FastifyRequest, reply?: FastifyReply, options?: { create?: boolean }): Actor;
  isStaff(request: FastifyRequest): boolean;
}

/**
 * Guests are recognised by a random, long-lived cookie (one vote per reader); clients by a keyed
 * hash of their IP, so rate limits and later bans work without storing addresses.
 */
export function readerIdentity(secret: string, adminToken: string | null): ReaderIdentity {
  const isStaff = (request: FastifyRequest) => {
    if (!adminToken) return false;
    const header = request.headers.authorization ?? '';
    const given = header.startsWith('Bearer ') ? header.slice(7) : '';
    const a = Buffer.from(given);
    const b = Buffer.from(adminToken);
    return a.length === b.length && timingSafeEqual(a, b);
  };
  return {
    isStaff,
    identify(request, reply, options = {}) {
      let readerId = request.cookies[READER_COOKIE] ?? null;
      if (readerId !== null && !/^[A-Za-z0-9_-]{16,64}$/.test(readerId)) readerId = null;
      if (readerId === null && options.create && reply) {
        readerId = randomBytes(16).toString('base64url');
        reply.setCookie(READER_COOKIE, readerId, { path: '/', httpOnly: true, sameSite: 'lax', maxAge: TWO_YEARS_S, secure: request.protocol === 'https' });
      }
      const ipHash = createHmac('sha256', secret).update(request.ip).digest('base64url').slice(0, 22);
      // The admin token acts as an admin called "Staff"; a signed-in staff member under their own name.
      const session = request.staffSession;
      const staff: ActorStaff | null = isStaff(request) ? { id: null, name: 'Staff', role: 'admin' } : session ? { id: session.staff.id, name: session.staff.name, role: session.staff.role } : null;
      const account = request.readerAccount;
      return { siteId: request.site.id, readerId, ipHash, account: account ? { id: account.id, name: account.name, email: account.email } : null, staff };
    },
  };
}
