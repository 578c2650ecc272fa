import type { AnalysedText, Token } from '../text/normalize.js';
import { isCondemningWord, isGroupWord, isReportingWord } from './hate.js';
import { findMenace, type MenaceFinding } from './menace.js';
import { HARMING_VERBS, KILLING_VERBS } from './violent-verbs.js';

/**
 * Threats and incitement to self-harm, read as who does what to whom, not as phrases:
 *
 * - a threat is a violent act (any verb WordNet files under killing or bodily harm) aimed at a
 *   person, a group or "you", in a mode that wants it done: a plan ("I'm going to", "I'll"), a
 *   wish ("I hope", "I'd love to"), a demand or duty ("should", "must", "deserve", "time to",
 *   "let's"), or an imperative; or done to them in the passive ("should be shot");
 * - a veiled threat says the writer knows where the person is, or admires their house, family or
 *   car and wonders what might happen to it;
 * - incitement to self-harm is a harm the addressed person is told or wished to do to themselves.
 *
 * What the same verbs do in news, history, fiction, idioms and condemned quotes is left alone: a
 * report or a story is in the past or about a third party and says so ("police said", "was
 * killed"); an idiom aims the verb at no person ("murder a curry", "killing it", "kill time") or at
 * the writer ("you're killing me"); a negation or a condemnation turns it round.
 */

export type ViolenceKind = 'threat' | 'self-harm';

export interface ViolenceFinding {
  kind: ViolenceKind;
  /** Token indexes (in the analysed text) of the words that decided it. */
  tokens: number[];
  rule: string;
}

const words = (s: string) => new Set(s.split(/\s+/).filter(Boolean));

function phrases(list: string): { single: Set<string>; phrasal: Map<string, Set<string>> } {
  const single = new Set<string>();
  const phrasal = new Map<string, Set<string>>();
  for (const entry of list.split('|')) {
    const [head, particle] = entry.split(' ');
    if (!particle) single.add(head!);
    else {
      let set = phrasal.get(head!);
      if (!set) phrasal.set(head!, (set = new Set()));
      set.add(particle);
    }
  }
  return { single, phrasal };
}

/** Verbs of violence WordNet files elsewhere (arson, stalking, purges) that threats use as much as "kill". */
const KILLING = phrases(`${KILLING_VERBS}|end|gas|torch|nuke|bomb|firebomb|behead|knife|slit|exterminate|purge|blow up|hunt down|track down|gut|skin|waterboard|burn down|burn out|round up|line up|curb stomp|curbstomp|stomp`);
const HARMING = phrases(HARMING_VERBS);

/** Past forms WordNet lists as exceptions (verb.exc), for the verbs above. */
const IRREGULAR: Record<string, string> = {
  shot: 'shoot', slain: 'slay', slew: 'slay', hung: 'hang', beaten: 'beat', struck: 'strike', stricken: 'strike', burnt: 'burn',
  smote: 'smite', smitten: 'smite', strung: 'string', mown: 'mow', mowed: 'mow', ran: 'run', thrown: 'throw', done: 'do', did: 'do',
  hit: 'hit', cut: 'cut', slit: 'slit', gassed: 'gas', bombed: 'bomb', killin: 'kill', shootin: 'shoot', gunned: 'gun',
};

/** The base forms a written word may be, most likely first (WordNet's "morphy", for verbs). */
export function verbLemmas(word: string): string[] {
  const out = [word];
  const irregular = IRREGULAR[word];
  if (irregular) out.push(irregular);
  const add = (stem: string) => {
    if (stem.length >= 2) out.push(stem);
  };
  if (word.endsWith('ies')) add(`${word.slice(0, -3)}y`);
  if (word.endsWith('es')) add(word.slice(0, -2));
  if (word.endsWith('s') && !word.endsWith('ss')) add(word.slice(0, -1));
  for (const suffix of ['ed', 'ing']) {
    if (!word.endsWith(suffix)) continue;
    const stem = word.slice(0, -suffix.length);
    add(stem);
    add(`${stem}e`);
    if (stem.length > 2 && stem.at(-1) === stem.at(-2)) add(stem.slice(0, -1));
  }
  if (word.endsWith('d')) add(word.slice(0, -1));
  return out;
}

type Force = 'killing' | 'harming';

interface Act {
  force: Force;
  /** Tokens of the verb (two for a phrasal verb: "gun down"). */
  first: number;
  last: number;
  /** Written as a participle ("shot", "hanged", "killed"): read as passive after "be"/"get". */
  participle: boolean;
  /** Written in its base form ("kill"): an imperative or after a modal. */
  base: boolean;
}

interface Reading {
  force: Force;
  lemma: string;
  /** Particles that make it a phrasal verb ("down" for "gun"), if any. */
  particles: Set<string> | undefined;
  single: boolean;
}

/** What each written word may be as a violent verb, worked out once per word. */
const readings = new Map<string, Reading[]>();

function readingsOf(word: string): Reading[] {
  let found = readings.get(word);
  if (found) return found;
  found = [];
  for (const lemma of verbLemmas(word)) {
    for (const [force, lexicon] of [['killing', KILLING], ['harming', HARMING]] as const) {
      const particles = lexicon.phrasal.get(lemma);
      const single = lexicon.single.has(lemma);
      if (particles || single) found.push({ force, lemma, particles, single });
    }
  }
  if (readings.size < 50_000) readings.set(word, found);
  return found;
}

/** Verbs that are violence when their object is a body: "break your legs", "cut his throat". */
const BODY_VERBS = words('break breaking snap snapping crack cracking cut cutting rip ripping tear tearing slit pull');

function actAt(tokens: Token[], i: number): Act | undefined {
  const word = tokens[i]!.text;
  // "Snap every bone in her body": every bone in someone's body is theirs.
  const everyBone = tokens[i + 1]?.text === 'every' && ['bone', 'tooth'].includes(tokens[i + 2]?.text ?? '') && tokens[i + 3]?.text === 'in' && ['your', 'ur', 'his', 'her', 'their'].includes(tokens[i + 4]?.text ?? '');
  if ((BODY_VERBS.has(word) || ['smash', 'smashing', 'shatter', 'shattering'].includes(word)) && (everyBone || (['your', 'ur', 'his', 'her', 'their'].includes(tokens[i + 1]?.text ?? '') && BODY.has(tokens[i + 2]?.text ?? '')))) {
    return { force: 'harming', first: i, last: i, participle: false, base: !word.endsWith('ing') };
  }
  for (const { force, lemma, particles, single } of readingsOf(word)) {
    // "gun them down", "string him up": the particle may follow the object.
    if (particles) {
      for (let j = i + 1; j <= i + 3 && j < tokens.length; j++) {
        if (particles.has(tokens[j]!.text)) return { force, first: i, last: j, participle: lemma !== word, base: lemma === word };
      }
    }
    if (single) return { force, first: i, last: i, participle: lemma !== word && (word.endsWith('ed') || word.endsWith('en') || !!IRREGULAR[word]), base: lemma === word };
  }
  return undefined;
}

