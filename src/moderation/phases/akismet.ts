import type { Phase } from '../context.js';
import { MalformedAnswer, callProvider, joinUrl } from './provider.js';

/**
 * Akismet's comment-check (https://akismet.com/developers/comment-check/): off unless
 * `TRIBUNE_AKISMET_KEY` and `TRIBUNE_AKISMET_SITE` are set. `true` is spam (with the header
 * `X-akismet-pro-tip: discard`, blatant spam), `false` is ham; anything else (`invalid`, with
 * `X-akismet-debug-help`) is a failure and decides nothing.
 *
 * The commenter's IP is not sent: Tribune keeps only a salted hash of it, which is not an address
 * Akismet could judge, and would hand a stable identifier of the reader to a third party. Akismet
 * then leans on the content, the name, the e-mail and the website.
 */
export const akismet: Phase = {
  name: 'akismet',
  kinds: ['comment'],
  shared: true,
  run: async (ctx) => {
    const { akismetKey: key, akismetSite: site } = ctx.settings;
    if (!key || !site) return undefined;
    const { author, text, isEdit } = ctx.input;
    const form = new URLSearchParams({ api_key: key, blog: site, comment_type: 'comment', comment_author: author.name, comment_content: text, blog_charset: 'UTF-8' });
    if (author.email) form.set('comment_author_email', author.email);
    if (author.website) form.set('comment_author_url', author.website);
    if (isEdit) form.set('recheck_reason', 'edit');
    const base = ctx.settings.akismetUrl ?? `https://${encodeURIComponent(key)}.rest.akismet.com`;
    const answer = await callProvider(ctx, 'akismet', joinUrl(base, '/1.1/comment-check'), {
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8', 'user-agent': 'Tribune | Akismet' },
      body: form.toString(),
    }, async (response) => {
      const body = (await response.text()).trim();
      if (body === 'true') return { spam: true, discard: response.headers.get('x-akismet-pro-tip') === 'discard' };
      if (body === 'false') return { spam: false, discard: false };
      const help = response.headers.get('x-akismet-debug-help');
      throw new MalformedAnswer(`answered "${body.slice(0, 100)}"${help ? ` (${help})` : ''}`);
    });
    if (!answer?.spam) return undefined;
    return answer.discard
      ? { decision: 'spam', code: 'akismet_discard', message: 'Akismet marks it as blatant spam.', matched: [] }
      : { decision: 'spam', code: 'akismet_spam', message: 'Akismet marks it as spam.', matched: [] };
  },
};
