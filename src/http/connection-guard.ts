import http from 'node:http';
import type { Socket } from 'node:net';

/**
 * Bounds what one connection can make the server hold. Node parses every request a client
 * pipelines in one packet and queues their answers until the client reads them; a client that
 * sends thousands and never reads would grow the heap without end. A connection with more than
 * `maxUnanswered` requests whose answers have not reached the network is closed instead.
 */
export function guardedHttpServer(maxUnanswered: number) {
  const unanswered = new WeakMap<Socket, number>();
  return (handler: (request: http.IncomingMessage, response: http.ServerResponse) => void, options: { keepAliveTimeout?: number }): http.Server => {
    const server = http.createServer((request, response) => {
      const socket = request.socket;
      if (socket.destroyed) return;
      const count = (unanswered.get(socket) ?? 0) + 1;
      if (count > maxUnanswered) {
        socket.destroy();
        return;
      }
      unanswered.set(socket, count);
      // 'close' comes once the answer is handed to the network, or the connection is gone.
      response.once('close', () => unanswered.set(socket, (unanswered.get(socket) ?? 1) - 1));
      handler(request, response);
    });
    // What Fastify sets on a server it makes itself.
    if (options.keepAliveTimeout) server.keepAliveTimeout = options.keepAliveTimeout;
    return server;
  };
}
