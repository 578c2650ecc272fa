import type { AnalysedText } from '../text/normalize.js';
import { TermIndex } from '../text/term-index.js';
import { INSULT_ADJECTIVES, INSULT_NOUNS } from './insult-words.js';

/**
 * Rules for hate, threats and insults, written as word classes and how they combine, not as
 * sentences: a protected group (identity) + a derogatory, dehumanising or violent predicate in
 * the same clause, not negated, not reported speech being condemned; a threat is an intent or
 * a call (will, going to, should, must, let's, death to) + a violent verb + a person; an insult
 * is "you" + an insulting noun. Misspellings of the vocabulary (a swapped pair, a dropped vowel)
 * and words run together ("Ihate", "todie") are read as the words they hide.
 */

type Role = 'identity' | 'identity-adj' | 'nationality' | 'people' | 'negative' | 'violent' | 'violent-noun' | 'positive' | 'profane' | 'insult'
  | 'soft-insult' | 'power' | 'scheme' | 'confinement' | 'negation' | 'modal' | 'target' | 'clause' | 'report' | 'condemn' | 'common' | 'self';

const VOCABULARY: Record<Role, string> = {
  identity: `women woman girls females trans transgender transgenders transsexual transsexuals gays lesbian lesbians homosexual homosexuals
    bisexual bisexuals queer queers lgbt lgbtq blacks africans asians arabs jews muslims muslim moslems moslem christians catholics hindus hindu
    sikhs sikh buddhists immigrants immigrant migrants migrant refugees refugee foreigners foreigner latinos latino latinas hispanics mexicans mexican
    poles romanians nigerians somalis afghans syrians iraqis iranians turks kurds albanians bulgarians travellers islam judaism homosexuality
    chinese indians pakistanis roma gypsies gypsy jew arab disabled handicapped autistic aborigines aboriginals natives whites`,
  'identity-adj': `gay black trans disabled muslim jewish asian arab african lesbian queer female immigrant white brown latino hispanic mexican
    indian chinese deaf blind autistic handicapped transgender bisexual homosexual christian catholic hindu sikh foreign migrant refugee
    polish romanian nigerian somali afghan syrian iraqi iranian turkish kurdish albanian bulgarian pakistani bangladeshi jamaican romani
    eritrean sudanese lithuanian`,
  // Nationalities: a group only as "Polish workers", "Romanian people", never alone ("a Syrian airstrike").
  nationality: `polish romanian nigerian somali afghan syrian iraqi iranian turkish kurdish albanian bulgarian pakistani bangladeshi jamaican
    romani eritrean sudanese lithuanian`,
  people: `people person persons folk folks men man kids children guys guy girl girls boys boy community communities lives life woman women families
    neighbours neighbors voters students workers followers believers families couples bankers parents`,
  negative: `hate hates hated hatred hating despise despises detest detests loathe loathes abhor abhors disgust disgusts disgusted disgusting
    disdain contempt scorn revolting repulsive repugnant sickening sick vile despicable pathetic worst awful horrible filthy filth dirty
    stupid stupidest dumb dumbest idiots idiotic morons moronic ignorant brainless uncivilised uncivilized savages savage primitive backward
    inferior subhuman lesser violent cruel dishonest liars criminals thieves rapists terrorists evil threat danger dangerous menace scum dirt
    trash garbage refuse rubbish parasites parasite cockroaches rats vermin pest pests virus cancer plague disease diseased animals apes monkeys
    pigs dogs insects beasts creatures waste worthless useless zoo cage cages landfill infest infesting infested swarm swarms breed breeding
    invaders invasion rage angry furious boil worse nothing smarter intelligent valuable mistake ruin ruined
    leeches leech maggots lice locusts termites mongrels infestation freaks freak perverts perverted degenerates degenerate deviants
    deviant abomination abominations groomers predators barbarians hordes horde scroungers spongers freeloaders subhumans unnatural
    sickos hysterical irrational unfit hater haters lazy greedy smelly stinking stink stinks inbred burden drain mentally sin sinners
    sickness infected infectious tumour tumor cockroach leech pest plagues cancers diseases mongrel savages`,
  violent: `kill kills killed killing murder murdered murdering shoot shot shooting stab stabbed hang hanged lynch lynched burn burned burnt gas
    gassed exterminate exterminated eradicate eradicated eliminate eliminated slaughter slaughtered execute executed torture tortured rape raped
    raping hurt attack attacking attacked beat beaten strangle strangled drown drowned behead beheaded butcher massacre die dead death suffer
    snap cut deport deported destroy destroyed punch bomb locked lock throats throat necks neck wiped rid end`,
  'violent-noun': `execution executions genocide extermination slaughter death murder`,
  positive: `human humans equal equals worthy value valuable matter live living alive belong place space right rights compassion respect
    intelligent smart attractive important welcome trust save protecting apply worth member allowed vote trusted real`,
  profane: `fuck fucking fucked shit shitty assholes asshole bastards bastard motherfuckers motherfucker dickheads dickhead scumbags scumbag
    prick pricks dumbass pissed pissing bullshit cunts twats wankers shithead`,
  insult: `idiot idiots moron morons imbecile cretin asshole arsehole bastard motherfucker dickhead shithead scumbag prick cunt twat wanker
    dumbass jackass retard`,
  // Insults without profanity, aimed at the person addressed only in "you are a …" / "you …" shapes.
  'soft-insult': `clown clowns buffoon buffoons halfwit halfwits simpleton simpletons muppet muppets numpty numpties dimwit dimwits nitwit
    nitwits fool fools loser losers coward cowards hack hacks joke disgrace embarrassment parasite nobody nonentity lowlife imbeciles
    dunce dolt dope troll trolls snowflake pillock plonker prat twit tosspot halfwitted braindead brainless spineless gormless witless
    clueless pathetic deluded worthless useless ignorant thick dense dim stupid dumb idiotic moronic laughable illiterate incompetent
    dimwitted dumbest stupidest thickest dimmest daftest donkey donkeys plank wally goon
    vile repulsive disgusting pitiful sad contemptible despicable talentless gutless
    ${INSULT_NOUNS} ${INSULT_ADJECTIVES}`,
  // Conspiracy hate: a group that secretly holds power or schemes against "us".
  power: `media banks bank banking money finance financial hollywood government governments world press newspapers politicians elections
    courts universities schools everything`,
  scheme: `control controls controlled controlling run runs own owns secretly plotting plot plots scheming replacing replace replaced
    infiltrate infiltrated infiltrating manipulate manipulates puppet masters behind`,
  confinement: `kitchen kitchens cage cages zoo zoos gutter gutters jail prison prisons asylum asylums hell camps camp sewer sewers
    ovens chains barefoot`,
  negation: `not no never dont doesnt didnt isnt arent wasnt werent wont cant cannot shouldnt wouldnt couldnt mustnt nobody none neither nor opposite`,
  modal: `will ill gonna going want wanna wish hope should must ought deserve deserves need needs lets time would`,
  target: `you u ya yall him her them they yourself yourselves everyone everybody`,
  clause: `but because although though yet however whereas unless`,
  report: `say says saying said call calls calling called write writes writing wrote threatening threats telling statements statement posts post
    comments comment messages message words things stuff quote quoting claim claims claiming claimed tweet tweets tweeted describe describes
    describing described remarks remark slogans slogan chants chant rhetoric language views opinions shouting shouted tweeting posting
    suggest suggests suggesting suggested`,
  condemn: `bigot bigots bigoted bigotry hateful misguided horrible hurtful hurts dehumanising dehumanizing disheartening jail prison court banned
    ban blocked block report consequences okay respect tolerate sad platform realise realize racist racism homophobic homophobia transphobic
    sexist reflect shows smallminded minded unacceptable appalling abhorrent shameful ashamed inexcusable deplorable offensive harmful cruel
    sickening outrageous prejudice prejudiced discrimination discriminatory xenophobic antisemitic
    islamophobic misogynist misogynistic misogyny ableist condemn condemned condemns disgraceful disgusting vile`,
  common: `i a an the to so all much just these those this that is are was be been we us our you your they them their my me it its and or of in on
    at for with as very really absolutely absolute massive complete total such any every each more most many too there here im ive id ill
    people person like about around nothing but only even still also seriously truly utterly pretty quite rather go get let lets should would could
    will can must have has had do does did what why how who when where wanna gonna want end another other others`,
  self: `i im me my myself we us our ourselves fellow`,
};