/** Who a violent act may be aimed at. */
const PERSON = words(`you u ya yall youse him her them em everyone everybody anyone anybody journalist journalists reporter reporters writer writers
  author authors editor editors columnist columnists hack hacks mayor councillor councillors councilor mp mps minister ministers politician politicians
  judge judges teacher teachers traitor traitors people person man men woman women guy guys lady officer officers cop cops doctor doctors nurse
  nurses family families kids children child wife husband daughter son mother mum mom father dad parents neighbour neighbor neighbours neighbors
  whore bitch bastard scum idiot idiots pig pigs rat rats liberals leftists conservatives tories democrats republicans
  protesters voters campaigners activists staff boss landlord president king queen pm ppl peeps`);
const YOU = words('you u ya yall youse your ur yourself yourselves urself youll youre youd youve');
/** Objects that make a violent verb an idiom: "kill it", "kill time", "murder a curry", "you're killing me". */
const NOT_A_PERSON = words(`it this that time me myself us ourselves mood vibe buzz curry pint beer pizza sandwich kebab burger drink bottle game match
  bill motion idea plan deal engine lights light music song joke ball shot goal goals weeds weed bugs bug germs bacteria virus cancer fire flames
  lights process dragon boss monsters monster zombies zombie enemy enemies level characters character birds bird stone two competition opposition
  exam exams test tests interview audition set gig show stage crowd race`);
/** Capitalised words that name a time, not a person: "the Christmas lights". */
const CALENDAR = words(`christmas easter halloween diwali eid hanukkah ramadan bonfire monday tuesday wednesday thursday friday saturday sunday
  january february march april may june july august september october november december spring summer autumn winter`);
/** Buildings and belongings: burning "your house" or "the mosque" threatens the people in them. */
const PROPERTY = words('house home homes car cars office offices shop shops mosque mosques synagogue synagogues church churches temple temples gurdwara newsroom building buildings flat street school schools centre center camp camps');
const BODY = words('face head skull teeth legs kneecaps knees neck throat brains brain heart guts eyes nose jaw ribs back arms hands family kids wife husband children');
/** "two birds", "the game": a determiner + one of these is not a person either. */
const DETERMINERS = words('a an the his her their my your our this that these those some');

const NEGATION = words(`not no never nobody noone none neither nor dont doesnt didnt isnt arent wasnt werent wont cant cannot shouldnt wouldnt couldnt
  mustnt without stop against`);
/** Modes that want the act done. */
const WANT = words(`will ill gonna wanna want wants wish hope hoping should must ought deserve deserves deserved need needs lets time would id
  shall gotta plan planning intend intending love able shud shld shoud wud`);
const IMPERATIVE_LEAD = words('go just now so and please pls then somebody someone everyone yes lets also really simply');
/** A story, a report, a film: the sentence is about what happened or what is told, not what the writer wants. */
const REPORT = words(`said says say told tells claim claims claimed alleged allegedly accused charged convicted sentenced jailed arrested trial court
  jury police prosecutors prosecution witnesses witness suspect defendant victim victims reported according report reports inquest investigators
  film movie novel book game series episode character characters story plot scene threatened threatening threat threats warned history historians`);
/**
 * The past tense tells what happened ("he was shot", "they were hanged") unless a wish comes after
 * it: "the reporter who was at the meeting should be shot" wants it done.
 */
const PAST = words('was were had');

function pastBefore(tokens: Token[], from: number, at: number): boolean {
  for (let i = at - 1; i >= from; i--) {
    const w = tokens[i]!.text;
    if (WANT.has(w) || (w === 'going' && tokens[i + 1]?.text === 'to')) return false;
    if (PAST.has(w)) return true;
  }
  return false;
}
/** Where sport, games and contests live, "destroy them", "beat them", "slaughter them" are about the score. */
const CONTEST = words(`match game games team teams league cup final finals season saturday sunday tonight score scored goals goal points election
  polls vote votes debate argument arguments chess quiz tournament derby fixture opposition opponents rivals squad club fc united city rovers
  pitch court race playoff playoffs semi ballot`);
const DEMAND = words('should must deserve deserves time lets');
const TOLD = words('said told police court jury accused charged threatened threatening threat threats film movie novel');
const PLAIN_INCITEMENT = words('kys unalive bleach');
const DEATH_WORDS = words('die dies dead death rot burn suffer perish');
/** Where a threatened person "ends up". */
const OUTCOME = words('dead ditch river canal morgue hospital grave graves coffin box bag wheelchair icu missing buried floating');
/** Where someone can be found: their home, family, routine. */
const PLACES = words('address house home car school office route routine street door flat plate gym');
const FAMILY = words('kids children family wife husband daughter son parents mum mom dog');
/** What a curse wishes on someone. */
const MISFORTUNE = words('cancer die dies dead run hit crash crashes burns burn drown drowns rot rots suffer suffers raped killed shot stabbed attacked hurt beaten murdered aids disease');
const SELF = words('yourself yourselves urself yourselfs');
const SUPPORT = words(`samaritans helpline hotline lifeline crisis struggling suicidal counsellor counselor therapist support talk thinking
  prevention mental help`);

interface Clause {
  from: number;
  to: number;
}

const CLAUSE_BREAK = words('but because although though however whereas unless while than');

function clausesOf(tokens: Token[]): Clause[] {
  const clauses: Clause[] = [];
  let from = 0;
  for (let i = 1; i <= tokens.length; i++) {
    if (i === tokens.length || tokens[i]!.sentence !== tokens[i - 1]!.sentence || CLAUSE_BREAK.has(tokens[i]!.text)) {
      clauses.push({ from, to: i });
      from = i;
    }
  }
  return clauses;
}

/** Is token `i` a person: a pronoun or noun for people, a group, a name (a capitalised word not starting its sentence)? */
function personAt(analysis: AnalysedText, i: number): boolean {
  const t = analysis.tokens[i];
  if (!t) return false;
  if (PERSON.has(t.text) || isGroupWord(t.text)) return true;
  const raw = analysis.raw.slice(t.start, t.end);
  const previous = analysis.tokens[i - 1];
  return /^\p{Lu}\p{Ll}+$/u.test(raw) && previous !== undefined && previous.sentence === t.sentence && !NOT_A_PERSON.has(t.text) && !CALENDAR.has(t.text);
}

/** The object of a verb ending at `last`: the first person within three words, unless an idiom's object comes first. */
function objectAfter(analysis: AnalysedText, first: number, last: number, to: number): number | undefined {
  const { tokens } = analysis;
  // "gun them down": the object sits between the verb and its particle.
  const start = last > first ? first : last;
  // "Snap every bone in her body": the owner of the bones.
  if (tokens[start + 1]?.text === 'every' && ['bone', 'tooth'].includes(tokens[start + 2]?.text ?? '') && tokens[start + 3]?.text === 'in') return start + 4;
  for (let j = start + 1; j < Math.min(to, start + 7); j++) {
    if (j === last) continue;
    const w = tokens[j]!.text;
    // "smash your face in", "break his legs", "torch their mosque": a body or a home is a person.
    if (['your', 'ur', 'his', 'her', 'their', 'the', 'that', 'this', 'every'].includes(w) && (BODY.has(tokens[j + 1]?.text ?? '') || PROPERTY.has(tokens[j + 1]?.text ?? ''))) {
      if (w !== 'the' && w !== 'that' && w !== 'this' && w !== 'every') return j;
      if (PROPERTY.has(tokens[j + 1]!.text) && !['street', 'school', 'schools', 'centre', 'center', 'camp', 'camps', 'flat'].includes(tokens[j + 1]!.text)) return j + 1;
    }
    if (NOT_A_PERSON.has(w) && w !== 'that' && w !== 'this') return undefined;
    if (personAt(analysis, j)) return j;
    if (!DETERMINERS.has(w) && !['every', 'last', 'one', 'single', 'of', 'all', 'the', 'those', 'these', 'off', 'down', 'up', 'out', 'in', 'whole', 'entire', 'lot', 'bloody', 'damn', 'fucking', 'little', 'stupid'].includes(w) && j > start + 1) return undefined;
  }
  return undefined;
}

