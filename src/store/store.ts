import type { DatabaseHandle, Dialect } from './db.js';
import type { Database } from './schema.js';
import type { Kysely } from 'kysely';
import { ArticleQueries } from './articles.js';
import { CommentQueries } from './comments.js';
import { StaffQueries } from './staff.js';
import { ReportQueries } from './reports.js';
import { ModerationQueries } from './moderation.js';
import { BanQueries } from './bans.js';
import { MailOutboxQueries } from './mail-outbox.js';
import { ReaderContentQueries } from './reader-content.js';
import { ReaderAccountQueries } from './reader-accounts.js';
import { SiteQueries } from './sites.js';
import { SubscriptionQueries } from './subscriptions.js';
import { ThreadEventQueries } from './thread-events.js';
import { FollowQueries } from './follows.js';
import { AnchorQueries } from './anchors.js';
import { CampaignQueries } from './campaigns.js';

/** All queries, bound to the database or to one transaction. Services never see SQL. */
export class Store {
  readonly articles: ArticleQueries;
  readonly comments: CommentQueries;
  readonly staff: StaffQueries;
  readonly reports: ReportQueries;
  readonly moderation: ModerationQueries;
  readonly bans: BanQueries;
  readonly mailOutbox: MailOutboxQueries;
  readonly readerContent: ReaderContentQueries;
  readonly readerAccounts: ReaderAccountQueries;
  readonly sites: SiteQueries;
  readonly subscriptions: SubscriptionQueries;
  /** The live page's replay log; events are noted in a transaction and written as it commits. */
  readonly threadEvents: ThreadEventQueries;
  readonly follows: FollowQueries;
  readonly anchors: AnchorQueries;
  readonly campaigns: CampaignQueries;

  constructor(
    private readonly db: Kysely<Database>,
    readonly dialect: Dialect,
    /** Resolves once the commits made so far are on disk (see `DatabaseHandle.durable`). */
    private readonly durable: () => Promise<void> = () => Promise.resolve(),
    inTransaction = false,
  ) {
    this.articles = new ArticleQueries(db);
    this.comments = new CommentQueries(db, dialect);
    this.staff = new StaffQueries(db);
    this.reports = new ReportQueries(db);
    this.moderation = new ModerationQueries(db);
    this.bans = new BanQueries(db);
    this.mailOutbox = new MailOutboxQueries(db, dialect);
    this.readerContent = new ReaderContentQueries(db);
    this.readerAccounts = new ReaderAccountQueries(db);
    this.sites = new SiteQueries(db);
    this.subscriptions = new SubscriptionQueries(db, dialect);
    this.threadEvents = new ThreadEventQueries(db, inTransaction);
    this.follows = new FollowQueries(db, dialect);
    this.anchors = new AnchorQueries(db);
    this.campaigns = new CampaignQueries(db);
  }

  static from(handle: DatabaseHandle): Store {
    return new Store(handle.db, handle.dialect, () => handle.durable());
  }

  /**
   * Runs `work` in one transaction: everything it writes lands together or not at all, and is on
   * disk when this resolves (so what a caller is told was saved survives a power cut).
   */
  async transaction<T>(work: (store: Store) => Promise<T>): Promise<T> {
    const { result, onDisk } = await this.commit(work);
    await onDisk;
    return result;
  }

  /**
   * As `transaction`, but resolves at COMMIT, with `onDisk` for when that commit is on disk. Group
   * commit frees the database's one writer here, so the next group commits while this one's WAL
   * fsync runs; it answers its callers only once `onDisk` resolves.
   */
  async commit<T>(work: (store: Store) => Promise<T>): Promise<{ result: T; onDisk: Promise<void> }> {
    const result = await this.db.transaction().execute(async (trx) => {
      const tx = new Store(trx, this.dialect, undefined, true);
      const out = await work(tx);
      // Last, so a thread's event number is held only for the moment before COMMIT.
      await tx.threadEvents.writeNoted();
      return out;
    });
    return { result, onDisk: this.durable() };
  }
}
