import { escapeHtml } from '../http/views/html.js';

export interface MailContent {
  siteName: string;
  heading: string;
  /** Plain text, one paragraph each; escaped in the HTML part. */
  paragraphs: string[];
  /** The one thing to do: a sign-in, a confirmation. Shown as a button and as the bare link. */
  button?: { label: string; url: string };
  /** Small print under a rule: why this mail came, how to stop it. */
  footer?: string;
}

const INK = '#1f2328';
const MUTED = '#57606a';
const ACCENT = '#0b5cad';
const FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";

/**
 * A mail's plain-text and HTML parts from the same content. The HTML is what mail clients render
 * reliably: nested tables, inline styles, no scripts or external CSS, a single 560 px column that
 * shrinks on a phone; every piece of text is escaped. The link is also written out in full, for
 * clients that block buttons and for readers who copy it.
 */
export function renderMail(content: MailContent): { html: string; text: string } {
  if (content.button && !/^https?:\/\//i.test(content.button.url)) throw new Error('A mail button links to an http(s) URL');
  return { html: renderHtml(content), text: renderText(content) };
}

function renderText({ siteName, heading, paragraphs, button, footer }: MailContent): string {
  const parts = [siteName, '', heading, '', ...paragraphs.flatMap((p) => [p, ''])];
  if (button) parts.push(`${button.label}:`, button.url, '');
  if (footer) parts.push('-- ', footer, '');
  return parts.join('\n');
}

function renderHtml({ siteName, heading, paragraphs, button, footer }: MailContent): string {
  const e = escapeHtml;
  const paragraph = (text: string) =>
    `<p style="margin:0 0 16px 0;font-family:${FONT};font-size:16px;line-height:24px;color:${INK};">${e(text).replace(/\n/g, '<br>')}</p>`;
  const action = button
    ? `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 24px 0;">
<tr><td align="center" bgcolor="${ACCENT}" style="border-radius:6px;">
<a href="${e(button.url)}" target="_blank" style="display:inline-block;padding:12px 24px;font-family:${FONT};font-size:16px;font-weight:600;line-height:20px;color:#ffffff;text-decoration:none;border-radius:6px;">${e(button.label)}</a>
</td></tr></table>
<p style="margin:0 0 16px 0;font-family:${FONT};font-size:13px;line-height:20px;color:${MUTED};">If the button does not work, copy this link into your browser:<br>
<a href="${e(button.url)}" target="_blank" style="color:${ACCENT};word-break:break-all;">${e(button.url)}</a></p>`
    : '';
  const small = footer
    ? `<tr><td style="padding:16px 32px 24px 32px;border-top:1px solid #d0d7de;font-family:${FONT};font-size:12px;line-height:18px;color:${MUTED};">${e(footer).replace(/\n/g, '<br>')}</td></tr>`
    : '';
  // The first paragraph doubles as the preview line inbox lists show beside the subject.
  const preview = paragraphs[0] ?? heading;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${e(heading)}</title>
</head>
<body style="margin:0;padding:0;background-color:#f3f4f6;">
<div style="display:none;max-height:0;overflow:hidden;mso-hide:all;">${e(preview)}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f3f4f6;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:560px;background-color:#ffffff;border:1px solid #d0d7de;border-radius:8px;">
<tr><td style="padding:20px 32px;border-bottom:1px solid #d0d7de;font-family:Georgia,'Times New Roman',serif;font-size:20px;font-weight:bold;line-height:28px;color:${INK};">${e(siteName)}</td></tr>
<tr><td style="padding:24px 32px 8px 32px;">
<h1 style="margin:0 0 16px 0;font-family:${FONT};font-size:22px;line-height:30px;font-weight:600;color:${INK};">${e(heading)}</h1>
${paragraphs.map(paragraph).join('\n')}
${action}
</td></tr>
${small}
</table>
</td></tr>
</table>
</body>
</html>
`;
}
