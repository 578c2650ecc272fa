import './mention-suggestions.css';

/** One name the server offers for `@…`. */
interface Suggestion {
  name: string;
  kind: 'reader' | 'author';
}

/** The `@` being typed just before the caret, and what follows it: at most a few words, on one line. */
const TYPED_MENTION = /(?:^|[^\p{L}\p{N}_])@([\p{L}\p{N}_][^\n@]{0,39})$/u;
const WAIT_MS = 150;

/**
 * Suggestions while a reader types `@name` in any comment box of the discussion: the names come
 * from GET /api/v1/threads/{key}/mention-suggestions. The box stays a textbox (a textarea may not
 * be a combobox) that owns a listbox: `aria-autocomplete`, `aria-controls` and
 * `aria-activedescendant` tell assistive technology which name is chosen, and a status line says
 * how many there are. Down and Up move, Enter or Tab takes the name, Esc closes the list (and
 * only the list). Plain DOM outside the rendered tree, so re-renders never disturb it.
 */
export function offerMentions(root: HTMLElement, threadKey: string): void {
  const list = document.createElement('ul');
  list.id = 'tb-mentions';
  list.className = 'tb-mentions';
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', 'People to mention');
  list.hidden = true;
  const status = document.createElement('p');
  status.className = 'tb-mentions-status';
  status.setAttribute('role', 'status');
  document.body.append(list, status);

  const cache = new Map<string, Suggestion[]>();
  let box: HTMLTextAreaElement | null = null;
  let shown: Suggestion[] = [];
  let active = 0;
  let typed: { start: number; query: string } | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let asked = 0;
  /** Where the last name taken starts: typing on after it is not a new `@`. */
  let taken = -1;

  const close = () => {
    clearTimeout(timer);
    asked++;
    list.hidden = true;
    list.textContent = '';
    status.textContent = '';
    shown = [];
    typed = null;
    box?.removeAttribute('aria-activedescendant');
  };

  const mark = () => {
    [...list.children].forEach((option, i) => option.setAttribute('aria-selected', String(i === active)));
    box?.setAttribute('aria-activedescendant', `tb-mention-${active}`);
  };

  const show = (suggestions: Suggestion[]) => {
    if (!box || suggestions.length === 0) return close();
    shown = suggestions;
    active = 0;
    list.textContent = '';
    suggestions.forEach((s, i) => {
      const option = document.createElement('li');
      option.id = `tb-mention-${i}`;
      option.setAttribute('role', 'option');
      option.textContent = s.name;
      if (s.kind === 'author') {
        const tag = document.createElement('span');
        tag.textContent = ' · author';
        option.append(tag);
      }
      list.append(option);
    });
    const where = box.getBoundingClientRect();
    list.style.left = `${where.left + scrollX}px`;
    list.style.top = `${where.bottom + scrollY + 2}px`;
    list.style.minWidth = `${Math.min(where.width, 320)}px`;
    list.hidden = false;
    mark();
    status.textContent = `${suggestions.length === 1 ? '1 name' : `${suggestions.length} names`} to mention: up and down to choose, Enter to take one.`;
  };

  const pick = (i: number) => {
    const chosen = shown[i];
    if (!box || !chosen || !typed) return close();
    const caret = box.selectionStart;
    const text = `@${chosen.name} `;
    box.setRangeText(text, typed.start, caret, 'end');
    taken = typed.start;
    close();
    box.focus();
  };

  const look = (query: string) => {
    const known = cache.get(query);
    if (known) return show(known);
    // Nobody's name starts with what was typed so far: nobody's starts with more of it either.
    for (const [earlier, found] of cache) if (found.length === 0 && query.startsWith(earlier)) return close();
    const ticket = ++asked;
    clearTimeout(timer);
    timer = setTimeout(async () => {
      try {
        const response = await fetch(`/api/v1/threads/${encodeURIComponent(threadKey)}/mention-suggestions?q=${encodeURIComponent(query)}`, { credentials: 'same-origin' });
        // Too many asked (rate limit) or no such thread: no list, typing goes on as before.
        const found = response.ok ? ((await response.json()) as { suggestions: Suggestion[] }).suggestions : [];
        cache.set(query, found);
        if (ticket === asked) show(found);
      } catch {
        if (ticket === asked) close();
      }
    }, WAIT_MS);
  };

  root.addEventListener('input', (event) => {
    const target = event.target as HTMLElement;
    if (!(target instanceof HTMLTextAreaElement) || target.name !== 'body') return;
    if (box !== target) {
      box?.removeAttribute('aria-activedescendant');
      box = target;
      box.setAttribute('aria-autocomplete', 'list');
      box.setAttribute('aria-controls', list.id);
    }
    const before = target.value.slice(0, target.selectionStart);
    const match = TYPED_MENTION.exec(before);
    if (!match) return close();
    const query = match[1]!;
    const start = before.length - query.length - 1;
    if (start === taken) return close();
    typed = { start, query };
    look(query.toLowerCase());
  });

  // Capturing: while the list is open, these keys are the list's, not the form's (Esc must not close a reply).
  root.addEventListener(
    'keydown',
    (event) => {
      if (list.hidden || event.target !== box) return;
      const take = () => {
        event.preventDefault();
        event.stopPropagation();
      };
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        take();
        active = (active + (event.key === 'ArrowDown' ? 1 : shown.length - 1)) % shown.length;
        mark();
      } else if (event.key === 'Enter' || event.key === 'Tab') {
        take();
        pick(active);
      } else if (event.key === 'Escape') {
        take();
        close();
      }
    },
    true,
  );

  // A press on a name keeps the focus in the box, then takes it.
  list.addEventListener('mousedown', (event) => {
    const option = (event.target as HTMLElement).closest('li');
    if (!option) return;
    event.preventDefault();
    pick([...list.children].indexOf(option));
  });
  root.addEventListener('focusout', (event) => {
    if (event.target === box) close();
  });
}
