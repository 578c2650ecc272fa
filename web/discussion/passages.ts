import type { PassageAnchor } from '../../src/shared/comment.js';

/** What the page sends with a comment on a passage: the quote and some of the text around it. */
export type PassagePick = Pick<PassageAnchor, 'exact' | 'prefix' | 'suffix'>;

const CONTEXT = 32;
const MAX_QUOTE = 1000;
const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, figcaption';
const oneLine = (text: string) => text.replace(/\s+/g, ' ');

/**
 * Lets a reader comment on any passage of the article: selecting text in `body` shows a
 * "Comment on this passage" button beside the selection; pressing it hands the quote to `pick`.
 * Plain DOM outside the rendered discussion, like the mention suggestions.
 */
export function offerPassageComments(body: HTMLElement, pick: (passage: PassagePick) => void): void {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'tb-pick';
  button.textContent = 'Comment on this passage';
  button.hidden = true;
  document.body.append(button);
  let chosen: PassagePick | null = null;

  const look = () => {
    const selection = document.getSelection();
    const range = selection && selection.rangeCount > 0 ? selection.getRangeAt(0) : null;
    const exact = range ? oneLine(range.toString()).trim() : '';
    if (!range || !exact || exact.length > MAX_QUOTE || !body.contains(range.commonAncestorContainer)) {
      button.hidden = true;
      chosen = null;
      return;
    }
    // The surroundings within the same paragraph tell repeated words apart.
    const block = (range.startContainer.parentElement?.closest(BLOCKS) as HTMLElement | null) ?? body;
    const before = document.createRange();
    before.setStart(block, 0);
    before.setEnd(range.startContainer, range.startOffset);
    const after = document.createRange();
    after.setStart(range.endContainer, range.endOffset);
    after.setEnd(block, block.childNodes.length);
    chosen = { exact, prefix: oneLine(before.toString()).slice(-CONTEXT), suffix: oneLine(after.toString()).slice(0, CONTEXT) };
    const box = range.getBoundingClientRect();
    button.style.top = `${window.scrollY + box.bottom + 6}px`;
    button.style.left = `${Math.max(8, Math.min(window.scrollX + box.left, window.scrollX + document.documentElement.clientWidth - 220))}px`;
    button.hidden = false;
  };
  document.addEventListener('mouseup', () => setTimeout(look));
  document.addEventListener('keyup', (event) => {
    if (event.key === 'Escape') button.hidden = true;
    else if (event.shiftKey || event.key.startsWith('Arrow')) look();
  });
  button.addEventListener('click', () => {
    if (!chosen) return;
    pick(chosen);
    button.hidden = true;
    document.getSelection()?.removeAllRanges();
  });
}

/** A passage as GET /api/v1/threads/{key}/passages lists it. */
export interface MarkedPassage extends PassagePick {
  count: number;
  detached?: true;
  commentIds: number[];
  question?: string;
  askedBy?: string;
}

/**
 * Puts a count beside each paragraph of the article that readers commented on; pressing it goes
 * to the first of those comments (on this page, or by its permalink). An author's question on a
 * passage shows under its paragraph, with a button that starts a comment on that passage.
 */
export function markPassages(body: HTMLElement, passages: MarkedPassage[], pick: (passage: PassagePick) => void): void {
  const blocks = [...body.querySelectorAll<HTMLElement>(BLOCKS)];
  for (const passage of passages) {
    if (passage.detached) continue;
    const block = blocks.find((b) => oneLine(b.textContent ?? '').includes(passage.exact));
    if (!block) continue;
    if (passage.question) {
      const ask = document.createElement('aside');
      ask.className = 'tb-ask';
      const who = document.createElement('b');
      who.textContent = `${passage.askedBy ?? 'The author'} asks about “${passage.exact}”:`;
      const answer = document.createElement('button');
      answer.type = 'button';
      answer.className = 'tb-ask-b';
      answer.textContent = 'Answer';
      answer.addEventListener('click', () => pick({ exact: passage.exact, prefix: passage.prefix, suffix: passage.suffix }));
      ask.append(who, ' ', passage.question, ' ', answer);
      block.after(ask);
    }
    if (passage.count === 0) continue;
    const count = document.createElement('a');
    count.className = 'tb-pcount';
    const id = passage.commentIds[0];
    count.href = `/comments/${id}`;
    count.textContent = String(passage.count);
    // The name starts with the number shown, so speech input can say what it sees.
    count.setAttribute('aria-label', `${passage.count} ${passage.count === 1 ? 'comment' : 'comments'} on “${passage.exact}”`);
    count.addEventListener('click', (event) => {
      const shown = document.getElementById(`comment-${id}`);
      if (!shown) return;
      event.preventDefault();
      shown.scrollIntoView({ block: 'center' });
      shown.focus({ preventScroll: true });
    });
    block.append(' ', count);
  }
}
