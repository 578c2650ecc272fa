import type { Link } from '../text/links.js';

/**
 * Spam by what it sells and how it sells it, as scored signals read on the normalised words (so
 * "SUBSCRIBE!!!" and "s u b s c r i b e" are the same thing):
 *
 * - what is sold: loans, dating, essays, trading and crypto schemes, giveaways, bought followers,
 *   pills and casinos, earnings from home. Each class is a noun phrase of the trade, so talking
 *   about it ("payday loans ruined my neighbour") weighs less than offering it with a way in;
 * - how it is sold: self-promotion ("my channel"), engagement bait, calls to action ("visit",
 *   "click here", "dm me"), a way to make contact (a link, a messaging app, a phone number);
 * - a link on its own is not spam: readers cite sources. It counts only beside a selling signal.
 *
 * Ordinary words that spam also uses ("subscribe", "check out", a dollar amount) weigh one point
 * each and no more; a comment is spam at `SPAM_THRESHOLD`.
 */

interface Signal {
  name: string;
  weight: number;
  pattern: RegExp;
}

const PROMO_NOUN = '(?:channel|channels|video|videos|vid|vids|page|music|song|songs|cover|covers|playlist|account|band|site|website|blog|profile|lyrics|rap|raps|beats|mixtape|instagram|twitter|facebook|youtube|tiktok|stuff|work|art|app|shop|store|group|remix|album|tracks?|new)';

