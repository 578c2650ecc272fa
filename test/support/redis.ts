import net from 'node:net';
import { randomBytes } from 'node:crypto';

/** The Redis server tests use. */
export const REDIS_URL = process.env.TRIBUNE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A key and channel prefix of a test's own, so test files (and anyone else) sharing one Redis never meet. */
export const testRedisPrefix = () => `tribune-test:${randomBytes(6).toString('hex')}:`;

/**
 * Why the Redis suites cannot run here, or undefined when Redis answers. Under `CI=true` a missing
 * Redis is an error, not a skip.
 */
export async function redisMissing(): Promise<string | undefined> {
  const url = new URL(REDIS_URL);
  const answers = await new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: url.hostname, port: Number(url.port || 6379) });
    socket.setTimeout(2000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
  if (answers) return undefined;
  const reason = `no Redis at ${REDIS_URL} (apt-get install -y redis-server; redis-server --daemonize yes)`;
  if (process.env.CI === 'true' || process.env.CI === '1') throw new Error(`CI=true: ${reason}`);
  console.warn(`SKIPPED Redis suites: ${reason}`);
  return reason;
}