/** A negation between `from` and `at` ("I would never hurt them"); the model's phases ask it too. */
export function negatedBefore(tokens: Token[], from: number, at: number): boolean {
  return firstNegation(tokens, from, at) < at;
}

/** Where the clause is first negated ("not", "never", "nobody"), or `to` when it is not. */
function firstNegation(tokens: Token[], from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const w = tokens[i]!.text;
    if ((w === 'dont' || w === 'not') && tokens[i - 1]?.text === 'why') continue;
    if (w === 'against' && tokens[i + 2]?.text === 'wall') continue;
    if (NEGATION.has(w) && !(w === 'cant' && tokens[i + 1]?.text === 'wait') && !(w === 'no' && tokens[i + 1]?.text === 'mercy')) return i;
  }
  return to;
}

/** A mode that wants it done, between the clause start and the verb, or the verb leading the clause as an imperative. */
function wantedAt(tokens: Token[], from: number, at: number): number | undefined {
  for (let i = at - 1; i >= from; i--) {
    const w = tokens[i]!.text;
    // "people who want to kill them": a description of someone else's wish.
    if (w === 'who' || w === 'whom' || w === 'which') return undefined;
    // "We'll burn …" is written "well" once the apostrophe is gone; "as well", "very well" are not plans.
    const weWill = w === 'well' && i === at - 1 && !['as', 'very', 'just', 'so', 'quite', 'pretty', 'really'].includes(tokens[i - 1]?.text ?? '');
    if (WANT.has(w) || weWill || (w === 'dont' && tokens[i - 1]?.text === 'why')) {
      // "people who want to kill them" describes someone else's wish; "the reporter who was there should be shot" does not.
      for (let j = i - 1; j >= Math.max(from, i - 2); j--) if (['who', 'whom', 'which'].includes(tokens[j]!.text)) return undefined;
      return i;
    }
    if (w === 'going' && tokens[i + 1]?.text === 'to') return i;
    if ((w === 'death' || w === 'bullet' || w === 'rope') && tokens[i + 1]?.text === 'to') return i;
  }
  // Imperative: nothing but softeners before the verb ("Just shoot them", "Go and hang the traitors").
  let i = from;
  while (i < at && IMPERATIVE_LEAD.has(tokens[i]!.text)) i++;
  return i === at ? at : undefined;
}

/** The words of each sentence, computed once per text. */
const sentenceCache = new WeakMap<Token[], Map<number, Set<string>>>();

function sentenceWords(tokens: Token[], sentence: number): Set<string> {
  let bySentence = sentenceCache.get(tokens);
  if (!bySentence) {
    bySentence = new Map();
    for (const t of tokens) {
      let set = bySentence.get(t.sentence);
      if (!set) bySentence.set(t.sentence, (set = new Set()));
      set.add(t.text);
    }
    sentenceCache.set(tokens, bySentence);
  }
  return bySentence.get(sentence) ?? new Set();
}

const intersects = (a: Set<string>, b: Set<string>) => [...a].some((w) => b.has(w));

function findThreats(analysis: AnalysedText, clause: Clause, findings: ViolenceFinding[]): void {
  const { tokens } = analysis;
  const { from, to } = clause;
  const sentence = sentenceWords(tokens, tokens[from]!.sentence);
  const told = intersects(sentence, REPORT);
  const contest = intersects(sentence, CONTEST);
  const negation = firstNegation(tokens, from, to);
  for (let i = from; i < to; i++) {
    const act = actAt(tokens, i);
    if (!act) continue;
    if (negation < i) continue;
    const reported = told || pastBefore(tokens, from, i);
    // Passive: "Muslims should be shot", "he deserves to be hanged", "they all need stringing up".
    if (act.participle && ['be', 'get', 'got', 'been'].includes(tokens[i - 1]?.text ?? '')) {
      const want = wantedAt(tokens, from, i - 1);
      let target = -1;
      for (let j = from; j < i - 1; j++) if (personAt(analysis, j) || ['he', 'she', 'they'].includes(tokens[j]!.text)) target = j;
      if (want !== undefined && want < i - 1 && target >= 0 && !reported && !(contest && act.force === 'harming')) {
        findings.push({ kind: 'threat', tokens: [target, want, i], rule: 'wishing violence on a person or a group' });
      }
      continue;
    }
    if (!act.base && !tokens[i]!.text.endsWith('ing')) continue;
    const target = objectAfter(analysis, act.first, act.last, to);
    // "I'll hit you up later": a call, not a blow.
    if (target !== undefined && act.last === act.first && tokens[target + 1]?.text === 'up') continue;
    if (target === undefined) continue;
    // "I'll beat you to the top", "beat him at chess": a race, not a blow ("beat you to death" still is).
    if (verbLemmas(tokens[i]!.text).includes('beat') && ['to', 'at'].includes(tokens[target + 1]?.text ?? '') && !['death', 'pulp', 'within', 'a'].includes(tokens[target + 2]?.text ?? '')) continue;
    const targetWord = tokens[target]!.text;
    const addressed = YOU.has(targetWord);
    if (reported && !addressed) continue;
    if (reported && tokens[target]!.quoted) continue;
    // "We'll destroy them on Saturday": a contest, unless it is the reader being threatened with killing,
    // or a home or a body is the object ("vote for it and we'll burn your house down").
    const belongings = PROPERTY.has(tokens[target + 1]?.text ?? '') || BODY.has(tokens[target + 1]?.text ?? '') || PROPERTY.has(targetWord);
    if (contest && !(addressed && act.force === 'killing') && !belongings) continue;
    if (act.force === 'harming' && ['them', 'em', 'all', 'everyone', 'everybody', 'lot'].includes(targetWord) && !intersects(sentence, DEMAND)) continue;
    // "-ing" forms count only after "start", "keep", "go", "love", "enjoy" ("start shooting them").
    if (tokens[i]!.text.endsWith('ing') && !act.base && !['start', 'keep', 'go', 'love', 'enjoy', 'begin', 'need', 'needs', 'deserve', 'deserves'].includes(tokens[i - 1]?.text ?? '')) continue;
    const want = wantedAt(tokens, from, i);
    if (want === undefined) continue;
    // "I would kill for a job like that", "would you kill him?": questions and conditions are not plans.
    if (tokens[want]?.text === 'would' && !['i', 'id', 'we', 'someone', 'somebody', 'happily', 'gladly'].includes(tokens[want - 1]?.text ?? '')) continue;
    findings.push({ kind: 'threat', tokens: want === i ? [i, target] : [want, i, target], rule: act.force === 'killing' ? 'a plan, wish or call to kill a person' : 'a plan, wish or call to hurt a person' });
  }
  // "Death to X", "X must die", "I hope you die", "X need a bullet".
  for (let i = from; i < to; i++) {
    const w = tokens[i]!.text;
    const reported = told || pastBefore(tokens, from, i);
    if (w === 'death' && tokens[i + 1]?.text === 'to' && !reported) {
      // "Death to all Jews", "death to every traitor".
      const who = ['all', 'every', 'the', 'those', 'these'].includes(tokens[i + 2]?.text ?? '') ? i + 3 : i + 2;
      if (personAt(analysis, who)) findings.push({ kind: 'threat', tokens: [i, who], rule: 'calling for death' });
    }
    if (DEATH_WORDS.has(w) && w !== 'death' && !reported && !negatedBefore(tokens, from, i)) {
      const want = wantedAt(tokens, from, i);
      let target = -1;
      for (let j = from; j < i; j++) if (personAt(analysis, j) || ['he', 'she', 'they'].includes(tokens[j]!.text)) target = j;
      if (want !== undefined && want < i && target >= 0 && !['will', 'ill', 'going', 'gonna', 'would'].includes(tokens[want]!.text)) {
        findings.push({ kind: 'threat', tokens: [target, want, i], rule: 'wishing death on a person or a group' });
      }
    }
    if (['bullet', 'rope', 'noose', 'beating', 'kicking', 'gallows', 'guillotine', 'bullets', 'firing'].includes(w) && !reported && !negatedBefore(tokens, from, i)) {
      const before = tokens.slice(Math.max(from, i - 4), i).map((t) => t.text);
      const wanting = before.some((b) => ['need', 'needs', 'deserve', 'deserves', 'get', 'gets', 'give', 'gives', 'giving', 'put', 'bring', 'ready', 'time'].includes(b))
        || (['beating', 'kicking'].includes(w) && tokens.slice(i + 1, i + 4).some((t) => ['deserve', 'deserves', 'deserved'].includes(t.text)));
      let target = -1;
      for (let j = from; j < to; j++) if (j !== i && (personAt(analysis, j) || ['he', 'she', 'they', 'traitors'].includes(tokens[j]!.text))) target = j;
      if (wanting && (target >= 0 || before[0] === 'get')) findings.push({ kind: 'threat', tokens: target >= 0 ? [target, i] : [i], rule: 'wishing a weapon on a person' });
    }
  }
}