const roles = new Map<string, Set<Role>>();
for (const [role, words] of Object.entries(VOCABULARY) as Array<[Role, string]>) {
  for (const w of words.split(/\s+/)) {
    if (!w) continue;
    let set = roles.get(w);
    if (!set) roles.set(w, (set = new Set()));
    set.add(role);
  }
}

/** Ordinary words a misspelling variant must not turn into (a dropped vowel of "black" is not "back"). */
const ORDINARY = `hat bat back lack bake liv ded kil ill scm vil wors lives live lie lies dear ear bear here there fed fad bad mad sad gay gal men
  man mean meal real rea hart heart hater later rate rat art tart dog dig god cut cat cot put pot pit shot shut shit hit hurt hut burn barn
  bran brn dead deed died diet die due sue deaths thread dread tread lock look luck rid ride red read ended end and`.split(/\s+/);

const fuzzyIndex = new TermIndex<Set<Role>>(ORDINARY);
for (const [word, set] of roles) {
  const strong = set.has('identity') || set.has('identity-adj') || set.has('negative') || set.has('violent') || set.has('positive') || set.has('profane');
  if (strong && word.length >= 4) fuzzyIndex.add(word, set, { fuzzy: true });
}

function rolesOf(word: string): Set<Role> | undefined {
  const direct = roles.get(word);
  if (direct) return direct;
  const hit = fuzzyIndex.lookup(word);
  return hit?.meta;
}

interface Word {
  text: string;
  roles: Set<Role>;
  token: number;
  sentence: number;
  quoted: boolean;
}

const NONE = new Set<Role>();

/** Splits words run together ("ihate", "todie", "gayvermin") into known ones, when every part is known. */
function segment(text: string): string[] | null {
  if (text.length < 4 || text.length > 40) return null;
  const best: Array<string[] | null> = new Array(text.length + 1).fill(null);
  best[0] = [];
  for (let end = 1; end <= text.length; end++) {
    for (let start = Math.max(0, end - 16); start < end; start++) {
      const prev = best[start];
      if (!prev) continue;
      const part = text.slice(start, end);
      if (part.length === 1 && part !== 'i' && part !== 'a') continue;
      if (!roles.has(part)) continue;
      const candidate = [...prev, part];
      if (!best[end] || candidate.length < best[end]!.length) best[end] = candidate;
    }
  }
  const parts = best[text.length];
  if (!parts || parts.length < 2) return null;
  // Worth splitting only if a part carries meaning beyond glue words.
  return parts.some((p) => [...roles.get(p)!].some((r) => r !== 'common' && r !== 'clause' && r !== 'self')) ? parts : null;
}

