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
  hit(key: string, limit: number, windowMs: number): Promise<RateLimitDecision>;
  close(): Promise<void>;
}