/** Threats by the instrument, the damage or the injuries (lexicon/menace.ts), in a sentence that is no report or match. */
function findMenaceIn(analysis: AnalysedText, clause: Clause, findings: ViolenceFinding[]): void {
  const { tokens } = analysis;
  const { from, to } = clause;
  const sentence = sentenceWords(tokens, tokens[from]!.sentence);
  if (intersects(sentence, CONTEST)) return;
  const found: MenaceFinding[] = [];
  findMenace({
    analysis,
    from,
    to,
    reported: intersects(sentence, REPORT) || intersects(sentence, TOLD) || pastBefore(tokens, from, to),
    negation: firstNegation(tokens, from, to),
    personAt: (i) => personAt(analysis, i),
    wantedAt: (at) => wantedAt(tokens, from, at),
  }, found);
  for (const f of found) findings.push({ kind: 'threat', tokens: f.tokens, rule: f.rule });
}

/** "I know where you live", "nice house you have on Elm St", "watch your back", "your days are numbered". */
function findVeiledThreats(analysis: AnalysedText, clause: Clause, findings: ViolenceFinding[]): void {
  const { tokens } = analysis;
  const { from, to } = clause;
  const text = tokens.slice(from, to).map((t) => t.text);
  const at = (k: number) => from + k;
  const sentence = sentenceWords(tokens, tokens[from]!.sentence);
  if (negatedBefore(tokens, from, to) && !text.includes('shame') && !text.includes('pity') && !/\b(?:wont|will not) (?:live|survive|be around|make it|see)\b/.test(text.join(' '))) return;
  if (intersects(sentence, TOLD)) return;
  for (let k = 0; k < text.length; k++) {
    const w = text[k]!;
    const next = text[k + 1] ?? '';
    const rest = text.slice(k + 1, k + 6);
    // "We know which pub you drink in", "I know what time she leaves": the place or the hour of someone's routine.
    const whichPlace = (next === 'which' || next === 'what') && ['pub', 'gym', 'school', 'church', 'mosque', 'bus', 'train', 'route', 'street', 'road', 'house', 'door', 'car', 'time', 'days', 'bar', 'club', 'office', 'station', 'park'].includes(rest[1] ?? '');
    if ((w === 'know' || w === 'found' || w === 'find' || w === 'knows') && (next === 'where' || whichPlace) && rest.some((r) => YOU.has(r) || ['he', 'she', 'they', 'his', 'her', 'their'].includes(r))
      && rest.concat(text.slice(k + 6, k + 9)).some((r) => ['live', 'lives', 'work', 'works', 'sleep', 'sleeps', 'park', 'parks', 'drink', 'drinks', 'go', 'goes', 'are', 'is', 'stay', 'stays', 'walk', 'walks', 'jog', 'jogs', 'school', 'run', 'runs', 'leave', 'leaves', 'train', 'trains', 'pray', 'prays', 'get', 'gets', 'drop', 'drops', 'finish', 'finishes', 'eat', 'eats'].includes(r))) {
      findings.push({ kind: 'threat', tokens: [at(k), at(k + 1)], rule: 'telling someone you know where they are' });
    }
    if (['nice', 'lovely', 'beautiful', 'pretty', 'cute', 'sweet', 'charming'].includes(w)
      && ['house', 'home', 'car', 'family', 'kids', 'children', 'wife', 'husband', 'daughter', 'son', 'dog', 'cat', 'place', 'flat', 'garden', 'office', 'street'].includes(next)
      && ((['you', 'ya', 'u'].includes(text[k + 2] ?? '') && ['have', 'got', 've', 'own'].includes(text[k + 3] ?? '')) || text[k + 2] === 'youve' || text.includes('shame') || text.includes('pity'))) {
      findings.push({ kind: 'threat', tokens: [at(k), at(k + 1)], rule: 'admiring someone\'s home or family as a warning' });
    }
    if ((w === 'shame' || w === 'pity') && rest.includes('if') && rest.some((r) => ['something', 'anything', 'someone'].includes(r))) {
      findings.push({ kind: 'threat', tokens: [at(k)], rule: '"shame if something happened"' });
    }
    if ((w === 'watch' || w === 'mind') && next === 'your' && text[k + 2] === 'back') findings.push({ kind: 'threat', tokens: [at(k), at(k + 2)], rule: '"watch your back"' });
    if (w === 'days' && next === 'are' && text[k + 2] === 'numbered' && text.slice(Math.max(0, k - 2), k).some((r) => r === 'your' || r === 'ur')) findings.push({ kind: 'threat', tokens: [at(k), at(k + 2)], rule: '"your days are numbered"' });
    if (w === 'coming' && next === 'for' && YOU.has(text[k + 2] ?? '')) findings.push({ kind: 'threat', tokens: [at(k), at(k + 2)], rule: '"coming for you"' });
    // "Pay you a visit", "let's pay the editor a visit".
    if (w === 'pay' && rest.slice(0, 5).includes('visit') && rest.slice(0, 3).some((r, n) => YOU.has(r) || ['him', 'her', 'them', 'his', 'their'].includes(r) || personAt(analysis, at(k + 1 + n)))
      && (rest.slice(0, 2).some((r) => YOU.has(r) || ['him', 'her', 'them', 'his', 'their'].includes(r)) || wantedAt(tokens, from, at(k)) !== undefined)) {
      findings.push({ kind: 'threat', tokens: [at(k)], rule: '"pay you a visit"' });
    }
    if (w === 'one' && next === 'eye' && text[k + 2] === 'open') findings.push({ kind: 'threat', tokens: [at(k), at(k + 2)], rule: '"sleep with one eye open"' });
    if (w === 'waiting' && rest.slice(0, 3).includes('outside')) findings.push({ kind: 'threat', tokens: [at(k)], rule: 'waiting outside for someone' });
    if ((w === 'with' || w === 'pay') && next === 'your' && text[k + 2] === 'life') findings.push({ kind: 'threat', tokens: [at(k), at(k + 2)], rule: 'paying with one\'s life' });
    // "You'll end up in a ditch", "people like you end up dead", "you will be found floating".
    if (w === 'end' && next === 'up' && rest.slice(1, 6).some((r) => OUTCOME.has(r)) && text.slice(0, k).some((r) => YOU.has(r) || PERSON.has(r) || r === 'he' || r === 'she' || r === 'they')) {
      findings.push({ kind: 'threat', tokens: [at(k), at(k + 1)], rule: 'telling someone how they will end up' });
    }
    // "You're next", "you are a dead man", "your time is up", "you've been warned", "you'll regret this".
    if ((w === 'youre' || (w === 'you' && next === 'are') || w === 'ur') && rest.slice(0, 4).some((r) => ['next', 'dead', 'toast'].includes(r)) && !rest.includes('to') && !rest.includes('in')) {
      findings.push({ kind: 'threat', tokens: [at(k)], rule: 'telling someone they are next' });
    }
    if (w === 'your' && ['time', 'days', 'hours'].includes(next) && ['is', 'are', 'has'].includes(text[k + 2] ?? '') && ['up', 'numbered', 'coming', 'come', 'short'].includes(text[k + 3] ?? '')) {
      findings.push({ kind: 'threat', tokens: [at(k), at(k + 3)], rule: '"your time is up"' });
    }
    if ((w === 'been' && next === 'warned' && k + 2 === text.length) || (w === 'better' && ['watch', 'run', 'hide', 'careful', 'sleep', 'pray'].includes(next)) || (w === 'while' && next === 'you' && text[k + 2] === 'still' && text[k + 3] === 'can')) {
      findings.push({ kind: 'threat', tokens: [at(k), at(k + 1)], rule: 'a warning' });
    }
    if (w === 'regret' && text.slice(Math.max(0, k - 3), k).some((r) => ['will', 'ill', 'youll', 'gonna', 'going', 'shall'].includes(r)) && text.slice(0, k).some((r) => YOU.has(r) || r === 'youll')) {
      findings.push({ kind: 'threat', tokens: [at(k)], rule: 'telling someone they will regret it' });
    }
    if ((w === 'accidents' || w === 'accident') && rest.slice(0, 3).some((r) => ['happen', 'happens', 'can', 'could', 'waiting'].includes(r))
      && (text.some((r) => YOU.has(r) || r === 'careful') || (rest.includes('to') && rest.slice(rest.indexOf('to') + 1).some((r, n) => ['him', 'her', 'them', 'people'].includes(r) || PERSON.has(r) || isGroupWord(r) || personAt(analysis, at(k + 2 + rest.indexOf('to') + n)))))) {
      findings.push({ kind: 'threat', tokens: [at(k)], rule: '"accidents happen"' });
    }
    if (w === 'careful' && rest.some((r) => ['walking', 'home', 'night', 'park', 'alone', 'dark', 'way'].includes(r))) {
      findings.push({ kind: 'threat', tokens: [at(k)], rule: 'a warning about being out alone' });
    }
    // "I'd love to see them hanged", "can't wait to watch you burn", "I'd pay to see him dead".
    if ((w === 'see' || w === 'watch') && rest.length >= 2) {
      const who = rest.findIndex((r) => YOU.has(r) || PERSON.has(r) || isGroupWord(r));
      const what = rest.slice(who + 1, who + 4);
      const wanting = text.slice(Math.max(0, k - 5), k).some((r) => ['love', 'like', 'want', 'wait', 'pay', 'enjoy', 'glad', 'happy', 'hope', 'cant', 'dream', 'wish'].includes(r));
      if (who >= 0 && who <= 2 && wanting && what.some((r) => DEATH_WORDS.has(r) || r === 'hang' || r === 'hanged' || r === 'swing' || r === 'bleed' || r === 'burned' || r === 'shot' || r === 'killed')) {
        findings.push({ kind: 'threat', tokens: [at(k), at(k + 1 + who)], rule: 'wishing to see a person harmed' });
      }
    }
    // "I hope you get run over", "hope your house burns down", "hope you get cancer".
    if ((w === 'hope' || w === 'wish' || w === 'pray') && rest.slice(0, 2).some((r) => YOU.has(r) || r === 'he' || r === 'she' || r === 'they') && rest.slice(1, 6).some((r) => MISFORTUNE.has(r))) {
      findings.push({ kind: 'threat', tokens: [at(k)], rule: 'wishing harm on someone' });
    }
    // "One more article like this and …", "show your face here again and …", "keep it up and …".
    if (w === 'and' && k >= 2 && rest.slice(0, 4).some((r) => ['youll', 'ill', 'well', 'youre', 'see', 'watch', 'you', 'we', 'i', 'theyll'].includes(r))
      && /\b(?:one more (?:\w+ ){0,4}|keep (?:it up|this up|writing|going|talking|posting)|do that again|show your face|come (?:near|round|here|back)|say that again|write (?:about|one more))/.test(text.slice(0, k).join(' '))
      && rest.slice(0, 8).some((r) => ['dead', 'regret', 'sorry', 'happens', 'pay', 'hurt', 'bleed', 'suffer', 'hospital', 'ditch', 'gone', 'finished', 'see', 'find', 'come', 'visit'].includes(r))) {
      findings.push({ kind: 'threat', tokens: [at(k)], rule: 'a condition with a consequence' });
    }
    // "I'll make you pay", "we'll make him suffer", "you'll get what's coming to you", "you've got it coming".
    if (w === 'make' && rest.slice(0, 2).some((r) => YOU.has(r) || ['him', 'her', 'them'].includes(r)) && rest.slice(1, 3).some((r, n) => ['pay', 'suffer', 'bleed', 'regret', 'disappear', 'sorry', 'scream', 'beg'].includes(r) && ['for', 'dearly', 'with', 'and', undefined].includes(rest[n + 2]))) {
      findings.push({ kind: 'threat', tokens: [at(k)], rule: 'promising to make someone pay' });
    }
    if ((w === 'whats' || w === 'what') && next.startsWith('com') && text.slice(0, k).some((r) => YOU.has(r) || ['he', 'she', 'they', 'his', 'hes', 'theyll', 'hell', 'shell'].includes(r))) {
      findings.push({ kind: 'threat', tokens: [at(k), at(k + 1)], rule: '"what\'s coming to you"' });
    }
    if ((w === 'it' && next === 'coming' && text.slice(Math.max(0, k - 3), k).some((r) => ['got', 'have', 'has', 'had'].includes(r)))
      || (w === 'get' && next === 'yours' && text.slice(0, k).some((r) => YOU.has(r)))) {
      findings.push({ kind: 'threat', tokens: [at(k), at(k + 1)], rule: '"you have it coming"' });
    }
    // "Put you in the ground", "six feet under", "put him in hospital".
    if (w === 'put' && rest.slice(0, 2).some((r) => YOU.has(r) || ['him', 'her', 'them'].includes(r)) && rest.slice(1, 6).some((r) => OUTCOME.has(r) || r === 'ground' || r === 'feet')) {
      findings.push({ kind: 'threat', tokens: [at(k)], rule: 'putting someone in the ground' });
    }
    if (w === 'six' && next === 'feet' && text[k + 2] === 'under') findings.push({ kind: 'threat', tokens: [at(k), at(k + 2)], rule: '"six feet under"' });
    // "You won't live to see Christmas", "you won't be around much longer".
    if (['wont', 'will'].includes(w) && text.slice(Math.max(0, k - 2), k).some((r) => YOU.has(r) || ['he', 'she', 'they'].includes(r))
      && /^(?:not )?(?:live to see|live (?:much )?longer|survive|be around (?:much|for) long|be around much longer|make it to|see (?:christmas|another|the (?:weekend|end|new year)))/.test(rest.join(' '))) {
      findings.push({ kind: 'threat', tokens: [at(k)], rule: 'telling someone they will not live long' });
    }
    // "We're coming to your house", "see you at your office", "I'll be at your door".
    if (['coming', 'come', 'visit', 'visiting', 'outside', 'waiting', 'turn', 'show', 'drop', 'see'].includes(w) && rest.slice(0, 4).some((r) => r === 'your' || r === 'ur')
      && rest.slice(1, 5).some((r) => ['house', 'home', 'door', 'office', 'address', 'work', 'workplace', 'kids', 'family', 'school', 'flat', 'street', 'newsroom', 'car'].includes(r))
      && text.slice(0, k).some((r) => ['i', 'im', 'ill', 'we', 'were', 'well', 'someone', 'somebody', 'they', 'theyre', 'theyll', 'people', 'us'].includes(r))) {
      findings.push({ kind: 'threat', tokens: [at(k)], rule: 'coming to where someone lives or works' });
    }
    // "Someone should teach her a lesson", "we'll make an example of you".
    if (((w === 'teach' && rest.slice(1, 4).includes('lesson')) || (w === 'example' && next === 'of')) && rest.slice(0, 3).some((r) => YOU.has(r) || PERSON.has(r) || isGroupWord(r) || ['him', 'her', 'them'].includes(r))
      && (wantedAt(tokens, from, from + k) !== undefined || text.slice(0, k).some((r) => ['will', 'ill', 'well', 'gonna', 'going', 'should', 'someone', 'somebody', 'needs', 'need', 'time', 'make'].includes(r)))) {
      findings.push({ kind: 'threat', tokens: [at(k)], rule: 'a "lesson" promised to someone' });
    }
    // "I know your address", "I've seen your car", "we know which school your kids go to", "hope your kids stay safe".
    const watching = ['seen', 'watching', 'watched', 'followed', 'following'].includes(w);
    const which = (next === 'which' || next === 'what') && rest.slice(1, 5).some((r) => r === 'your' || r === 'ur');
    if ((['know', 'found', 'got', 'have'].includes(w) || watching) && (next === 'your' || next === 'ur' || which)
      && rest.slice(1, 6).some((r) => PLACES.has(r) || ((watching || which) && FAMILY.has(r))) && text.slice(0, k).some((r) => ['i', 'ive', 'im', 'we', 'weve', 'were', 'they', 'theyve', 'people', 'everyone', 'someone', 'somebody'].includes(r))) {
      findings.push({ kind: 'threat', tokens: [at(k), at(k + 1)], rule: 'telling someone you know where they or their family are' });
    }
    if ((w === 'lock' && next === 'your' && rest[1] === 'doors' && !ADVICE.test(tokens.map((t) => t.text).join(' '))) || (w === 'over' && next === 'your' && rest[1] === 'shoulder' && text.slice(Math.max(0, k - 2), k).includes('look'))
      || (w === 'enjoy' && next === 'your' && ['walk', 'drive', 'last', 'final', 'days', 'sleep'].includes(rest[1] ?? '')) || (w === 'sleep' && ['tight', 'well'].includes(next) && text.some((r) => YOU.has(r) || r === 'tonight') && text.length <= 5)) {
      findings.push({ kind: 'threat', tokens: [at(k)], rule: 'a warning' });
    }
    if ((w === 'shame' || w === 'pity') && rest.slice(0, 2).includes('if') && rest.slice(1, 4).some((r) => r === 'your' || r === 'ur')) {
      findings.push({ kind: 'threat', tokens: [at(k)], rule: '"shame if your …"' });
    }
    if ((w === 'reckoning' && text.slice(Math.max(0, k - 3), k).includes('day')) || (w === 'day' && next === 'will' && rest[1] === 'come' && text.slice(Math.max(0, k - 2), k).some((r) => r === 'your' || r === 'their'))) {
      findings.push({ kind: 'threat', tokens: [at(k)], rule: 'a day of reckoning' });
    }
    const forWhom = ['the', 'all', 'those', 'every', 'you'].includes(rest[1] ?? '') && rest[1] !== 'you' ? rest[2] ?? '' : rest[1] ?? '';
    if ((w === 'coming' || w === 'come') && next === 'for' && (PERSON.has(forWhom) || isGroupWord(forWhom)) && !YOU.has(forWhom) && text.slice(0, k).some((r) => ['we', 'were', 'well', 'they', 'theyre', 'theyll', 'i', 'im', 'ill'].includes(r))) {
      findings.push({ kind: 'threat', tokens: [at(k), at(k + 2)], rule: '"coming for" a person or group' });
    }
    if (w === 'get' && next === 'what' && rest.slice(1, 3).some((r) => ['they', 'you', 'he', 'she'].includes(r)) && rest.slice(2, 4).includes('deserve') && text.slice(0, k).some((r) => YOU.has(r) || PERSON.has(r) || isGroupWord(r) || ['like', 'they', 'he', 'she'].includes(r))) {
      findings.push({ kind: 'threat', tokens: [at(k), at(k + 1)], rule: '"get what they deserve"' });
    }
    // "Traitors will hang", "journalists like her will swing one day".
    if ((w === 'hang' || w === 'swing') && ['will', 'shall', 'gonna'].includes(text[k - 1] ?? '') && text.slice(0, k - 1).some((r) => PERSON.has(r) || isGroupWord(r) || ['they', 'he', 'she', 'traitors', 'traitor'].includes(r))) {
      findings.push({ kind: 'threat', tokens: [at(k)], rule: 'promising someone the rope' });
    }
    if (w === 'against' && ['the', 'a'].includes(next) && text[k + 2] === 'wall' && text.slice(Math.max(0, k - 4), k).some((r) => ['first', 'line', 'up', 'lined', 'stand', 'put'].includes(r))
      && text.slice(0, k).some((r, n) => YOU.has(r) || ['him', 'her', 'them', 'em', 'they', 'he', 'she'].includes(r) || personAt(analysis, at(n)) || isGroupWord(r) || r === 'traitors')) {
      findings.push({ kind: 'threat', tokens: [at(k), at(k + 2)], rule: '"up against the wall"' });
    }
    // "A bullet with your name on it", "bullets are cheap", "I own a gun, you know".
    if ((w === 'bullet' || w === 'bullets') && rest.slice(0, 3).some((r) => r === 'name' || r === 'cheap')) findings.push({ kind: 'threat', tokens: [at(k)], rule: 'a bullet for someone' });
    if ((w === 'say' && next === 'that' && rest.slice(1, 4).includes('face')) || (w === 'meet' && next === 'me' && rest.slice(1, 3).includes('outside'))) {
      findings.push({ kind: 'threat', tokens: [at(k)], rule: 'a challenge to fight' });
    }
  }
}