/** What is sold. One signal per trade; the phrase names the trade, not a single word of it. */
const TRADES: Array<[string, RegExp]> = [
  ['loans', /\b(?:payday loans?|(?:fast|quick|instant|easy|cash|personal|guaranteed|cheap|emergency|same day|online) loans?|loans? (?:available|today|now|24 ?7)|(?:get|need|borrow) (?:a |an )?(?:loan|[$£€]\d[\d,]*)(?: today| now| fast| instantly)|emergency cash|instant cash|loans? (?:approved|approval|offer|lender)|no credit checks?|bad credit (?:ok|loans?|welcome)|need (?:a|some) loan|loan lender|private lender)\b/],
  ['dating', /\b(?:(?:girls|women|singles|ladies|babes|milfs) (?:want|wants|looking|waiting|dying) to (?:chat|meet|talk|date|hook up|have fun)(?: with (?:you|u))?|hot singles|singles (?:in|near) (?:your|you)|(?:meet|date|chat with) (?:hot |beautiful |lonely |sexy |local )?(?:girls|women|singles|ladies|milfs)|hook ?ups? (?:tonight|near)|dating (?:site|app)|lonely (?:tonight|girls|women)|(?:girls|women|singles|ladies) (?:are )?waiting (?:for you|to (?:chat|meet))|sexy (?:girls|women|singles)|hot (?:girls|babes|women|moms)|(?:girls|babes) (?:for|4|2) (?:you|u)|sugar (?:daddy|daddies|mommy|mummy|baby)|adult (?:chat|dating|friend)|onlyfans|cam ?girls?|find love (?:tonight|today|now)|single (?:women|girls|ladies) near)\b/],
  ['essays', /\b(?:ghost ?writing|ghostwriters?|guaranteed (?:a|top|first|high) grades?|essays? (?:written|writing service|writers?|help|for sale)|(?:write|writes|writing) (?:your|my) (?:essay|dissertation|thesis|assignment|homework)|(?:dissertation|assignment|homework|thesis) (?:help|writing|service)|pay (?:someone|us) to write|(?:essay|dissertation|thesis|assignment|homework)\b.{0,40}\bpay (?:us|me)\b|buy (?:an |your )?essays?|essay writing|do your (?:homework|assignments?|coursework)|(?:academic|coursework) writing|plagiarism free|top grades guaranteed)\b/],
  ['trading', /\b(?:forex|fx signals|trading (?:signals|bot|robot|platform|account manager)|binary options?|(?:crypto|bitcoin|btc) (?:investment|mining|trading|doubl\w*|returns?|profits?)|investment (?:opportunity|platform|plan)|(?:double|triple) your (?:money|investment|bitcoin)|guaranteed (?:returns?|profits?)|daily profits?|recover (?:your )?(?:lost|stolen) (?:funds|crypto|bitcoin)|(?:trading|crypto|forex|bitcoin|investment) (?:expert|mentor|coach|guru)|account manager|(?:invested|investing) with (?:mr|mrs|ms|dr)|(?:profit|returns?) of [$£€]?\d|recovered my (?:funds|money|crypto))\b/],
  ['giveaways', /\b(?:giveaway|give away|win (?:a|an|the) (?:free |new |brand new )?(?:iphone|ipad|samsung|macbook|ps5|xbox|car|gift card|voucher|prize)|free (?:iphone|gift ?cards?|vouchers?|money|cash|v ?bucks|robux)|claim (?:your|a) (?:prize|reward|gift)|you (?:have been|ve been|were) (?:selected|chosen)|congratulations you (?:have )?won|lucky winner|prize draw|spin (?:the|a) wheel|free (?:ps5|xbox|playstation|nintendo|gift)|claim (?:now|it now|yours))\b/],
  ['followers', /\b(?:(?:buy|get|gain|cheap|real|instant|more) (?:\d+k? )?(?:real )?(?:instagram |tiktok |youtube |twitter |ig )?(?:followers|likes|subscribers|views|subs)(?: and (?:likes|views|followers))?|followers (?:fast|cheap|instantly)|instant delivery|grow your (?:account|channel|followers|instagram|tiktok|youtube)|boost your (?:followers|likes|views|account|channel)|smm panel|organic (?:growth|followers)|followers (?:and|&) likes)\b/],
  ['pills and casinos', /\b(?:viagra|cialis|replica (?:watches|bags|handbags)|weight loss (?:pills?|secret)|lose \d+ ?(?:kg|lbs|pounds) in \d+ days|diet pills?|(?:this|one|magic|miracle) (?:weird )?(?:pill|trick)|casino bonus|free spins|online casino|betting tips|sure bets?|fixed matches)\b/],
  ['spells and cures', /\b(?:spell ?casters?|love spells?|powerful spells?|(?:get|bring) (?:your|my|her|his) (?:ex|lover|husband|wife|partner) back|herbal (?:cure|medicine|remedy)|cured (?:my|of) (?:herpes|hiv|diabetes|cancer))\b/],
  ['hacking and recovery', /\b(?:hire (?:a |an )?hacker|(?:hack|hacking) (?:any|your|into) (?:account|phone|whatsapp|instagram|facebook|email)|(?:crypto|funds|scam) recovery (?:expert|service|agent)|recovery expert)\b/],
  ['services', /\b(?:verified (?:\w+ )?(?:badge|tick|blue tick)|(?:blue|verification) (?:tick|badge) (?:for sale|today|fast|service)|seo (?:services?|experts?|agency)|backlinks|escort (?:services?|girls)|cbd gummies|keto (?:gummies|pills|diet pills)|male enhancement)\b/],
  ['deals', /\b(?:promo code|discount code|coupon code|use code \w+|\d+ ?% off|buy now|order now|best prices?|lowest prices?|free shipping|cheap (?:watches|bags|shoes|jerseys|sunglasses|meds|medicines|pills|flights|followers)|wholesale prices?|limited stock)\b/],
  ['earnings', /\b(?:(?:paid|pay) off (?:my|your|the) (?:mortgage|debts?|loans?|car) (?:in \d+ (?:days|weeks|months)|with|thanks to)|(?:make|earn|making|earning|earns|made) (?:money|cash|[$£€]?\d[\d,.]*k?) (?:every hour|online|from home|at home|every ?day|daily|per (?:day|hour|week)|a (?:day|week)|an hour|weekly|on (?:my|her|his|your) (?:laptop|phone))|work(?:ing)? from home and earn|work from home (?:jobs?|opportunity|opportunities)|(?:earn|make) money (?:online|fast|from home|easily)|(?:easy|extra|fast|quick) (?:money|cash|income)|get paid to|(?:she|he|my \w+) makes \S+ (?:a|per|every) (?:day|week|month|hour)|(?:find|found) out how at|passive income|be your own boss)\b/],
];

