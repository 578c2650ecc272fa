import type { Generated } from 'kysely';

/**
 * The tables as both dialects return them after normalisation in db.ts:
 * ids and timestamps (epoch milliseconds) are numbers, flags are 0/1.
 */
export interface Database {
  authors: AuthorTable;
  topics: TopicTable;
  articles: ArticleTable;
  article_topics: ArticleTopicTable;
  threads: ThreadTable;
  comments: CommentTable;
  comment_revisions: CommentRevisionTable;
  comment_anchors: CommentAnchorTable;
  passage_questions: PassageQuestionTable;
  article_redirects: ArticleRedirectTable;
  votes: VoteTable;
  staff: StaffTable;
  staff_sessions: StaffSessionTable;
  comment_reports: CommentReportTable;
  audit_log: AuditLogTable;
  bans: BanTable;
  thread_count_changes: ThreadCountChangeTable;
  mail_outbox: MailOutboxTable;
  reader_accounts: ReaderAccountTable;
  reader_identities: ReaderIdentityTable;
  reader_sessions: ReaderSessionTable;
  sign_in_links: SignInLinkTable;
  sites: SiteTable;
  staff_roles: StaffRoleTable;
  subscriptions: SubscriptionTable;
  comment_notifications: CommentNotificationTable;
  digest_items: DigestItemTable;
  thread_event_heads: ThreadEventHeadTable;
  thread_events: ThreadEventTable;
  follows: FollowTable;
  follow_digest_items: FollowDigestItemTable;
  mention_digest_items: MentionDigestItemTable;
  article_notifications: ArticleNotificationTable;
  campaigns: CampaignTable;
  ledger_entries: LedgerEntryTable;
}

export interface AuthorTable {
  id: Generated<number>;
  site_id: Generated<string>;
  slug: string;
  name: string;
  /** Shown after the name in the byline: "city hall reporter". */
  role: string;
  bio: string;
  /** JSON array of {label, url}. */
  links: string;
  created_at: number;
  /** Never shown; where mentions of the author are mailed (migration 021). */
  email: Generated<string | null>;
  /** `now`, or `off` once they unsubscribed. */
  mention_delivery: Generated<'now' | 'off'>;
  mention_token: Generated<string | null>;
}

export interface TopicTable {
  id: Generated<number>;
  site_id: Generated<string>;
  slug: string;
  name: string;
}

export interface ArticleTable {
  id: Generated<number>;
  site_id: Generated<string>;
  slug: string;
  title: string;
  standfirst: string;
  body_md: string;
  body_html: string;
  image_url: string | null;
  image_full_url: string | null;
  image_alt: string;
  image_credit: string;
  author_id: number;
  published_at: number;
  updated_at: number;
  /** The staff member who published it (migration 024); null for the admin token and older articles. */
  staff_id: Generated<number | null>;
}

/** The passage of the article a top-level comment is about (migration 028). */
export interface CommentAnchorTable {
  comment_id: number;
  thread_id: number;
  exact: string;
  prefix: string;
  suffix: string;
  /** Offset in the article's plain text when the comment was posted. */
  start: number;
}

/** An author's question on a passage of their article (migration 029). */
export interface PassageQuestionTable {
  id: Generated<number>;
  article_id: number;
  exact: string;
  prefix: string;
  suffix: string;
  start: number;
  question: string;
  asked_by: string;
  created_at: number;
}

export interface ArticleTopicTable {
  article_id: number;
  topic_id: number;
}

export interface ThreadTable {
  id: Generated<number>;
  site_id: Generated<string>;
  key: string;
  article_id: number | null;
  title: string;
  /**
   * Every comment a reader can see, replies included, as last folded: queries that return a
   * thread add its pending `thread_count_changes`, so what they return is always current.
   */
  comment_count: Generated<number>;
  closed: Generated<number>;
  created_at: number;
  /** Overrides the site's pre-moderation rule for this thread; null follows the site. */
  premoderation: 'none' | 'first' | 'links' | 'all' | null;
}

export type CommentStatus = 'published' | 'pending' | 'spam' | 'rejected' | 'deleted';

export interface CommentTable {
  id: Generated<number>;
  site_id: Generated<string>;
  thread_id: number;
  /** The comment this one answers; null for a top-level comment. */
  parent_id: number | null;
  /** The top-level comment of this branch; null for a top-level comment. */
  root_id: number | null;
  /** 0 for top-level, parent depth + 1 for a reply: the true depth, before display capping. */
  depth: number;
  status: CommentStatus;
  author_name: string;
  author_email: string | null;
  author_website: string | null;
  /** The long-lived reader cookie of the browser that posted it. */
  reader_id: string | null;
  /** SHA-256 of the guest edit token handed out when the comment was posted. */
  edit_token_hash: string | null;
  body_md: string;
  body_html: string;
  up: Generated<number>;
  down: Generated<number>;
  score: Generated<number>;
  /** On a top-level comment: replies in its branch that readers can see. */
  reply_count: Generated<number>;
  created_at: number;
  edited_at: number | null;
  edited_by: string | null;
  /** JSON array of the moderation reasons when a comment was held, marked spam or rejected. */
  moderation_reasons: string | null;
  /** Readers who reported it; at the setting's threshold it is hidden for review. */
  report_count: Generated<number>;
  /** Keyed hash of the poster's IP (never the address): for bans by address. */
  ip_hash: string | null;
  /** When a moderator last acted on it; reports after this put it back in the Reported tab. */
  reviewed_at: number | null;
  /** The signed-in reader's account that posted it; null for a guest. */
  account_id: Generated<number | null>;
}