/** A written word as the rules read it: one known word, or the known words run together in it. */
type WordReading = ReadonlyArray<{ text: string; roles: Set<Role> }>;

/** Each word's reading depends on the word alone: worked out once per word (bounded, as readers' vocabularies are). */
const wordReadings = new Map<string, WordReading>();

function readWord(text: string): WordReading {
  let reading = wordReadings.get(text);
  if (reading) return reading;
  const known = rolesOf(text);
  const parts = known ? null : segment(text);
  reading = known ? [{ text, roles: known }] : parts ? parts.map((part) => ({ text: part, roles: roles.get(part) ?? NONE })) : [{ text, roles: NONE }];
  if (wordReadings.size < 20_000) wordReadings.set(text, reading);
  return reading;
}

function toWords(analysis: AnalysedText): Word[] {
  const words: Word[] = [];
  analysis.tokens.forEach((token, index) => {
    for (const { text, roles: found } of readWord(token.text)) words.push({ text, roles: found, token: index, sentence: token.sentence, quoted: token.quoted });
  });
  return words;
}

export type HateKind = 'hate' | 'threat' | 'insult' | 'self-harm';

export interface HateFinding {
  kind: HateKind;
  /** Token range (in the analysed text) of the words that decided it. */
  tokens: number[];
  rule: string;
}

/** Intensifiers that look like negations: "nothing but", "can't stand", "no better than". */
function isFalseNegation(words: Word[], i: number): boolean {
  const w = words[i]!.text;
  const next = words[i + 1]?.text ?? '';
  const next2 = words[i + 2]?.text ?? '';
  if (w === 'nothing' && (next === 'but' || next === 'worse' || next === 'in' || next === 'less')) return true;
  if (w === 'no' && (next === 'better' || next === 'one' || next === 'more' || next === 'wonder' || next === 'doubt' || (next === 'place' && words[i - 1]?.text === 'have'))) return true;
  if ((w === 'cant' || w === 'cannot') && (next === 'stand' || next === 'stop' || next === 'help' || next === 'wait' || next === 'believe')) return true;
  if (w === 'not' && (next === 'surprised' || (next === 'only'))) return true;
  if (w === 'dont' && next === 'understand' && next2 === 'why') return true;
  return false;
}

/** Modal words that make "die" a wish or a call, not a prediction ("is going to die"). */
const DEATH_WISH = new Set(['should', 'must', 'ought', 'deserve', 'deserves', 'need', 'needs', 'hope', 'wish', 'time', 'lets']);

function has(word: Word | undefined, role: Role): boolean {
  return word !== undefined && word.roles.has(role);
}

/** Identity mentions in a clause: group nouns, or an identity adjective before a noun ("gay people", "Muslim vermin"). */
function identityAt(words: Word[], i: number): boolean {
  const w = words[i]!;
  if (w.roles.has('identity')) return true;
  if (w.roles.has('identity-adj')) {
    const next = words[i + 1];
    if (!next) return w.text !== 'white' && w.text !== 'black' && w.text !== 'blind' && w.text !== 'brown' && !w.roles.has('nationality');
    if (next.roles.has('people')) return true;
    if (w.text === 'white' || w.text === 'black' || w.text === 'blind' || w.text === 'brown' || w.text === 'foreign' || w.roles.has('nationality')) return false;
    return true;
  }
  return false;
}

/** A word naming a protected group ("immigrants", "Jews", "women"), for rules elsewhere that need a target. */
export function isGroupWord(word: string): boolean {
  return roles.get(word)?.has('identity') ?? false;
}

/** Reported or quoted speech being condemned ("Saying X are scum shows how bigoted you are"). */
export function isCounterSpeech(analysis: AnalysedText): boolean {
  return counterSpeechIn(toWords(analysis));
}

/** A word that reports or names speech ("said", "wrote", "slogans", "comments"). */
export function isReportingWord(word: string): boolean {
  return roles.get(word)?.has('report') ?? false;
}

/** A word with which a writer condemns what they report ("bigoted", "disgusting", "unacceptable"). */
export function isCondemningWord(word: string): boolean {
  return roles.get(word)?.has('condemn') ?? false;
}

function counterSpeechIn(words: Word[]): boolean {
  const reporting = words.some((w) => !w.quoted && w.roles.has('report')) || words.some((w) => w.quoted);
  const condemning = words.some((w) => !w.quoted && w.roles.has('condemn'));
  return reporting && condemning;
}

/** Words that name a word rather than use it: "the word 'dyke'", "the slur 'X'". */
const MENTION = new Set(['word', 'words', 'term', 'terms', 'slur', 'slurs', 'label', 'insult', 'phrase', 'expression', 'spelling']);

/** A word in quotation marks, on its own, named as a word ("reclaiming the word 'queer'"): mentioned, not used. */
function isMention(analysis: AnalysedText, tokenIndex: number): boolean {
  const { tokens } = analysis;
  const token = tokens[tokenIndex]!;
  if (!token.quoted) return false;
  let first = tokenIndex;
  while (first > 0 && tokens[first - 1]!.quoted && tokens[first - 1]!.sentence === token.sentence) first--;
  let last = tokenIndex;
  while (last + 1 < tokens.length && tokens[last + 1]!.quoted && tokens[last + 1]!.sentence === token.sentence) last++;
  return last - first <= 1 && MENTION.has(tokens[first - 1]?.text ?? '') && tokens[first - 1]!.sentence === token.sentence;
}

