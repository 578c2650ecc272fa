import type { Comment, CommentSort, DiscussionOptions, ThreadPage } from '../../src/shared/comment.js';
import type { MarkedPassage } from './passages.js';
import type { Author } from './memory.js';
import { commentCount, exactTime, timeAgo } from './format.js';
import { firstCommentsLink, moreLink, permalink, sortLink } from './links.js';

/** A message shown beside a form or a comment; `error` when it is a refusal. */
export interface Notice {
  text: string;
  error?: boolean;
}

/**
 * What the browser adds to the server's markup: the reader's own state and the actions.
 * Absent on the server, where the same components render plain HTML that works without it.
 */
/** The signed-in reader, as `GET /api/v1/me` describes them. */
export interface SignedInReader {
  name: string;
  avatarUrl: string;
  profileUrl: string;
}

export interface Live {
  author: Author;
  /** Null for a guest: they post with the name they type. */
  reader: SignedInReader | null;
  signOut(): void;
  busy: boolean;
  replyingTo: number | null;
  editing: number | null;
  /** Keyed by where they show: "new", "reply", "edit", or "c" + comment id. */
  notices: Record<string, Notice>;
  voteOf(id: number): number;
  canEdit(comment: Comment): boolean;
  postedText(id: number): string;
  post(form: HTMLFormElement, parentId: number | null): void;
  saveEdit(comment: Comment, body: string, form: HTMLFormElement): void;
  remove(comment: Comment): void;
  vote(comment: Comment, value: 1 | -1): void;
  /** Sends a reader's report; the reason is one of the API's report reasons. */
  report(comment: Comment, reason: string): void;
  /** Opens the reply form under comment `id`; null closes it and puts the focus back on its Reply button. */
  reply(id: number | null): void;
  /** The signed-in reader's name, or undefined for a guest. */
  signedIn?: string;
  /** The passage the new comment will be about; the reader may drop it. */
  passage: { exact: string } | null;
  clearPassage(): void;
  /** The article's passages with comments or an author's question, and whether only they are shown. */
  passages: MarkedPassage[];
  inlineOnly: boolean;
  showInline(on: boolean): void;
  subscribe(form: HTMLFormElement): void;
  isExpanded(id: number): boolean;
  toggleMore(id: number): void;
  edit(id: number | null): void;
  sortBy(sort: CommentSort): void;
  more(): void;
  moreReplies(root: Comment): void;
  first(): void;
}

export interface View {
  page: ThreadPage;
  options: DiscussionOptions;
  articlePath: string;
  now: number;
  highlightId?: number;
  /** Without the widget: the comment whose reply form the page opens (Reply is a link to it). */
  openReply?: number;
  live?: Live;
}

const sortNames: [CommentSort, string][] = [
  ['oldest', 'Oldest'],
  ['newest', 'Newest'],
  ['votes', 'Most Voted'],
];