/**
 * Goods spam sells, as words rather than phrases: a product of a trade news readers are not
 * offered in a comment thread. Alone it is talk ("my loan was refused"); beside an offer word and
 * a way to reach the seller it is an advert, whatever the phrasing (`offerWithContact`).
 */
const GOODS = new Set(`loan loans lender lenders credit cash funding followers likes subscribers views essay essays dissertation dissertations
  thesis assignment assignments coursework homework forex crypto cryptocurrency bitcoin btc usdt ethereum nft nfts trading investment
  investments investors profits income pills pill tablets meds medication viagra cialis xanax tramadol oxycodone pharmacy steroids
  passport passports licence license licences licenses diploma diplomas degree degrees certificate certificates ielts toefl visa visas
  documents banknotes counterfeit ssn dating singles hookup hookups escort escorts webcam casino betting bets spins jackpot slots
  giveaway giftcard giftcards voucher vouchers iphone replica replicas watches handbags seo backlinks`.split(/\s+/));
/** Words that offer, promise or price what is sold. */
const OFFER = new Set(`buy sell selling sale cheap cheapest affordable instant instantly fast quick quickly guaranteed guarantee legit genuine
  registered discreet discreetly available approved approval delivery deliver shipping free earn earning earnings apply offer
  offering offers bonus promo discount deal deals hurry limited claim profit hourly unregistered fake verified lowest wholesale invest
  investing double triple`.split(/\s+/));
/** A way to reach the seller outside the thread: a messaging app, a handle, a phone number, an e-mail address. */
const REACH = /\b(?:whats ?app|telegram|wickr|signal|viber|wechat|kik|snapchat|skype|dm|inbox|pm|text|call|contact|email|e-mail|message)\b.{0,40}(?:@\w{3,}|\+?\d[\d\s().-]{7,}\d|[\w.+-]+@[\w-]+\.[a-z]{2,})|\+\d[\d\s().-]{8,}\d|\b0\d{3,4}[\s-]?\d{3}[\s-]?\d{3,4}\b|\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b|\b[\w.+-]+@[\w-]+\.[a-z]{2,}\b|\b(?:t\.me|wa\.me)\//i;

/** The top-level domains of most sources readers cite; a link elsewhere is not suspect, but counts beside an offer. */
const COMMON_TLD = new Set('com org net gov edu int mil uk us ca au nz ie eu de fr es it nl be ch at se no dk fi pl pt jp in io info news'.split(' '));

/**
 * Goods of a trade with an offer word in the same sentence, and a way to reach the seller (a link
 * or any contact): "Genuine registered passports, fast delivery, telegram @docsmaster" is spam
 * though no phrase of the trades above names it.
 */
function offerWithContact(normalized: string, raw: string, links: readonly Link[]): string | undefined {
  if (links.length === 0 && !REACH.test(raw)) return undefined;
  for (const sentence of normalized.split(/[.!?\n]+/)) {
    const words = sentence.split(/\s+/);
    const good = words.find((w) => GOODS.has(w));
    if (good && words.some((w) => OFFER.has(w))) return good;
  }
  return undefined;
}

