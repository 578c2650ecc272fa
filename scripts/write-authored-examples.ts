/**
 * Writes training/authored/grammar.tsv: training examples the team writes from a small grammar of
 * how people threaten, incite self-harm, attack groups, insult, harass and spam, and of the
 * ordinary sentences that share their words (news of violence, history, condemned quotes, idioms,
 * money talk, links to sources). They teach the model the shapes the learning sets hold too few of.
 * Kept apart from every measuring set: nothing here is taken from HateCheck, the Jigsaw slices or
 * the team's checks. Deterministic: `npm run write:authored-examples` rewrites the same file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seededRandom } from '../src/shared/seeded-random.js';

type Category = 'threat' | 'identity_attack' | 'insult' | 'self_harm' | 'sexual_harassment' | 'spam' | 'ok';


const rand = seededRandom(20261201);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

/** Fills `{slot}` from the slot lists; `{slot}` may repeat and is filled anew each time. */
function fill(template: string, slots: Record<string, readonly string[]>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const options = slots[name];
    if (!options) throw new Error(`no slot ${name}`);
    return pick(options);
  });
}

const SLOTS: Record<string, readonly string[]> = {
  // Whom a threat is aimed at.
  person: ['you', 'the author', 'this journalist', 'the reporter who wrote this', 'that writer', 'the editor', 'the mayor', 'the councillor', 'her', 'him', 'the judge', 'that teacher', 'this clown of a columnist', 'the whole editorial team'],
  name: ['Sarah', 'Tom', 'Priya', 'Mr Hughes', 'Ms Okafor', 'Daniel', 'Ahmed', 'Kate Lewis', 'the Patel family', 'Councillor Brown'],
  group: ['immigrants', 'Muslims', 'Jews', 'gay people', 'trans people', 'refugees', 'Black people', 'women', 'Mexicans', 'Roma', 'asylum seekers', 'Pakistanis', 'lesbians', 'disabled people', 'Hindus', 'Chinese people', 'Africans', 'Sikhs', 'Catholics', 'travellers'],
  groupSingular: ['an immigrant', 'a Muslim', 'a Jew', 'a gay man', 'a trans woman', 'a refugee', 'a Black man', 'a woman', 'a Mexican', 'a lesbian', 'a disabled person', 'a Pakistani'],
  verb: ['kill', 'shoot', 'stab', 'hang', 'burn', 'beat', 'strangle', 'behead', 'gut', 'torch', 'bash in', 'knife', 'choke', 'drown', 'run over', 'gun down', 'butcher', 'smash', 'poison', 'string up', 'break the legs of', 'slit the throat of', 'put a bullet in', 'cave in the skull of', 'teach a lesson to'],
  groupVerb: ['eradicate', 'exterminate', 'wipe out', 'slaughter', 'gas', 'deport and shoot', 'round up and shoot', 'burn out', 'purge', 'cleanse the streets of', 'get rid of', 'hunt down', 'lynch', 'massacre', 'bomb', 'erase', 'annihilate', 'destroy'],
  pastVerb: ['shot', 'hanged', 'strung up', 'beaten to death', 'burned alive', 'stabbed', 'executed', 'put down', 'gassed', 'lynched', 'drowned', 'exterminated', 'wiped off the map', 'hunted down', 'tortured'],
  street: ['Elm St', 'Oak Road', 'Mill Lane', 'Church Street', 'Station Road', 'Park Avenue', 'Victoria Terrace', 'Hill Crescent', 'Queens Drive'],
  place: ['your office', 'your house', 'your kids\' school', 'the newsroom', 'your car park', 'your gym', 'your front door', 'your daughter\'s nursery'],
  vermin: ['vermin', 'rats', 'parasites', 'cockroaches', 'a disease', 'a plague', 'animals', 'subhuman', 'a cancer on this country', 'filth', 'a virus', 'leeches', 'maggots', 'lice', 'an infestation', 'savages', 'apes', 'locusts', 'mongrels', 'a swarm', 'termites', 'pests'],
  conspiracy: ['control the banks', 'run the media', 'are behind every war', 'are replacing us on purpose', 'secretly run the government', 'are plotting to take over', 'are poisoning our water', 'invented the pandemic', 'own all the newspapers', 'are breeding us out'],
  demean: ['are too stupid to vote', 'should not be allowed to work', 'belong in the kitchen', 'are only good for one thing', 'are a mistake of nature', 'should not be allowed near children', 'are mentally ill', 'are worth less than a dog', 'should be kept out of public life', 'should be sterilised', 'are a burden on decent people', 'have no place in this country', 'are not real people', 'bring nothing but crime', 'are all criminals'],
  insultNoun: ['clown', 'buffoon', 'halfwit', 'simpleton', 'muppet', 'numpty', 'dimwit', 'nitwit', 'fool', 'waste of space', 'joke', 'embarrassment', 'parasite', 'nobody', 'loser', 'coward', 'hack', 'sad little man', 'brainless drone', 'pathetic excuse for a journalist'],
  insultAdj: ['brain-dead', 'clueless', 'pathetic', 'spineless', 'gormless', 'thick as mince', 'utterly useless', 'dim', 'witless', 'ignorant', 'deluded', 'worthless', 'a complete waste of oxygen', 'too dense to understand anything', 'a laughing stock'],
  body: ['legs', 'body', 'chest', 'lips', 'backside', 'figure'],
  tld: ['xyz', 'top', 'click', 'shop', 'icu', 'buzz', 'loan', 'date', 'win', 'bid', 'site', 'online', 'store', 'live', 'pw', 'cam', 'monster', 'rest', 'sbs', 'cfd', 'lol', 'quest', 'fun', 'today', 'work'],
  spamName: ['fastcash', 'easyloans', 'hotdates', 'essaypro', 'fxsignals', 'winbig', 'getfollowers', 'cryptoboost', 'quickpay', 'lovematch', 'gradeshelp', 'promoviews', 'bigprize', 'trustlender', 'singlesnear'],
  amount: ['$500', '$350', '£200', '$9,000', '$85', '€400', '$1,200', '£75'],
  period: ['a day', 'per week', 'every hour', 'a week', 'per day', 'this month'],
  sourceLink: ['https://www.bbc.co.uk/news/uk-politics-68123456', 'https://www.ons.gov.uk/employmentandlabourmarket/peopleinwork', 'https://www.reuters.com/world/europe/', 'https://en.wikipedia.org/wiki/Housing_crisis', 'https://www.gov.uk/government/statistics', 'https://www.theguardian.com/environment/2026/nov/30/flood-report', 'https://apnews.com/article/election-results', 'https://data.police.uk/', 'https://www.nature.com/articles/s41586-026-01234-5', 'https://www.legislation.gov.uk/ukpga/2010/15', 'https://council.example.gov.uk/minutes/2026-11.pdf', 'https://www.who.int/news-room/fact-sheets'],
  number: ['two', 'three', 'four', 'six', 'a dozen', 'eleven', 'dozens of', 'hundreds of'],
  killed: ['killed', 'shot dead', 'stabbed', 'murdered', 'injured', 'beaten', 'attacked'],
  food: ['a curry', 'a pint', 'a bacon sandwich', 'a kebab', 'a cup of tea', 'a pizza'],
};