/**
 * Self-reference before a word ("my", "I'm a", "we are", "us"), with no "you" aimed at it:
 * reclaimed use; or the word only mentioned, in quotation marks after "the word".
 */
export function isSelfReference(analysis: AnalysedText, tokenIndex: number): boolean {
  if (isMention(analysis, tokenIndex)) return true;
  const token = analysis.tokens[tokenIndex]!;
  let self = false;
  for (let i = tokenIndex - 1; i >= 0 && i >= tokenIndex - 6; i--) {
    const t = analysis.tokens[i]!;
    if (t.sentence !== token.sentence) break;
    if (['you', 'youre', 'u', 'ur', 'your', 'yall'].includes(t.text)) return false;
    if (roles.get(t.text)?.has('self')) self = true;
  }
  return self;
}

/** Put-downs that need no insulting word: the shape says it ("get a brain", "the IQ of a potato", "can you even read"). */
const PUT_DOWNS = [
  /^(?:just |please |seriously |mate |maybe |go )?(?:get|grow|buy|find) (?:a|some|yourself a) (?:brain|clue|life|spine)\b|\b(?:you|u) (?:need|should|ought) to (?:get|grow) (?:a|some) (?:brain|clue|life|spine)\b/,
  /^(?:just |please |maybe |go )?learn to (?:read|write|spell|think|count)\b(?! (?:with|at|in|on|through|for|and) )|\b(?:can you (?:even|not|not even)|cant you|do you even|(?:you|u) (?:need|should) (?:to )?learn to) (?:read|write|spell|think|count)\b/,
  /\b(?:iq|brain|brains|intelligence) (?:of|like) (?:a|an) (?:potato|goldfish|rock|brick|sheep|gnat|plank|toddler|turnip|cabbage|carrot|amoeba|peanut|walnut|pebble)\b/,
  /\broom temperature iq\b|\bboth (?:your|ur|of your) brain cells?\b|\b(?:your|ur) (?:two|2|both|last|only) (?:remaining )?brain cells?\b|\bbrain cells? (?:left|between)\b/,
  /\b(?:you|u) (?:talk|write|post|spout|speak|spew) (?:such |utter |complete |absolute |total |nothing but )(?:drivel|rubbish|nonsense|garbage|tripe|bilge|twaddle|claptrap|gibberish|dribble|piffle)\b/,
  /\b(?:you|u) (?:write|talk|argue|think|sound|reason|spell) like (?:a|an|some) (?:\w+ ){0,4}(?:child|toddler|year old|teenager|drunk|idiot|moron|chimp|monkey|baby|infant|goldfish)\b/,
  /\bdropped on (?:your|ur) head\b|\bcrawl back (?:under|into) (?:your|ur|a|that|the) (?:rock|hole|cave|basement)\b/,
  /\b(?:nobody|no one|noone|who) asked (?:you|u|for your)\b/,
  /^(?:just |please |maybe )?go back to (?:primary |nursery |journalism )?(?:school|college)$|\b(?:did you even go to|did you finish|you never went to|you should go back to) (?:primary |nursery |journalism )?(?:school|college)\b/,
  /\b(?:shut|close) (?:up|your (?:mouth|trap|gob|pie hole))\b(?! shop)/,
  /\b(?:you|u) (?:couldnt|could not|cant|can not|cannot) (?:write|think|report|argue) (?:your way )?(?:out of|to save)\b/,
  /\bwhat (?:a|an) (?:\w+ )?(?:clown|joke|idiot|moron|embarrassment|disgrace|loser|fool)\b.*\b(?:you|u|ur|your)\b/,
  /\b(?:your|ur) (?:mum|mom|mother)(?: should have| shouldve|s a| is a)\b/,
];

/**
 * Insults by comparison or by the family's shame, said of "you": "I've met smarter potatoes than
 * you", "the intelligence of a damp sponge", "as dense as you", "your parents must be so ashamed".
 */
export const COMPARED_DOWN = [
  /\b(?:smarter|brighter|cleverer|wiser|sharper|more intelligent|more articulate|more interesting|more useful|better looking) (?:\w+ ){1,3}than (?:you|u)\b(?! (?:and|or|think|expect|know|would|might|realise|realize))/,
  /\b(?:you|u|youve|youre) (?:\w+ ){0,3}(?:the|your|ur) (?:intelligence|iq|brains|wit|wits|charm|personality|attention span|manners|emotional range|self awareness|backbone) of (?:a|an) (?:\w+ ){0,2}\w+/,
  /\bas (?:dense|thick|dim|stupid|dumb|daft|clueless|ignorant|useless|gormless|brainless|ugly|boring|pathetic|spineless|thick) as (?:you|u|yours)\b(?! (?:think|say|claim|make|like))/,
  /\b(?:your|ur) (?:poor )?(?:parents|mum|mom|mother|dad|father|family|folks|kids|children) (?:must|should|would) (?:be )?(?:so |really |very )?(?:ashamed|embarrassed|disappointed|mortified)\b/,
  /\bdrop(?:ped)? (?:you|u) on (?:your|ur) head\b/,
  /\b(?:single|one|functioning|working|solitary|lonely) brain cells?\b/,
  /\bthick as (?:two|2) short planks\b|\bthick as mince\b|\bdaft as a brush\b|\b(?:dumb|thick) as (?:rocks|a box of rocks)\b/,
  /\bcrawl back (?:to|under|into|in) (?:your|ur|whatever|whichever|the) (?:\w+ )?(?:rock|hole|cave|basement|sewer|swamp|bridge)\b/,
];
/** Insulting names a writer calls the one addressed, on their own between commas: "Keep typing, dimwit, …". */
const VOCATIVE_INSULTS = new Set(`clown buffoon halfwit simpleton muppet numpty dimwit nitwit fool loser coward dunce dolt troll snowflake pillock
  plonker prat twit tosspot lowlife nonentity imbecile cretin moron idiot weasel worm bootlicker sheep sheeple ${INSULT_NOUNS}`.split(/\s+/)
  .filter((w) => w && !INSULT_ADJECTIVES.split(/\s+/).includes(w) && w !== 'stupid' && w !== 'dumb'));

