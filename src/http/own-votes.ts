import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Cached pages show votes up to a second late (response-cache.ts). The reader who just voted
 * must not see their own vote missing after a reload, so a vote leaves a cookie that lives a
 * little longer than that lag, and first pages asked for with it wait for counts that include it.
 * A cookie rather than server memory, so it holds whichever instance answers the reload.
 */
const COOKIE = 'tribune_voted';
const LIVES_S = 3;

export function rememberOwnVote(request: FastifyRequest, reply: FastifyReply): void {
  reply.setCookie(COOKIE, '1', { path: '/', httpOnly: true, sameSite: 'lax', maxAge: LIVES_S, secure: request.protocol === 'https' });
}

export function votedJustNow(request: FastifyRequest): boolean {
  return request.cookies[COOKIE] === '1';
}
