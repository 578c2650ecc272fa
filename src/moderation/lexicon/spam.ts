/**
 * Spam by class, as scored signals: self-promotion ("my channel", "our page"), calls to action
 * ("check out", "subscribe", "please like"), money offers ("get paid", "$25 an hour"), and links.
 * Each signal adds weight; a comment at or above `SPAM_THRESHOLD` is spam. Read on the
 * normalised words, so "SUBSCRIBE!!!" and "s u b s c r i b e" are the same thing.
 */

interface Signal {
  name: string;
  weight: number;
  pattern: RegExp;
}

const PROMO_NOUN = '(?:channel|channels|video|videos|vid|vids|page|music|song|songs|cover|covers|playlist|account|band|site|website|blog|profile|lyrics|rap|raps|beats|mixtape|instagram|twitter|facebook|youtube|stuff|work|art|app|shop|store|group|remix|album|tracks?|new)';

const SIGNALS: Signal[] = [
  { name: 'self-promotion', weight: 2, pattern: new RegExp(`\\b(?:my|our)(?: new| own| first| latest| official| youtube| gaming| music)? ${PROMO_NOUN}\\b`) },
  { name: 'engagement bait', weight: 2, pattern: /\b(?:like this comment|thumbs up if|like if (?:you|u|ur|your)|share (?:this|and like)|like and share|follow me on|follow \w+ (?:on|at)|follow (?:4|for) follow|like (?:4|for) like|please (?:vote|share|donate)|vote for|give it a like|take a look at this|check out this (?:video|playlist|channel)|(?:donate|send) \w+ to me|search for)\b/ },
  { name: 'check out', weight: 2, pattern: /\b(?:check(?:ing)? (?:out|it|this|my|us|me|our)|checkout|check (?:\w+ ){0,2}out)\b/ },
  { name: 'subscribe', weight: 2, pattern: /\b(?:subscribe|subscribing|sucscribe|subcribe|subscrib|sub ?4 ?sub|sub (?:to|for|back|me)|subs)\b/ },
  { name: 'call to action', weight: 1, pattern: /\b(?:please|pls|plz|plese)(?: \w+){0,2} (?:like|share|check|watch|visit|view|comment|follow|listen|support|click|help)\b|\b(?:thumbs up|like this comment|give (?:it|me|us) a like|follow me|add me|go to|click (?:here|on|this|the)|sign up|visit|listen to (?:my|our))\b/ },
  { name: 'money offer', weight: 2, pattern: /\b(?:make money|earn(?:s|ed|ing)? (?:money|cash|\d)|get paid|paid to|work(?:ing)? from home|per (?:hour|day|week|month)|dollars|\d+ ?(?:usd|dollars)|gift ?cards?|free (?:iphone|money|followers|likes|gift|cash|subscribers|views)|promo code|discount code|bitcoin|crypto ?currency|investment opportunity|instagram followers)\b/ },
  { name: 'money sign', weight: 1, pattern: /\$ ?\d/ },
  { name: 'link', weight: 1, pattern: /(?:https?:\/\/|www\.|\b[a-z0-9-]+\.(?:com|net|org|info|biz|ru|io|co|xyz|top|me|tk|ly|gl|be|tv|cc)\b|watch\?v=)/ },
];

export const SPAM_THRESHOLD = 2;

export interface SpamScore {
  score: number;
  signals: Array<{ name: string; matched: string }>;
}

/** Scores the raw text (for links and money signs) and the normalised words (for phrases). */
export function scoreSpam(raw: string, normalized: string): SpamScore {
  const signals: SpamScore['signals'] = [];
  let score = 0;
  const lowerRaw = raw.toLowerCase();
  // A comment that is little more than a link is link bait.
  const withoutLinks = lowerRaw.replace(/(?:https?:\/\/|www\.)\S+|\S+\.(?:com|net|org|ru|info|biz)\S*/g, ' ');
  const hasLink = /(?:https?:\/\/|www\.|\.(?:com|net|org|ru|info|biz)\b)/.test(lowerRaw);
  if (hasLink && withoutLinks.split(/\s+/).filter((w) => /\p{L}{2,}/u.test(w)).length < 4) {
    score += 1;
    signals.push({ name: 'bare link', matched: raw.trim().slice(0, 100) });
  }
  for (const signal of SIGNALS) {
    const source = signal.name === 'link' || signal.name === 'money sign' ? lowerRaw : normalized;
    const match = signal.pattern.exec(source);
    if (match) {
      score += signal.weight;
      signals.push({ name: signal.name, matched: match[0] });
    }
  }
  return { score, signals };
}
