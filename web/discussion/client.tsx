import { Component, render } from 'preact';
import type { Comment, CommentSort, DiscussionOptions, ThreadPage } from '../../src/shared/comment.js';
import * as api from './api.js';
import { addToBranch, pathTo, removeComment } from './branch.js';
import * as memory from './memory.js';
import { DiscussionBody, type Live, type Notice, type SignedInReader } from './view.js';
import './discussion.css';
import { offerMentions } from './mention-suggestions.js';
import { markPassages, offerPassageComments, type MarkedPassage, type PassagePick } from './passages.js';
import { Bubble, NewComments, followThread, type LiveHandlers } from './live.js';

interface Props {
  section: HTMLElement;
  threadKey: string;
  options: DiscussionOptions;
  articlePath: string;
  page: ThreadPage;
  highlightId?: number;
  /** The comment whose Reply link brought the reader here (from a page without the widget). */
  replyTo?: number;
  reader: SignedInReader | null;
}

interface State {
  page: ThreadPage;
  now: number;
  busy: boolean;
  replyingTo: number | null;
  editing: number | null;
  notices: Record<string, Notice>;
  highlightId?: number;
  /** Long comments the reader opened with "Read more". */
  expanded: Set<number>;
  /** Others' new comments from the live stream, waiting behind the "N new comments" button. */
  arrived: Comment[];
  /** Comments others posted since the page was opened, for the bubble. */
  fresh: number[];
  /** Null for a guest, and after signing out here. */
  reader: SignedInReader | null;
  /** The passage of the article the new comment will be about, chosen by selecting it. */
  passage: PassagePick | null;
  passages: MarkedPassage[];
  inlineOnly: boolean;
}

const minute = 60_000;

class DiscussionApp extends Component<Props, State> implements Live {
  private readonly editWindowMs = this.props.options.editWindowMinutes * minute;
  private own = memory.ownComments(this.editWindowMs, Date.now());
  private votes = memory.rememberedVotes();
  private clock?: ReturnType<typeof setInterval>;
  /** When the reader got the form: a comment sent a moment later was not typed by a person. */
  private readonly shownAt = Date.now();
  author = memory.rememberedAuthor();

  constructor(props: Props) {
    super(props);
    this.state = { page: props.page, now: Date.now(), busy: false, replyingTo: props.replyTo ?? null, editing: null, notices: {}, highlightId: props.highlightId, expanded: new Set(), arrived: [], fresh: [], reader: props.reader, passage: null, passages: [], inlineOnly: false };
  }

  get signedIn() {
    return this.state.reader?.name;
  }

  get reader() {
    return this.state.reader;
  }

  signOut() {
    void this.attempt('new', async () => {
      await api.signOut();
      this.setState({ reader: null });
    });
  }

  isExpanded(id: number) {
    return this.state.expanded.has(id);
  }

  toggleMore(id: number) {
    const expanded = new Set(this.state.expanded);
    if (!expanded.delete(id)) expanded.add(id);
    this.setState({ expanded });
  }

  /** Puts the focus on one of comment `id`'s own action buttons, after the form it opened closes. */
  private focusAction(id: number, selector: string) {
    this.props.section.querySelector<HTMLElement>(`#comment-${id} > footer ${selector}`)?.focus();
  }

  override componentDidMount() {
    // Keeps "just now" and the edit window honest while the page stays open.
    this.clock = setInterval(() => this.setState({ now: Date.now() }), 30_000);
    this.stopLive = followThread(this.props.threadKey, this.props.page.liveFrom, this.liveHandlers());
    // Arrived through a Reply link of the page without the widget: the form is open, the cursor in it.
    if (this.state.replyingTo !== null) this.props.section.querySelector<HTMLElement>(`#comment-${this.state.replyingTo} .tb-reply textarea`)?.focus();
    const article = document.querySelector<HTMLElement>('.article-body');
    if (article) {
      const pick = (passage: PassagePick) =>
        this.setState({ passage }, () => {
          const box = this.props.section.querySelector<HTMLTextAreaElement>('.tb-form:not(.tb-reply) textarea');
          box?.scrollIntoView({ block: 'center' });
          box?.focus({ preventScroll: true });
        });
      offerPassageComments(article, pick);
      api.fetchPassages(this.props.threadKey).then(
        (passages) => {
          markPassages(article, passages, pick);
          this.setState({ passages });
        },
        () => undefined,
      );
    }
  }

  get passage() {
    return this.state.passage;
  }

  clearPassage() {
    this.setState({ passage: null });
  }

  get passages() {
    return this.state.passages;
  }

  get inlineOnly() {
    return this.state.inlineOnly;
  }

