import type { CommentSort } from '../../src/shared/comment.js';

/** Links that work without JavaScript: the server renders the page they name. */
export const sortLink = (articlePath: string, sort: CommentSort) => `${articlePath}?sort=${sort}#comments`;

export const moreLink = (articlePath: string, sort: CommentSort, cursor: string) =>
  `${articlePath}?sort=${sort}&cursor=${encodeURIComponent(cursor)}#comments`;

export const firstCommentsLink = (articlePath: string) => `${articlePath}#comments`;

export const permalink = (id: number) => `/comments/${id}`;
