import { MentionService } from './services/mentions.js';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { InProcessBus } from './adapters/bus/in-process.js';
import type { EventBus } from './adapters/bus/bus.js';
import { InProcessRateLimitStore } from './adapters/rate-limit/in-process.js';
import type { RateLimitStore } from './adapters/rate-limit/rate-limit.js';
import { RedisBus } from './adapters/bus/redis.js';
import { RedisRateLimitStore } from './adapters/rate-limit/redis.js';
import { databaseAnswers, migrateToLatest, openDatabase, type DatabaseHandle } from './store/db.js';
import { Store } from './store/store.js';
import { ArticleService } from './services/articles.js';
import { CommentService } from './services/comments.js';
import { VoteService } from './services/votes.js';
import { StaffService } from './services/staff.js';
import { ReportService } from './services/reports.js';
import { ModerationQueueService } from './services/moderation-queue.js';
import { BanService } from './services/bans.js';
import { ReaderAccountService } from './services/reader-accounts.js';
import { SiteService } from './services/sites.js';
import { SignInLinkService } from './services/sign-in-links.js';
import { CommentJudge } from './services/comment-moderation.js';
import { ThreadCountFolder } from './services/thread-counts.js';
import { PHASES, createModerationPipeline, type ModerationPipeline } from './moderation/pipeline.js';
import { SingleSignOnService } from './services/single-sign-on.js';
import { OpenIdSignInService } from './services/openid-sign-in.js';
import { OpenIdClientProvider } from './adapters/openid/openid-client.js';
import type { Services } from './services/services.js';
import { MailService } from './services/mail.js';
import { MyContentService } from './services/my-content.js';
import { ReaderProfileService } from './services/reader-profiles.js';
import { FeedService } from './services/feeds.js';
import { SubscriptionService } from './services/subscriptions.js';
import { Notifier } from './services/notifications.js';
import { FollowService } from './services/follows.js';
import { MailDelivery } from './services/mail-delivery.js';
import { LiveEventService } from './services/live.js';
import { CampaignService, type FundingLocale } from './services/campaigns.js';
import { isLocale, isTimeZone } from './shared/calendar.js';
import { FileOutboxTransport } from './adapters/mail/file-outbox.js';
import { SmtpTransport } from './adapters/mail/smtp.js';
import type { MailTransport } from './adapters/mail/transport.js';
import { DEFAULT_SITE_ID } from './shared/site.js';

export type { Services };
import { buildApp } from './http/app.js';
import { readerIdentity } from './http/reader.js';
import { ResponseCache } from './http/response-cache.js';
import { signInFlows } from './http/sign-in-flow.js';

/** The repository root: `public/` and `dist/web/` are found from here, whether run from src/ or dist/src/. */
export const rootDir = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
})();


