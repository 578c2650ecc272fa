/**
 * The fan-out baseline: a bare `node:http` server, run as its own process like Tribune, that holds
 * event-stream connections and, on `POST /publish`, writes the request's body to every one of them
 * at once. It does what a live thread must do at the least cost: no database, no lookup, one write
 * per client, so Tribune's figures beside it show the cost of being Tribune.
 *
 * Usage: node --import tsx bench/bare-stream-server.ts [port]. Prints {"port": N} when listening.
 */
import http from 'node:http';

const clients = new Set<http.ServerResponse>();

const server = http.createServer((request, response) => {
  if (request.method === 'POST' && request.url === '/publish') {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const event = Buffer.concat(chunks);
      for (const client of clients) client.write(event);
      response.writeHead(201, { 'content-type': 'text/plain' }).end(String(clients.size));
    });
    return;
  }
  response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store' });
  response.write('retry: 3000\nid: 0\n\n');
  clients.add(response);
  response.once('close', () => clients.delete(response));
});
server.keepAliveTimeout = 5000;
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  const address = server.address();
  console.log(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }));
});
process.once('SIGTERM', () => process.exit(0));
