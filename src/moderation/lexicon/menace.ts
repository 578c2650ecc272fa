import type { AnalysedText } from '../text/normalize.js';
import { isGroupWord } from './hate.js';

/**
 * Threats that name no verb of violence but what it would be done with, or what would be left:
 * an instrument of violence wished on a person ("a rope for every traitor", "somebody should put
 * a brick through her window", "get the pitchforks"), an end "for good" ("someone needs to deal
 * with the mayor permanently"), damage to what someone owns ("slash his tyres"), the injuries
 * promised ("you'll be eating through a straw") and time alone with someone ("five minutes in a
 * dark alley with the author"). Each needs a person in the sentence and a mode that wants it done;
 * what a report, a negation or a match says with the same words is left to the caller's tests.
 */

export interface MenaceFinding {
  tokens: number[];
  rule: string;
}

/** What the caller (violence.ts) knows of the sentence around a clause. */
export interface MenaceContext {
  analysis: AnalysedText;
  from: number;
  to: number;
  /** The sentence reports or tells a story (police said, the film): leave it. */
  reported: boolean;
  /** Where the clause is first negated, or `to`. */
  negation: number;
  personAt(i: number): boolean;
  /** A mode that wants it done before `at` (plan, wish, demand, imperative), if any. */
  wantedAt(at: number): number | undefined;
}

const words = (s: string) => new Set(s.split(/\s+/).filter(Boolean));

/** Things people are hanged, shot, burned or beaten with. */
const INSTRUMENTS = words(`rope noose nooses lamppost lampposts gallows guillotine guillotines gibbet pitchfork pitchforks torches
  shotgun rifle gun pistol bullet bullets knife machete machetes crowbar crowbars bat acid petrol gasoline brick bricks molotov molotovs
  firebomb chainsaw axe pickaxe`);
/** Guns are argued about more than wished on anyone: they count only "for" someone or as the writer's own, told to "you". */
const GUNS = words('shotgun rifle gun pistol bullet bullets');
/** Instruments that are also ordinary words: they count only with a person and a wanting mode close by. */
const COMMON_INSTRUMENTS = words('bat knife brick bricks axe petrol gasoline torches');
/** "Give", "get", "bring back": what is done with an instrument when it is wished on someone. */
const WIELD = words('grab bring fetch give put throw string hang sharpen light pour load ready');
/** Verbs that make someone go away for good when "permanently", "for good" or "once and for all" follow. */
const SETTLE = words('deal sort take silence shut finish handle see stop remove get');
const FOR_GOOD = words('permanently forever');
/** Damage done to someone's belongings as a warning. */
const DAMAGE = words('slash slashed key keyed smash torch brick petrol firebomb trash wreck vandalise vandalize burn');
const BELONGINGS = words('car cars tyres tires windows window house home office shop door doors van bike windscreen garage');
const POSSESSIVE = words('your ur his her their');
/** What someone is left with after a beating. */
const INJURIES = [
  /\b(?:eating|drinking|breathing|feeding) (?:through|from|out of) (?:a )?(?:straw|tube)\b/,
  /\b(?:pick|picking) (?:up )?(?:your|his|her|their) teeth\b/,
  /\b(?:wont|will not|never) (?:be )?(?:walk|talk|see|write|type|work|play|report)(?:s|ing)? (?:again|away|straight)\b/,
  /\b(?:scraping|scrape|peel|peeling|hose|hosing) (?:you|him|her|them) (?:off|up off) (?:the )?(?:pavement|road|floor|street|tarmac)\b/,
  /\b(?:one way|oneway) ticket to (?:the )?(?:morgue|grave|cemetery|graveyard|hospital)\b/,
  /\bneed (?:a )?(?:new (?:face|kneecaps|teeth)|dental records|a wheelchair)\b/,
];
/** What a curse wishes on someone or on what they are in: a crash, a flood, a fire, an illness, a grave. */
const CALAMITY = words(`crash crashes crashed sinks sink sank floods flood flooded burns burn burned burnt explodes explode blows collapses
  collapse cancer suffer suffers rot rots die dies dead drown drowns river ditch morgue grave coffin hospital pavement tumour stroke
  torches torch torched firebombs bricks`);
