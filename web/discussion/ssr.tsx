import { renderToString } from 'preact-render-to-string';
import type { DiscussionOptions, ThreadPage } from '../../src/shared/comment.js';
import { Discussion } from './view.js';

export interface DiscussionProps {
  page: ThreadPage;
  options: DiscussionOptions;
  /** Where the article lives, e.g. "/articles/harbour-bridge": forms and links that work without JavaScript point here. */
  articlePath: string;
  /** Epoch ms that relative times ("3 months ago") count from. */
  now: number;
  highlightId?: number;
  /** Without the widget: the comment whose reply form is open (the page a Reply link leads to). */
  openReply?: number;
}

/** The whole discussion section as HTML, for the article page; the browser script takes it over. */
export function renderDiscussion(props: DiscussionProps): string {
  return renderToString(<Discussion view={props} />);
}