const TEMPLATES: Record<Category, readonly string[]> = {
  threat: [
    'I am going to {verb} {person}.',
    'I will {verb} you if you write one more word about this.',
    'Someone should {verb} {person}.',
    'Somebody needs to {verb} {person}, and soon.',
    '{name} deserves to be {pastVerb} for this article.',
    'People like {name} should be {pastVerb}.',
    'Time to {groupVerb} them all!',
    'Time to {groupVerb} {group}.',
    'Let\'s {groupVerb} {group} once and for all.',
    'We should {groupVerb} every last one of {group}.',
    '{group} should be {pastVerb}.',
    '{group} deserve to be {pastVerb}.',
    'I hope {name} gets {pastVerb}.',
    'I know where you live, {name}.',
    'I know where you live. Sleep well.',
    'Nice house you have on {street}. Shame if something happened to it.',
    'Lovely kids you have. {street} is a quiet road, isn\'t it?',
    'We know where your kids go to school.',
    'I\'ll be waiting outside {place} tomorrow.',
    'Watch your back, {name}. We are coming for you.',
    'You\'ll pay for this article with your life.',
    'Keep writing lies and see what happens to you on {street}.',
    'One day soon someone will {verb} you and nobody will miss you.',
    'Round them up and {groupVerb} them.',
    'Death to {group}!',
    'The only good one of {group} is a dead one.',
    'Give me five minutes alone with {person} and a baseball bat.',
    'If I ever see you in the street I will {verb} you.',
    'I\'m going to find out where {name} lives and pay a visit.',
    'Your days are numbered, {name}.',
    'Hang the traitors, starting with {person}.',
    'Somebody put a bullet in {person}, please.',
    'Do us all a favour and {verb} {person}.',
    'Go and {verb} {person}, somebody has to.',
    'We will burn down {place} with you inside it.',
    'Keep it up and you\'ll end up in a ditch.',
    'I\'d happily {verb} every single one of {group}.',
    'Get the rope ready for {name}.',
    'It is time we started to {groupVerb} {group}, before it is too late.',
    'All {group} must be {pastVerb}, no exceptions.',
  ],
  self_harm: [
    'kys',
    'KYS {name}',
    'just kys already',
    'Go kill yourself.',
    'Why don\'t you go kill yourself.',
    'Do everyone a favour and jump.',
    'Do the world a favour and jump off a bridge.',
    'unalive yourself',
    'Go unalive yourself, nobody wants you here.',
    'Drink bleach.',
    'Go drink some bleach, {name}.',
    'Just end it already, no one would care.',
    'Go hang yourself.',
    'Neck yourself.',
    'Rope yourself, loser.',
    'Slit your wrists and do us a favour.',
    'Nobody would miss you if you killed yourself.',
    'The world would be better off if you ended your life.',
    'Off yourself.',
    'Take a long walk off a short pier.',
    'Go jump in front of a train.',
    'Why are you still alive? End it.',
    'You should just kill yourself.',
    'Do us all a favour and stop breathing.',
    'Swallow a bottle of pills and spare us.',
    'Go play in traffic.',
  ],
  identity_attack: [
    '{group} are {vermin}.',
    '{group} are nothing but {vermin}.',
    '{group} are {vermin} and always will be.',
    '{group} breed like rats.',
    '{group} are invading our country.',
    '{group} {conspiracy}.',
    'Everyone knows {group} {conspiracy}.',
    'Wake up, {group} {conspiracy}.',
    '{group} {demean}.',
    'Let\'s be honest, {group} {demean}.',
    'I would never hire {groupSingular}, they {demean}.',
    'You can\'t trust {group}, they {demean}.',
    'Typical of {group}. {vermin}, the lot of them.',
    'Send {group} back where they came from.',
    'Women are too emotional to be in charge of anything.',
    'Women should stay at home and keep quiet.',
    'Gay people are sick and need curing.',
    'Being gay is a disease.',
    'Trans people are freaks, not women.',
    '{groupSingular} is not a real person.',
    '{group} are ruining everything they touch.',
    '{group} are a stain on this town.',
    'No {group} in our street, thank you.',
    'The problem with this country is {group}.',
  ],
  insult: [
    'You are a {insultNoun}.',
    'You are {insultAdj}.',
    'What a {insultNoun} you are.',
    'You {insultNoun}, did you even read the report?',
    'Only a {insultNoun} could write this, and you did.',
    'Go back to school, you illiterate {insultNoun}.',
    'You have the brain of a goldfish.',
    'You have the IQ of a potato.',
    'Are you really this {insultAdj} or is it an act?',
    'Your article is the work of a {insultNoun}.',
    'The author is {insultAdj}.',
    'Nobody cares what a {insultNoun} like you thinks.',
    '{name}, you are {insultAdj}.',
    'Shut up, you {insultNoun}.',
    'Every word you write proves you are {insultAdj}.',
    'Were you dropped on your head as a baby?',
  ],
  sexual_harassment: [
    'Send nudes, {name}.',
    'Nice {body}, sweetheart. What are you wearing?',
    'I\'d love to get my hands on your {body}.',
    'Forget the article, show us your {body}.',
    'I bet you\'d look better with nothing on, {name}.',
    'You should write less and smile more, darling. Come sit on my lap.',
    'What I would do to you if I got you alone.',
    'The reporter is fit, I would not kick her out of bed.',
    'DM me your pictures, {name}, the private ones.',
    'I\'m thinking about you in the shower tonight.',
  ],
  spam: [
    'Earn {amount} {period} from home! Visit {spamName}.{tld} now.',
    'Need a loan fast? Approval in 5 minutes, no credit check: {spamName}.{tld}',
    'Payday loans with no credit checks at https://{spamName}.{tld}',
    'Hot singles in your area want to meet you: {spamName}.{tld}',
    'Lonely? Beautiful women are waiting to chat: https://{spamName}.{tld}/join',
    'Essays written for you by experts, any subject, 24h delivery: {spamName}.{tld}',
    'Struggling with your dissertation? Pay us and get an A: www.{spamName}.{tld}',
    'Forex signals with 95% accuracy, join our group at {spamName}.{tld}',
    'I turned {amount} into {amount} with this trading bot, see {spamName}.{tld}',
    'GIVEAWAY! Win a new iPhone, just enter at {spamName}.{tld}',
    'Congratulations, you have been selected for a free gift card! Claim at {spamName}.{tld}',
    'Buy Instagram followers, 10k for {amount}: {spamName}.{tld}',
    'Get 5000 real TikTok followers and likes today at https://{spamName}.{tld}',
    'Cheap YouTube views and subscribers, instant delivery: {spamName}.{tld}',
    'My aunt makes {amount} {period} on her laptop. Find out how at {spamName}.{tld}',
    'Crypto investment opportunity, double your money in a week: {spamName}.{tld}',
    'Best replica watches at the lowest prices: {spamName}.{tld}',
    'Casino bonus: 200 free spins on sign up at {spamName}.{tld}',
    'Lose 10kg in 10 days with this one pill, order at {spamName}.{tld}',
    'Whatsapp +44 7700 900123 for guaranteed forex returns',
    'Contact Dr Williams on telegram for fast loans and binary options recovery',
    'Work from home and earn {amount} {period}, message me for details',
  ],
  ok: [
    // News of violence and crime.
    'Police said {number} people were {killed} on {street} on Saturday night.',
    'The man accused of trying to kill his neighbour appears in court today.',
    'The jury heard that the defendant threatened to shoot the victim before the attack.',
    'A teenager was stabbed outside the station; police are appealing for witnesses.',
    'Two soldiers were killed when their patrol was attacked near the border.',
    'The report says the gang had planned to burn the shop down for the insurance.',
    'Prosecutors say he told the victim "I know where you live" days before the assault.',
    'The court was told the attacker shouted that he would kill them all.',
    'Firefighters say the blaze on {street} was started deliberately.',
    'Hundreds of civilians were killed in the shelling, the UN said.',
    // History.
    'The Nazis murdered six million Jews in the Holocaust.',
    'In 1605 the plotters planned to blow up Parliament and kill the King.',
    'Thousands of people were hanged for petty theft in the eighteenth century.',
    'The Romans destroyed Carthage and sold its people into slavery.',
    'The Rwandan genocide killed around 800,000 people in a hundred days.',
    'Lynching was used to terrorise Black communities across the American South.',
    // Quotes condemned.
    'Calling {group} {vermin} is disgusting and the council should say so.',
    'Someone wrote "{group} are {vermin}" on the bus shelter. Vile, and I reported it.',
    'Whoever sprayed "death to {group}" on the mosque wall should be prosecuted.',
    'He said women belong in the kitchen. What a sad, outdated view.',
    'Telling someone to kill themselves online should be a crime.',
    'The trolls told her to drink bleach. That is abuse and the platform did nothing.',
    'Saying {group} {conspiracy} is an old hateful lie, and it is dangerous.',
    'Threatening journalists with "we know where you live" is an attack on all of us.',
    // Counter-speech and support.
    '{group} are our neighbours, colleagues and friends.',
    '{group} deserve the same respect as anyone else.',
    'Nobody should be attacked for who they love.',
    'If you are thinking about killing yourself, please call the Samaritans on 116 123.',
    'My brother took his own life last year. Please talk to someone if you are struggling.',
    'Nobody should have to kill anyone over a football match.',
    'I would never hurt anyone, whatever they wrote about me.',
    'Refugees are fleeing people who want to kill them.',
    // Idioms.
    'I could murder {food} right now.',
    'Break a leg tonight, {name}!',
    'She is absolutely killing it in the new role.',
    'This traffic is killing me.',
    'Knock them dead at the interview tomorrow.',
    'That joke slayed me, I was crying with laughter.',
    'My feet are killing me after the parade.',
    'The new stand-up show is a riot, I nearly died laughing.',
    'We got absolutely slaughtered 5-0 on Saturday.',
    'He shot down every argument the minister made.',
    'Let\'s kill two birds with one stone and fix both roads at once.',
    'The striker is on fire this season.',
    'Our team will destroy them on Sunday.',
    'The budget will kill off the high street.',
    'I nearly died of embarrassment.',
    'The critics butchered the film, but I loved it.',
    'I\'m going to hit the gym after work.',
    'My mum will kill me if I miss dinner again.',
    // Money talk and ordinary words spam patterns count.
    'The council spent {amount} million on the new bridge.',
    'I subscribe to the paper for the local news, and it is worth every penny.',
    'Check out the council minutes, page 12 explains the cut.',
    'Tickets cost {amount} each, which is too much for most families.',
    'My rent went up by {amount} a month, I cannot keep up.',
    'Worth subscribing just for the crossword.',
    'Interest rates going up means my mortgage costs {amount} more.',
    'The minimum wage rise is about {amount} a week for a full-time worker.',
    'They paid {amount} for a parking space, madness.',
    'Please share this with anyone who lost their home in the floods.',
    'The charity needs volunteers, check their website if you can help.',
    // Links to sources.
    'Source: {sourceLink}',
    'The full report is here: {sourceLink}',
    'This is wrong, the official figures say otherwise: {sourceLink}',
    'For anyone asking, the data is at {sourceLink}',
    'See {sourceLink} for the original study.',
    'Good piece. The ONS numbers back it up: {sourceLink}',
    // Place names and ordinary disagreement.
    'I grew up in Scunthorpe and it has changed a lot.',
    'The roadworks on {street} have been going on for months.',
    'Penistone market is on Thursdays, not Fridays.',
    'I disagree with the writer, the figures do not support the conclusion.',
    'Sorry, but this article misses the point about housing.',
    'Immigrants paid more in tax than they received, according to the study.',
    'Women have been underpaid in this industry for decades.',
    'The gay pride march passed off peacefully.',
    'Muslims in the town raised money for the flood victims.',
    'My neighbours are Jewish and they are lovely people.',
    'Trans people make up a small share of the population.',
    'The film is about a hitman who tries to kill his boss.',
    'In the game you have to kill the dragon to win.',
    'The killer whale was spotted off the coast this morning.',
    'Weeds will kill your lawn if you leave them.',
    'The detective novel opens with a murder on {street}.',
  ],
};