/** Words that may stand between "you (are)" and the insult: "you are such a pathetic little clown". */
const INSULT_FILLER = new Set(['a', 'an', 'such', 'the', 'biggest', 'complete', 'utter', 'absolute', 'total', 'little', 'bloody', 'sad', 'pathetic',
  'stupid', 'old', 'real', 'proper', 'right', 'so', 'really', 'truly', 'just', 'nothing', 'but', 'of', 'excuse', 'for', 'waste', 'journalist', 'man', 'woman',
  'utterly', 'totally', 'completely', 'absolutely', 'too', 'incredibly', 'clearly', 'obviously', 'simply', 'such']);
/** "Thank you, clown show", "see you, fool": "you" as the object of these is not the one insulted by what follows. */
const YOU_AS_OBJECT = new Set(['thank', 'thanks', 'see', 'love', 'to', 'for', 'with', 'at', 'about', 'miss', 'tell', 'told', 'bless', 'of', 'than']);

/**
 * An insult without profanity counts only said to the person addressed: "you clown", "you are a
 * clown", "you're clueless", "what a clown you are", "clowns like you". "Thank you, the clown show
 * continues" and "they called you a clown" are not.
 */
function isAddressedInsult(words: Word[], from: number, at: number): boolean {
  let j = at - 1;
  while (j >= from && INSULT_FILLER.has(words[j]!.text)) j--;
  const before = words[j]?.text ?? '';
  const reported = words.slice(from, at).some((p) => ['called', 'call', 'calls', 'calling', 'said', 'told', 'says', 'if', 'whether'].includes(p.text));
  // "a windbag like me": the writer counts themselves in.
  const selfIncluded = words[at + 1]?.text === 'like' && ['me', 'us', 'myself'].includes(words[at + 2]?.text ?? '');
  if (reported || selfIncluded) return false;
  if (j >= from && ['you', 'u', 'ya', 'youre', 'ur'].includes(before)) return !YOU_AS_OBJECT.has(words[j - 1]?.text ?? '');
  if (j >= from + 1 && ['are', 'r', 'look', 'sound', 'seem'].includes(before) && ['you', 'u', 'ya'].includes(words[j - 1]!.text)) return true;
  if (saidOfYou(words, from, at)) return true;
  const after = words.slice(at + 1, at + 3).map((p) => p.text);
  if (after[0] === 'you' && (after[1] === 'are' || after[1] === undefined) && words.slice(from, at).some((p) => p.text === 'what' || p.text === 'such')) return true;
  if (after[0] === 'like' && (after[1] === 'you' || after[1] === 'u')) return true;
  return false;
}

/** Verbs that say what the person addressed is: "you are", "you look", "you have always been". */
const COPULA = new Set(['are', 'r', 're', 'look', 'sound', 'seem', 'be', 'been', 'remain', 'become', 'became', 'were', 'act', 'write', 'argue', 'behave']);
const YOU_SUBJECT = new Set(['you', 'u', 'ya', 'youre', 'ur', 'yall']);

/**
 * "You are nothing but a sad, bitter little gasbag", "you have always been a spineless coward":
 * "you" as the subject of a verb of being, and the insult later in the same clause, however many
 * words stand between them (a comparison "than you", "like you" is another shape).
 */
function saidOfYou(words: Word[], from: number, at: number): boolean {
  // "You are nothing but a …": "but" after "nothing" opens no new clause.
  let start = from;
  if (words[from]?.text === 'but' && words[from - 1]?.text === 'nothing') {
    while (start > 0 && words[start - 1]!.sentence === words[at]!.sentence && !(words[start - 1]!.roles.has('clause') && start - 1 !== from)) start--;
  }
  for (let j = at - 1; j >= Math.max(start, at - 10); j--) {
    const w = words[j]!.text;
    if (w === 'like' || w === 'than' || w === 'if' || w === 'whether' || w === 'think' || w === 'thinks' || w === 'calls' || w === 'called') return false;
    if (!COPULA.has(w) && w !== 'youre') continue;
    if (w === 'youre') return !YOU_AS_OBJECT.has(words[j - 1]?.text ?? '');
    for (let k = j - 1; k >= Math.max(start, j - 3); k--) {
      if (YOU_SUBJECT.has(words[k]!.text)) return !YOU_AS_OBJECT.has(words[k - 1]?.text ?? '');
    }
  }
  return false;
}

/**
 * A group denied a capacity or a place by the shape of the sentence, with no derogatory word:
 * "women are too emotional to vote", "they only get these jobs by sleeping their way up",
 * "lesbians just need a real man".
 */
