import type { Phase } from '../context.js';
import { MalformedAnswer, callProvider, joinUrl } from './provider.js';

export const PERSPECTIVE_ATTRIBUTES = ['TOXICITY', 'SEVERE_TOXICITY', 'THREAT', 'IDENTITY_ATTACK'] as const;

/**
 * Google's Perspective API: off unless `TRIBUNE_PERSPECTIVE_KEY` is set. A comment scoring at or
 * above `TRIBUNE_PERSPECTIVE_THRESHOLD` on any attribute is held, naming the highest one.
 * `doNotStore` asks Google not to keep the text.
 */
export const perspective: Phase = {
  name: 'perspective',
  kinds: ['comment'],
  shared: true,
  run: async (ctx) => {
    const key = ctx.settings.perspectiveKey;
    if (!key) return undefined;
    const base = ctx.settings.perspectiveUrl ?? 'https://commentanalyzer.googleapis.com';
    const body = {
      comment: { text: ctx.input.text },
      languages: ['en'],
      requestedAttributes: Object.fromEntries(PERSPECTIVE_ATTRIBUTES.map((a) => [a, {}])),
      doNotStore: true,
    };
    const scores = await callProvider(ctx, 'perspective', `${joinUrl(base, '/v1alpha1/comments:analyze')}?key=${encodeURIComponent(key)}`, {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }, async (response) => readScores(await response.json()));
    if (!scores) return undefined;
    const threshold = ctx.settings.perspectiveThreshold;
    const over = scores.filter(([, score]) => score >= threshold).sort((a, b) => b[1] - a[1]);
    if (over.length === 0) return undefined;
    const named = over.map(([attribute, score]) => `${attribute} ${score.toFixed(2)}`).join(', ');
    return { decision: 'hold', code: 'perspective_score', message: `Perspective scores it ${named} (threshold ${threshold}).`, matched: [] };
  },
};

function readScores(answer: unknown): Array<[string, number]> {
  const attributeScores = (answer as { attributeScores?: unknown } | null)?.attributeScores;
  if (typeof attributeScores !== 'object' || attributeScores === null) throw new MalformedAnswer('no attributeScores');
  const scores: Array<[string, number]> = [];
  for (const attribute of PERSPECTIVE_ATTRIBUTES) {
    const entry = (attributeScores as Record<string, unknown>)[attribute];
    if (entry === undefined) continue; // Not every attribute is available in every language.
    const value = (entry as { summaryScore?: { value?: unknown } } | null)?.summaryScore?.value;
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new MalformedAnswer(`${attribute} has no summaryScore.value`);
    scores.push([attribute, value]);
  }
  if (scores.length === 0) throw new MalformedAnswer('none of the requested attributes was scored');
  return scores;
}