/** Runs `action` instead of following the link, but only with the widget running. */
const instead = (live: Live | undefined, action: () => void) =>
  live &&
  ((event: MouseEvent) => {
    if (event.button || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    action();
  });

function NoticeLine({ notice }: { notice?: Notice }) {
  return notice ? (
    <p class={notice.error ? 'tb-err' : 'tb-ok'} role={notice.error ? 'alert' : 'status'}>
      {notice.text}
    </p>
  ) : null;
}

/** Escape inside a reply or edit form closes it, as Cancel does. */
const closeOnEscape = (close: () => void) => (event: KeyboardEvent) => {
  if (event.key === 'Escape') {
    event.preventDefault();
    close();
  }
};

function CommentForm({ view, parentId }: { view: View; parentId: number | null }) {
  const { options, live } = view;
  const author = live?.author;
  const where = parentId === null ? 'new' : 'reply';
  const top = parentId === null;
  return (
    <form
      class={top ? 'tb-form' : 'tb-form tb-reply'}
      id={top ? undefined : `reply-${parentId}`}
      method="post"
      action={`${view.articlePath}/comments`}
      onKeyDown={live && !top ? closeOnEscape(() => live.reply(null)) : undefined}
      onSubmit={
        live &&
        ((event) => {
          event.preventDefault();
          live.post(event.currentTarget, parentId);
        })
      }
    >
      {top && live?.passage && (
        <blockquote class="tb-q">
          <span class="tb-q-l">On the passage:</span> “{live.passage.exact}”{' '}
          <button type="button" class="tb-link" onClick={() => live.clearPassage()}>
            Comment on the whole article instead
          </button>
        </blockquote>
      )}
      <label class="tb-l">
        <span>Comment</span>
        <textarea
          name="body"
          placeholder={top ? 'Share what you think. Be kind; disagree with ideas, not people.' : undefined}
          required
          minLength={options.minLength}
          maxLength={options.maxLength}
          // Without the widget, Reply opens a new page with this form: the cursor starts in it.
          autoFocus={!live && !top}
        />
      </label>
      {live?.signedIn ? (
        // A signed-in reader posts as themselves: their account's name, no address to type.
        <p class="tb-as">
          Commenting as <b>{live.signedIn}</b>
        </p>
      ) : (
        <div class="tb-fields">
          <label class="tb-l">
            <span>
              Name <small>(shown publicly)</small>
            </span>
            <input name="name" required maxLength={options.nameMaxLength} autoComplete="name" defaultValue={author?.name} />
          </label>
          <label class="tb-l">
            <span>
              E-mail <small>({options.requireEmail ? 'required' : 'optional'}, never shown)</small>
            </span>
            <input name="email" type="email" required={options.requireEmail} autoComplete="email" defaultValue={author?.email} />
          </label>
          <label class="tb-l">
            <span>
              Website <small>(optional)</small>
            </span>
            <input name="website" type="url" autoComplete="url" defaultValue={author?.website} />
          </label>
        </div>
      )}
      {!top && <input type="hidden" name="parentId" value={parentId} />}
      {/* People never see this field; bots that fill every input give themselves away. */}
      <input class="tb-hp" name="homepage" tabIndex={-1} autoComplete="off" aria-hidden="true" />
      <div class="tb-send">
        <button class="tb-btn tb-primary" disabled={live?.busy}>
          {top ? 'Post Comment' : 'Post Reply'}
        </button>
        {!top &&
          (live ? (
            <button type="button" class="tb-btn" onClick={() => live.reply(null)}>
              Cancel
            </button>
          ) : (
            <a class="tb-btn" href={`${view.articlePath}#comment-${parentId}`}>
              Cancel
            </a>
          ))}
      </div>
      <NoticeLine notice={live?.notices[where]} />
    </form>
  );
}

function EditForm({ view, comment }: { view: View; comment: Comment }) {
  const live = view.live!;
  return (
    <form
      class="tb-form tb-edit"
      onKeyDown={closeOnEscape(() => live.edit(null))}
      onSubmit={(event) => {
        event.preventDefault();
        const form = event.currentTarget;
        live.saveEdit(comment, (form.elements.namedItem('body') as HTMLTextAreaElement).value, form);
      }}
    >
      <label class="tb-l">
        <span>Comment</span>
        <textarea name="body" required minLength={view.options.minLength} maxLength={view.options.maxLength} defaultValue={live.postedText(comment.id)} />
      </label>
      <div class="tb-send">
        <button class="tb-btn tb-primary" disabled={live.busy}>
          Save
        </button>
        <button type="button" class="tb-btn" onClick={() => live.edit(null)}>
          Cancel
        </button>
      </div>
      <NoticeLine notice={live.notices.edit} />
    </form>
  );
}

function Time({ iso, now }: { iso: string; now: number }) {
  return (
    <time dateTime={iso} title={exactTime(iso)}>
      {timeAgo(iso, now)}
    </time>
  );
}


/** Up to two initials from a display name: "Maya Okafor" → "MO", "marek" → "M". */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0]!, words[words.length - 1]!] : words;
  return letters.map((w) => [...w][0]!.toLocaleUpperCase()).join('') || '?';
}

