/**
 * Domain events carry side effects (cache invalidation, live updates, mail) out of the request.
 * The in-process bus serves one instance; a Redis implementation fans out between instances.
 */
export type TribuneEvent =
  | { type: 'comment.posted'; threadKey: string; commentId: number }
  | { type: 'comment.edited'; threadKey: string; commentId: number }
  | { type: 'comment.deleted'; threadKey: string; commentId: number }
  | { type: 'comment.voted'; threadKey: string; commentId: number }
  /** A moderator approved, rejected or marked it spam: it may have appeared or gone. */
  | { type: 'comment.moderated'; threadKey: string; commentId: number }
  | { type: 'thread.changed'; threadKey: string }
  | { type: 'article.published'; articleSlug: string }
  /** A site was created or changed: every instance reloads its directory of sites. */
  | { type: 'site.changed'; siteId: string };

export type EventHandler = (event: TribuneEvent) => void;

export interface EventBus {
  publish(event: TribuneEvent): void;
  /** Returns the function that ends the subscription. */
  subscribe(handler: EventHandler): () => void;
  close(): Promise<void>;
}
