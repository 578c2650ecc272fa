import type { Config } from '../config.js';
import type { ArticleService } from '../services/articles.js';
import type { CommentService } from '../services/comments.js';
import type { VoteService } from '../services/votes.js';
import type { StaffService } from '../services/staff.js';
import type { ReportService } from '../services/reports.js';
import type { ModerationQueueService } from '../services/moderation-queue.js';
import type { BanService } from '../services/bans.js';
import type { ReaderIdentity } from './reader.js';
import type { ResponseCache } from './response-cache.js';

/** What route handlers may use: services, never the store. */
export interface HttpContext {
  config: Config;
  articles: ArticleService;
  comments: CommentService;
  votes: VoteService;
  staff: StaffService;
  reports: ReportService;
  moderationQueue: ModerationQueueService;
  bans: BanService;
  readers: ReaderIdentity;
  cache: ResponseCache;
  /** True when the database answers. */
  databaseAnswers(): Promise<boolean>;
}
