import { describe, expect, it } from 'vitest';
import { renderDiscussion, type DiscussionProps } from '../../web/discussion/ssr.js';
import { comment, now, options, page } from './fixtures.js';

const articlePath = '/articles/harbour-bridge';
const render = (fields: Partial<DiscussionProps> = {}) => renderDiscussion({ page: page([comment(1)]), options, articlePath, now, ...fields });

describe('the discussion as the server renders it', () => {
  it('is one section the browser script can find and take over', () => {
    const html = render();
    expect(html).toMatch(/^<section id="comments" class="tb-discussion" data-thread="harbour-bridge" data-options="[^"]+" data-article-path="\/articles\/harbour-bridge" data-sort="oldest" aria-labelledby="tb-join">/);
    const options = /data-options="([^"]+)"/.exec(html)![1]!.replaceAll('&quot;', '"');
    expect(JSON.parse(options)).toMatchObject({ maxDepth: 2, editWindowMinutes: 15 });
    expect(html).toMatch(/<h2 class="tb-h" id="tb-join">.*Join the discussion<\/h2><form class="tb-subscribe"/);
  });

  it('counts comments, singular and plural', () => {
    expect(render()).toContain('>1 Comment<');
    expect(render({ page: page([comment(1)], { count: 13 }) })).toContain('>13 Comments<');
  });

  it('posts and pages without JavaScript', () => {
    const html = render({ page: page([comment(1)], { sort: 'newest', nextCursor: 'a/b+c' }) });
    expect(html).toContain(`<form class="tb-form" method="post" action="${articlePath}/comments">`);
    for (const field of ['body', 'name', 'email', 'website']) expect(html).toContain(`name="${field}"`);
    // Votes post a form; Reply is a link to the page with that comment's reply form open.
    expect(html).toContain('<form method="post" action="/comments/1/vote"><button class="tb-act tb-up" name="value" value="1"><span class="tb-sr">Vote up</span>0</button>');
    expect(html).toContain('<a class="tb-act tb-reply-to" href="?reply=1">');
    expect(html).toContain(`<form class="tb-subscribe" method="post" action="${articlePath}/subscriptions">`);
    expect(html).toContain(`href="${articlePath}?sort=oldest#comments">Oldest<`);
    expect(html).toContain(`href="${articlePath}?sort=newest#comments" aria-current="page">Newest<`);
    expect(html).toContain(`href="${articlePath}?sort=votes#comments">Most Voted<`);
    expect(html).toContain(`href="${articlePath}?sort=newest&amp;cursor=a%2Fb%2Bc#comments">Load more comments<`);
    expect(html).not.toContain('Show the first comments');
    expect(render({ page: page([comment(1)], { hasEarlier: true }) })).toContain(`<a class="tb-first" href="${articlePath}#comments">Show the first comments</a>`);
  });

  it('labels every field, and says whether the e-mail is asked for and that it is never shown', () => {
    const form = (html: string) => /<form class="tb-form".*?<\/form>/.exec(html)![0];
    expect(form(render())).toContain('<label class="tb-l"><span>Comment</span><textarea name="body"');
    expect(form(render())).toContain('<span>Name <small>(shown publicly)</small></span><input name="name" required');
    expect(form(render())).toContain('<span>E-mail <small>(optional, never shown)</small></span><input name="email" type="email" autocomplete');
    expect(form(render({ options: { ...options, requireEmail: true } }))).toContain('<span>E-mail <small>(required, never shown)</small></span><input name="email" type="email" required');
  });

  it('opens the reply form under the comment a Reply link named', () => {
    const html = render({ page: page([comment(1), comment(2)]), openReply: 2 });
    expect(html).toContain('data-reply="2"');
    expect(html).toMatch(/<article id="comment-2" class="tb-c">.*<form class="tb-form tb-reply" id="reply-2" method="post" action="\/articles\/harbour-bridge\/comments">.*<textarea name="body" required minlength="2" maxlength="5000" autofocus><\/textarea>.*<input type="hidden" name="parentId" value="2"\/>/);
    expect(html.match(/class="tb-form tb-reply"/g)).toHaveLength(1);
  });

  it('shows each comment with author, time, votes, reply and permalink', () => {
    const html = render({
      page: page([comment(7, { author: { name: 'Marek', website: 'https://marek.example/?a=1&b=2' }, votes: { up: 13, down: 2 } })]),
    });
    expect(html).toContain('<article id="comment-7" class="tb-c">');
    // The avatar: initials on a colour picked from the name, drawn here.
    expect(html).toMatch(/<span class="tb-av tb-a\d" aria-hidden="true">M<\/span><header><a class="tb-who" href="https:\/\/marek.example\/\?a=1&amp;b=2" rel="nofollow ugc noopener">Marek<\/a>/);
    // The time is the permalink: no bare "#".
    expect(html).toContain('<a class="tb-when" href="/comments/7"><time datetime="2026-08-26T10:07:00.000Z" title="26 Aug 2026, 10:07 UTC">3 months ago</time></a>');
    expect(html).toContain('><span class="tb-sr">Vote up</span>13</button>');
    expect(html).toContain('><span class="tb-sr">Vote down</span>2</button>');
    expect(html).toContain('>Reply<');
    expect(html).not.toContain('>#<');
  });

  it('inserts the sanitised body as html but escapes names', () => {
    const html = render({
      page: page([comment(1, { author: { name: '<script>alert(1)</script>', website: 'javascript:alert(1)' }, html: '<p>A <strong>bold</strong> claim</p>', replyTo: 'Eve <b>' })]),
    });
    expect(html).toContain('<div class="tb-b"><p>A <strong>bold</strong> claim</p></div>');
    expect(html).toContain('&lt;script>alert(1)&lt;/script>');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('<span class="tb-to">reply to Eve &lt;b></span>');
  });

  it('threads replies, marks edits, keeps deleted comments that have replies', () => {
    const reply = comment(2, { parentId: 1, replyTo: 'Reader 1', editedAt: '2026-08-27T10:00:00Z', editedBy: 'Ines' });
    const html = render({
      page: page([
        comment(1, { replies: [reply], moreReplies: 'next', replyCount: 5 }),
        comment(3, { deleted: true, html: '', author: { name: '', website: null }, replies: [comment(4, { parentId: 3 })] }),
      ]),
      highlightId: 2,
    });
    expect(html).toMatch(/<article id="comment-1" class="tb-c">.*<div class="tb-rs"><article id="comment-2" class="tb-c tb-hl">/);
    expect(html).toContain('<span class="tb-to">reply to Reader 1</span>');
    expect(html).toMatch(/Last edited <time [^>]+>3 months ago<\/time> by Ines/);
    expect(html).toContain('Load more replies');
    expect(html).toMatch(/<article id="comment-3" class="tb-c tb-del"><p class="tb-b">This comment was deleted.<\/p><div class="tb-rs"><article id="comment-4"/);
  });

  it('hands a permalink page to the browser script, safely embedded', () => {
    const html = render({ page: page([comment(1, { html: '<p></script><script>alert(1)</script></p>' })]), highlightId: 1 });
    expect(html).toContain('data-highlight="1"');
    const json = /<script type="application\/json" class="tb-page">(.*?)<\/script>/.exec(html)![1]!;
    expect(json).not.toContain('<');
    expect(JSON.parse(json).comments[0].html).toContain('</script>');
  });

  it('offers no form or reply on a closed discussion', () => {
    const html = render({ page: page([comment(1)], { closed: true }) });
    expect(html).toContain('Comments are closed.');
    expect(html).not.toContain('name="body"');
    expect(html).not.toContain('tb-subscribe');
    expect(html).not.toContain('>Reply<');
  });

  // 1 KB until the discussion got avatars, a time that is the comment's link, and votes and Reply
  // that work without JavaScript (a form and a link per comment, about 200 bytes, all repetitive
  // enough that gzip sends them for a few bytes each).
  it('stays under 1.25 KB of HTML per comment shown', () => {
    const body = `<p>${'The council voted 23 to 9 to fund the repairs, and the cables were visibly rusting. '.repeat(6).slice(0, 400)}</p>`;
    const comments = Array.from({ length: 20 }, (_, i) =>
      comment(100 + i, {
        author: { name: 'Margaret Okafor-Lindqvist', website: 'https://margaret.example.org/blog' },
        html: body,
        votes: { up: 123, down: 45 },
        replyTo: i % 2 ? 'Margaret Okafor-Lindqvist' : null,
        editedAt: i % 3 ? null : '2026-09-01T12:00:00Z',
        editedBy: i % 3 ? null : 'Margaret Okafor-Lindqvist',
      }),
    );
    const empty = Buffer.byteLength(render({ page: page([], { count: 20, nextCursor: 'c'.repeat(40) }) }));
    const full = Buffer.byteLength(render({ page: page(comments, { nextCursor: 'c'.repeat(40) }) }));
    const perComment = (full - empty) / comments.length;
    console.log(`SSR: ${Math.round(perComment)} bytes per comment (400-character body), ${empty} bytes of frame`);
    expect(perComment).toBeLessThan(1280);
  });
});
