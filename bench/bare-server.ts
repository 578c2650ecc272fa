/**
 * The baseline: a bare `node:http` server, run as its own process like Tribune, that answers each
 * measured URL with a prebuilt Buffer holding the very bytes Tribune sent for it (same length, same
 * content-type, same status). Whatever Tribune spends beyond this is the cost of being Tribune.
 *
 * Usage: node --import tsx bench/bare-server.ts <manifest.json> [port]
 * The manifest maps "METHOD /path?query" to { file, contentType, status }. Prints {"port": N}.
 */
import fs from 'node:fs';
import http from 'node:http';

export interface BareRoute {
  file: string;
  contentType: string;
  status: number;
}

export type BareManifest = Record<string, BareRoute>;

const manifestFile = process.argv[2];
if (!manifestFile) {
  console.error('usage: bare-server.ts <manifest.json>');
  process.exit(2);
}
const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as BareManifest;
const routes = new Map<string, { body: Buffer; headers: Record<string, string | number>; status: number }>();
for (const [key, route] of Object.entries(manifest)) {
  const body = fs.readFileSync(route.file);
  routes.set(key, { body, status: route.status, headers: { 'content-type': route.contentType, 'content-length': body.length } });
}

const server = http.createServer((request, response) => {
  const route = routes.get(`${request.method} ${request.url}`);
  const answer = () => {
    if (!route) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(route.status, route.headers).end(route.body);
  };
  // A POST is answered once its body has arrived, as Tribune must.
  if (request.method === 'POST') {
    request.on('data', () => {});
    request.on('end', answer);
  } else {
    answer();
  }
});
server.keepAliveTimeout = 60_000;

server.listen(Number(process.argv[3] ?? 0), '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ port })}\n`);
});

const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// Never outlive the benchmark that started it, even if it was killed before it could stop us.
const parentPid = process.ppid;
setInterval(() => {
  try {
    process.kill(parentPid, 0);
  } catch {
    stop();
  }
}, 1000).unref();
