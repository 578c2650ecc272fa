/**
 * What this browser remembers between visits. Storage can be missing or full (private modes,
 * blocked cookies); the widget then simply forgets, it never fails.
 */

export interface Author {
  name: string;
  email: string;
  website: string;
}

export interface OwnComment {
  /** Proves to the server that an edit or delete comes from the browser that posted. */
  token: string;
  createdAt: number;
  /** The Markdown as typed: the API only returns the rendered html, and editing needs the source. */
  body: string;
}

function read<T>(key: string, fallback: T): T {
  try {
    const text = localStorage.getItem(key);
    return text ? (JSON.parse(text) as T) : fallback;
  } catch {
    return fallback;
  }
}

function write(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Nothing to do: the reader loses convenience, not their comment.
  }
}

const authorKey = 'tribune.author';
const ownKey = 'tribune.own';
const votesKey = 'tribune.votes';
/** Votes are kept only to mark the pressed arrow; old ones can go. */
const votesKept = 1000;

export const rememberedAuthor = (): Author => ({ name: '', email: '', website: '', ...read<Partial<Author>>(authorKey, {}) });
export const rememberAuthor = (author: Author) => write(authorKey, author);

export function ownComments(editWindowMs: number, now: number): Record<string, OwnComment> {
  const own = read<Record<string, OwnComment>>(ownKey, {});
  // Tokens are worthless after the edit window: drop them so storage does not grow forever.
  for (const id of Object.keys(own)) if (!(now - own[id]!.createdAt < editWindowMs)) delete own[id];
  return own;
}

export function rememberOwn(id: number, comment: OwnComment | null, editWindowMs: number): void {
  const own = ownComments(editWindowMs, Date.now());
  if (comment) own[id] = comment;
  else delete own[id];
  write(ownKey, own);
}

export const rememberedVotes = () => read<Record<string, number>>(votesKey, {});

export function rememberVote(id: number, value: number): void {
  const votes = rememberedVotes();
  delete votes[id];
  if (value) votes[id] = value;
  const ids = Object.keys(votes);
  // Integer keys keep numeric order, which here is also the order comments were written.
  for (const old of ids.slice(0, Math.max(0, ids.length - votesKept))) delete votes[old];
  write(votesKey, votes);
}