const UNWANTED_ALIVE = [
  /\b(?:nobody|no one|noone|no body) (?:would|will|is going to|gonna|d|ll) (?:even |ever |really )?(?:miss|care|notice|mourn)\b.*\b(?:you|u|ur)\b/,

  /\b(?:nobody|no one|noone) (?:would|will) (?:miss|care about|notice) (?:you|u)\b/,
  /\b(?:would|will|d) be (?:a )?better (?:place |off )?(?:without|if) (?:you|u)\b/,
  /\b(?:you|u) (?:dont|do not) deserve to (?:live|exist|breathe|be alive)\b/,
  /\b(?:you|u) (?:should|shouldnt|should not) (?:even )?(?:exist|be alive|have been born)\b/,
];
/** Unwanted-alive shapes tried only when one of their words is in the clause. */
const KEYED_UNWANTED: Array<[RegExp, Set<string>]> = [
  [/\bif (?:you|u) (?:just )?(?:stopped|stop|ceased|quit) (?:existing|breathing|living|being alive)\b|\b(?:one|1) less (?:of )?(?:you|u)\b/, words('existing breathing living alive less')],
  [/\b(?:consider|considered|try|tried|think about|thought about) not (?:being alive|existing|living|breathing)\b/, words('existing alive living breathing')],
  [/\bif (?:you|u) (?:hate|dont like|cant stand|are so unhappy with) (?:\w+ ){0,6}the (?:\w+ )?(?:river|thames|bridge|canal|cliff|motorway|railway|tracks|pier|sea) (?:is|are) (?:right )?(?:there|over there|just there|that way|waiting)\b/, words('hate like stand unhappy')],
];
const SUICIDE_CALLS = [
  /(?:^|\b(?:go|just|pls|please|so|and|why dont you|now) )(?:die|die already|die in a (?:fire|hole|ditch))\b(?! (?:down|out|off|hard|laughing))/,
  /\b(?:go|just|should|pls|please|why dont you|need to|to) commit (?:suicide|sewer ?slide|seppuku|die)\b/,
  /\b(?:delete|end|off|remove) (?:yourself|urself|ur self|your self)\b/,
  /\b(?:step|walk|lie|lay|jump) (?:in front of|onto|on to|under) (?:a|the) (?:train|bus|truck|lorry|tracks|traffic)\b/,
  /\b(?:eat|swallow|suck on) (?:a |the )?(?:bullet|shotgun|gun|pills)\b(?! shaped)/,
  /\b(?:blow|shoot) (?:your|ur) (?:brains|head) (?:out|off)\b/,
  /\b(?:overdose|od) (?:already|pls|please|and die)\b|\b(?:go|just) (?:overdose|od)\b/,
  /\bsewer ?slide\b|\bunalive\b/,
  // "If I were you I'd have killed myself": the writer's own act, wished on the one addressed.
  /\bif i (?:were|was) (?:you|u) (?:id|i would|i d)(?: have| of| just)? (?:kill|killed|hang|hanged|hung|top|topped|end|ended|off|offed|shoot|shot|neck|necked) myself\b/,
];
const SELF_HARM_VERBS = words('kill hang neck rope off unalive end hurt harm cut slit shoot stab drown poison starve burn suffocate strangle top');
const POISONS = words('bleach poison antifreeze pills drano cyanide arsenic paracetamol tablets aspirin sleeping painkillers tylenol');
const HEIGHTS = words('bridge cliff building roof window pier balcony train bus tower storey multistorey carpark viaduct flyover');
const FAVOUR_ACTS = words('jump die disappear leave quit end stop vanish kys unalive');

