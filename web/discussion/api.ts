import type { MarkedPassage, PassagePick } from './passages.js';
import type { Comment, CommentSort, ThreadPage } from '../../src/shared/comment.js';

/** A refusal the reader can act on: the server's message, and the form field it is about. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly field?: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

async function call<T>(method: string, url: string, body?: unknown, editToken?: string): Promise<{ status: number; data: T }> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (editToken) headers['x-edit-token'] = editToken;
  let response: Response;
  try {
    response = await fetch(url, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError('Could not reach the server. Check your connection and try again.');
  }
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    const error = data?.error;
    throw new ApiError(error?.message || `Something went wrong (${response.status}). Please try again.`, error?.field, error?.code);
  }
  return { status: response.status, data: data as T };
}

const enc = encodeURIComponent;

export async function fetchThread(key: string, sort: CommentSort, cursor?: string | null): Promise<ThreadPage> {
  const query = `sort=${sort}${cursor ? `&cursor=${enc(cursor)}` : ''}`;
  return (await call<ThreadPage>('GET', `/api/v1/threads/${enc(key)}/comments?${query}`)).data;
}

export async function fetchReplies(rootId: number, cursor: string): Promise<{ replies: Comment[]; nextCursor: string | null }> {
  return (await call<{ replies: Comment[]; nextCursor: string | null }>('GET', `/api/v1/comments/${rootId}/replies?cursor=${enc(cursor)}`)).data;
}

export interface NewComment {
  body: string;
  parentId?: number;
  name: string;
  email?: string;
  website?: string;
  form?: { honeypot: string; elapsedMs: number };
  anchor?: PassagePick;
}

/** A comment moderation holds back comes with `pending: true`: only its author is shown it. */
export async function postComment(key: string, input: NewComment): Promise<{ comment: Comment; editToken?: string }> {
  const { status, data } = await call<{ comment: Comment; editToken?: string }>('POST', `/api/v1/threads/${enc(key)}/comments`, input);
  if (status === 202) data.comment.pending = true;
  return data;
}

/** The passages of the article that comments are about, for their counts in the margin. */
export async function fetchPassages(key: string): Promise<MarkedPassage[]> {
  return (await call<{ passages: MarkedPassage[] }>('GET', `/api/v1/threads/${enc(key)}/passages`)).data.passages;
}

/** This reader's own comments in the thread that wait for a moderator. */
export async function fetchMine(key: string): Promise<Comment[]> {
  return (await call<{ pending: Comment[] }>('GET', `/api/v1/threads/${enc(key)}/comments/mine`)).data.pending;
}

export async function editComment(id: number, body: string, token: string): Promise<Comment> {
  return (await call<{ comment: Comment }>('PATCH', `/api/v1/comments/${id}`, { body }, token)).data.comment;
}

export async function deleteComment(id: number, token: string): Promise<void> {
  await call('DELETE', `/api/v1/comments/${id}`, undefined, token);
}

export async function vote(id: number, value: number): Promise<{ votes: Comment['votes']; value: number }> {
  return (await call<{ votes: Comment['votes']; value: number }>('POST', `/api/v1/comments/${id}/vote`, { value })).data;
}

export async function report(id: number, reason: string): Promise<{ hidden: boolean }> {
  return (await call<{ hidden: boolean }>('POST', `/api/v1/comments/${id}/reports`, { reason })).data;
}

/** Following the thread by mail: `confirmed` at once for a signed-in reader, else a confirmation mail was sent. */
export async function subscribe(key: string, kind: string, email?: string): Promise<{ confirmed: boolean; message?: string }> {
  const { data } = await call<{ subscription: { confirmed: boolean }; message?: string }>('POST', `/api/v1/threads/${enc(key)}/subscriptions`, { kind, ...(email && { email }) });
  return { confirmed: data.subscription.confirmed, ...(data.message && { message: data.message }) };
}

/** The signed-in reader of this site, or null for a guest. */
export async function fetchMe(): Promise<{ name: string; avatarUrl: string; profileUrl: string } | null> {
  const response = await fetch('/api/v1/me', { credentials: 'same-origin' }).catch(() => null);
  if (!response?.ok) return null;
  const data = (await response.json().catch(() => null)) as { reader?: { name: string; avatarUrl: string; profileUrl: string } } | null;
  return data?.reader ?? null;
}

export async function signOut(): Promise<void> {
  await call('POST', '/api/v1/auth/sign-out');
}
