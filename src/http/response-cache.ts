import type { EventBus } from '../adapters/bus/bus.js';

interface Entry {
  body: string;
  threadKey: string | null;
  expires: number;
}

/**
 * Rendered first pages (API JSON and article HTML) are the same for every reader, so they are
 * kept until the thread changes. Domain events on the bus drop them, which also works between
 * instances once the bus is Redis. The TTL bounds how stale "5 minutes ago" can get.
 */
export class ResponseCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    bus: EventBus,
    private readonly ttlMs = 60_000,
    private readonly maxEntries = 1000,
    private readonly now: () => number = Date.now,
  ) {
    bus.subscribe((event) => {
      if (event.type === 'article.published') this.entries.clear();
      else this.dropThread(event.threadKey);
    });
  }

  get(key: string): string | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.body;
  }

  set(key: string, threadKey: string | null, body: string): void {
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { body, threadKey, expires: this.now() + this.ttlMs });
  }

  private dropThread(threadKey: string): void {
    // Pages without a thread (home) show no comments; only a new article changes them.
    for (const [key, entry] of this.entries) if (entry.threadKey === threadKey) this.entries.delete(key);
  }
}
