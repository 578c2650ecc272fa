import net from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.close());

/** Sends `count` pipelined requests at once, then reads until the server has answered them all or closed. */
function pipeline(count: number, read: boolean): Promise<{ answers: number; closed: boolean }> {
  const { port } = new URL(server.baseUrl);
  return new Promise((resolve) => {
    let received = '';
    const socket = net.connect({ host: '127.0.0.1', port: Number(port) }, () => socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'.repeat(count)));
    const answers = () => received.split('HTTP/1.1 200').length - 1;
    const timer = setTimeout(() => (socket.destroy(), resolve({ answers: answers(), closed: false })), 5000);
    socket.on('data', (chunk) => {
      received += chunk.toString();
      if (answers() === count) {
        clearTimeout(timer);
        socket.destroy();
        resolve({ answers: count, closed: false });
      }
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ answers: answers(), closed: true });
    });
    socket.on('error', () => {});
    if (!read) socket.pause();
  });
}

it('answers a client that pipelines a few requests, every one in order', async () => {
  expect(await pipeline(20, true)).toEqual({ answers: 20, closed: false });
});

it('closes a connection that piles up thousands of requests without reading the answers', async () => {
  const result = await pipeline(5000, false);
  expect(result.closed).toBe(true);
  // Everyone else is still served.
  expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
});
