import { createHmac } from 'node:crypto';
import type { Phase } from '../context.js';
import type { ModerationDecision } from '../verdict.js';
import { MalformedAnswer, callProvider } from './provider.js';

const DECISIONS: ReadonlyArray<ModerationDecision> = ['publish', 'hold', 'spam', 'reject'];
const DEFAULT_MESSAGES: Record<Exclude<ModerationDecision, 'publish'>, string> = {
  hold: 'The site\'s classifier holds it for review.',
  spam: 'The site\'s classifier marks it as spam.',
  reject: 'The site\'s classifier refuses it.',
};

/** The HMAC-SHA256 of the exact body with the shared secret, as sent in `X-Tribune-Signature`. */
export function signWebhookBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * The site's own classifier: off unless `TRIBUNE_MODERATION_WEBHOOK_URL` is set. It is sent
 * `{kind, text, author: {name, email?, website?}, thread: {key}, isEdit}` (signed with
 * `TRIBUNE_MODERATION_WEBHOOK_SECRET` when set) and answers `{decision, reason?}`;
 * `publish` or `null` decides nothing, so the local phases below still run.
 */
export const webhook: Phase = {
  name: 'webhook',
  kinds: ['comment', 'name'],
  shared: true,
  run: async (ctx) => {
    const url = ctx.settings.webhookUrl;
    if (!url) return undefined;
    const { kind, text, author, thread, isEdit } = ctx.input;
    const body = JSON.stringify({
      kind,
      text,
      author: { name: author.name, ...(author.email ? { email: author.email } : {}), ...(author.website ? { website: author.website } : {}) },
      thread: { key: thread.key },
      isEdit,
    });
    const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'Tribune moderation webhook' };
    if (ctx.settings.webhookSecret) headers['x-tribune-signature'] = signWebhookBody(ctx.settings.webhookSecret, body);
    const answer = await callProvider(ctx, 'webhook', url, { headers, body }, async (response) => readAnswer(await response.json()));
    if (!answer || answer.decision === null || answer.decision === 'publish') return undefined;
    return { decision: answer.decision, code: `webhook_${answer.decision}`, message: answer.reason ?? DEFAULT_MESSAGES[answer.decision], matched: [] };
  },
};

function readAnswer(answer: unknown): { decision: ModerationDecision | null; reason?: string } {
  if (typeof answer !== 'object' || answer === null || !('decision' in answer)) throw new MalformedAnswer('no decision');
  const { decision, reason } = answer as { decision: unknown; reason?: unknown };
  if (decision !== null && !DECISIONS.includes(decision as ModerationDecision)) throw new MalformedAnswer(`unknown decision ${JSON.stringify(decision)}`);
  if (reason !== undefined && reason !== null && typeof reason !== 'string') throw new MalformedAnswer('reason is not a string');
  const text = typeof reason === 'string' ? reason.trim().slice(0, 500) : '';
  return { decision: decision as ModerationDecision | null, ...(text ? { reason: text } : {}) };
}
