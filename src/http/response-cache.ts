import type { EventBus } from '../adapters/bus/bus.js';

/**
 * What the cache knows a thread by: its site and its key, since the same key on two sites is two
 * threads. Callers pass it as `threadKey`, and start their cache keys with `siteKey`.
 */
export function siteThread(siteId: string, threadKey: string): string {
  // Site ids are letters, digits and hyphens: the first colon ends the site.
  return `${siteId}:${threadKey}`;
}

/** A cache key of one site's page: never the same as any other site's. */
export function siteKey(siteId: string, key: string): string {
  return `${siteId}:${key}`;
}

interface Entry {
  /** Encoded once: sending a kept page copies bytes, it does not encode 100 KB of text again. */
  body: Buffer;
  threadKey: string | null;
  builtAt: number;
  expires: number;
  /** Votes changed since it was built: still served, rebuilt at most once per `voteRefreshMs`. */
  stale: boolean;
}

interface Build {
  promise: Promise<Buffer>;
  threadKey: string | null;
  /** The thread's vote count when the build started: a later vote is not in it. */
  votes: number;
}

export interface BuildOptions {
  /** The reader just voted: a page built before their vote will not do. */
  withVotesCounted?: boolean;
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
 *
 * Votes change only counts (and the order of "Most Voted"), and come far more often than
 * comments: after a vote the kept page is still served and rebuilt in the background, at most
 * once per `voteRefreshMs`, so vote counts on a cached page lag by up to that long. The voter
 * sees their vote at once in the vote's own answer, and a page they ask for right after it
 * (`withVotesCounted`, see own-votes.ts) waits for a build that counts it. New, edited, deleted
 * and moderated comments drop the pages: the next reader waits for the rebuild and sees the change.
 */
export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  private readonly building = new Map<string, Build>();
  /** Bumped on every dropping change of a thread (the key `null`: a change of every page). */
  private readonly versions = new Map<string | null, number>();
  /** Bumped on every vote in a thread. */
  private readonly voteVersions = new Map<string, number>();
  /** Bytes of the kept pages: bounded, as an article page of a long discussion is 100–200 KB. */
  private bytes = 0;

  constructor(
    bus: EventBus,
    private readonly ttlMs = 60_000,
    private readonly maxEntries = 1000,
    private readonly now: () => number = Date.now,
    private readonly voteRefreshMs = 1000,
    /** The most page bytes kept (the oldest page goes first): 1,000 article pages would be 150 MB. */
    private readonly maxBytes = 32 * 1024 * 1024,
  ) {
    bus.subscribe((event) => {
      // A site's name or hosts changed: its pages now read differently.
      // A gift moves every article page's meter: dropped at once rather than left for the TTL.
      if (event.type === 'article.published' || event.type === 'article.changed' || event.type === 'site.changed' || event.type === 'campaign.changed') this.dropAll();
      else if (event.type === 'comment.voted') this.markVoted(siteThread(event.siteId, event.threadKey));
      else this.dropThread(siteThread(event.siteId, event.threadKey));
    });
  }

  /** The kept page, fresh or voted on since; undefined when there is none or it expired. */
  private entry(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= this.now()) {
      this.remove(key);
      return undefined;
    }
    return entry;
  }

  get(key: string): Buffer | undefined {
    return this.entry(key)?.body;
  }

  set(key: string, threadKey: string | null, body: Buffer, stale = false): void {
    this.remove(key);
    if (body.length > this.maxBytes) return;
    while (this.entries.size > 0 && (this.entries.size >= this.maxEntries || this.bytes + body.length > this.maxBytes)) {
      this.remove(this.entries.keys().next().value!);
    }
    const now = this.now();
    this.entries.set(key, { body, threadKey, builtAt: now, expires: now + this.ttlMs, stale });
    this.bytes += body.length;
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.body.length;
  }

  /** The kept page, or one build of it shared by every request asking while it runs. */
  async getOrBuild(key: string, threadKey: string | null, build: () => Promise<string>, options: BuildOptions = {}): Promise<Buffer> {
    const kept = this.entry(key);
    if (kept && !kept.stale) return kept.body;
    const running = this.building.get(key);
    if (options.withVotesCounted) {
      return running && running.votes === this.votesOf(threadKey) ? running.promise : this.startBuild(key, threadKey, build);
    }
    if (running) return kept ? kept.body : running.promise;
    if (kept && this.now() - kept.builtAt < this.voteRefreshMs) return kept.body;
    const promise = this.startBuild(key, threadKey, build);
    return kept ? kept.body : promise;
  }

  private startBuild(key: string, threadKey: string | null, build: () => Promise<string>): Promise<Buffer> {
    const version = this.versionOf(threadKey);
    const votes = this.votesOf(threadKey);
    const promise = build().then((text) => {
      const body = Buffer.from(text);
      if (this.versionOf(threadKey) === version) this.set(key, threadKey, body, this.votesOf(threadKey) !== votes);
      return body;
    });
    const entry = { promise, threadKey, votes };
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

  private votesOf(threadKey: string | null): number {
    return threadKey === null ? 0 : (this.voteVersions.get(threadKey) ?? 0);
  }

  private bump(threadKey: string | null): void {
    // One number per thread that was ever changed: a few bytes per discussion.
    this.versions.set(threadKey, (this.versions.get(threadKey) ?? 0) + 1);
  }

  private dropAll(): void {
    this.bump(null);
    this.entries.clear();
    this.bytes = 0;
    this.building.clear();
  }

  private markVoted(threadKey: string): void {
    this.voteVersions.set(threadKey, (this.voteVersions.get(threadKey) ?? 0) + 1);
    for (const entry of this.entries.values()) if (entry.threadKey === threadKey) entry.stale = true;
  }

  private dropThread(threadKey: string): void {
    this.bump(threadKey);
    // Pages without a thread (home) show no comments; only a new article changes them.
    for (const [key, entry] of this.entries) if (entry.threadKey === threadKey) this.remove(key);
    // Requests from now on must see the change: they start a build of their own.
    for (const [key, build] of this.building) if (build.threadKey === threadKey) this.building.delete(key);
  }
}