  showInline(on: boolean) {
    this.setState({ inlineOnly: on });
  }

  override componentWillUnmount() {
    clearInterval(this.clock);
    this.stopLive?.();
  }

  private stopLive?: () => void;

  /** The comment on the page, or waiting behind the button. */
  private find(id: number): Comment | undefined {
    return pathTo(this.state.page.comments, id)?.at(-1) ?? this.state.arrived.find((c) => c.id === id);
  }

  /** What the thread's event stream changes: edits, votes and removals in place; new comments wait. */
  private liveHandlers(): LiveHandlers {
    const without = (id: number) => ({ arrived: this.state.arrived.filter((c) => c.id !== id), fresh: this.state.fresh.filter((f) => f !== id) });
    return {
      published: (comment) => {
        if (this.find(comment.id) || this.own[comment.id]) return;
        this.setState({ arrived: [...this.state.arrived, comment], fresh: [...this.state.fresh, comment.id] });
      },
      edited: (comment) => {
        const shown = this.find(comment.id);
        if (!shown) return;
        Object.assign(shown, { html: comment.html, editedAt: comment.editedAt, editedBy: comment.editedBy, author: comment.author });
        this.setState({});
      },
      removed: (id) => {
        if (this.state.arrived.some((c) => c.id === id)) return this.setState(without(id));
        if (this.takeOff(id)) this.setState({ page: this.state.page });
      },
      votes: (id, votes) => {
        const shown = this.find(id);
        if (shown) {
          shown.votes = votes;
          this.setState({});
        }
      },
      reload: () => this.first(),
    };
  }

  /**
   * Takes a comment off the page once: the stream's removal and the reader's own delete may both
   * arrive, in either order, and the count must go down only for the first.
   */
  private takeOff(id: number, hidden = false): boolean {
    const page = this.state.page;
    const shown = pathTo(page.comments, id)?.at(-1);
    if (!shown || shown.deleted) return false;
    page.comments = removeComment(page.comments, id, hidden);
    page.count = Math.max(0, page.count - 1);
    return true;
  }

  /** Puts the waiting comments in their places and takes the reader to the first. */
  showArrived() {
    const { page, arrived } = this.state;
    if (arrived.length === 0) return;
    for (const comment of arrived) {
      if (pathTo(page.comments, comment.id)) continue;
      const path = comment.parentId === null ? null : pathTo(page.comments, comment.parentId);
      if (path) addToBranch(path[0]!, [comment], this.props.options.maxDepth);
      else if (page.sort === 'newest') page.comments.unshift(comment);
      else page.comments.push(comment);
      page.count++;
    }
    const first = arrived[0]!.id;
    this.setState({ page, arrived: [], highlightId: first }, () => document.getElementById(`comment-${first}`)?.scrollIntoView({ block: 'center' }));
  }

  /** The bubble: to the comments waiting, else the first new one, else the discussion. */
  goToDiscussion() {
    if (this.state.arrived.length > 0) return this.showArrived();
    const first = this.state.fresh.map((id) => document.getElementById(`comment-${id}`)).find(Boolean);
    (first ?? this.props.section).scrollIntoView({ block: 'start' });
  }

  get busy() {
    return this.state.busy;
  }
  get replyingTo() {
    return this.state.replyingTo;
  }
  get editing() {
    return this.state.editing;
  }
  get notices() {
    return this.state.notices;
  }

  voteOf(id: number) {
    return this.votes[id] ?? 0;
  }

  canEdit(comment: Comment) {
    const own = this.own[comment.id];
    return !!own && this.state.now - own.createdAt < this.editWindowMs;
  }

  postedText(id: number) {
    return this.own[id]?.body ?? '';
  }

  /** Runs one request at a time, showing its refusal under `where`; the page re-renders after. */
  private async attempt(where: string, work: () => Promise<(Notice & { where?: string }) | void>, form?: HTMLFormElement) {
    if (this.state.busy) return;
    this.setState({ busy: true, notices: {} });
    let notice: (Notice & { where?: string }) | void;
    try {
      notice = await work();
    } catch (error) {
      notice = { text: error instanceof Error ? error.message : String(error), error: true };
      if (error instanceof api.ApiError && error.field) {
        // The message names the field; put the cursor there so the reader can fix it at once.
        form?.querySelector<HTMLElement>(`[name="${error.field}"]`)?.focus();
      }
    }
    this.setState({ busy: false, notices: notice ? { [notice.where ?? where]: notice } : {} });
  }

