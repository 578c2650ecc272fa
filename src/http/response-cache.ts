import type { EventBus } from '../adapters/bus/bus.js';

interface Entry {
  body: string;
  threadKey: string | null;
  expires: number;
}

interface Build {
  promise: Promise<string>;
  threadKey: string | null;
}

/**
 * Rendered first pages (API JSON and article HTML) are the same for every reader, so they are
 * kept until the thread changes. Domain events on the bus drop them, which also works between
 * instances once the bus is Redis. The TTL bounds how stale "5 minutes ago" can get.
 *
 * A busy thread changes every few hundred milliseconds while readers keep asking for it, so a
 * missing page is built once and every request that arrives meanwhile waits for that build
 * (single flight), instead of each running the same queries. A build the thread changed under
 * still answers the requests that were waiting for it, but is not kept.
 */
export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  private readonly building = new Map<string, Build>();
  /** Bumped on every change of a thread (the key `null`: a change of every page). */
  private readonly versions = new Map<string | null, number>();

  constructor(
    bus: EventBus,
    private readonly ttlMs = 60_000,
    private readonly maxEntries = 1000,
    private readonly now: () => number = Date.now,
  ) {
    bus.subscribe((event) => {
      if (event.type === 'article.published') this.dropAll();
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

  /** The kept page, or one build of it shared by every request asking while it runs. */
  async getOrBuild(key: string, threadKey: string | null, build: () => Promise<string>): Promise<string> {
    const kept = this.get(key);
    if (kept !== undefined) return kept;
    const running = this.building.get(key);
    if (running) return running.promise;
    const version = this.versionOf(threadKey);
    const promise = build().then((body) => {
      if (this.versionOf(threadKey) === version) this.set(key, threadKey, body);
      return body;
    });
    const entry = { promise, threadKey };
    this.building.set(key, entry);
    const done = () => {
      if (this.building.get(key) === entry) this.building.delete(key);
    };
    promise.then(done, done);
    return promise;
  }

  private versionOf(threadKey: string | null): number {
    return (this.versions.get(threadKey) ?? 0) + (threadKey === null ? 0 : (this.versions.get(null) ?? 0));
  }

  private bump(threadKey: string | null): void {
    // One number per thread that was ever changed: a few bytes per discussion.
    this.versions.set(threadKey, (this.versions.get(threadKey) ?? 0) + 1);
  }

  private dropAll(): void {
    this.bump(null);
    this.entries.clear();
    this.building.clear();
  }

  private dropThread(threadKey: string): void {
    this.bump(threadKey);
    // Pages without a thread (home) show no comments; only a new article changes them.
    for (const [key, entry] of this.entries) if (entry.threadKey === threadKey) this.entries.delete(key);
    // Requests from now on must see the change: they start a build of their own.
    for (const [key, build] of this.building) if (build.threadKey === threadKey) this.building.delete(key);
  }
}