export interface CommentRevisionTable {
  id: Generated<number>;
  comment_id: number;
  /** The text as it was before the edit made at `replaced_at`. */
  body_md: string;
  replaced_at: number;
  replaced_by: string;
}

export interface VoteTable {
  comment_id: number;
  /** The comment's site. */
  site_id: Generated<string>;
  reader_id: string;
  /** Keyed hash of the voter's address: one vote per person, not per cookie. */
  ip_hash: string | null;
  value: number;
  created_at: number;
}

export interface CommentReportTable {
  id: Generated<number>;
  comment_id: number;
  /** The comment's site. */
  site_id: Generated<string>;
  reader_id: string;
  ip_hash: string | null;
  reason: 'abuse' | 'harassment' | 'spam' | 'off_topic' | 'other';
  note: string;
  created_at: number;
}

/** What a staff member may do on one site: admins everything, editors and authors publish, moderators the discussion. */
export type StaffRole = 'admin' | 'editor' | 'author' | 'moderator';

export interface StaffTable {
  id: Generated<number>;
  /** Lower-case; unique. */
  email: string;
  /** Shown to readers in "Last edited by NAME". */
  name: string;
  role: StaffRole;
  /** argon2id, PHC string. */
  password_hash: string;
  created_at: number;
  disabled: Generated<number>;
}

export interface StaffSessionTable {
  /** SHA-256 (hex) of the token in the staff cookie. */
  id: string;
  staff_id: number;
  created_at: number;
  /** Slides forward while the session is used. */
  expires_at: number;
  last_seen_at: number;
  /** Every state-changing staff form and cookie-authenticated API write must carry it. */
  csrf_token: string;
}

export interface BanTable {
  id: Generated<number>;
  site_id: Generated<string>;
  /** What identifies the banned commenter: their e-mail, the keyed hash of their IP, or their reader cookie. */
  kind: 'email' | 'ip' | 'reader' | 'account';
  value: string;
  /** Shown to the commenter when they try to post. */
  reason: string;
  created_by: string;
  created_at: number;
  /** Null for a ban; a time for a suspension. */
  expires_at: number | null;
  lifted_at: number | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  site_id: Generated<string>;
  /** Null when the action came with the admin token. */
  staff_id: number | null;
  /** The name as it was when acting. */
  staff_name: string;
  /** approve, reject, spam, edit. */
  action: string;
  comment_id: number | null;
  /** JSON: {before, after}. */
  details: string;
  created_at: number;
}

/** +1 / -1 for a comment shown to or hidden from readers, not yet folded into `threads.comment_count`. */
export interface ThreadCountChangeTable {
  id: Generated<number>;
  thread_id: number;
  delta: number;
}

/** A mail queued to go out; see migration 012. */
export interface MailOutboxTable {
  id: Generated<number>;
  site_id: string;
  recipient: string;
  subject: string;
  text: string;
  html: string;
  /** JSON object of extra headers (List-Unsubscribe, …). */
  headers: string;
  /** Assigned at queue time, so a resend after a crash is recognisably the same message. */
  message_id: string;
  /** What the mail is for: sign-in, subscription confirmation, notification… */
  kind: string;
  state: 'queued' | 'sent' | 'failed';
  attempts: number;
  /** When the worker may next try; a claim moves it ahead by the lease, so a crashed claim is retried later. */
  next_attempt_at: number;
  last_error: string | null;
  created_at: number;
  sent_at: number | null;
}

export interface ReaderAccountTable {
  id: Generated<number>;
  site_id: string;
  /** Lower-case, unique per site, and only an address the reader proved is theirs (or null). */
  email: string | null;
  email_verified_at: number | null;
  /** Shown with their comments and on their profile page. */
  name: string;
  created_at: number;
  deleted_at: number | null;
  /** 1 when the reader lets others follow their comments (migration 021). */
  allow_followers: Generated<number>;
  mention_delivery: Generated<'now' | 'daily' | 'off'>;
  /** The unsubscribe link of mention mails; made with the first one. */
  mention_token: Generated<string | null>;
  mention_digest_at: Generated<number | null>;
}