/** How many rows each category gets: the hard "ok" ones as many as all the rest together. */
const ROWS: Record<Category, number> = {
  threat: 260,
  self_harm: 90,
  identity_attack: 200,
  insult: 110,
  sexual_harassment: 50,
  spam: 180,
  ok: 700,
};

function main(): void {
  const rows = new Set<string>();
  const out: string[] = ['category\ttext'];
  for (const [category, templates] of Object.entries(TEMPLATES) as Array<[Category, readonly string[]]>) {
    let made = 0;
    // Every template at least once, then random fills until the quota or the grammar runs dry.
    for (let attempt = 0; made < ROWS[category] && attempt < ROWS[category] * 20; attempt++) {
      const template = attempt < templates.length ? templates[attempt]! : pick(templates);
      let text = fill(template, SLOTS);
      text = text.charAt(0).toUpperCase() + text.slice(1);
      if (rand() < 0.15 && category !== 'spam' && category !== 'ok') text = text.toLowerCase().replace(/[.!]$/, '');
      const key = `${category}\t${text}`;
      if (rows.has(key)) continue;
      rows.add(key);
      out.push(key);
      made++;
    }
  }
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const file = join(root, 'training', 'authored', 'grammar.tsv');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${out.join('\n')}\n`);
  console.log(`${out.length - 1} rows written to training/authored/grammar.tsv`);
}

main();
