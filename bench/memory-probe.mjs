// Preload for the Tribune process (`bench/run.ts --node-options "--import ./bench/memory-probe.mjs"`):
// appends process.memoryUsage() in MB, once a second, as JSON lines to $TRIBUNE_MEMORY_LOG.
import fs from 'node:fs';
import process from 'node:process';
import { setInterval } from 'node:timers';

const file = process.env.TRIBUNE_MEMORY_LOG;
if (file) {
  const mb = (n) => Math.round(n / 1048576);
  setInterval(() => {
    const m = process.memoryUsage();
    const line = { t: Date.now(), rss: mb(m.rss), heapTotal: mb(m.heapTotal), heapUsed: mb(m.heapUsed), external: mb(m.external), arrayBuffers: mb(m.arrayBuffers) };
    fs.appendFileSync(file, `${JSON.stringify(line)}\n`);
  }, 1000).unref();
}