/** Someone's family and belongings, watched: "saw your daughter at the school gates", "your wife walks the dog at 7". */
const WATCHED = words('daughter daughters son sons kids children wife husband partner family mum mother dad car house home flat door');
const ROUTINE = words(`walks walk drives drive leaves leave goes go gets get parks park jogs jog runs run takes take picks collects arrives comes
  plays cycles catches`);
const ROUTINE_WHEN = words('every morning night evening alone past usually always same route at oclock pm am');
/** "With her in it", "with them inside": a fire or flood wished on a place with people in it. */
const WITH_INSIDE = /\bwith (?:you|him|her|them|his \w+|her \w+|their \w+|your \w+|the \w+|everyone|everybody|people) (?:still )?(?:in it|inside|in there|in them|trapped)\b/;
/** Wishes and warnings that name their harm without a verb of violence; each needs a person in the sentence. */
const OMENS: Array<[RegExp, string]> = [
  [/\b(?:should|must|deserves? to|needs? to|ought to) be (?:left )?(?:hanging|swinging|dangling|strung up) (?:from|off)\b/, 'wishing someone hanged'],
  [/\b(?:should|must|deserves? to|needs? to|ought to) be put down like\b/, 'wishing someone put down'],
  [/\b(?:should|better|had better|wants to|needs to|ought to) watch (?:himself|herself|themselves|yourself|yourselves|your back|his back|her back|your step|his step|her step)\b/, 'a warning'],
  [/\b(?:hes|shes|youre|theyre|you are|he is|she is|they are|youll|hell|shell|theyll) (?:be )?(?:getting|get) (?:a |an |the )?(?:slap|smack|kicking|hiding|beating|good hiding|thumping|battering|bullet|knife)\b/, 'promising a beating'],
  [/\b(?:wouldnt|would not|wont|will not|not) (?:shed a (?:single )?tear|lose (?:any )?sleep|cry|mourn|grieve)\b.*\bif\b/, 'wishing someone dead'],
  [/\b(?:world|country|town|city|planet|place) (?:would|will|d) be (?:a )?better (?:place |off )?(?:without|if)\b/, 'wishing someone gone'],
  [/\b(?:shame|pity|terrible|awful|tragic|sad) if (?:your|ur|his|her|their|something|anything)\b/, '"shame if something happened"'],
  [/\b(?:make sure|see to it that) (?:you|he|she|they|the \w+|that \w+) (?:never|wont|will never|cannot|cant) (?:\w+ ){0,5}again\b/, 'promising someone will never again'],
];
/** Omens tried only when one of their words is in the clause: most comments hold none of them. */
const KEYED_OMENS: Array<[RegExp, string, Set<string>]> = [
  // "Would look lovely dangling from a bridge", "journalists will be the first to swing".
  [/\b(?:swinging|dangling|hanging|swing|dangle) (?:from|off) (?:a|the|that|every|his|her|their) (?:\w+ )?(?:lamppost|lampposts|lamp post|tree|trees|bridge|bridges|rope|gallows|beam|crane|rafters|noose|gibbet)\b/, 'wishing someone hanged', words('swinging dangling hanging swing dangle')],
  [/\b(?:first|next) to (?:swing|hang|be hanged|be hung|be shot|face the wall|go up against)\b/, 'promising someone the rope', words('first next')],
  // "Pushing up daisies", "sleeping with the fishes": a death foretold.
  [/\b(?:pushing|push) up (?:the )?daisies\b|\bsleep(?:ing)? with the fishes\b|\bin a body ?bag\b|\bsix foot under\b/, 'foretelling someone\'s death', words('daisies fishes body bodybag six')],
  // "Be a shame if that shiny new van of yours caught fire."
  [/\b(?:shame|pity) if (?:\w+ ){0,5}(?:of yours|of his|of hers|of theirs)\b/, '"shame if something happened"', words('yours his hers theirs')],
  // "Best keep an eye on your children", "you'd better look after that car of yours".
  [/\b(?:best|better|might want to|want to|would) (?:keep (?:an eye|a close eye|watch) on|look after|watch over|keep) (?:your|ur|his|her) (?:kids|children|family|wife|husband|daughter|son|car|house|home|windows|dog)\b(?! (?:safe|warm|away from|near|out of|off|in|indoors|inside)\b)/, 'a warning about someone\'s family', words('best better want would')],
  // "Drag these traitors from their homes", "haul them out of their beds".
  [/\b(?:drag|dragged|dragging|haul|hauled|pull|pulled|rip|ripped) (?:\w+ ){1,3}(?:from|out of) (?:their|his|her|your) (?:homes|home|houses|house|beds|bed|cars|car|offices|office)\b/, 'dragging people from their homes', words('drag dragged dragging haul hauled pull pulled rip ripped')],
  // "We'll run them out of this town one way or another".
  [/\b(?:run|drive|chase|burn|hound|force|kick) (?:them|him|her|you|em|those \w+|these \w+|the \w+) out of (?:this |the |our |my )?(?:town|country|village|city|area|estate|street|neighbourhood|neighborhood|county)\b.*\b(?:one way or another|by force|whatever it takes|by any means|or else)\b/, 'a call to drive people out by force', words('way force takes means else')],
  [/\b(?:by whatever means|by any means necessary|whatever it takes)\b.*\b(?:never|again|out|gone|silenced|stopped)\b|\b(?:never|again|out|gone) (?:\w+ ){0,4}(?:by whatever means|by any means necessary|whatever it takes)\b/, 'a call to stop someone by any means', words('means takes')],
  // "Blindfold and a wall", "give him a blindfold": an execution.
  [/\b(?:give|gives|given) (?:him|her|them|you|em|\w+) a blindfold\b|\bblindfold and a (?:wall|cigarette)\b/, 'wishing someone executed', words('blindfold')],
];
const ALONE = /\b(?:(?:five|5|ten|10|two|2|few) minutes|an hour|a minute|one night) (?:alone with|in a (?:dark |quiet )?(?:alley|room|car park|carpark)(?: alone)? with|with (?:\w+ ){1,3}and (?:a|my) (?:bat|baseball bat|hammer|crowbar|knife|brick))\b|\bdark alley\b/;
const YOU = words('you u ya yall youse your ur yourself youll youre youd youve yours');
const PERSONS_THIRD = words('he she they him her them his their hes shes theyre theyll');

