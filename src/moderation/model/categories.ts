/** What the learned model scores, in the order its weights are stored. */
export const CATEGORIES = ['threat', 'identity_attack', 'insult', 'self_harm', 'sexual_harassment', 'spam'] as const;
export type Category = (typeof CATEGORIES)[number];

/** How a moderator reads each category in a reason. */
export const CATEGORY_LABELS: Record<Category, string> = {
  threat: 'a threat or call for violence',
  identity_attack: 'an attack on a group or identity',
  insult: 'an insult',
  self_harm: 'incitement to self-harm',
  sexual_harassment: 'sexual harassment',
  spam: 'spam',
};