/** The use cases, wired to their store and adapters; the HTTP layer and scripts (demo seed) call these. */
export function createServices(
  store: Store,
  config: Config,
  deps: {
    bus: EventBus;
    limiter: RateLimitStore;
    now: () => number;
    warn?: (details: object, message: string) => void;
    /** The server's, with its moderation threads; by default one that reads on the calling thread. */
    moderation?: ModerationPipeline;
  },
): Services {
  const { bus, limiter, now, warn } = deps;
  const moderation = deps.moderation ?? moderationPipeline(config, limiter, warn);
  const bans = new BanService(store, now);
  const mail = new MailService(config.mail.from, now);
  const readerAccounts = new ReaderAccountService(store, now);
  const sites = new SiteService(store, bus, config.site.name, now);
  // A site's own choices (edit window, depth, pre-moderation, rate limits) over the installation's.
  const siteSettings = (siteId: string) => sites.find(siteId)?.settings ?? {};
  const judge = new CommentJudge(store, moderation, bans, now, siteSettings);
  const comments = new CommentService(store, config.discussion, config.rateLimits, limiter, bus, judge, bans, now, siteSettings);
  return {
    articles: new ArticleService(store, bus, now),
    comments,
    votes: new VoteService(store, comments, bans, config.rateLimits, bus, now),
    staff: new StaffService(store, limiter, config.rateLimits, now),
    bans,
    reports: new ReportService(store, comments, bans, { reportsToHide: config.discussion.reportsToHide, rate: config.rateLimits.reports }, bus, now),
    moderationQueue: new ModerationQueueService(store, comments, bus, now),
    mail,
    myContent: new MyContentService(store, bus, bans, { nameMaxLength: config.discussion.nameMaxLength, deletedReaderComments: config.discussion.deletedReaderComments }, now),
    sites,
    mentions: new MentionService(store),
    readerProfiles: new ReaderProfileService(store),
    feeds: new FeedService(store),
    live: new LiveEventService(store, bus, now),
    follows: new FollowService(store, now),
    // A site's own time zone and locale, else the installation's (TRIBUNE_TIME_ZONE, TRIBUNE_LOCALE).
    campaigns: new CampaignService(store, bus, (siteId) => fundingLocale(sites.find(siteId)?.settings ?? {}, config), now),
    subscriptions: new SubscriptionService(store, mail, (siteId) => sites.find(siteId)?.name ?? config.site.name, now),
    readerAccounts,
    singleSignOn: new SingleSignOnService(config.signIn.singleSignOn, readerAccounts, now, siteSettings),
    openIdSignIn: new OpenIdSignInService(
      config.signIn.openIdProviders.map((settings) => ({ settings, provider: new OpenIdClientProvider(settings) })),
      readerAccounts,
      siteSettings,
      (settings) => new OpenIdClientProvider(settings),
    ),
    signInLinks: new SignInLinkService(store, readerAccounts, mail, limiter, config.rateLimits, now),
  };
}

function fundingLocale(settings: { timeZone?: string; locale?: string; waysToGive?: string }, config: Config): FundingLocale {
  return {
    waysToGive: settings.waysToGive ?? config.funding.waysToGive,
    timeZone: settings.timeZone && isTimeZone(settings.timeZone) ? settings.timeZone : config.funding.timeZone,
    locale: settings.locale && isLocale(settings.locale) ? settings.locale : config.funding.locale,
  };
}

function moderationPipeline(config: Config, limiter: RateLimitStore, warn?: (details: object, message: string) => void, threads = 0): ModerationPipeline {
  return createModerationPipeline(
    config.moderation,
    {
      counters: limiter,
      // An outside provider that fails lets the comment through to the local phases; operators should hear of it.
      ...(warn ? { onProviderFailure: (failure) => warn(failure, `moderation provider ${failure.provider} failed (${failure.cause})`) } : {}),
    },
    PHASES,
    { threads },
  );
}

export interface Tribune {
  app: FastifyInstance;
  services: Services;
  /** The queries, for scripts and tests that set up data no route writes. */
  store: Store;
  database: DatabaseHandle;
  /** Sends the mail outbox; tests call `deliverDue()` to send without waiting for the timer. */
  mailDelivery: MailDelivery;
  /** Mails subscribers about new comments; tests call `runNow()` instead of waiting for the timer. */
  notifier: Notifier;
  bus: EventBus;
  close(): Promise<void>;
}

export interface TribuneOptions {
  logger?: boolean | object;
  /** The clock services read; tests and the demo seed move it. */
  now?: () => number;
}

