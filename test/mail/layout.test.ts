import { expect, it } from 'vitest';
import { renderMail } from '../../src/mail/layout.js';

const mail = renderMail({
  siteName: 'Smith & Sons <Weekly>',
  heading: 'Sign in to "Smith & Sons"',
  paragraphs: ['Someone (we hope you) asked to sign in as <b>you</b>.', 'The link works once.\nIt expires in 15 minutes.'],
  button: { label: 'Sign in', url: 'https://news.example/verify?token=a1&next=%2F' },
  footer: 'Not you? Ignore this mail & nothing happens.',
});

it('escapes every piece of text in the HTML part and keeps the link whole', () => {
  expect(mail.html).not.toContain('<b>you</b>');
  expect(mail.html).toContain('as &lt;b&gt;you&lt;/b&gt;.');
  expect(mail.html).toContain('Smith &amp; Sons &lt;Weekly&gt;');
  expect(mail.html).toContain('<title>Sign in to &quot;Smith &amp; Sons&quot;</title>');
  expect(mail.html).toContain('The link works once.<br>It expires in 15 minutes.');
  expect(mail.html.match(/href="https:\/\/news\.example\/verify\?token=a1&amp;next=%2F"/g)).toHaveLength(2);
  expect(mail.html).not.toMatch(/<script|<link|<style/i);
});

it('writes the plain-text part as a reader would read it, with the bare link on its own line', () => {
  expect(mail.text).toBe(
    [
      'Smith & Sons <Weekly>',
      '',
      'Sign in to "Smith & Sons"',
      '',
      'Someone (we hope you) asked to sign in as <b>you</b>.',
      '',
      'The link works once.\nIt expires in 15 minutes.',
      '',
      'Sign in:',
      'https://news.example/verify?token=a1&next=%2F',
      '',
      '-- ',
      'Not you? Ignore this mail & nothing happens.',
      '',
    ].join('\n'),
  );
});

it('refuses a button that links anywhere but a web page', () => {
  expect(() => renderMail({ siteName: 'S', heading: 'H', paragraphs: [], button: { label: 'Go', url: 'javascript:alert(1)' } })).toThrow(/http/);
});
