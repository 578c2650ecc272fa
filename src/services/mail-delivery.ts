import type { MailTransport } from '../adapters/mail/transport.js';
import { PermanentMailFailure } from '../adapters/mail/transport.js';
import { composeMail } from '../adapters/mail/compose.js';
import type { OutboxMailRow } from '../store/mail-outbox.js';
import type { Store } from '../store/store.js';

export interface MailDeliveryOptions {
  /** The From header: `"The Harbour Gazette" <news@example.org>`. */
  from: string;
  /** How often the outbox is looked at besides when mail is queued. */
  pollMs?: number;
  /** How long a claimed mail is this worker's; a worker that dies holding it leaves it to another after this. */
  leaseMs?: number;
  /** The wait after the first failed attempt; it doubles with each further one, up to `maxBackoffMs`. */
  firstBackoffMs?: number;
  maxBackoffMs?: number;
  /** Attempts after which a mail is marked failed and left for an operator to look at. */
  maxAttempts?: number;
  batchSize?: number;
}

export interface MailLog {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/**
 * Sends what the outbox holds: woken when mail is queued and on a timer, it claims due mails,
 * sends them and marks them sent, and puts a failed one back with an exponential backoff. Nothing
 * is lost while the server is down. A crash between sending and marking sent sends the mail again
 * when its claim runs out, with the same Message-ID, so receivers can recognise the repeat.
 */
export class MailDelivery {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private again = false;
  private stopped = false;
  private readonly options: Required<MailDeliveryOptions>;

  constructor(
    private readonly store: Store,
    private readonly transport: MailTransport,
    private readonly now: () => number,
    private readonly log: MailLog,
    options: MailDeliveryOptions,
  ) {
    this.options = { pollMs: 1000, leaseMs: 5 * 60_000, firstBackoffMs: 30_000, maxBackoffMs: 60 * 60_000, maxAttempts: 20, batchSize: 20, ...options };
  }

  get description(): string {
    return this.transport.description;
  }

  start(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => void this.deliverDue(), this.options.pollMs);
    this.timer.unref();
  }

  /** Mail was just queued: look soon rather than at the next tick. */
  wake(): void {
    if (this.stopped) return;
    setImmediate(() => void this.deliverDue());
  }

  /**
   * Sends every mail due now; resolves with how many went out. A call while a run is going makes
   * that run look once more before it ends, instead of running twice at once.
   */
  deliverDue(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      let sent = 0;
      try {
        do {
          this.again = false;
          let batch: OutboxMailRow[];
          do {
            batch = await this.store.mailOutbox.claimDue(this.now(), this.options.batchSize, this.options.leaseMs);
            for (const [i, mail] of batch.entries()) {
              // Stopping: what this worker claimed but has not tried goes back, not to wait out the lease.
              if (this.stopped) {
                await this.store.mailOutbox.release(batch.slice(i).map((m) => m.id), this.now());
                break;
              }
              if (await this.deliver(mail)) sent++;
            }
          } while (batch.length === this.options.batchSize && !this.stopped);
        } while (this.again && !this.stopped);
      } catch (error) {
        this.log.error({ err: error }, 'reading the mail outbox failed');
      } finally {
        this.running = null;
      }
      return sent;
    })();
    return this.running;
  }

  /** Stops the timer and waits for a run in progress; what is left goes out on the next start. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
    await this.transport.close();
  }

  private async deliver(mail: OutboxMailRow): Promise<boolean> {
    try {
      const composed = await composeMail({
        messageId: mail.message_id,
        from: this.options.from,
        to: mail.recipient,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: JSON.parse(mail.headers) as Record<string, string>,
        date: new Date(mail.created_at),
      });
      await this.transport.send(composed);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const givingUp = error instanceof PermanentMailFailure || mail.attempts >= this.options.maxAttempts;
      const retryAt = givingUp ? null : this.now() + this.backoff(mail.attempts);
      await this.store.mailOutbox.markFailed(mail.id, reason, retryAt);
      const details = { mailId: mail.id, to: mail.recipient, kind: mail.kind, attempts: mail.attempts, reason };
      if (retryAt === null) this.log.error(details, `mail ${mail.id} to ${mail.recipient} failed for good: ${reason}`);
      else this.log.warn({ ...details, retryAt: new Date(retryAt).toISOString() }, `mail ${mail.id} not sent (${reason}); trying again later`);
      return false;
    }
    await this.store.mailOutbox.markSent(mail.id, this.now());
    return true;
  }

  /** The wait after the `attempts`-th failure: 30 s, 1 min, 2 min, … up to an hour by default. */
  private backoff(attempts: number): number {
    return Math.min(this.options.firstBackoffMs * 2 ** Math.max(0, attempts - 1), this.options.maxBackoffMs);
  }
}