/** A signed-in reader's picture, or a guest's initials on a colour drawn from their name: made here, nothing fetched from elsewhere. */
function Avatar({ author }: { author: Comment['author'] }) {
  if (author.avatarUrl) return <img class="tb-av" src={author.avatarUrl} alt="" width={40} height={40} loading="lazy" />;
  let hash = 0;
  for (const ch of author.name) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return (
    <span class={`tb-av tb-a${hash % 8}`} aria-hidden="true">
      {initialsOf(author.name)}
    </span>
  );
}

const reportReasons: [string, string][] = [
  ['abuse', 'Abusive or hateful'],
  ['harassment', 'Harasses someone'],
  ['spam', 'Spam'],
  ['off_topic', 'Off topic'],
  ['other', 'Something else'],
];

/** Closes the menu that holds `event`'s target and puts the focus back on the button that opened it. */
const closeMenu = (event: Event) => {
  const menu = (event.target as Element).closest('details');
  if (menu?.open) {
    menu.open = false;
    menu.querySelector('summary')?.focus();
  }
};

/**
 * "Report" opens a short form: choosing a reason only selects it (arrow keys included), and
 * nothing is sent until "Send report".
 */
function ReportMenu({ live, comment }: { live: Live; comment: Comment }) {
  return (
    <details class="tb-menu tb-report" onKeyDown={(event) => event.key === 'Escape' && closeMenu(event)}>
      <summary class="tb-act">
        <span class="tb-lbl">Report</span>
      </summary>
      <form
        class="tb-pop"
        onSubmit={(event) => {
          event.preventDefault();
          const reason = (event.currentTarget.elements.namedItem('reason') as RadioNodeList).value;
          closeMenu(event);
          live.report(comment, reason);
        }}
      >
        <fieldset>
          <legend>Why should a moderator look at this comment?</legend>
          {reportReasons.map(([value, label], i) => (
            <label key={value} class="tb-opt">
              <input type="radio" name="reason" value={value} required defaultChecked={i === 0} /> {label}
            </label>
          ))}
        </fieldset>
        <button class="tb-btn tb-primary">Send report</button>
      </form>
    </details>
  );
}

/** Plain links to share a comment: its own address, and the usual places, with nothing loaded from them. */
function ShareMenu({ view, comment }: { view: View; comment: Comment }) {
  const address = view.live ? `${location.origin}${permalink(comment.id)}` : null;
  const enc = encodeURIComponent;
  return (
    <details class="tb-menu tb-share" onKeyDown={(event) => event.key === 'Escape' && closeMenu(event)}>
      <summary class="tb-act">
        <span class="tb-lbl">Share</span>
      </summary>
      <ul class="tb-pop">
        <li>
          <a href={permalink(comment.id)}>Link to this comment</a>
        </li>
        {address && (
          <>
            <li>
              <a href={`mailto:?subject=${enc(`A comment on “${view.page.title}”`)}&body=${enc(address)}`}>E-mail</a>
            </li>
            <li>
              <a href={`https://x.com/intent/post?url=${enc(address)}`} rel="noopener" target="_blank">
                X
              </a>
            </li>
            <li>
              <a href={`https://www.facebook.com/sharer/sharer.php?u=${enc(address)}`} rel="noopener" target="_blank">
                Facebook
              </a>
            </li>
            <li>
              <a href={`https://bsky.app/intent/compose?text=${enc(address)}`} rel="noopener" target="_blank">
                Bluesky
              </a>
            </li>
          </>
        )}
      </ul>
    </details>
  );
}

/** Characters of text above which a comment is folded behind "Read more" (with the widget only). */
const LONG_COMMENT = 700;
const textLength = (html: string) => html.replace(/<[^>]*>/g, '').length;