/** An account as another system knows it: the host site's single sign-on, an OpenID provider. */
export interface ReaderIdentityTable {
  id: Generated<number>;
  site_id: string;
  provider: string;
  subject: string;
  account_id: number;
  created_at: number;
}

export interface ReaderSessionTable {
  /** SHA-256 (hex) of the token in the reader's session cookie. */
  id: string;
  site_id: string;
  account_id: number;
  created_at: number;
  /** Slides forward while the session is used. */
  expires_at: number;
  last_seen_at: number;
}

export interface SignInLinkTable {
  /** SHA-256 (hex) of the token in the mailed link. */
  id: string;
  site_id: string;
  email: string;
  return_to: string;
  name: string | null;
  created_at: number;
  expires_at: number;
  /** Set by the one sign-in the link allows. */
  used_at: number | null;
}

export interface SiteTable {
  id: string;
  name: string;
  /** JSON array of lower-case host names. */
  hosts: string;
  /** JSON object: the settings this site chose; absent ones follow the environment. */
  settings: string;
  created_at: number;
}

export interface StaffRoleTable {
  staff_id: number;
  site_id: string;
  role: StaffRole;
}

/** One address following one thread; see migration 019. */
export interface SubscriptionTable {
  id: Generated<number>;
  site_id: string;
  thread_id: number;
  kind: 'thread' | 'replies';
  email: string;
  account_id: number | null;
  reader_id: string | null;
  token: string;
  origin: string;
  delivery: 'now' | 'daily';
  /** Null until a guest confirms the address; set at once for a signed-in reader. */
  confirmed_at: number | null;
  created_at: number;
  confirmation_sent_at: number | null;
  last_digest_at: number | null;
}

/** A comment that may need mailing about, written with the comment; the notifier works through them. */
export interface CommentNotificationTable {
  id: Generated<number>;
  comment_id: number;
  /** `edited`: a published comment was edited to name someone; one row per comment, made due again by each such edit. */
  reason: 'published' | 'held' | 'edited';
  created_at: number;
  processed_at: number | null;
}

/** A notification waiting for its subscription's daily digest. */
export interface DigestItemTable {
  id: Generated<number>;
  subscription_id: number;
  comment_id: number;
  created_at: number;
}

/** A thread's last live-event number (migration 020). */
export interface ThreadEventHeadTable {
  thread_id: number;
  last_seq: number;
}

export type ThreadEventKind = 'published' | 'edited' | 'removed' | 'votes';

/** One change a thread's open pages show, numbered per thread; the replay log. */
export interface ThreadEventTable {
  thread_id: number;
  seq: number;
  kind: ThreadEventKind;
  comment_id: number;
  created_at: number;
}
/** A signed-in reader following an author or a commenter; see migration 021. */
export interface FollowTable {
  id: Generated<number>;
  site_id: string;
  follower_id: number;
  kind: 'author' | 'commenter';
  author_id: number | null;
  commenter_id: number | null;
  delivery: 'now' | 'daily';
  token: string;
  origin: string;
  created_at: number;
  last_digest_at: number;
}

/** A new comment or article waiting for its follow's daily digest. */
export interface FollowDigestItemTable {
  id: Generated<number>;
  follow_id: number;
  comment_id: number | null;
  article_id: number | null;
  created_at: number;
}

/** A comment naming a reader, waiting for their daily mentions digest. */
export interface MentionDigestItemTable {
  id: Generated<number>;
  account_id: number;
  comment_id: number;
  created_at: number;
}

/** An article whose author's followers may need mailing, written with the article. */
export interface ArticleNotificationTable {
  id: Generated<number>;
  article_id: number;
  created_at: number;
  processed_at: number | null;
}

/** A site's reader-funding campaign (migration 025). Money is in minor units (cents), never fractions. */
export interface CampaignTable {
  id: Generated<number>;
  site_id: string;
  title: string;
  goal: number;
  currency: string;
  period: 'monthly' | 'fixed';
  starts_at: number | null;
  ends_at: number | null;
  at_goal: 'keep-going' | 'stretch';
  stretch_goal: number | null;
  active: 0 | 1;
  created_at: number;
  updated_at: number;
}

export type LedgerEntryKind = 'gift' | 'renewal' | 'refund' | 'manual';

/** One immutable movement of money toward a campaign. */
export interface LedgerEntryTable {
  id: Generated<number>;
  site_id: string;
  campaign_id: number;
  kind: LedgerEntryKind;
  amount: number;
  currency: string;
  received_at: number;
  donor_key: string;
  donor_name: string | null;
  donor_email: string | null;
  message: string | null;
  on_donor_wall: 0 | 1;
  article_slug: string | null;
  note: string | null;
  recorded_by: string | null;
  external_id: string | null;
  refund_of: number | null;
  created_at: number;
}

/** An article's former slug on its site, leading to the article (migration 030). */
export interface ArticleRedirectTable {
  site_id: string;
  old_slug: string;
  article_id: number;
  created_at: number;
}
