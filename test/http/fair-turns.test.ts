import { describe, expect, it } from 'vitest';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { requestsTakeTurns } from '../../src/http/fair-turns.js';

const request = (method: string) => ({ method }) as FastifyRequest;
const reply = {} as FastifyReply;
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('requests take turns', () => {
  it('starts waiting requests in arrival order, one per turn of the event loop', async () => {
    const hook = requestsTakeTurns();
    const started: string[] = [];
    for (const name of ['post 1', 'post 2']) hook(request('POST'), reply, () => started.push(name));
    hook(request('GET'), reply, () => started.push('read'));
    // Nothing starts in the turn the requests arrived in: the loop comes round first, and accepts new connections.
    expect(started).toEqual([]);
    await turn();
    expect(started).toEqual(['post 1']);
    await turn();
    expect(started).toEqual(['post 1', 'post 2']);
    hook(request('DELETE'), reply, () => started.push('delete'));
    await turn();
    await turn();
    expect(started).toEqual(['post 1', 'post 2', 'read', 'delete']);
  });
});
