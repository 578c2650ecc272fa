import type { Store } from '../store/store.js';
import { mentionCandidates } from '../text/markdown.js';
import { notFound } from './errors.js';

/** Who an `@name` in a comment names: a reader account or an author of the same site. */
export type Mentioned = { kind: 'reader'; id: number; name: string } | { kind: 'author'; id: number; name: string };

/** Suggestions offered while typing; names looked through per list. */
const SUGGESTIONS = 8;
const NAMES_LOOKED_AT = 1000;

/** More `@` than this in one comment are left as text: a comment is not a mailing list. */
const MAX_MENTIONS = 20;

/**
 * Resolves the `@name` mentions of a comment's text. A name is a reader account's or an author's
 * display name, exactly, without regard to case; a name that two of them share names no one, so
 * nobody can take over another's mentions by copying their name.
 */
export class MentionService {
  constructor(private readonly store: Store) {}

  /** The mentioned, by lower-case name: what the renderer marks and whom notifications reach. */
  async resolve(siteId: string, text: string): Promise<Map<string, Mentioned>> {
    const candidates = new Set<string>();
    let found = 0;
    for (const match of text.matchAll(/(?<![\p{L}\p{N}_])@/gu)) {
      if (++found > MAX_MENTIONS) break;
      for (const candidate of mentionCandidates(text.slice(match.index + 1))) candidates.add(candidate.toLowerCase());
    }
    if (candidates.size === 0) return new Map();
    const names = [...candidates];
    const [accounts, authors] = await Promise.all([this.store.readerAccounts.accountsNamed(siteId, names), this.store.articles.authorsNamed(siteId, names)]);
    const byName = new Map<string, Mentioned[]>();
    const add = (m: Mentioned) => {
      const key = m.name.toLowerCase();
      if (candidates.has(key)) byName.set(key, [...(byName.get(key) ?? []), m]);
    };
    for (const a of accounts) add({ kind: 'reader', id: a.id, name: a.name });
    for (const a of authors) add({ kind: 'author', id: a.id, name: a.name });
    const resolved = new Map<string, Mentioned>();
    for (const [name, who] of byName) if (who.length === 1) resolved.set(name, who[0]!);
    return resolved;
  }

  /**
   * Names to offer while a reader types `@q`: the signed-in readers taking part in the thread,
   * then the site's authors, those starting with `q` (any case) first. Names only, never an address.
   */
  async suggest(siteId: string, key: string, q: string): Promise<{ name: string; kind: 'reader' | 'author' }[]> {
    const thread = await this.store.comments.findThreadToWrite(siteId, key);
    if (!thread) throw notFound('thread_not_found', `No discussion with key "${key}".`);
    const [readers, authors] = await Promise.all([this.store.comments.participantNames(thread.id, NAMES_LOOKED_AT), this.store.articles.authorNames(thread.site_id, NAMES_LOOKED_AT)]);
    const wanted = q.trim().toLowerCase();
    const seen = new Set<string>();
    const starts: { name: string; kind: 'reader' | 'author' }[] = [];
    const contains: { name: string; kind: 'reader' | 'author' }[] = [];
    for (const [names, kind] of [[readers, 'reader'], [authors, 'author']] as const) {
      for (const name of names) {
        const lower = name.toLowerCase();
        if (seen.has(lower)) continue;
        seen.add(lower);
        if (lower.startsWith(wanted)) starts.push({ name, kind });
        else if (wanted && lower.includes(wanted)) contains.push({ name, kind });
      }
    }
    return [...starts, ...contains].slice(0, SUGGESTIONS);
  }
}