/** Wires config → store → adapters → services → http. Nothing listens until the caller says so. */
export async function createTribune(config: Config, options: TribuneOptions = {}): Promise<Tribune> {
  const now = options.now ?? Date.now;
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, sqliteSynchronous: config.sqliteSynchronous });
  try {
    await migrateToLatest(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  const store = Store.from(database);
  // The app's logger exists only once the app is built; provider failures happen later, during requests.
  const logger: { current?: { warn(details: object, message: string): void } } = {};
  let adapters: { bus: EventBus; limiter: RateLimitStore };
  try {
    adapters = await sharedAdapters(config, (error) => logger.current?.warn({ err: error }, `Redis: ${error.message}`));
  } catch (error) {
    await database.close();
    throw error;
  }
  const { bus, limiter } = adapters;
  const warn = (details: object, message: string) => logger.current?.warn(details, message);
  const moderation = moderationPipeline(config, limiter, warn, config.moderationThreads);
  const services = createServices(store, config, { bus, limiter, now, warn, moderation });
  try {
    await services.sites.start();
    await moderation.ready();
  } catch (error) {
    await moderation.close();
    await limiter.close();
    await bus.close();
    await database.close();
    throw error;
  }

  const secret = config.secret ?? loadOrCreateSecret(config.dataDir);
  const app = await buildApp(
    {
      config,
      ...services,
      readers: readerIdentity(secret, config.adminToken),
      signInFlows: signInFlows(secret, now),
      cache: new ResponseCache(bus),
      databaseAnswers: () => databaseAnswers(database),
    },
    { rootDir, logger: options.logger },
  );
  logger.current = app.log;
  const counts = new ThreadCountFolder(store, (error) => app.log.error({ err: error }, 'folding thread comment counts failed'));
  counts.start();
  const mailDelivery = new MailDelivery(store, mailTransport(config, app.log), now, app.log, { from: config.mail.from });
  services.mail.onQueued(() => mailDelivery.wake());
  mailDelivery.start();
  const notifier = new Notifier(store, services.mail, (siteId) => siteForMail(services, config, siteId), now, app.log, { notifyModerators: config.mail.notifyModerators });
  const stopWaking = bus.subscribe((event) => {
    if (event.type === 'comment.posted' || event.type === 'comment.moderated' || event.type === 'article.published') notifier.wake();
  });
  notifier.start();
  services.live.startTrimming((error) => app.log.error({ err: error }, 'trimming the live events log failed'));

  return {
    app,
    services,
    store,
    database,
    mailDelivery,
    notifier,
    bus,
    async close() {
      await app.close();
      services.sites.stop();
      services.live.stop();
      await counts.stop();
      stopWaking();
      await notifier.stop();
      await mailDelivery.stop();
      await limiter.close();
      await bus.close();
      await moderation.close();
      await database.close();
    },
  };
}

/**
 * Without `REDIS_URL`, events and rate-limit counters stay in this process (one instance);
 * with it, every instance shares them through Redis.
 */
async function sharedAdapters(config: Config, onError: (error: Error) => void): Promise<{ bus: EventBus; limiter: RateLimitStore }> {
  if (!config.redisUrl) return { bus: new InProcessBus(), limiter: new InProcessRateLimitStore() };
  const bus = await RedisBus.connect(config.redisUrl, config.redisPrefix, onError);
  try {
    return { bus, limiter: await RedisRateLimitStore.connect(config.redisUrl, config.redisPrefix, onError) };
  } catch (error) {
    await bus.close();
    throw error;
  }
}

/**
 * A site's name for its mails, its moderation queue's address when the site names a host, and the
 * origin links about mentions lead to: the site's first host, TRIBUNE_PUBLIC_URL for the default
 * site, or else the address this instance listens on.
 */
function siteForMail(services: Services, config: Config, siteId: string): { name: string; queueUrl: string | null; origin: string } {
  const site = services.sites.find(siteId);
  const host = site?.hosts[0];
  const origin = host ? `https://${host}` : ((siteId === DEFAULT_SITE_ID && config.publicUrl) || `http://${config.host}:${config.port}`);
  return { name: site?.name ?? config.site.name, queueUrl: host ? `https://${host}/staff/moderation` : null, origin };
}

/** SMTP when `SMTP_URL` is set; otherwise the embedded default, a folder of .eml files beside the database. */
function mailTransport(config: Config, log: { info(details: object, message: string): void }): MailTransport {
  if (config.mail.smtpUrl) return new SmtpTransport(config.mail.smtpUrl);
  return new FileOutboxTransport(path.join(config.dataDir, 'mail'), (details, message) => log.info(details, message));
}

function loadOrCreateSecret(dataDir: string): string {
  const file = path.join(dataDir, 'secret');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(32).toString('base64url');
    fs.writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
    return fs.readFileSync(file, 'utf8').trim();
  }
}