function VoteButtons({ view, comment }: { view: View; comment: Comment }) {
  const { live } = view;
  const c = comment;
  const myVote = live?.voteOf(c.id);
  const press = (value: 1 | -1) =>
    live &&
    ((event: MouseEvent) => {
      event.preventDefault();
      live.vote(c, value);
    });
  return (
    // Without the widget, the buttons post the vote and the page comes back at this comment.
    <form method="post" action={`/comments/${c.id}/vote`}>
      <button class="tb-act tb-up" name="value" value="1" aria-pressed={live && myVote === 1} onClick={press(1)}>
        <span class="tb-sr">Vote up</span>
        {c.votes.up}
      </button>
      <button class="tb-act tb-dn" name="value" value="-1" aria-pressed={live && myVote === -1} onClick={press(-1)}>
        <span class="tb-sr">Vote down</span>
        {c.votes.down}
      </button>
    </form>
  );
}

function CommentItem({ view, comment }: { view: View; comment: Comment }) {
  const { live, now } = view;
  const c = comment;
  let cls = 'tb-c';
  if (c.id === view.highlightId) cls += ' tb-hl';
  if (c.deleted) cls += ' tb-del';
  if (c.pending) cls += ' tb-pend';
  const canEdit = live?.canEdit(c);
  const { website, name, profileUrl } = c.author;
  const long = !!live && !c.deleted && live.editing !== c.id && textLength(c.html) > LONG_COMMENT;
  const folded = long && !live.isExpanded(c.id);
  const replying = live ? live.replyingTo === c.id : view.openReply === c.id;
  // A held comment is its author's alone: nobody can reply to it, vote on it or link to it yet.
  const open = !c.pending && !view.page.closed;
  return (
    <article id={`comment-${c.id}`} class={cls}>
      {c.deleted ? (
        <p class="tb-b">{c.hidden ? 'This comment is hidden until a moderator reviews it.' : 'This comment was deleted.'}</p>
      ) : (
        <>
          <Avatar author={c.author} />
          <header>
            {profileUrl ? (
              <a class="tb-who" href={profileUrl}>
                {name}
              </a>
            ) : website && /^https?:\/\//i.test(website) ? (
              <a class="tb-who" href={website} rel="nofollow ugc noopener">
                {name}
              </a>
            ) : (
              <b class="tb-who">{name}</b>
            )}{' '}
            {c.pending ? (
              <Time iso={c.createdAt} now={now} />
            ) : (
              <a class="tb-when" href={permalink(c.id)}>
                <Time iso={c.createdAt} now={now} />
              </a>
            )}
            {c.replyTo && (
<span class="tb-to">reply to {c.replyTo}</span>
            )}
            {c.pending && (
              <em class="tb-wait">Awaiting moderation: only you can see it</em>
            )}
          </header>
          {c.anchor && (
            <blockquote class={c.anchor.detached ? 'tb-q tb-q-gone' : 'tb-q'}>
              <span class="tb-q-l">{c.anchor.detached ? 'On a passage no longer in the article:' : 'On the passage:'}</span> “{c.anchor.exact}”
            </blockquote>
          )}
          {live?.editing === c.id ? (
            <EditForm view={view} comment={c} />
          ) : (
            <div class={folded ? 'tb-b tb-fold' : 'tb-b'} id={long ? `text-${c.id}` : undefined} dangerouslySetInnerHTML={{ __html: c.html }} />
          )}
          {long && (
            <button class="tb-link tb-readmore" aria-expanded={!folded} aria-controls={`text-${c.id}`} onClick={() => live.toggleMore(c.id)}>
              {folded ? 'Read more' : 'Show less'}
            </button>
          )}
          <footer>
            {!c.pending && <VoteButtons view={view} comment={c} />}
            {open &&
              (live ? (
                <button class="tb-act tb-reply-to" aria-expanded={replying} onClick={() => live.reply(replying ? null : c.id)}>
                  Reply
                </button>
              ) : (
                // Relative to the article page: it opens again with this comment's reply form, the cursor
                // in it (no #fragment: a page opened at one does not honour autofocus).
                <a class="tb-act tb-reply-to" href={`?reply=${c.id}`}>
                  Reply
                </a>
              ))}
            {/* Without the widget the time is the comment's link; Share and Report need the widget. */}
            {live && !c.pending && <ShareMenu view={view} comment={c} />}
            {canEdit && (
              <>
                <button class="tb-act tb-edit-own" onClick={() => live!.edit(c.id)}>
                  Edit
                </button>
                <button class="tb-act tb-del-own" onClick={() => live!.remove(c)}>
                  Delete
                </button>
              </>
            )}
            {live && !canEdit && !c.pending && <ReportMenu live={live} comment={c} />}
          </footer>
          {c.editedAt && (
            <p class="tb-ed">
              Last edited <Time iso={c.editedAt} now={now} />
              {c.editedBy && ` by ${c.editedBy}`}
            </p>
          )}
        </>
      )}
      <NoticeLine notice={live?.notices[`c${c.id}`]} />
      {replying && <CommentForm view={view} parentId={c.id} />}
      {c.replies.length > 0 && (
        <div class="tb-rs">
          {c.replies.map((reply) => (
            <CommentItem key={reply.id} view={view} comment={reply} />
          ))}
        </div>
      )}
      {c.moreReplies && (
        <button class="tb-btn tb-more" disabled={live?.busy} onClick={() => live?.moreReplies(c)}>
          Load more replies
        </button>
      )}
    </article>
  );
}

