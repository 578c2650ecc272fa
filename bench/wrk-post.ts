/**
 * Prints a wrk script that posts comments with fresh, publishable text (3,000 bodies from
 * sentences.ts, each sent with a counter so no two are the same), for the fair-latency check:
 *
 *   npx tsx bench/wrk-post.ts > /tmp/post.lua
 *   # Tribune on one core (TRIBUNE_RATE_LIMITS=off TRIBUNE_TRUST_PROXY=on, an article "w1"):
 *   taskset -c 0 node --max-semi-space-size=2 --max-old-space-size=160 dist/src/main.js
 *   SLUG=w1 taskset -c 1 wrk -t1 -c64 -d10s --latency --timeout 20s -s /tmp/post.lua http://127.0.0.1:8080
 *
 * Each request carries a different X-Forwarded-For, so each comes from a different reader.
 */
import { authorName, commentBody } from './seed.js';
import { seededRandom } from '../src/shared/seeded-random.js';

const random = seededRandom(99);
const lines = ['local bodies = {}'];
for (let i = 0; i < 3000; i++) {
  // The JSON without its closing `"}`: the request adds a counter to the body, then closes it.
  const json = JSON.stringify({ name: authorName(random), body: commentBody(random, 200, 780) });
  lines.push(`bodies[${i + 1}] = ${JSON.stringify(json.slice(0, -2))}`);
}
lines.push(`local counter = 0
request = function()
  counter = counter + 1
  local headers = { ["Content-Type"] = "application/json", ["X-Forwarded-For"] = "10." .. (counter % 250 + 1) .. "." .. (math.floor(counter / 250) % 250 + 1) .. ".7" }
  return wrk.format("POST", "/api/v1/threads/" .. os.getenv("SLUG") .. "/comments", headers, bodies[(counter % 3000) + 1] .. " (" .. counter .. ")\\"}")
end
done = function(summary, latency)
  io.write(string.format("p50 %.1f ms, p99 %.1f ms, max %.1f ms; %d requests; errors: connect %d, read %d, write %d, status %d, timeout %d\\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000, summary.requests,
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status, summary.errors.timeout))
end`);
process.stdout.write(`${lines.join('\n')}\n`);