const DENIED = [
  /\bjust (?:men|women|blokes|boys|girls) (?:in (?:dresses|wigs|makeup|frocks|skirts)|(?:that|who)?\s?no (?:man|woman|one) wanted)\b|\bno (?:man|woman|bloke) (?:ever )?wanted\b/,
  /\b(?:is|are) (?:basically |just |literally )?(?:child abuse|abusing (?:children|kids)|a danger to (?:children|kids))\b/,
  /\b(?:should|must|need to|needs to|ought to) (?:just )?stick to (?:having babies|making babies|cooking|cleaning|the kitchen|housework|making sandwiches)\b|\bleave (?:politics|business|the thinking|decisions|\w+) to (?:the )?men\b/,
  /\b(?:brains|brain|intelligence|iq|minds|mind|mentality) of (?:a |an )?(?:child|children|toddlers|toddler|animal|animals|monkey|monkeys|ape|apes|dogs|dog|savages)\b/,
  /\b(?:turn|turned|turns|turning|made|make|makes) (?:\w+ ){1,4}into (?:a |an )?(?:cesspit|cesspool|dump|slum|ghetto|hellhole|shithole|war zone|warzone|jungle|third world|no go)\b/,
  /\b(?:multiply|multiplies|breed|breeds|breeding) like (?:rabbits|rats|flies|cockroaches|vermin|insects)\b|\bbreed(?:ing)? us out\b/,
  /\b(?:pulling|pull|pulls) (?:all )?the strings\b|\bfingers in every (?:pie|government|bank|pot)\b|\b(?:caused|cause|causes|started|start|starts|behind|profit from|profited from) (?:every|all the|all|both world|most) wars?\b/,
  /\b(?:steal|steals|rob|robs|loot|loots|prey on|preying on|preys on|bleeding (?:\w+ ){1,3}dry|bleed (?:\w+ ){1,3}dry|scrounge off|sponge off|leech off|commit (?:all|most|every|the) (?:\w+ )?(?:crime|crimes|rapes|murders|stabbings))\b/,
  /\b(?:are|is|too) (?:just |simply |far |way |all )?too (?:emotional|stupid|dumb|weak|lazy|hysterical|irrational|primitive|backward|thick|dim|simple|violent|childish|fragile|soft|unstable|sensitive|dangerous|uneducated|ignorant|incompetent|inferior|dirty|unreliable|hormonal|feeble|confused|sick) to (?:vote|lead|govern|drive|think|work|run|rule|decide|understand|be trusted|serve|manage|teach|fight|hold|have|make)\b/,
  /\b(?:only|just) (?:ever )?(?:get|got|gets|getting|hired|promoted|elected|employed|given) (?:\w+ ){0,4}(?:because (?:of )?(?:their|they|she|he|being|quotas?|diversity)|by sleeping|for (?:diversity|the quota)|thanks to quotas?|to tick)/,
  /\b(?:sleep|sleeping|slept) (?:their|her|his) way (?:up|to the top|into)\b/,
  /\b(?:just |only |all )?(?:need|needs) (?:a |to meet a |to find a )?(?:real|proper|good) (?:man|woman|seeing to)\b/,
];

/** Verbs of suffering: what follows them is done to the group, not said of it. */
const SUFFER = new Set('face faces facing faced suffer suffers suffering suffered endure endures endured receive receives received experience experiences experienced victims targeted subjected'.split(' '));

/** Who a comment's insult may be aimed at besides "you": the writer of the piece, another commenter. */
const AUTHOR = new Set(['author', 'writer', 'journalist', 'reporter', 'columnist', 'editor', 'op', 'poster', 'commenter', 'hack']);

/** "The author is a clown", "this writer is clueless", "what a clown": an insult at the one being answered. */
function isInsultAtAuthor(words: Word[], from: number, at: number, to: number): boolean {
  let j = at - 1;
  while (j >= from && INSULT_FILLER.has(words[j]!.text)) j--;
  const before = words[j]?.text ?? '';
  // "What a clown." said on its own, the insult closing the clause.
  if (j === from && before === 'what' && at === to - 1) return true;
  if (j < from) return false;
  if (!['is', 'must', 'sounds', 'seems', 'looks'].includes(before) && !(before === 'be' && words[j - 1]?.text === 'must')) return false;
  const subject = words.slice(Math.max(from, j - 3), j).map((p) => p.text);
  return subject.some((t) => AUTHOR.has(t)) && !words.slice(from, at).some((p) => p.roles.has('report'));
}

/** Verbs that open a command: "Go back to school, dunce." */
const COMMANDS = new Set('go get keep shut pipe show read try stop sit give grow learn wake do take look move calm come run leave crawl back educate google jog carry'.split(' '));

/** A word set off on its own by commas or a sentence's edge, with "you" or a command around it: "Keep typing, dimwit, you're…". */
function isVocative(analysis: AnalysedText, index: number): boolean {
  const { tokens, raw } = analysis;
  const t = tokens[index]!;
  const prev = tokens[index - 1];
  const next = tokens[index + 1];
  const opened = !prev || prev.sentence !== t.sentence || /,/.test(raw.slice(prev.end, t.start));
  const closed = !next || next.sentence !== t.sentence || /[,!?]/.test(raw.slice(t.end, next.start));
  if (!opened || !closed || (!prev && !next)) return false;
  // At the end of a sentence after a comma ("Go back to school, dunce.") or between commas beside "you".
  const sentence = tokens.filter((o) => o.sentence === t.sentence).map((o) => o.text);
  return prev !== undefined && prev.sentence === t.sentence && (sentence.some((w) => ['you', 'youre', 'your', 'u', 'ur', 'yourself'].includes(w)) || COMMANDS.has(sentence[0] ?? ''));
}

