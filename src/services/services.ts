import { MentionService } from './mentions.js';
import type { ArticleService } from './articles.js';
import type { FeedService } from './feeds.js';
import type { BanService } from './bans.js';
import type { CommentService } from './comments.js';
import type { MailService } from './mail.js';
import type { MyContentService } from './my-content.js';
import type { ModerationQueueService } from './moderation-queue.js';
import type { ReaderAccountService } from './reader-accounts.js';
import type { ReaderProfileService } from './reader-profiles.js';
import type { OpenIdSignInService } from './openid-sign-in.js';
import type { SingleSignOnService } from './single-sign-on.js';
import type { ReportService } from './reports.js';
import type { SiteService } from './sites.js';
import type { SignInLinkService } from './sign-in-links.js';
import type { StaffService } from './staff.js';
import type { SubscriptionService } from './subscriptions.js';
import type { VoteService } from './votes.js';
import type { LiveEventService } from './live.js';
import type { FollowService } from './follows.js';
import type { CampaignService } from './campaigns.js';

/** The use cases the HTTP layer and scripts call; wired in src/tribune.ts. */
export interface Services {
  articles: ArticleService;
  comments: CommentService;
  votes: VoteService;
  staff: StaffService;
  reports: ReportService;
  moderationQueue: ModerationQueueService;
  bans: BanService;
  mail: MailService;
  myContent: MyContentService;
  readerAccounts: ReaderAccountService;
  sites: SiteService;
  singleSignOn: SingleSignOnService;
  openIdSignIn: OpenIdSignInService;
  signInLinks: SignInLinkService;
  subscriptions: SubscriptionService;
  mentions: MentionService;
  readerProfiles: ReaderProfileService;
  feeds: FeedService;
  live: LiveEventService;
  follows: FollowService;
  campaigns: CampaignService;
}