/**
 * "Notify of" new comments in the thread or replies to the reader's own: a guest gives an address
 * and confirms it from a mail; a signed-in reader is subscribed at once.
 */
function SubscribeBar({ view }: { view: View }) {
  const { live } = view;
  const signedIn = live?.signedIn;
  return (
    <form
      class="tb-subscribe"
      method="post"
      action={`${view.articlePath}/subscriptions`}
      onSubmit={
        live &&
        ((event) => {
          event.preventDefault();
          live.subscribe(event.currentTarget);
        })
      }
    >
      <span class="tb-sub-t">
        Subscribe
      </span>
      {/* Labels beside their fields, not around them: a label holding the options would be named by them too. */}
      <div class="tb-l">
        <label for="tb-kind">Notify me of</label>
        <select id="tb-kind" name="kind">
          <option value="thread">new follow-up comments</option>
          <option value="replies">new replies to my comments</option>
        </select>
      </div>
      {signedIn ? (
        <span class="tb-as">as {signedIn}</span>
      ) : (
        <div class="tb-l">
          <label for="tb-follow">
            E-mail <small>(we ask you to confirm it)</small>
          </label>
          <input id="tb-follow" name="email" type="email" required autoComplete="email" defaultValue={live?.author.email} />
        </div>
      )}
      <button class="tb-btn" disabled={live?.busy}>
        Subscribe
      </button>
      <NoticeLine notice={live?.notices.subscribe} />
    </form>
  );
}

/** Everything inside the discussion section: rendered by the server, then by the browser. */
/** Who the reader posts as: a way to sign in for a guest (a page that works without script), their account once signed in. */
function WhoIsPosting({ view }: { view: View }) {
  const reader = view.live?.reader;
  if (!reader) {
    return (
      <p class="tb-signin">
        <a href={`/sign-in?returnTo=${encodeURIComponent(view.articlePath)}`}>Sign in by e-mail</a> to comment under your own name, or comment as a guest.
      </p>
    );
  }
  return (
    <p class="tb-signin">
      Signed in as <a href={reader.profileUrl}>{reader.name}</a>
      {' · '}
      <a href="/account">My content and settings</a>
      {' · '}
      <button type="button" class="tb-link" onClick={() => view.live!.signOut()}>
        Sign out
      </button>
    </p>
  );
}