export function findHate(analysis: AnalysedText): HateFinding[] {
  const words = toWords(analysis);
  const findings: HateFinding[] = [];
  if (words.length === 0) return findings;
  const counterSpeech = counterSpeechIn(words);

  // Clauses: sentence breaks and clause words.
  const clauses: Array<[number, number]> = [];
  let start = 0;
  for (let i = 1; i <= words.length; i++) {
    if (i === words.length || words[i]!.sentence !== words[i - 1]!.sentence || words[i]!.roles.has('clause')) {
      clauses.push([start, i]);
      start = i;
    }
  }
  const sentenceHasIdentity = new Map<number, boolean>();
  words.forEach((_, i) => {
    if (identityAt(words, i)) sentenceHasIdentity.set(words[i]!.sentence, true);
  });

  for (const [from, to] of clauses) {
    let identity = -1;
    let target = -1;
    let modal = -1;
    let negatedFrom = Infinity;
    const sentence = words[from]!.sentence;
    for (let i = from; i < to; i++) {
      const w = words[i]!;
      if (identity < 0 && identityAt(words, i)) identity = i;
      if (target < 0 && w.roles.has('target')) target = i;
      if (w.roles.has('negation') && !isFalseNegation(words, i) && negatedFrom === Infinity) negatedFrom = i;
      if (modal < 0 && (w.roles.has('modal') || (w.text === 'death' && words[i + 1]?.text === 'to') || (w.text === 'if' && words[i + 1]?.text === 'only'))) modal = i;
    }
    // "They" in a sentence next to one naming a group refers to that group.
    const refersToGroup = target >= 0 && ['they', 'them'].includes(words[target]!.text)
      && (sentenceHasIdentity.get(sentence - 1) || sentenceHasIdentity.get(sentence + 1));
    const groupAt = identity >= 0 ? identity : refersToGroup ? target : -1;

    for (let i = from; i < to; i++) {
      const w = words[i]!;
      const negated = i > negatedFrom;
      const isViolent = w.roles.has('violent') || w.roles.has('violent-noun');
      if (w.text === 'kys' || (w.text === 'kill' && (words[i + 1]?.text === 'yourself' || words[i + 1]?.text === 'urself'))) {
        if (!negated) findings.push({ kind: 'self-harm', tokens: [w.token], rule: 'telling someone to kill themselves' });
        continue;
      }
      if (counterSpeech) continue;
      // "Muslims out!", "Immigrants go home": a chant that tells a group to leave.
      if (groupAt >= 0 && i === to - 1 && ((w.text === 'out' && i === groupAt + 1) || (w.text === 'home' && words[i - 1]?.text === 'go' && i === groupAt + 2))) {
        findings.push({ kind: 'hate', tokens: [words[groupAt]!.token, w.token], rule: 'a protected group told to get out' });
        continue;
      }
      // "Muslims can never be loyal", "women will never be equal to men": a group denied a virtue for ever.
      if (groupAt >= 0 && i === groupAt && /^\S+(?: \S+){0,3} (?:can|could|will) (?:never|not|nt) (?:ever )?be (?:loyal|trusted|trustworthy|british|english|american|integrated|civilised|civilized|patriots|patriotic|equal|real \w+)\b/.test(words.slice(groupAt, to).map((p) => p.text).join(' '))) {
        findings.push({ kind: 'hate', tokens: [w.token], rule: 'a protected group denied a capacity or a place' });
        continue;
      }
      if (groupAt >= 0 && i === groupAt && negatedFrom > groupAt) {
        // The rest of the sentence: "… only get promoted because of quotas" runs past the clause's "because".
        let end = groupAt;
        while (end < words.length && words[end]!.sentence === w.sentence) end++;
        const rest = words.slice(groupAt, end).map((p) => p.text).join(' ');
        // A negation counts only before what is said ("gypsies don't steal"), not after it ("steal anything that isn't nailed down").
        const negationAt = negatedFrom === Infinity ? Infinity : words.slice(groupAt, negatedFrom).map((p) => p.text).join(' ').length;
        // What is said comes within a few words of the group, as its predicate ("Gypsies steal …", not "a president vows to steal").
        const near = words.slice(groupAt, groupAt + 5).map((p) => p.text).join(' ').length;
        const named = words[groupAt]!.roles.has('identity') || has(words[groupAt + 1], 'people');
        if (DENIED.some((p) => { const m = p.exec(rest); return named && m !== null && m.index <= negationAt && m.index <= near; })) {
          findings.push({ kind: 'hate', tokens: [w.token], rule: 'a protected group denied a capacity or a place' });
          continue;
        }
      }
      if (groupAt >= 0 && i !== groupAt) {
        // "Women in politics face awful abuse": what a group suffers is not said of it.
        const suffers = words.slice(Math.min(groupAt, i), Math.max(groupAt, i)).some((p) => SUFFER.has(p.text));
        if ((w.roles.has('negative') || w.roles.has('profane')) && !w.roles.has('positive') && !negated && !suffers) {
          findings.push({ kind: 'hate', tokens: [words[groupAt]!.token, w.token], rule: 'a protected group with a derogatory predicate' });
        } else if (isViolent && !negated && !words[groupAt]!.roles.has('nationality')) {
          findings.push({ kind: 'hate', tokens: [words[groupAt]!.token, w.token], rule: 'a protected group with violence' });
        } else if (w.roles.has('positive') && negated && words[i + 1]?.text !== 'less' && words[i + 2]?.text !== 'less') {
          findings.push({ kind: 'hate', tokens: [words[groupAt]!.token, w.token], rule: 'a protected group denied humanity or worth' });
        } else if (w.roles.has('scheme') && !negated && words.slice(i, Math.min(to, i + 5)).some((p) => p.roles.has('power') || p.text === 'us' || p.text === 'whites')) {
          findings.push({ kind: 'hate', tokens: [words[groupAt]!.token, w.token], rule: 'a protected group said to scheme or secretly rule' });
        } else if (w.roles.has('confinement') && !negated && words.slice(from, i).some((p) => ['belong', 'belongs', 'stay', 'back', 'locked', 'lock', 'put', 'send', 'sent', 'kept', 'keep'].includes(p.text))) {
          findings.push({ kind: 'hate', tokens: [words[groupAt]!.token, w.token], rule: 'a protected group told where it belongs' });
        }
        continue;
      }
      // "I'll beat you to the top", "beat him at chess": a race, not a blow ("beat you to death" still is).
      const race = (w.text === 'beat' || w.text === 'beaten') && has(words[i + 1], 'target') && ['to', 'at'].includes(words[i + 2]?.text ?? '') && !['death', 'pulp', 'within', 'a'].includes(words[i + 3]?.text ?? '');
      if (isViolent && !negated && !race && target >= 0 && modal >= 0 && modal < i && i - modal <= 4 && w.roles.has('violent')) {
        findings.push({ kind: 'threat', tokens: [words[modal]!.token, w.token, words[target]!.token], rule: 'intent or call + violence + a person' });
        continue;
      }
      if (isViolent && !negated && w.text === 'die' && words.slice(from, i).some((p) => DEATH_WISH.has(p.text))) {
        findings.push({ kind: 'threat', tokens: [words[modal]!.token, w.token], rule: 'wishing death ("must die", "should die")' });
        continue;
      }
      if (w.roles.has('insult') && i > from) {
        const prev = words.slice(Math.max(from, i - 5), i);
        if (prev.some((p) => p.text === 'you' || p.text === 'youre' || p.text === 'u' || p.text === 'ur')) {
          findings.push({ kind: 'insult', tokens: [w.token], rule: '"you" + an insult' });
        }
      }
      if (i === from) {
        const rest = words.slice(from, to).map((p) => p.text).join(' ');
        const put = PUT_DOWNS.find((p) => p.test(rest));
        if (put && !counterSpeech) findings.push({ kind: 'insult', tokens: [w.token], rule: 'a put-down aimed at the person addressed' });
        else if (!counterSpeech && !negated && COMPARED_DOWN.some((p) => p.test(rest)) && !words.slice(from, to).some((p) => p.roles.has('report'))) {
          findings.push({ kind: 'insult', tokens: [w.token], rule: 'a put-down by comparison' });
        }
      }
      if (VOCATIVE_INSULTS.has(w.text) && !w.quoted && isVocative(analysis, w.token) && !words.some((p) => p.sentence === w.sentence && p.roles.has('report'))) {
        findings.push({ kind: 'insult', tokens: [w.token], rule: 'an insult used to address someone' });
      }
      // "As worthless as you are", "another idiotic rant from you": the insult measured against, or coming from, the one addressed.
      if (w.roles.has('soft-insult') && !negated && !counterSpeech && ((words[i - 1]?.text === 'as' && words[i + 1]?.text === 'as' && ['you', 'u', 'yours'].includes(words[i + 2]?.text ?? '') && !['can', 'could', 'get', 'like', 'want', 'please', 'think'].includes(words[i + 3]?.text ?? ''))
        || (words.slice(i + 1, i + 4).some((p, n) => ['from', 'by'].includes(p.text) && ['you', 'u'].includes(words[i + 2 + n]?.text ?? '')) && !has(words[i - 1], 'negation')))) {
        findings.push({ kind: 'insult', tokens: [w.token], rule: 'an insult measured against the one addressed' });
      }
      // "Brainless writer", "clueless hack": an insulting adjective on the one being answered.
      if (w.roles.has('soft-insult') && AUTHOR.has(words[i + 1]?.text ?? '') && !negated && !words.slice(from, i).some((p) => p.roles.has('report') || p.text === 'not')) {
        findings.push({ kind: 'insult', tokens: [w.token, words[i + 1]!.token], rule: 'an insult at the writer' });
      }
      if (w.roles.has('soft-insult') && !negated && (isAddressedInsult(words, from, i) || isInsultAtAuthor(words, from, i, to))) {
        findings.push({ kind: 'insult', tokens: [w.token], rule: '"you are a …" at the person addressed' });
      }
      if ((w.text === 'fuck' || w.text === 'screw') && ['you', 'u', 'off', 'yourself', 'yourselves'].includes(words[i + 1]?.text ?? '')) {
        const addressed = words[i + 1]!.text !== 'off' || (i === from || has(words[i - 1], 'target') || words[i - 1]?.text === 'should' || words[i - 1]?.text === 'just');
        const reported = words.slice(Math.max(from, i - 4), i).some((p) => p.text === 'told' || p.text === 'tell' || p.text === 'telling' || p.text === 'said');
        if (addressed && !reported && !words.slice(from, i).some((p) => p.roles.has('self') && p.text !== 'i')) {
          findings.push({ kind: 'insult', tokens: [w.token, words[i + 1]!.token], rule: '"fuck you" / "fuck off" at someone' });
        }
      }
    }
  }
  return findings;
}
