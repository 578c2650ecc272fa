import type { Comment, CommentSort, DiscussionOptions, ThreadPage } from '../../src/shared/comment.js';
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
export interface Live {
  author: Author;
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
  reply(id: number | null): void;
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

function CommentForm({ view, parentId }: { view: View; parentId: number | null }) {
  const { options, live } = view;
  const author = live?.author;
  const where = parentId === null ? 'new' : 'reply';
  return (
    <form
      class={parentId === null ? 'tb-form' : 'tb-form tb-reply'}
      method="post"
      action={`${view.articlePath}/comments`}
      onSubmit={
        live &&
        ((event) => {
          event.preventDefault();
          live.post(event.currentTarget, parentId);
        })
      }
    >
      <textarea
        name="body"
        aria-label="Comment"
        placeholder={parentId === null ? 'Join the discussion' : 'Write a reply'}
        required
        minLength={options.minLength}
        maxLength={options.maxLength}
      />
      <div class="tb-fields">
        <input name="name" aria-label="Name" placeholder="Name*" required maxLength={options.nameMaxLength} autoComplete="name" defaultValue={author?.name} />
        <input
          name="email"
          type="email"
          aria-label="E-mail"
          placeholder={options.requireEmail ? 'E-mail*' : 'E-mail'}
          required={options.requireEmail}
          autoComplete="email"
          defaultValue={author?.email}
        />
        <input name="website" type="url" aria-label="Website" placeholder="Website" autoComplete="url" defaultValue={author?.website} />
        {parentId !== null && <input type="hidden" name="parentId" value={parentId} />}
        {/* People never see this field; bots that fill every input give themselves away. */}
        <input class="tb-hp" name="homepage" tabIndex={-1} autoComplete="off" aria-hidden="true" />
        <button disabled={live?.busy}>{parentId === null ? 'Post Comment' : 'Post Reply'}</button>
        {parentId !== null && (
          <button type="button" class="tb-link" onClick={() => live?.reply(null)}>
            Cancel
          </button>
        )}
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
      onSubmit={(event) => {
        event.preventDefault();
        const form = event.currentTarget;
        live.saveEdit(comment, (form.elements.namedItem('body') as HTMLTextAreaElement).value, form);
      }}
    >
      <textarea name="body" aria-label="Comment" required minLength={view.options.minLength} maxLength={view.options.maxLength} defaultValue={live.postedText(comment.id)} />
      <div class="tb-fields">
        <button disabled={live.busy}>Save</button>
        <button type="button" class="tb-link" onClick={() => live.edit(null)}>
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

const reportReasons: [string, string][] = [
  ['abuse', 'Abusive or hateful'],
  ['harassment', 'Harasses someone'],
  ['spam', 'Spam'],
  ['off_topic', 'Off topic'],
  ['other', 'Something else'],
];

/** "Report" opens a choice of reasons; choosing one sends the report. */
function ReportMenu({ live, comment }: { live: Live; comment: Comment }) {
  return (
    <select
      class="tb-report"
      aria-label="Report this comment"
      onChange={(event) => {
        const reason = event.currentTarget.value;
        event.currentTarget.value = '';
        if (reason) live.report(comment, reason);
      }}
    >
      <option value="">Report</option>
      {reportReasons.map(([value, label]) => (
        <option value={value}>{label}</option>
      ))}
    </select>
  );
}

function CommentItem({ view, comment }: { view: View; comment: Comment }) {
  const { live, now } = view;
  const c = comment;
  let cls = 'tb-c';
  if (c.id === view.highlightId) cls += ' tb-hl';
  if (c.deleted) cls += ' tb-del';
  if (c.pending) cls += ' tb-pend';
  const myVote = live?.voteOf(c.id);
  const canEdit = live?.canEdit(c);
  const { website, name } = c.author;
  return (
    <article id={`comment-${c.id}`} class={cls}>
      {c.deleted ? (
        <p class="tb-b">{c.hidden ? 'This comment is hidden until a moderator reviews it.' : 'This comment was deleted.'}</p>
      ) : (
        <>
          <header>
            {website && /^https?:\/\//i.test(website) ? (
              <a href={website} rel="nofollow ugc noopener">
                {name}
              </a>
            ) : (
              <b>{name}</b>
            )}{' '}
            <Time iso={c.createdAt} now={now} />
            {c.replyTo && ` · reply to ${c.replyTo}`}
            {c.pending && <em class="tb-wait"> · Awaiting moderation: only you can see it</em>}
          </header>
          {live?.editing === c.id ? <EditForm view={view} comment={c} /> : <div class="tb-b" dangerouslySetInnerHTML={{ __html: c.html }} />}
          <footer>
            <button class="tb-up" title="Vote up" aria-pressed={live && myVote === 1} onClick={() => live?.vote(c, 1)}>
              ▲ {c.votes.up}
            </button>{' '}
            <button class="tb-dn" title="Vote down" aria-pressed={live && myVote === -1} onClick={() => live?.vote(c, -1)}>
              ▼ {c.votes.down}
            </button>
            {!view.page.closed && (
              <>
                {' · '}
                <button onClick={() => live?.reply(c.id)}>Reply</button>
              </>
            )}
            {canEdit && (
              <>
                {' · '}
                <button onClick={() => live!.edit(c.id)}>Edit</button>
                {' · '}
                <button onClick={() => live!.remove(c)}>Delete</button>
              </>
            )}
            {live && !canEdit && !c.pending && (
              <>
                {' · '}
                <ReportMenu live={live} comment={c} />
              </>
            )}
            {' · '}
            <a href={permalink(c.id)}>#</a>
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
      {live?.replyingTo === c.id && <CommentForm view={view} parentId={c.id} />}
      {c.replies.length > 0 && (
        <div class="tb-rs">
          {c.replies.map((reply) => (
            <CommentItem key={reply.id} view={view} comment={reply} />
          ))}
        </div>
      )}
      {c.moreReplies && (
        <button class="tb-more" disabled={live?.busy} onClick={() => live?.moreReplies(c)}>
          Load more replies
        </button>
      )}
    </article>
  );
}

/** Everything inside the discussion section: rendered by the server, then by the browser. */
export function DiscussionBody({ view }: { view: View }) {
  const { page, articlePath, live } = view;
  return (
    <>
      <div class="tb-subscribe" hidden />
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
        <a class="tb-more" href={moreLink(articlePath, page.sort, page.nextCursor)} onClick={instead(live, () => live!.more())}>
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
    >
      <DiscussionBody view={view} />
      {view.highlightId !== undefined && (
        // A permalink's page cannot be asked of the API by cursor, so the browser takes it from here.
        <script type="application/json" class="tb-page" dangerouslySetInnerHTML={{ __html: JSON.stringify(view.page).replace(/</g, '\\u003c') }} />
      )}
    </section>
  );
}