const SIGNALS: Signal[] = [
  // A channel, videos or music of one's own: only promotion names them to strangers.
  { name: 'promotes own channel', weight: 3, pattern: /\b(?:my|our)(?: new| own| first| latest| official| youtube| gaming| music)? (?:channel|channels|videos|vids|music|songs|covers|mixtape|playlist|remixes|beats|raps|youtube|instagram|tiktok|soundcloud|twitch)\b|\b(?:subscribe|suscribe|subcribe|sub|subscribed) (?:to )?(?:my|our) (?:channel|page|account)\b/ },
  { name: 'self-promotion', weight: 2, pattern: new RegExp(`\\b(?:my|our)(?: new| own| first| latest| official| youtube| gaming| music)? ${PROMO_NOUN}\\b|\\b(?:subscribe|sub) (?:to|for) (?:me|my|us|our)\\b|\\blink in (?:my )?(?:bio|profile)\\b|\\bdm (?:me )?for (?:more|details|info|prices?)\\b`) },
  // Asking strangers for likes and follows: only promoters do it.
  { name: 'engagement bait', weight: 3, pattern: /\b(?:like this comment|thumbs up (?:if|so)|like if (?:you|u|ur|your)|share and like|like and share|follow me on|follow (?:4|for) follow|like (?:4|for) like|sub ?4 ?sub|give (?:it|this comment|me) a (?:like|thumbs up)|check out this (?:video|playlist|channel))\b/ },
  { name: 'asks for support', weight: 1, pattern: /\b(?:please (?:vote|donate)|vote for (?:me|my)|take a look at (?:this|my)|(?:donate|send) \w+ to me|search for|follow \w+ (?:on|at))\b/ },
  { name: 'check out', weight: 1, pattern: /\b(?:check(?:ing)? (?:out|it|this|my|us|me|our)|checkout|check (?:\w+ ){0,2}out)\b/ },
  { name: 'subscribe', weight: 1, pattern: /\b(?:subscribe|subscribing|sucscribe|subcribe|suscribe|subscrib|sub (?:to|for|back|me)|subs)\b/ },
  // Asked of the reader, not told of oneself ("Subscribe!", "please sub", "subscribe me"), it promotes a channel.
  { name: 'asks to subscribe', weight: 2, pattern: /(?:^|[.!?]\s*|\b(?:please|pls|plz|guys|and|so|now|pleas|everyone|everybody) )(?:subscribe|sub|subcribe|sucscribe)\b(?! to (?:the|a|this|our local|your local|their))|\b(?:subscribe|sub) (?:me|back|4 sub|for sub|to me)\b|\bmy (?:first |1st )?subscriber/ },
  { name: 'call to action', weight: 1, pattern: /\b(?:please|pls|plz|plese)(?: \w+){0,2} (?:like|share|check|watch|visit|view|comment|follow|listen|support|click|help)\b|\b(?:thumbs up|give (?:it|me|us) a like|follow me|add me|click (?:here|on|this|the|below|my)|sign up (?:now|today|here|at)|visit (?:us|our|my|now|today|the link|www|http)|listen to (?:my|our)|order (?:now|today|at)|apply (?:now|today|at)|join (?:now|today|us at|our group)|register (?:now|today|at)|(?:dm|message|contact|text|email|inbox) (?:me|us)|limited (?:offer|time)|act now|dont miss)\b/ },
  { name: 'promotes a channel', weight: 2, pattern: new RegExp(`\\bcheck (?:out )?(?:this|my|our|his|her|these|me)(?: \\w+){0,2} ${PROMO_NOUN}\\b`) },
  { name: 'contact', weight: 1, pattern: /\b(?:whatsapp|whats app|telegram|wickr|signal me|kik me|snapchat me)\b|\+\d[\d ]{8,}|\b[\w.+-]+@[a-z0-9-]+\.[a-z.]{2,}\b/ },
];

/**
 * One expression matching wherever any of the trades (or the signals read on the words) would:
 * most comments sell nothing, and one pass tells so where a pass per expression would. Only a
 * text it matches is read expression by expression, so the signals found are the same.
 */
