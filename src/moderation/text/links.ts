import { createRequire } from 'node:module';
import { LinkifyIt } from 'linkify-it';
import { mayContainLink } from '../../text/link-pretest.js';

/**
 * Links as a reader's browser would see them: linkify-it (the detector markdown-it renders with),
 * taught every top-level domain IANA lists (the `tlds` package), so "fastcash.xyz" and
 * "winbig.sbs" are links as much as "bbc.co.uk", and "3.5 million" or "node.js" are not.
 */

export interface Link {
  url: string;
  host: string;
}

const require = createRequire(import.meta.url);
const TLDS = require('tlds') as string[];

/** The names RFC 2606 reserves for examples and tests are domains too (and what documentation links to). */
const RESERVED = ['example', 'test', 'localhost', 'invalid'];

const linkify = new LinkifyIt().tlds([...TLDS, ...RESERVED], true).set({ fuzzyLink: true, fuzzyEmail: false, fuzzyIP: false });

export function findLinks(text: string): Link[] {
  if (!mayContainLink(text)) return [];
  const matches = linkify.match(text) ?? [];
  return matches.map((m) => {
    const host = m.url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split(/[/?#:]/)[0]!.toLowerCase().replace(/^www\./, '');
    return { url: m.raw, host };
  });
}