  post(form: HTMLFormElement, parentId: number | null) {
    const field = (name: string) => ((form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? '').trim();
    // A signed-in reader posts under their account's name: the form asks them for none.
    const reader = this.state.reader;
    const author = reader ? null : { name: field('name'), email: field('email'), website: field('website') };
    const body = field('body');
    void this.attempt(parentId === null ? 'new' : 'reply', async () => {
      if (author) memory.rememberAuthor((this.author = author));
      const posted = await api.postComment(this.props.threadKey, {
        body,
        name: reader ? reader.name : author!.name,
        ...(parentId !== null && { parentId }),
        ...(author?.email && { email: author.email }),
        ...(author?.website && { website: author.website }),
        form: { honeypot: (form.elements.namedItem('homepage') as HTMLInputElement | null)?.value ?? '', elapsedMs: Date.now() - this.shownAt },
        ...(parentId === null && this.state.passage && { anchor: this.state.passage }),
      });
      if (parentId === null) this.setState({ passage: null });
      (form.elements.namedItem('body') as HTMLTextAreaElement).value = '';
      const { comment, editToken } = posted;
      if (editToken) {
        // The browser's own clock, so the edit window agrees with the `now` it is compared to.
        this.own[comment.id] = { token: editToken, createdAt: Date.now(), body };
        memory.rememberOwn(comment.id, this.own[comment.id]!, this.editWindowMs);
      }
      const page = this.state.page;
      const path = parentId === null ? null : pathTo(page.comments, parentId);
      if (path) addToBranch(path[0]!, [comment], this.props.options.maxDepth);
      else if (page.sort === 'newest') page.comments.unshift(comment);
      else page.comments.push(comment);
      if (!comment.pending) page.count++;
      // The stream may have brought it before this answer did: it is the reader's own, not new.
      this.setState({ replyingTo: null, highlightId: comment.id, arrived: this.state.arrived.filter((c) => c.id !== comment.id), fresh: this.state.fresh.filter((f) => f !== comment.id) }, () =>
        document.getElementById(`comment-${comment.id}`)?.scrollIntoView({ block: comment.pending ? 'center' : 'nearest' }),
      );
      // Said beside the held comment itself, where the reader is taken, not above the form.
      if (comment.pending) return { where: `c${comment.id}`, text: 'Thank you. Your comment is awaiting moderation; until a moderator approves it, only you can see it.' };
    }, form);
  }

  saveEdit(comment: Comment, body: string, form?: HTMLFormElement) {
    const own = this.own[comment.id];
    if (!own) return;
    void this.attempt('edit', async () => {
      const edited = await api.editComment(comment.id, body, own.token);
      Object.assign(comment, { html: edited.html, editedAt: edited.editedAt, editedBy: edited.editedBy });
      own.body = body;
      memory.rememberOwn(comment.id, own, this.editWindowMs);
      this.setState({ editing: null });
    }, form);
  }

  remove(comment: Comment) {
    const own = this.own[comment.id];
    if (!own || !confirm('Delete your comment? This cannot be undone.')) return;
    void this.attempt(`c${comment.id}`, async () => {
      await api.deleteComment(comment.id, own.token);
      delete this.own[comment.id];
      memory.rememberOwn(comment.id, null, this.editWindowMs);
      this.takeOff(comment.id);
    });
  }

  vote(comment: Comment, value: 1 | -1) {
    // Pressing the arrow already pressed takes the vote back.
    const wanted = this.voteOf(comment.id) === value ? 0 : value;
    void this.attempt(`c${comment.id}`, async () => {
      const result = await api.vote(comment.id, wanted);
      comment.votes = result.votes;
      this.votes[comment.id] = result.value;
      memory.rememberVote(comment.id, result.value);
    });
  }

  report(comment: Comment, reason: string) {
    void this.attempt(`c${comment.id}`, async () => {
      const { hidden } = await api.report(comment.id, reason);
      if (hidden) {
        // Enough readers agreed: it leaves the page until a moderator decides.
        this.takeOff(comment.id, true);
      }
      return { text: 'Thank you for the report; a moderator will look at this comment.' };
    });
  }

  reply(id: number | null) {
    const closing = this.state.replyingTo;
    this.setState({ replyingTo: id, editing: null, notices: {} }, () => {
      if (id !== null) this.props.section.querySelector<HTMLElement>(`#comment-${id} .tb-reply textarea`)?.focus();
      else if (closing !== null) this.focusAction(closing, '.tb-reply-to');
    });
  }

  edit(id: number | null) {
    const closing = this.state.editing;
    this.setState({ editing: id, replyingTo: null, notices: {} }, () => {
      if (id !== null) this.props.section.querySelector<HTMLElement>(`#comment-${id} .tb-edit textarea`)?.focus();
      else if (closing !== null) this.focusAction(closing, '.tb-edit-own');
    });
  }

  subscribe(form: HTMLFormElement) {
    const field = (name: string) => ((form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? '').trim();
    void this.attempt('subscribe', async () => {
      const result = await api.subscribe(this.props.threadKey, field('kind'), field('email') || undefined);
      return { text: result.confirmed ? 'Subscribed: we will mail you when there is something new.' : (result.message ?? 'Check your inbox to confirm the address.') };
    }, form);
  }

  private async show(sort: CommentSort, cursor: string | null, append: boolean) {
    const next = await api.fetchThread(this.props.threadKey, sort, cursor);
    if (!append) await showMine(next, this.props.threadKey, this.props.options.maxDepth);
    if (append) {
      // A comment posted here was shown at the end of what was loaded; when its real place
      // arrives with a later page, it moves there instead of showing twice.
      const arriving = new Set(next.comments.map((c) => c.id));
      next.comments = [...this.state.page.comments.filter((c) => !arriving.has(c.id)), ...next.comments];
    }
    // The new page is built fresh by the server; the reader's open forms belong to the old one.
    this.setState({ page: next, replyingTo: null, editing: null });
  }

  sortBy(sort: CommentSort) {
    void this.attempt('page', async () => {
      await this.show(sort, null, false);
      // A reload, or a link copied now, shows the same order.
      history.replaceState(null, '', `${this.props.articlePath}?sort=${sort}#comments`);
    });
  }

  more() {
    const { sort, nextCursor } = this.state.page;
    if (nextCursor) void this.attempt('page', () => this.show(sort, nextCursor, true));
  }

  first() {
    void this.attempt('page', async () => {
      await this.show(this.state.page.sort, null, false);
      history.replaceState(null, '', `${this.props.articlePath}#comments`);
    });
  }

  moreReplies(root: Comment) {
    const cursor = root.moreReplies;
    if (cursor) {
      void this.attempt(`c${root.id}`, async () => {
        const more = await api.fetchReplies(root.id, cursor);
        addToBranch(root, more.replies, this.props.options.maxDepth);
        root.moreReplies = more.nextCursor;
      });
    }
  }

  render() {
    const { page, now, highlightId } = this.state;
    const { options, articlePath } = this.props;
    const { arrived, fresh } = this.state;
    return (
      <>
        <NewComments count={arrived.length} show={() => this.showArrived()} />
        <DiscussionBody view={{ page, options, articlePath, now, highlightId, live: this }} />
        <Bubble count={page.count + arrived.length} fresh={fresh.length} go={() => this.goToDiscussion()} />
      </>
    );
  }
}

/** Adds the reader's own held comments to a page: shown to them alone, marked as awaiting moderation. */
async function showMine(page: ThreadPage, threadKey: string, maxDepth: number): Promise<void> {
  const mine = await api.fetchMine(threadKey).catch(() => [] as Comment[]);
  for (const comment of mine) {
    const path = comment.parentId === null ? null : pathTo(page.comments, comment.parentId);
    if (path) addToBranch(path[0]!, [comment], maxDepth);
    else if (comment.parentId === null && !page.comments.some((c) => c.id === comment.id)) page.comments.push(comment);
  }
}

async function start(section: HTMLElement) {
  const data = section.dataset;
  const threadKey = data.thread!;
  const options = JSON.parse(data.options!) as DiscussionOptions;
  const highlightId = data.highlight ? Number(data.highlight) : undefined;
  const embedded = section.querySelector('script.tb-page')?.textContent;
  const sort = (data.sort || 'oldest') as CommentSort;
  let page: ThreadPage;
  if (embedded) {
    page = JSON.parse(embedded) as ThreadPage;
  } else {
    // Show the same page the server rendered, including one reached by a "Load more comments" link.
    page = await api.fetchThread(threadKey, sort, new URL(location.href).searchParams.get('cursor'));
  }
  const [reader] = await Promise.all([api.fetchMe(), showMine(page, threadKey, options.maxDepth)]);
  section.textContent = '';
  section.dataset.live = 'on';
  render(<DiscussionApp section={section} threadKey={threadKey} options={options} articlePath={data.articlePath || location.pathname} page={page} highlightId={highlightId} replyTo={data.reply ? Number(data.reply) : undefined} reader={reader} />, section);
  offerMentions(section, threadKey);
}

const section = document.querySelector<HTMLElement>('section.tb-discussion[data-thread]');
if (section) {
  // If the API cannot be reached, the server's markup stays: it works as plain HTML.
  start(section).catch((error) => console.warn('Tribune discussion stays static:', error));
}