const before0 = (text: string[], k: number) => text.slice(Math.max(0, k - 3), k);
/** Named people a hanging is wished on (capitalised words are not enough: "the Christmas lights hanging from every lamppost"). */
const HANGED = words('mayor judge judges councillor councillors reporter reporters journalist journalists editor editors mp mps traitors traitor politicians politician minister ministers author writer bankers lawyers');

/** A person in the sentence of token `around`, other than `around` itself unless `itself` (the clause's first word may be "you"). */
function sentenceTarget(ctx: MenaceContext, around: number, itself = false): number {
  const { tokens } = ctx.analysis;
  const sentence = tokens[around]!.sentence;
  for (let j = 0; j < tokens.length; j++) {
    if (tokens[j]!.sentence !== sentence || (j === around && !itself)) continue;
    const w = tokens[j]!.text;
    if (YOU.has(w) || PERSONS_THIRD.has(w) || ctx.personAt(j) || isGroupWord(w) || w === 'traitors' || w === 'traitor') return j;
  }
  return -1;
}

/**
 * What someone is left in, on or with after a beating: "in a wheelchair", "on crutches", "a broken
 * jaw", "a new set of teeth", "knocked out". Told to "you" as what will happen, or wished on
 * someone, it promises the beating without naming it.
 */
const INJURY_PLACES = words('wheelchair wheelchairs crutches stitches plaster coma hospital icu neckbrace');
const INJURY_PARTS = words(`jaw jaws nose noses legs leg arms arm ribs rib kneecaps kneecap knees knee fingers finger neck skull teeth face cheekbone
  hands hand back spine collarbone ankles wrists eye`);
const INJURED = words('broken busted smashed snapped shattered cracked fractured black bloody split missing wired');
const BEATEN = words('knocked flattened decked leathered battered glassed kneecapped chinned floored spark sparked hospitalised hospitalized');
const FRESH = words('new false replacement');
/** "after the operation", "get well soon": an injury told with care, not as a promise. */
const CARE = words(`surgery operation op accident fall fell injury injured recover recovery recovering physio doctor doctors nurse nhs well soon
  sorry poor careful ice slippery stairs ladder skiing rugby football match tackle bike crash`);
