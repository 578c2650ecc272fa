export interface RateLimitDecision {
  allowed: boolean;
  /** How long until the next hit would be allowed; 0 when allowed. */
  retryAfterMs: number;
}

/**
 * Counts hits per key in a sliding window. The in-process store serves one instance;
 * a shared store (Redis) makes the limit hold across instances.
 */
export interface RateLimitStore {
  /** Counts a hit on `key` when it is allowed; a refused hit is not counted, so waiting is enough. */
  hit(key: string, limit: number, windowMs: number): Promise<RateLimitDecision>;
  /**
   * One attempt limited under several keys (a person and their address): counted on every key
   * when all allow it, on none when one refuses, so a refused retry never uses up another key.
   * The wait is the longest of the refusing keys'.
   */
  hitAll(keys: string[], limit: number, windowMs: number): Promise<RateLimitDecision>;
  close(): Promise<void>;
}
