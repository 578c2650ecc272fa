import { Redis } from 'ioredis';

/**
 * A connection to the Redis of `REDIS_URL`. Commands fail after a couple of retries instead of
 * queueing for ever while Redis is away; the connection keeps reconnecting in the background, and
 * a subscriber subscribes again once it is back.
 */
export function connectRedis(url: string, onError: (error: Error) => void): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: true, connectionName: 'tribune' });
  // Without a listener an unreachable Redis would crash the process; reconnecting is automatic.
  redis.on('error', onError);
  return redis;
}

/** Waits for `promise`, or fails with a message naming REDIS_URL: a start-up that cannot reach Redis stops. */
export async function withinStartup<T>(promise: Promise<T>, ms = 10_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis at REDIS_URL did not answer within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