function findSelfHarm(analysis: AnalysedText, clause: Clause, findings: ViolenceFinding[]): void {
  const { tokens } = analysis;
  const { from, to } = clause;
  const sentence = sentenceWords(tokens, tokens[from]!.sentence);
  if (intersects(sentence, SUPPORT) && !intersects(sentence, PLAIN_INCITEMENT)) return;
  const negation = firstNegation(tokens, from, to);
  for (let i = from; i < to; i++) {
    const w = tokens[i]!.text;
    const next = tokens[i + 1]?.text ?? '';
    if (negation < i) break;
    if (w === 'kys' || w === 'kys.' || (w === 'an' && next === 'hero')) {
      findings.push({ kind: 'self-harm', tokens: [i], rule: 'telling someone to kill themselves' });
      continue;
    }
    const lemma = SELF.has(next) || next === 'ur' || next === 'your' ? verbLemmas(w).find((l) => SELF_HARM_VERBS.has(l)) : undefined;
    const ownLife = tokens[i + 2]?.text === 'own' && tokens[i + 3]?.text === 'life';
    if (lemma && (SELF.has(next) || (next === 'ur' && tokens[i + 2]?.text === 'self') || (next === 'your' && (ownLife || ['life', 'wrists', 'wrist', 'throat', 'self'].includes(tokens[i + 2]?.text ?? ''))))) {
      // "If you are thinking of killing yourself" is help, not incitement; "you should kill yourself" is not.
      const want = wantedAt(tokens, from, i);
      const advised = /\b(?:best|only|kindest|right) thing (?:you|u) (?:could|can|should) do\b/.test(tokens.filter((t) => t.sentence === tokens[i]!.sentence).map((t) => t.text).join(' '));
      if (want !== undefined || advised || ['why', 'pls', 'please', 'go', 'just'].some((x) => sentence.has(x)) || w === 'unalive') {
        findings.push({ kind: 'self-harm', tokens: [i, i + 1], rule: 'telling someone to harm themselves' });
      }
      continue;
    }
    if (w === 'unalive') {
      findings.push({ kind: 'self-harm', tokens: [i], rule: 'telling someone to kill themselves' });
      continue;
    }
    if ((['drink', 'swallow', 'eat', 'chug', 'inject'].includes(w) || (['take', 'neck', 'down'].includes(w) && tokens.slice(i + 1, i + 4).some((t) => ['bottle', 'box', 'packet', 'pack', 'whole', 'all', 'tub', 'jar'].includes(t.text))))
      && tokens.slice(i + 1, i + 6).some((t) => POISONS.has(t.text)) && wantedAt(tokens, from, i) !== undefined) {
      findings.push({ kind: 'self-harm', tokens: [i, i + 1], rule: 'telling someone to poison themselves' });
    }
    if (['find', 'climb', 'go'].includes(w) && tokens.slice(i + 1, i + 5).some((t) => HEIGHTS.has(t.text)) && wantedAt(tokens, from, i) !== undefined
      && /\b(?:jump|quick way down|fast way down|step off|lean over|take a dive|swan dive|long way down)\b/.test(tokens.slice(i, Math.min(tokens.length, i + 14)).map((t) => t.text).join(' '))) {
      findings.push({ kind: 'self-harm', tokens: [i], rule: 'telling someone to jump' });
    }
    if (w === 'jump' && tokens.slice(i + 1, i + 6).some((t) => HEIGHTS.has(t.text)) && wantedAt(tokens, from, i) !== undefined) {
      findings.push({ kind: 'self-harm', tokens: [i], rule: 'telling someone to jump' });
    }
    // "Do everyone a favour and jump", "do the world a favor and disappear".
    if ((w === 'favour' || w === 'favor') && next === 'and' && FAVOUR_ACTS.has(tokens[i + 2]?.text ?? '') && tokens.slice(Math.max(from, i - 4), i).some((t) => t.text === 'do')) {
      findings.push({ kind: 'self-harm', tokens: [i, i + 2], rule: 'telling someone to end their life' });
    }
    if (w === 'play' && next === 'in' && tokens[i + 2]?.text === 'traffic') findings.push({ kind: 'self-harm', tokens: [i, i + 2], rule: '"go play in traffic"' });
    if (w === 'walk' && tokens.slice(i + 1, i + 4).some((t) => t.text === 'off') && tokens.slice(i + 2, i + 6).some((t) => t.text === 'pier' || t.text === 'cliff')) findings.push({ kind: 'self-harm', tokens: [i], rule: '"a long walk off a short pier"' });
    if (w === 'stop' && next === 'breathing' && wantedAt(tokens, from, i) !== undefined) findings.push({ kind: 'self-harm', tokens: [i, i + 1], rule: 'telling someone to stop breathing' });
    if (w === 'still' && next === 'alive' && sentence.has('why') && (sentence.has('you') || sentence.has('u'))) findings.push({ kind: 'self-harm', tokens: [i, i + 1], rule: 'asking why someone is still alive' });
    if (w === 'end' && next === 'it' && (wantedAt(tokens, from, i) !== undefined) && (sentence.has('you') || sentence.has('already') || tokens[i + 2]?.text === 'all')) {
      findings.push({ kind: 'self-harm', tokens: [i, i + 1], rule: 'telling someone to end it' });
    }
  }
  // "Nobody would miss you", "the world would be a better place without you", "you don't deserve to live".
  const text = tokens.slice(from, to).map((t) => t.text).join(' ');
  const unwanted = UNWANTED_ALIVE.some((p) => p.test(text)) || KEYED_UNWANTED.some(([p, keys]) => tokens.slice(from, to).some((t) => keys.has(t.text)) && p.test(text));
  for (const pattern of unwanted ? [/$/] : []) {
    if (pattern.test(text)) {
      findings.push({ kind: 'self-harm', tokens: [from], rule: 'telling someone nobody wants them alive' });
      break;
    }
  }
  // "Go die", "just die already", "die in a fire", "commit suicide", "delete yourself", "step in front of a train".
  for (const pattern of SUICIDE_CALLS) {
    const match = pattern.exec(text);
    if (match) {
      findings.push({ kind: 'self-harm', tokens: [from], rule: 'telling someone to end their life' });
      break;
    }
  }
}

