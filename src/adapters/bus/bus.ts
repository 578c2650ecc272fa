/**
 * Domain events carry side effects (cache invalidation, live updates, mail) out of the request.
 * The in-process bus serves one instance; a Redis implementation fans out between instances.
 */
/**
 * Every event of a discussion or an article names its site: the same thread key on two sites is
 * two threads, and a listener (cache, live updates) must never act on the other one.
 */
export type TribuneEvent =
  | { type: 'comment.posted'; siteId: string; threadKey: string; commentId: number }
  | { type: 'comment.edited'; siteId: string; threadKey: string; commentId: number }
  | { type: 'comment.deleted'; siteId: string; threadKey: string; commentId: number }
  | { type: 'comment.voted'; siteId: string; threadKey: string; commentId: number }
  /** A moderator approved, rejected or marked it spam: it may have appeared or gone. */
  | { type: 'comment.moderated'; siteId: string; threadKey: string; commentId: number }
  | { type: 'thread.changed'; siteId: string; threadKey: string }
  | { type: 'article.published'; siteId: string; articleSlug: string }
  /** Its title, standfirst or text changed: pages showing it read differently. */
  | { type: 'article.changed'; siteId: string; articleSlug: string }
  /** A site was created or changed: every instance reloads its directory of sites. */
  | { type: 'site.changed'; siteId: string }
  /** A campaign or its ledger changed (a gift, a refund, an edit): the site's meters read differently. */
  | { type: 'campaign.changed'; siteId: string };

export type EventHandler = (event: TribuneEvent) => void;

export interface EventBus {
  publish(event: TribuneEvent): void;
  /** Returns the function that ends the subscription. */
  subscribe(handler: EventHandler): () => void;
  close(): Promise<void>;
}