/** A future or a state to come: "you'll be", "you're getting", "by Christmas". */
const FUTURE = words('will ll youll hell shell theyll gonna going getting be needing need end wake');
/** Swagger that a beating will take away: "you won't be so smug with a broken jaw". */
const SWAGGER = words('smug brave cocky tough hard clever funny mouthy gobby lippy big confident chatty cheeky brave bold loud');
/** "Deal with", "sort out", "take care of": said of a person with a wish or a plan, an end without a verb of violence. */
const SETTLED = [
  /\b(?:dealt with|sorted out|sorted|taken care of|taken out|dragged out|done in|done over|made an example of|taught (?:a lesson|some respect|some manners|what happens))\b(?! (?:of|accordingly|by|in court|legally|through))/,
];
/** Who may settle someone lawfully: "dealt with by the courts". */
const LAWFUL = /\b(?:by|at|through|in) (?:the )?(?:police|courts?|law|council|authorities|ombudsman|voters|electorate|regulator|ballot box|polls|election|next election|tribunal|disciplinary|standards|ipso|ofcom)\b/;
/** Words without one of which no "dealt with", "sort him out" is read. */
const SETTLE_KEYS = words('dealt sorted sort deal taken dragged done made taught');
const SETTLE_MODAL = words('will ll hell shell theyll youll should must need needs deserve deserves going gonna wants ought better time');
const EXPEL = words('drive driven drove run force forced kick kicked chase chased throw thrown push pushed burn burned smoke smoked clear cleared');
/** A call to find or publish where someone lives. */
const FIND_VERBS = words('find post share publish leak dig get look track put pass send dox doxx');
const WHERE = words('address addresses postcode postcodes whereabouts reg plate plates');
/** Streets and doors: "lives on Fenwick Road", "blue door", "number 14". */
const STREET = words('road rd street st lane ln avenue ave close drive crescent terrace way estate door number flat cul grove gardens mews court square place');
const TELLING_FAMILY = words('daughter daughters son sons kids children wife husband family girl boy lad lass baby partner grandkids');
/** People named as vermin or enemies: "deal with the vermin", "drive the invaders out". */
const DEHUMANISED = words('vermin scum traitors traitor invaders invader rats filth parasites cockroaches lot mob rabble');
const CARE_ALL = /\b(?:congratulations|congrats|lucky|blessed|proud|enjoy|cherish|treasure|hug)\b/;
const THINK = /\b(?:think about (?:that|it|them|her|him)|remember that|be a (?:shame|pity)|would hate (?:for|if|to)|be careful|careful now|keep (?:them|her|him) safe|just saying|wouldnt want)\b/;