export function DiscussionBody({ view }: { view: View }) {
  const { page, articlePath, live } = view;
  return (
    <>
      <h2 class="tb-h" id="tb-join">
        {page.closed ? 'The discussion' : 'Join the discussion'}
      </h2>
      {!page.closed && <SubscribeBar view={view} />}
      <WhoIsPosting view={view} />
      {page.closed ? <p class="tb-closed">Comments are closed.</p> : <CommentForm view={view} parentId={null} />}
      <div class="tb-bar">
        <h2 class="tb-n">{commentCount(page.count)}</h2>
        <nav class="tb-sort" aria-label="Sort comments">
          {sortNames.map(([sort, label]) => (
            <a key={sort} href={sortLink(articlePath, sort)} aria-current={sort === page.sort ? 'page' : undefined} onClick={instead(live, () => live!.sortBy(sort))}>
              {label}
            </a>
          ))}
        </nav>
      </div>
      {live && live.passages.length > 0 && (
        <div class="tb-views">
          <button type="button" aria-pressed={!live.inlineOnly} onClick={() => live.showInline(false)}>
            View all comments
          </button>
          <button type="button" aria-pressed={live.inlineOnly} onClick={() => live.showInline(true)}>
            Inline Feedbacks ({live.passages.length})
          </button>
        </div>
      )}
      {live?.inlineOnly ? <InlineFeedbacks passages={live.passages} /> : <CommentList view={view} />}
    </>
  );
}

/** The passages readers commented on or the author asked about, each leading to its comments. */
function InlineFeedbacks({ passages }: { passages: MarkedPassage[] }) {
  return (
    <ol class="tb-inline">
      {passages.map((p) => (
        <li key={`${p.exact}:${p.commentIds[0] ?? p.question}`}>
          <blockquote class={p.detached ? 'tb-q tb-q-gone' : 'tb-q'}>
            {p.detached && <span class="tb-q-l">No longer in the article:</span>}“{p.exact}”
          </blockquote>
          {p.question && (
            <p>
              <b>{p.askedBy ?? 'The author'} asks:</b> {p.question}
            </p>
          )}
          <p>{p.count === 0 ? 'No comments yet.' : <a href={`/comments/${p.commentIds[0]}`}>{p.count === 1 ? 'Read the comment' : `Read the ${p.count} comments, from the first`}</a>}</p>
        </li>
      ))}
    </ol>
  );
}

function CommentList({ view }: { view: View }) {
  const { page, articlePath, live } = view;
  return (
    <>
      {page.hasEarlier && (
        <a class="tb-first" href={firstCommentsLink(articlePath)} onClick={instead(live, () => live!.first())}>
          Show the first comments
        </a>
      )}
      <div class="tb-list">
        {page.comments.map((comment) => (
          <CommentItem key={comment.id} view={view} comment={comment} />
        ))}
      </div>
      <NoticeLine notice={live?.notices.page} />
      {page.nextCursor && (
        <a class="tb-btn tb-more" href={moreLink(articlePath, page.sort, page.nextCursor)} onClick={instead(live, () => live!.more())}>
          Load more comments
        </a>
      )}
    </>
  );
}

export function Discussion({ view }: { view: View }) {
  return (
    <section
      id="comments"
      class="tb-discussion"
      data-thread={view.page.key}
      data-options={JSON.stringify(view.options)}
      data-article-path={view.articlePath}
      data-sort={view.page.sort}
      data-highlight={view.highlightId}
      data-reply={view.openReply}
      aria-labelledby="tb-join"
    >
      <DiscussionBody view={view} />
      {view.highlightId !== undefined && (
        // A permalink's page cannot be asked of the API by cursor, so the browser takes it from here.
        <script type="application/json" class="tb-page" dangerouslySetInnerHTML={{ __html: JSON.stringify(view.page).replace(/</g, '\\u003c') }} />
      )}
    </section>
  );
}
