import type { Store } from '../store/store.js';

/**
 * Folds the pending changes of thread comment counts into the threads' rows once a second (see
 * `CommentQueries.adjustShownCounts`), so a count read sums at most about a second of changes.
 */
export class ThreadCountFolder {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly store: Store,
    private readonly onError: (error: unknown) => void,
    private readonly everyMs = 1000,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.foldNow(), this.everyMs);
    this.timer.unref();
  }

  /** Folds what is pending now; a fold already running is awaited instead of doubled. */
  foldNow(): Promise<void> {
    this.running ??= (async () => {
      try {
        // Batches keep each transaction short; a backlog (after a pause, or a bulk import) takes several.
        while ((await this.store.transaction((tx) => tx.comments.foldCountChanges())) > 0);
      } catch (error) {
        this.onError(error);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  /** Stops the timer and folds what is left, so a clean shutdown leaves no pending changes. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.foldNow();
  }
}
