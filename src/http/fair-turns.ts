import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';

/**
 * Requests start one per turn of the event loop, in the order they arrived.
 *
 * Since Node 20 (libuv 1.45+) a server accepts one new connection per turn of the event loop.
 * When every ready request ran its handler in the same turn, a turn with 40 posts waiting
 * (moderation takes milliseconds each) or 64 uncached pages took hundreds of milliseconds, so a
 * burst of new connections was accepted a few per second: their first requests waited seconds
 * (wrk, 64 connections posting: median 0.25 s, p99 8 s, the slowest 10 s; uncached pages timed
 * out) while connections already open were served again and again. One request per turn keeps
 * turns short, so new connections are accepted as fast as old ones are served. A turn costs a
 * few microseconds, against a tenth of a millisecond for the cheapest (cached) answer.
 */
export function requestsTakeTurns() {
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
  return (_request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    waiting.push(done);
    if (!scheduled) {
      scheduled = true;
      setImmediate(next);
    }
  };
}
