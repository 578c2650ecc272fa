import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';

/**
 * Writes (posting runs moderation, a few milliseconds of CPU) start one per turn of the event
 * loop, in the order they arrived.
 *
 * Since Node 20 (libuv 1.45+) a server accepts one new connection per turn of the event loop.
 * When every ready request ran its handler in the same turn, a turn with 40 posts waiting took
 * 150 ms or more, so a burst of new connections was accepted at about 6 per second: their first
 * requests waited seconds (wrk, 64 connections: median 0.25 s, p99 8 s, the slowest 10 s) while
 * connections already open were served again and again. One write per turn keeps turns short,
 * so new connections are accepted as fast as old ones are served. Reads are not held: they are
 * answered from the response cache in microseconds.
 */
export function writesTakeTurns() {
  const waiting: HookHandlerDoneFunction[] = [];
  let scheduled = false;
  const next = () => {
    scheduled = false;
    waiting.shift()?.();
    if (waiting.length > 0) {
      scheduled = true;
      setImmediate(next);
    }
  };
  return (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return done();
    waiting.push(done);
    if (!scheduled) {
      scheduled = true;
      setImmediate(next);
    }
  };
}