/** A warning given as neighbourly advice: break-ins, a storm, scammers about. */
const ADVICE = /\b(?:break ins?|breakins?|burglar\w*|thefts?|thieves|robber\w*|storm|storms|flood\w*|scam\w*|police (?:warn|say|advise)|warning|heads up|be safe|stay safe)\b/;

/** Words with which a writer condemns what they quote or report. */
const CONDEMN = words(`disgusting disgraceful vile abuse abusive threat threats threatening unacceptable appalling shameful sickening horrible
  horrific awful wrong evil criminal crime illegal harassment hateful prosecuted prosecute charged jailed banned reported report police
  condemn condemned outrageous cowardly cowards`);
const THIRD = words('he she they someone somebody who man woman bloke guy accused defendant');
const WROTE = words('wrote writes write writing said says say saying told tells telling posted posts posting tweeted messaged emailed sent shouted shouting yelled called calls calling claim claims claiming suggest suggests suggesting');

/** Whom an agent noun may be aimed at: "Journalist Hunter", "JewKiller", "slayer of immigrants". */
const TARGETED = words('journalist journalists reporter reporters press media hack hacks cop cops police liberal liberals leftist leftists libtard libtards commie commies tory tories mp mps politician politicians');

/** Whether a word is a violent verb made a noun ("killer", "slayer"), worked out once per word. */
const agents = new Map<string, boolean>();

