import fs from 'node:fs/promises';

/**
 * Makes SQLite commits durable without blocking the event loop. With `synchronous = NORMAL` in WAL
 * mode a COMMIT has written its frames to the WAL file (the OS's page cache) when it returns; an
 * fsync of that file then puts them on disk, which is what `FULL` does inside every COMMIT, but
 * here it runs on libuv's thread pool and one fsync covers every commit made before it started.
 * Commits made while an fsync runs wait for the next one (group commit). A checkpoint in between
 * loses nothing: in NORMAL mode SQLite fsyncs the WAL before a checkpoint and the database after.
 */
export class WalFlusher {
  private current: Promise<void> | null = null;
  private following: Promise<void> | null = null;

  /** `fsync` puts the WAL file on disk (`fsyncFile` for the real one). */
  constructor(private readonly fsync: () => Promise<void>) {}

  /** Resolves once every commit that returned before this call is on disk. */
  flush(): Promise<void> {
    if (!this.current) return this.begin();
    // The fsync running now may have started before the caller's commit: wait for the next.
    this.following ??= this.current
      .catch(() => undefined)
      .then(() => {
        this.following = null;
        return this.begin();
      });
    return this.following;
  }

  /** Waits for the fsyncs under way. */
  async settle(): Promise<void> {
    await Promise.allSettled([this.current, this.following]);
  }

  private begin(): Promise<void> {
    const run = this.fsync().finally(() => {
      if (this.current === run) this.current = null;
    });
    this.current = run;
    return run;
  }
}

/** fsync of one file, kept open between calls; `close` when the database closes. */
export function fsyncFile(file: string): { fsync(): Promise<void>; close(): Promise<void> } {
  let handle: Promise<fs.FileHandle> | null = null;
  return {
    async fsync() {
      handle ??= fs.open(file, 'r');
      try {
        await (await handle).sync();
      } catch (error) {
        handle = null;
        // No WAL file: no commit since it was last checkpointed away, so nothing waits on it.
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    },
    async close() {
      await (await handle)?.close();
      handle = null;
    },
  };
}
