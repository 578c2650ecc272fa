import { describe, expect, it } from 'vitest';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { writesTakeTurns } from '../../src/http/fair-turns.js';

const request = (method: string) => ({ method }) as FastifyRequest;
const reply = {} as FastifyReply;
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('writes take turns', () => {
  it('starts waiting writes in arrival order, one per turn of the event loop, and never holds a read', async () => {
    const hook = writesTakeTurns();
    const started: string[] = [];
    for (const name of ['post 1', 'post 2', 'post 3']) hook(request('POST'), reply, () => started.push(name));
    hook(request('GET'), reply, () => started.push('read'));
    // The read goes at once; the writes wait for the loop to come round, so new connections are accepted in between.
    expect(started).toEqual(['read']);
    await turn();
    expect(started).toEqual(['read', 'post 1']);
    await turn();
    expect(started).toEqual(['read', 'post 1', 'post 2']);
    hook(request('DELETE'), reply, () => started.push('delete'));
    await turn();
    await turn();
    expect(started).toEqual(['read', 'post 1', 'post 2', 'post 3', 'delete']);
  });
});
