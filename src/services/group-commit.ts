import type { Store } from '../store/store.js';

interface Job {
  work: (tx: Store) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** A write committed (answered once `onDisk` resolves) or failed. */
type Written = { job: Job; ok: true; value: unknown; onDisk: Promise<void> } | { job: Job; ok: false; error: unknown };

/**
 * Group commit: writes that arrive while the previous group is being committed (or within the same
 * turn of the event loop) share one transaction, so a burst of new comments costs one commit (one
 * COMMIT round trip on PostgreSQL, one WAL write on SQLite) instead of one each. Each caller is
 * answered only once its group's commit is on disk (on SQLite the WAL fsync, which covers every
 * commit made before it), so nothing is acknowledged before it is durable; the next group may
 * commit while that fsync runs. A group that fails is rolled back whole and its writes are run
 * again one by one, so one write's error reaches only its own caller.
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
    let written: Written[];
    try {
      written = await this.write(group);
    } finally {
      // The writer is free once COMMIT has returned: the next group commits while this one's fsync
      // runs (on SQLite the one writer would otherwise sit idle through every fsync).
      this.committing--;
      this.schedule();
    }
    for (const w of written) {
      if (w.ok) w.onDisk.then(() => w.job.resolve(w.value), w.job.reject);
      else w.job.reject(w.error);
    }
  }

  /** Commits the group in one transaction; if that fails, rolls it back and commits each write alone. */
  private async write(group: Job[]): Promise<Written[]> {
    if (group.length > 1) {
      try {
        const { result, onDisk } = await this.store.commit(async (tx) => {
          const out: unknown[] = [];
          for (const job of group) out.push(await job.work(tx));
          return out;
        });
        return group.map((job, i) => ({ job, ok: true, value: result[i], onDisk }));
      } catch {
        // One write's error must reach only its own caller: retried one by one below.
      }
    }
    const written: Written[] = [];
    for (const job of group) {
      try {
        const { result, onDisk } = await this.store.commit(job.work);
        written.push({ job, ok: true, value: result, onDisk });
      } catch (error) {
        written.push({ job, ok: false, error });
      }
    }
    return written;
  }
}