export function findMenace(ctx: MenaceContext, findings: MenaceFinding[]): void {
  const { tokens } = ctx.analysis;
  const { from, to } = ctx;
  if (ctx.reported) return;
  const text = tokens.slice(from, to).map((t) => t.text);
  const line = text.join(' ');
  for (let i = from; i < to; i++) {
    if (ctx.negation < i) break;
    const w = tokens[i]!.text;
    const next = tokens[i + 1]?.text ?? '';
    if (tokens[i]!.quoted) continue;
    // "A rope for every traitor", "bullets for journalists", "RopeForJournalists".
    const forAt = [1, 2, 3].map((d) => i + d).find((j) => j < to && tokens[j]!.text === 'for');
    if (INSTRUMENTS.has(w) && forAt !== undefined && (forAt === i + 1 || tokens.slice(i + 1, forAt).every((t) => ['out', 'ready', 'up', 'back', 'now'].includes(t.text)))) {
      const whom = ['every', 'all', 'the', 'each', 'those', 'these'].includes(tokens[forAt + 1]?.text ?? '') ? forAt + 2 : forAt + 1;
      if (whom < to && (ctx.personAt(whom) || isGroupWord(tokens[whom]!.text) || ['traitors', 'traitor'].includes(tokens[whom]!.text))) {
        findings.push({ tokens: [i, whom], rule: 'an instrument of violence for a person or group' });
        continue;
      }
    }
    if (INSTRUMENTS.has(w)) {
      const target = sentenceTarget(ctx, i);
      if (target < 0) continue;
      const near = tokens.slice(Math.max(from, i - 8), i).map((t) => t.text);
      const wielded = near.some((n) => WIELD.has(n));
      const wieldAt = i - 1 - [...near].reverse().findIndex((n) => WIELD.has(n));
      const want = ctx.wantedAt(i) ?? (wielded ? ctx.wantedAt(wieldAt) : undefined);
      // "I've got a shotgun, you know", "I own a rifle and plenty of time, Mr Reporter": told to the one addressed.
      const vocative = target > 0 && ctx.analysis.raw.slice(tokens[target - 1]!.end, tokens[target]!.start).includes(',');
      const possessed = near.some((n) => n === 'got' || n === 'own' || n === 'have') && near.some((n) => ['ive', 'i', 'weve', 'we'].includes(n)) && (YOU.has(tokens[target]!.text) || vocative);
      const deserved = tokens.slice(i + 1, Math.min(to, i + 8)).some((t) => ['deserves', 'deserve', 'needs', 'need'].includes(t.text));
      const tooGood = line.includes('too good for');
      if (GUNS.has(w) && !possessed) continue;
      if (COMMON_INSTRUMENTS.has(w) && !(wielded && want !== undefined) && !deserved && !possessed && !tooGood) continue;
      if ((want !== undefined && (wielded || want === i || !COMMON_INSTRUMENTS.has(w))) || deserved || possessed || tooGood) {
        findings.push({ tokens: [i, target], rule: 'an instrument of violence wished on a person' });
        continue;
      }
    }
    // "Someone needs to deal with the mayor permanently", "shut you up for good".
    if (SETTLE.has(w)) {
      const rest = tokens.slice(i + 1, Math.min(to, i + 8)).map((t) => t.text);
      const forGood = rest.findIndex((r, k) => FOR_GOOD.has(r) || (r === 'for' && (rest[k + 1] === 'good' || rest[k + 1] === 'ever')) || (r === 'once' && rest[k + 1] === 'and'));
      const who = rest.findIndex((r, k) => YOU.has(r) || PERSONS_THIRD.has(r) || ctx.personAt(i + 1 + k));
      if (forGood > 0 && who >= 0 && who < forGood && ctx.wantedAt(i) !== undefined) {
        findings.push({ tokens: [i, i + 1 + who, i + 1 + forGood], rule: 'settling someone "for good"' });
        continue;
      }
    }
    // "Slash his tyres", "someone should brick her windows", "key their car".
    if (DAMAGE.has(w) && POSSESSIVE.has(next) && BELONGINGS.has(tokens[i + 2]?.text ?? '') && ctx.wantedAt(i) !== undefined) {
      findings.push({ tokens: [i, i + 2], rule: 'damage to what someone owns' });
      continue;
    }
  }
  const threatened = (at: number) => sentenceTarget(ctx, at) >= 0;
  const addressed = text.some((t) => YOU.has(t));
  // "after the surgery" may stand past a clause's "while": the whole sentence is read for care.
  let careful: boolean | undefined;
  const isCareful = () => (careful ??= tokens.some((t) => t.sentence === tokens[from]!.sentence && CARE.has(t.text)));
  // "You'll be in a wheelchair by Christmas", "you're getting knocked out", "you'll need a new set of teeth",
  // "he deserves a broken nose": an injury told to "you" as what will come, or wished on someone.
  for (let k = 0; k < text.length; k++) {
    const t = text[k]!;
    const injury = INJURY_PLACES.has(t) || (INJURED.has(t) && INJURY_PARTS.has(text[k + 1] ?? '')) || (FRESH.has(t) && (INJURY_PARTS.has(text[k + 1] ?? '') || (text[k + 1] === 'set' && text[k + 3] === 'teeth')))
      || (BEATEN.has(t) && ['out', 'cold', 'flat', 'senseless', 'spark', 'into'].includes(text[k + 1] ?? '') && text[k + 2] !== 'of' && !(text[k + 1] === 'into' && text[k + 2] !== 'next')) || (BEATEN.has(t) && ['glassed', 'kneecapped', 'hospitalised', 'hospitalized', 'leathered', 'chinned', 'flattened', 'decked', 'battered'].includes(t) && before0(text, k).some((b) => ['getting', 'gonna', 'will', 'ill', 'hell', 'shell', 'theyll', 'get', 'be'].includes(b)));
    if (!injury || isCareful()) continue;
    const before = text.slice(0, k);
    const foretold = addressed && before.some((b) => FUTURE.has(b) || b === 'youre' || b === 'by') && before.some((b) => YOU.has(b));
    // "He's getting knocked into next week": a beating promised to someone else, as a plan (not news: "was knocked out").
    const promised = BEATEN.has(t) && before.some((b) => ['getting', 'gonna', 'will', 'ill', 'hell', 'shell', 'theyll', 'hes', 'shes', 'theyre'].includes(b)) && threatened(from + k);
    const wished = before.some((b) => ['deserve', 'deserves', 'needs', 'need', 'should', 'hope', 'wish', 'ought'].includes(b)) && threatened(from + k);
    const swagger = before.some((b, n) => b === 'so' && SWAGGER.has(before[n + 1] ?? '')) && text[k - 2] === 'with';
    const caught = /\bif (?:i|we) (?:ever )?(?:see|catch|find|meet|get)\b/.test(text.slice(0, k).join(' '));
    if ((foretold || wished || swagger || promised) && (!text.slice(0, k).includes('if') || caught) && !(ctx.negation < from + k && !swagger)) {
      findings.push({ tokens: [from + k], rule: 'promising injuries' });
      return;
    }
  }
  // "She will be dealt with when the time comes", "someone should see to him", "let the lads sort him out".
  if (text.some((t) => SETTLE_KEYS.has(t)) && !LAWFUL.test(line)) {
    const settled = SETTLED.map((p) => p.exec(line)).find(Boolean);
    if (settled) {
      const k = line.slice(0, settled.index).split(' ').length - 1;
      const before = text.slice(0, k);
      const who = before.findIndex((b, n) => (YOU.has(b) && b !== 'your' && b !== 'ur') || (PERSONS_THIRD.has(b) && b !== 'his' && b !== 'their') || ctx.personAt(from + n) || isGroupWord(b));
      const modal = before.findIndex((b, n) => n > who && SETTLE_MODAL.has(b));
      if (who >= 0 && modal > who && before.at(-1) !== 'were' && before.at(-1) !== 'was' && ctx.negation >= from + k) {
        findings.push({ tokens: [from + who, from + k], rule: 'wishing someone "dealt with"' });
        return;
      }
    }
    // "Let the lads sort him out", "get someone to deal with her".
    for (let k = 0; k < text.length - 1; k++) {
      const sorted = (text[k] === 'sort' && ['him', 'her', 'them', 'you', 'em'].includes(text[k + 1]!) && text[k + 2] === 'out') || (text[k] === 'deal' && text[k + 1] === 'with' && ['him', 'her', 'them', 'you', 'em'].includes(text[k + 2] ?? '') && text.slice(k + 3).some((r) => r === 'properly' || r === 'way' || r === 'lads' || r === 'boys'));
      if (sorted && text.slice(0, k).some((r) => ['lads', 'boys', 'let', 'lets', 'someone', 'somebody', 'well', 'ill', 'we', 'mates'].includes(r)) && ctx.negation >= from + k) {
        findings.push({ tokens: [from + k, from + k + 1], rule: 'wishing someone "dealt with"' });
        return;
      }
    }
  }
  // "Time we dealt with the vermin in the town hall the old fashioned way", "drive them out by force".
  if (text.some((t) => t === 'force' || t === 'fashioned' || t === 'means') && /\b(?:the old fashioned way|by force|with force|by any means necessary)\b/.test(line) && (threatened(from) || text.some((t) => DEHUMANISED.has(t))) && ctx.negation >= to) {
    const acting = text.some((t) => SETTLE.has(t) || ['dealt', 'sorted', 'handled'].includes(t) || EXPEL.has(t));
    if (acting && (ctx.wantedAt(from + text.findIndex((t) => SETTLE.has(t) || ['dealt', 'sorted', 'handled'].includes(t) || EXPEL.has(t))) !== undefined || text.some((t) => ['need', 'needs', 'should', 'must', 'time'].includes(t)))) {
      findings.push({ tokens: [from], rule: 'a call to deal with people by force' });
      return;
    }
  }
  // "Somebody find this guy's address", "post his home address and let the lads sort him out".
  for (let k = 0; k < text.length; k++) {
    if (!WHERE.has(text[k]!) && !(text[k] === 'home' && text[k + 1] === 'address')) continue;
    const at = k - (text[k - 1] === 'home' ? 2 : 1);
    const owner = text[at] ?? '';
    const someone = ['his', 'her', 'their', 'hes', 'hers'].includes(owner) || (owner.endsWith('s') && at > 0 && (ctx.personAt(from + at) || ['guys', 'blokes', 'womans', 'reporters', 'journalists', 'editors', 'mayors', 'councillors', 'writers', 'authors', 'judges', 'mps', 'lads'].includes(owner)));
    const verb = text.slice(Math.max(0, at - 3), at).findIndex((t) => FIND_VERBS.has(t));
    if (someone && verb >= 0 && ctx.wantedAt(from + Math.max(0, at - 3) + verb) !== undefined) {
      findings.push({ tokens: [from + at, from + k], rule: 'a call to find where someone lives' });
      return;
    }
  }
  // "The editor lives out past the roundabout on Fenwick Road", "she lives at number 12".
  const lives = text.findIndex((t) => t === 'lives');
  if (lives > 0 && text.slice(lives + 1, lives + 9).some((t) => STREET.has(t)) && ['in', 'on', 'at', 'out', 'past', 'near', 'off', 'by', 'round', 'above', 'behind', 'next', 'opposite'].includes(text[lives + 1] ?? '')) {
    const subject = text.slice(Math.max(0, lives - 3), lives);
    const who = subject.some((t, n) => ['he', 'she', 'hes', 'shes'].includes(t) || ctx.personAt(from + lives - subject.length + n) || ['editor', 'reporter', 'journalist', 'writer', 'author', 'mayor', 'councillor', 'judge', 'bloke', 'guy', 'woman', 'man'].includes(t));
    const own = subject.some((t) => ['my', 'our', 'who', 'i', 'we'].includes(t));
    if (who && !own) {
      findings.push({ tokens: [from + lives], rule: 'telling where someone lives' });
      return;
    }
  }
  // "Your little girl goes to St Mary's", "your car is parked outside number 14".
  for (let k = 0; k < text.length - 2; k++) {
    if (text[k] !== 'your' && text[k] !== 'ur') continue;
    let n = k + 1;
    while (n < k + 3 && ['little', 'eldest', 'youngest', 'oldest', 'lovely', 'pretty', 'new', 'two', 'silver', 'red', 'blue', 'black', 'white', 'kids'].includes(text[n]!) && !WATCHED.has(text[n]!) && !TELLING_FAMILY.has(text[n]!)) n++;
    if (!WATCHED.has(text[n]!) && !TELLING_FAMILY.has(text[n]!)) continue;
    const after = text.slice(n + 1, n + 4);
    const whereabouts = ((after[0] === 'goes' || after[0] === 'go' || after[0] === 'still') && after.includes('to')) || ((after[0] === 'is' || after[0] === 'gets') && ['dropped', 'picked', 'walking', 'playing'].includes(after[1] ?? ''))
      || ((after[0] === 'parked' || after[1] === 'parked') && ['outside', 'at', 'near', 'by', 'behind'].includes(text[n + (after[0] === 'parked' ? 2 : 3)] ?? ''));
    if (whereabouts && !text.includes('where') && !line.includes('?')) {
      findings.push({ tokens: [from + k, from + n], rule: 'telling someone their family or home is watched' });
      return;
    }
  }
  // "You have a daughter. Think about that before you publish again."
  const all = from === 0 && text.some((t) => TELLING_FAMILY.has(t)) ? tokens.map((t) => t.text).join(' ') : '';
  if (all && /\b(?:you have|youve got|you got) (?:a |two |three |young |little |small )*(?:daughter|daughters|son|sons|kids|children|wife|husband|family|grandkids)\b/.test(all) && THINK.test(all) && !CARE_ALL.test(all)) {
    findings.push({ tokens: [from], rule: 'reminding someone of their family as a warning' });
    return;
  }
  // "You'll be eating through a straw", "five minutes in a dark alley with the author".
  if (/\btar and feather/.test(line) && sentenceTarget(ctx, from) >= 0) {
    findings.push({ tokens: [from], rule: 'an instrument of violence wished on a person' });
    return;
  }
  // "Burn the council down with them inside", "hope the house floods with her in it".
  if (WITH_INSIDE.test(line) && text.some((t) => CALAMITY.has(t) || ['burn', 'torch', 'fire', 'flames', 'bomb', 'blow', 'flood', 'lock', 'seal'].includes(t))) {
    findings.push({ tokens: [from], rule: 'harm wished on a place with people in it' });
    return;
  }
  // "I hope his plane goes down", "may your children suffer", "pray the mayor gets cancer".
  const wish = text.findIndex((t, k) => t === 'hope' || t === 'wish' || t === 'pray' || (t === 'may' && k === 0));
  if (wish >= 0 && ctx.negation >= to) {
    const after = text.slice(wish + 1, wish + 10);
    const whom = after.findIndex((t, k) => (YOU.has(t) || PERSONS_THIRD.has(t) || ctx.personAt(from + wish + 1 + k) || t.endsWith('s') && ctx.personAt(from + wish + 1 + k)) && k < 5);
    const calamity = after.findIndex((t, k) => k > whom && (CALAMITY.has(t) || (t === 'down' && ['goes', 'go', 'going', 'went'].includes(after[k - 1] ?? ''))));
    // "Hope your family is safe after the flood" wishes them well.
    const kind = after.slice(0, calamity).some((t) => ['not', 'never', 'doesnt', 'dont', 'wont', 'isnt', 'safe', 'ok', 'okay', 'fine', 'well', 'better', 'recover', 'recovers', 'survive', 'survives', 'after', 'from', 'escape', 'escapes', 'avoid', 'beat', 'beats'].includes(t));
    if (whom >= 0 && calamity > whom && !kind) {
      findings.push({ tokens: [from + wish, from + wish + 1 + calamity], rule: 'wishing calamity on someone' });
      return;
    }
  }
  // "Saw your daughter at the school gates", "your wife walks the dog at 7 every morning", "I drive past your house".
  for (let k = 0; k < text.length - 1; k++) {
    if (text[k] !== 'your' && text[k] !== 'ur') continue;
    const thing = text[k + 1]!;
    if (!WATCHED.has(thing)) continue;
    const seen = ['saw', 'seen', 'watched', 'watching', 'spotted', 'noticed', 'followed', 'past', 'under', 'outside'].includes(text[k - 1] ?? '');
    const routine = ROUTINE.has(text[k + 2] ?? '') && text.slice(k + 3, k + 10).some((t) => ROUTINE_WHEN.has(t) || /^\d/.test(t));
    if (seen || routine) {
      findings.push({ tokens: [from + k, from + k + 1], rule: 'telling someone their family or home is watched' });
      return;
    }
  }
  const omen = OMENS.find(([p]) => p.test(line)) ?? KEYED_OMENS.find(([p, , keys]) => text.some((t) => keys.has(t)) && p.test(line));
  const hangedOnly = omen?.[1] === 'wishing someone hanged' && !text.some((t) => YOU.has(t) || PERSONS_THIRD.has(t) || HANGED.has(t) || isGroupWord(t));
  if (omen && !hangedOnly && sentenceTarget(ctx, from, true) >= 0) {
    findings.push({ tokens: [from], rule: omen[1] });
    return;
  }
  const injury = INJURIES.find((p) => p.test(line));
  if (injury && sentenceTarget(ctx, from, true) >= 0) {
    findings.push({ tokens: [from], rule: 'promising injuries' });
    return;
  }
  if (ALONE.test(line)) {
    const at = text.findIndex((t) => t === 'with' || t === 'alley');
    const after = text.slice(at + 1, at + 4);
    if (after.some((t, k) => YOU.has(t) || PERSONS_THIRD.has(t) || ctx.personAt(from + at + 1 + k)) && text.some((t) => ['give', 'want', 'love', 'like', 'id', 'wish', 'just', 'only', 'need', 'get', 'gimme'].includes(t))) {
      findings.push({ tokens: [from + Math.max(0, at)], rule: 'wishing for time alone with someone' });
    }
  }
}
