import type { Phase } from '../context.js';

/** A closed discussion takes no new comments and no edits. */
export const threadClosed: Phase = {
  name: 'thread-closed',
  kinds: ['comment'],
  run: (ctx) =>
    ctx.input.thread.closed
      ? { decision: 'reject', code: 'thread_closed', message: 'This discussion is closed to new comments.', matched: [] }
      : undefined,
};
