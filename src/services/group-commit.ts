import type { Store } from '../store/store.js';

interface Job {
  work: (tx: Store) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: writes that arrive while the previous group is being committed (or within the same
 * turn of the event loop) share one transaction, so a burst of new comments costs one commit (one
 * fsync on SQLite with `synchronous = FULL`, one COMMIT round trip on PostgreSQL) instead of one
 * each. Each caller is answered only once its group is committed, so nothing is acknowledged
 * before it is durable. A group that fails is rolled back whole and its writes are run again one
 * by one, so one write's error reaches only its own caller.
 */
export class GroupCommit {
  private waiting: Job[] = [];
  private committing = 0;
  private scheduled = false;

  constructor(
    private readonly store: Store,
    /**
     * Groups committing at once. SQLite has one writer, so one (the next group gathers while it
     * commits); PostgreSQL commits groups side by side on pooled connections, each a few round trips.
     */
    private readonly concurrent = 1,
    /** Most writes in one transaction: bounds how long the database's writer is held. */
    private readonly maxGroup = 100,
  ) {}

  /** Runs `work` in a transaction shared with the other writes of its group; resolves after COMMIT. */
  run<T>(work: (tx: Store) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ work, resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.committing >= this.concurrent || this.scheduled || this.waiting.length === 0) return;
    this.scheduled = true;
    // After the I/O callbacks of this turn: the requests read together are written together.
    setImmediate(() => {
      this.scheduled = false;
      void this.commitNext();
    });
  }

  private async commitNext(): Promise<void> {
    if (this.committing >= this.concurrent || this.waiting.length === 0) return;
    this.committing++;
    const group = this.waiting.splice(0, this.maxGroup);
    try {
      if (group.length === 1) {
        await this.alone(group[0]!);
      } else {
        let results: unknown[];
        try {
          results = await this.store.transaction(async (tx) => {
            const out: unknown[] = [];
            for (const job of group) out.push(await job.work(tx));
            return out;
          });
        } catch {
          for (const job of group) await this.alone(job);
          return;
        }
        group.forEach((job, i) => job.resolve(results[i]));
      }
    } finally {
      this.committing--;
      this.schedule();
    }
  }

  private async alone(job: Job): Promise<void> {
    try {
      job.resolve(await this.store.transaction(job.work));
    } catch (error) {
      job.reject(error);
    }
  }
}