function anyOf(patterns: readonly RegExp[]): RegExp {
  // Flags would change what a part matches inside the whole: every part is written without them.
  if (patterns.some((p) => p.flags !== '')) throw new Error('spam expressions combined for the quick pass must have no flags');
  return new RegExp(patterns.map((p) => `(?:${p.source})`).join('|'));
}
const ANY_TRADE = anyOf(TRADES.map(([, pattern]) => pattern));
const ANY_WORD_SIGNAL = anyOf(SIGNALS.filter((s) => s.name !== 'contact').map((s) => s.pattern));

/** Words that send the reader to a link as the next step, just before it. */
const INVITATION = /\b(?:visit|order|join|buy|shop|apply|register|sign up|find out (?:more|how)|learn how|claim|download|get (?:it|yours|started)|chat|click|go to|dm|contact)\b(?:\W+\w+){0,3}\W*$/;

/** Link shorteners: the reader cannot see where they lead. */
const SHORTENERS = /^(?:bit\.ly|goo\.gl|tinyurl\.com|t\.co|ow\.ly|is\.gd|buff\.ly|adf\.ly|shorte\.st|shhort\.com|cutt\.ly|rebrand\.ly|tiny\.cc|bitly\.com|rb\.gy|shorturl\.at|lnkd\.in|on\.\w+\.com)$/;
/** Words with which readers label a link as where a fact comes from. */
const CITATION = /\b(?:source|sources|via|according|report|reports|study|data|figures|statistics|stats|article|story|here s|heres|here is|full|original|footage|recording|minutes|paper|ruling|judgment|judgement|document|pdf|see also)\b/;

export const SPAM_THRESHOLD = 3;

export interface SpamScore {
  score: number;
  signals: Array<{ name: string; matched: string }>;
}

/** Scores the normalised words (for phrases and trades) and the links found in the raw text. */
export function scoreSpam(raw: string, normalized: string, links: readonly Link[]): SpamScore {
  const signals: SpamScore['signals'] = [];
  let score = 0;
  const lower = raw.toLowerCase();
  const trades = ANY_TRADE.test(normalized) || ANY_TRADE.test(lower);
  for (const [trade, pattern] of trades ? TRADES : []) {
    // The normalised words undo disguises; the raw text keeps amounts ("$9,000", "10kg") whole.
    const match = pattern.exec(normalized) ?? pattern.exec(lower);
    if (match) {
      // "Cheap flights", "20% off": talk of a bargain, an advert only with a link or a way to buy.
      score += trade === 'deals' && links.length === 0 && !REACH.test(raw) ? 1 : 2;
      signals.push({ name: `sells ${trade}`, matched: match[0] });
    }
  }
  // An amount, a percentage or "10k" beside a trade is the offer's price or promise.
  const amount = /[$£€] ?\d|\b\d+ ?%|\b\d+k\b|\b\d+ (?:dollars|pounds|euros|usd|gbp)\b/.exec(lower);
  if (amount && signals.some((s) => s.name.startsWith('sells'))) {
    score += 1;
    signals.push({ name: 'amount', matched: amount[0] });
  }
  const good = signals.length === 0 ? offerWithContact(normalized, raw, links) : undefined;
  if (good) {
    score += 2;
    signals.push({ name: 'offers goods with a way to buy', matched: good });
  }
  const unusual = links.find((l) => !COMMON_TLD.has(l.host.split('.').at(-1) ?? ''));
  if (unusual && signals.length > 0) {
    score += 1;
    signals.push({ name: 'uncommon domain', matched: unusual.url });
  }
  const reach = REACH.exec(raw);
  if (reach && links.length === 0 && signals.length > 0) {
    score += 1;
    signals.push({ name: 'way to reach the seller', matched: reach[0].trim() });
  }
  const spelled = SPELLED_LINK.exec(normalized);
  if (spelled) {
    score += 2;
    signals.push({ name: 'spelled-out link', matched: spelled[0] });
  }
  const wordSignals = ANY_WORD_SIGNAL.test(normalized);
  for (const signal of SIGNALS) {
    if (signal.name !== 'contact' && !wordSignals) continue;
    const source = signal.name === 'contact' ? raw.toLowerCase() : normalized;
    const match = signal.pattern.exec(source);
    if (match) {
      score += signal.weight;
      signals.push({ name: signal.name, matched: match[0] });
    }
  }
  // "Visit fastcash.xyz", "order at …", "join us at …": a link offered as the next step.
  const invited = links.find((l) => INVITATION.test(lower.slice(0, Math.max(0, lower.indexOf(l.url.toLowerCase())))));
  if (invited && !signals.some((s) => s.name === 'call to action')) {
    score += 1;
    signals.push({ name: 'call to action', matched: invited.url });
  }
  // A link hidden behind a shortener or carrying a referral code; a link with no words of its own.
  for (const link of links) {
    const url = link.url.toLowerCase();
    if (/[?&/](?:ref|aff|affiliate|affiliateid|partner|partners|referral|refer|invite|promo)\b|\/(?:ref|aff|dolacz|join|signup)\//.test(url)) {
      score += 2;
      signals.push({ name: 'referral link', matched: link.url });
      break;
    }
    if (SHORTENERS.test(link.host)) {
      score += 1;
      signals.push({ name: 'hidden destination', matched: link.url });
      break;
    }
  }
  if (isBareLink(raw, links)) {
    score += 1;
    signals.push({ name: 'bare link', matched: links[0]!.url });
  }
  // A link makes an offer reachable; it adds weight only to what already sells or promotes.
  if (links.length > 0 && score > 0) {
    score += 1;
    signals.push({ name: 'link', matched: links[0]!.url });
  }
  return { score, signals };
}

