/**
 * A cheap test that rules links out, before linkify-it's search (one large regular expression run
 * from every position, a tenth of a comment's moderation). With fuzzy e-mail and IP links off, as
 * Tribune sets them, linkify-it finds a link only from a scheme (`http:`, `https:`, `ftp:`,
 * `mailto:`, all with a colon, or `//`) or from a host ending in a dot and a top-level domain,
 * which starts with a letter. Text with no colon, no `//` and no dot followed by a letter (or by
 * anything outside ASCII) has no link; anything else goes to linkify-it, so answers never change.
 */
const MAY_LINK = /:|\/\/|\.(?:[A-Za-z]|[^\p{ASCII}])/u;

export function mayContainLink(text: string): boolean {
  return MAY_LINK.test(text);
}