function isViolentAgent(word: string): boolean {
  let agent = agents.get(word);
  if (agent !== undefined) return agent;
  const m = /^(\w{3,}?)(?:er|ers|or|ors|r|rs)$/.exec(word);
  // "murder" and "butcher" are verbs already: the grammar above reads them.
  if (!m || readingsOf(word).length > 0) agent = false;
  else {
    const stems = [m[1]!, `${m[1]!}e`, m[1]!.replace(/(.)\1$/, '$1')];
    agent = stems.some((stem) => verbLemmas(stem).some((l) => KILLING.single.has(l) || l === 'hunt' || l === 'bash' || l === 'bomb'));
  }
  if (agents.size < 20_000) agents.set(word, agent);
  return agent;
}

/** "Killer", "slayer", "exterminator": a violent verb made a noun, next to the people it is aimed at. */
function findAgents(analysis: AnalysedText, findings: ViolenceFinding[]): void {
  const { tokens } = analysis;
  tokens.forEach((t, i) => {
    if (!isViolentAgent(t.text)) return;
    for (const j of [i - 2, i - 1, i + 1, i + 2]) {
      const near = tokens[j];
      if (near && near.sentence === t.sentence && (isGroupWord(near.text) || TARGETED.has(near.text) || (j === i - 1 && /s$/.test(near.text) && isGroupWord(near.text.replace(/s$/, ''))))) {
        findings.push({ kind: 'threat', tokens: [Math.min(i, j), Math.max(i, j)], rule: 'calling oneself a killer of a group or a trade' });
        return;
      }
    }
  });
}

export function findViolence(analysis: AnalysedText): ViolenceFinding[] {
  const findings: ViolenceFinding[] = [];
  const { tokens } = analysis;
  if (tokens.length === 0) return findings;
  findAgents(analysis, findings);
  for (const clause of clausesOf(tokens)) {
    findThreats(analysis, clause, findings);
    findVeiledThreats(analysis, clause, findings);
    findMenaceIn(analysis, clause, findings);
    findSelfHarm(analysis, clause, findings);
  }
  if (findings.length === 0) return findings;
  // A quote the writer condemns ("He told her to drink bleach. That is abuse.") is reporting, not endorsing:
  // only the quoted words, and sentences that report what someone said, are excused. A condemnation
  // elsewhere in the comment does not excuse the writer's own threat ("Your views are vile. I know where you live.").
  const reports = (t: Token) => WROTE.has(t.text) || isReportingWord(t.text);
  const condemns = tokens.some((t) => !t.quoted && (CONDEMN.has(t.text) || isCondemningWord(t.text)));
  // "'Kill all journalists' is what he posted": quoted words said to be someone else's are reported, not the writer's.
  const attributed = new Set(tokens.filter((t, i) => !t.quoted && WROTE.has(t.text) && THIRD.has(tokens[i - 1]?.text ?? '')).map((t) => t.sentence));
  if (!condemns) return findings.filter((f) => !(attributed.has(tokens[f.tokens[0]!]!.sentence) && f.tokens.every((i) => tokens[i]!.quoted)));
  const reporting = new Set(tokens.filter((t) => !t.quoted && reports(t)).map((t) => t.sentence));
  return findings.filter((f) => !f.tokens.some((i) => tokens[i]!.quoted || reporting.has(tokens[i]!.sentence)));
}