/**
 * A link with at most a word of its own and nothing saying it is a source ("Source: …", "the
 * report: …"). A Markdown link's text is the commenter's own words about it. Anything more is a
 * reader sharing a link, which is ordinary in a news thread ("First comment with a [link](…)").
 */
export function isBareLink(raw: string, links: readonly Link[]): boolean {
  if (links.length === 0) return false;
  const words = raw.toLowerCase().replace(/\[([^\]]*)\]\([^)\s]*\)/g, ' $1 ').replace(/\S*(?:\/\/|www\.)\S*/g, ' ');
  const own = words.split(/\s+/).filter((w) => /\p{L}{2,}/u.test(w) && !links.some((l) => l.url.toLowerCase().includes(w)));
  return own.length < 2 && !CITATION.test(words);
}

/** "fastcash dot xyz", "winbig (dot) com": a link spelled out so no detector sees it. */
const SPELLED_LINK = /\b[a-z0-9-]{3,} ?(?:dot|\(dot\)|\[dot\]) ?(?:com|net|org|info|biz|xyz|top|site|online|shop|store|live|club|io|co|me|pw|icu|win|loan|vip|app|ru|uk)\b/;

/** A display name that is an advertisement: a link, or a trade, a promotion or a contact in the name. */
export function advertIn(normalized: string, links: readonly Link[], raw = normalized): string[] {
  const found = links.map((l) => l.url);
  // "Earn$500Daily": amounts and words run together in a name are read apart.
  // "BuyFollowers247": words run together in CamelCase are read apart too.
  const spaced = raw.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2').toLowerCase().replace(/([a-z])([$£€\d])/g, '$1 $2').replace(/(\d)([a-z])/g, '$1 $2');
  const spelled = SPELLED_LINK.exec(normalized);
  if (spelled) found.push(spelled[0]);
  for (const [, pattern] of TRADES) {
    const match = pattern.exec(normalized) ?? pattern.exec(spaced);
    if (match) found.push(match[0]);
  }
  for (const signal of SIGNALS) {
    if (signal.name === 'check out' || signal.name === 'call to action') continue;
    const match = signal.pattern.exec(normalized);
    if (match) found.push(match[0]);
  }
  return found;
}
