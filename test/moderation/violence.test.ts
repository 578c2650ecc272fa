import { describe, expect, it } from 'vitest';
import { selfHarm } from '../../src/moderation/phases/self-harm.js';
import { violentIntent } from '../../src/moderation/phases/violent-intent.js';
import { verbLemmas } from '../../src/moderation/lexicon/violence.js';
import { input, runPhase } from './support.js';

// Sentences written for these tests, not taken from any measuring set.
describe('violent-intent: who does what to whom', () => {
  it.each([
    ['a plan against "you", with a verb no list of threats names', 'I\'m going to garrotte you when this is over.'],
    ['a call against the journalist', 'Someone should behead the author of this rubbish.'],
    ['an imperative against a group', 'Time to exterminate them all!'],
    ['a phrasal verb around its object', 'Gun them down, every last one.'],
    ['a wish in the passive', 'Refugees should be strung up from the lamp posts.'],
    ['a wish with "deserve"', 'That reporter deserves to be hanged.'],
    ['"death to"', 'Death to immigrants!'],
    ['a weapon wished on a person', 'The columnist needs a bullet.'],
    ['harm with intent', 'I will smash your face in if I see you, Daniel.'],
    ['a death wish', 'I hope you die slowly.'],
    ['knowing where someone lives', 'I know where you live, Ms Okafor.'],
    ['admiring a house as a warning', 'Nice house you have on Mill Lane. Shame if something happened to it.'],
    ['"watch your back"', 'Watch your back, hack.'],
    ['a threat beside a condemnation of the reader\'s words', 'Your comments are disgusting. I will find you and burn your house down.'],
    ['knowing where someone lives, after calling their views racist', 'Your views are racist. I know where you live.'],
  ])('holds %s', async (_, text) => {
    expect(await runPhase(violentIntent, input(text))).toMatchObject({ decision: 'hold', code: 'threat' });
  });

  it.each([
    ['news of a killing', 'Police said two men were shot dead on Station Road last night.'],
    ['history', 'The regime murdered thousands of its own citizens in the 1970s.'],
    ['a court report', 'The jury heard that he planned to kill his business partner.'],
    ['a threat quoted to condemn it', 'He wrote "I know where you live" to a reporter. That is a threat and it is disgusting.'],
    ['a call for violence reported and condemned in one sentence', 'Saying journalists should be shot is disgusting.'],
    ['a negation', 'Nobody should hurt anyone over a planning dispute.'],
    ['an idiom with food', 'I could murder a curry after that meeting.'],
    ['an idiom of success', 'The new head teacher is killing it.'],
    ['an idiom aimed at the writer', 'These shoes are killing me.'],
    ['a contest', 'We will destroy them on Saturday, the derby is ours.'],
    ['someone else\'s wish, described', 'They are fleeing soldiers who want to kill them.'],
    ['a story', 'In the novel the hero has to kill the dragon.'],
    ['a kitchen', 'Beat the eggs and fold in the flour.'],
    ['a friendly call', 'I\'ll hit you up after the council meeting.'],
    ['a house admired', 'Nice house, where did you get the paint?'],
  ])('passes %s', async (_, text) => {
    expect(await runPhase(violentIntent, input(text))).toBeUndefined();
  });

  it('refuses a display name that calls for death', async () => {
    expect(await runPhase(violentIntent, input('Death to all Jews', { kind: 'name' }))).toMatchObject({ decision: 'reject', code: 'threat' });
    expect(await runPhase(violentIntent, input('Kill The Journalists', { kind: 'name' }))).toMatchObject({ decision: 'reject' });
    expect(await runPhase(violentIntent, input('Maren Olsen', { kind: 'name' }))).toBeUndefined();
  });

  it('quotes the words that decided, and refuses with TRIBUNE_THREATS=reject', async () => {
    const result = await runPhase(violentIntent, input('Someone should stab the editor.'), { threats: 'reject' });
    expect(result).toMatchObject({ decision: 'reject' });
    expect(result!.matched).toEqual(['should', 'stab', 'editor']);
  });

  it('reads inflected verbs as their base forms', () => {
    expect(verbLemmas('strangled')).toContain('strangle');
    expect(verbLemmas('stabbing')).toContain('stab');
    expect(verbLemmas('shot')).toContain('shoot');
  });
});

describe('self-harm: telling someone to harm themselves', () => {
  it.each(['kys', 'Just go unalive yourself.', 'Do everyone a favour and jump.', 'Drink bleach, loser.', 'Why don\'t you drink some bleach?', 'You should hang yourself.', 'Nobody would miss you.', 'Go play in traffic.'])(
    'holds %s',
    async (text) => {
      expect(await runPhase(selfHarm, input(text))).toMatchObject({ decision: 'hold', code: 'self_harm' });
    },
  );

  it.each([
    'If you are thinking of killing yourself, please call the Samaritans on 116 123.',
    'The trolls told her to drink bleach. That is abuse and the platform did nothing.',
    'Please don\'t hurt yourself, talk to someone.',
    'Jump in the car and come to the fair.',
    'Bleach kills germs; do not drink it.',
  ])('passes %s', async (text) => {
    expect(await runPhase(selfHarm, input(text))).toBeUndefined();
  });

  it('refuses a display name that tells readers to kill themselves', async () => {
    expect(await runPhase(selfHarm, input('KYS Losers', { kind: 'name' }))).toMatchObject({ decision: 'reject', code: 'self_harm' });
  });
});

describe('threats without a verb of violence, and display names', () => {
  it.each([
    'Keep writing lies and you will end up in a ditch.',
    'You\'re next, hack.',
    'I\'d love to see them hanged.',
    'I hope you get run over by a bus.',
    'Someone should torch their mosque.',
    'I\'ll break your legs.',
  ])('holds %s', async (text) => {
    expect(await runPhase(violentIntent, input(text))).toMatchObject({ decision: 'hold', code: 'threat' });
  });

  it.each(['You\'re next in the queue.', 'I\'d love to see them win the cup.', 'She ended up in hospital after the crash, police said.', 'I would rather die than hurt anyone.', 'Nobody should want to murder immigrants.'])(
    'passes %s',
    async (text) => {
      expect(await runPhase(violentIntent, input(text))).toBeUndefined();
    },
  );

  it.each(['Death2Journalists', 'Muslim Exterminator', 'Journalist Hunter'])('refuses the display name %s', async (name) => {
    expect(await runPhase(violentIntent, input(name, { kind: 'name' }))).toMatchObject({ decision: 'reject' });
  });

  it.each(['Sarah Hunter', 'The Killers Fan', 'Immigrant Nurse'])('accepts the display name %s', async (name) => {
    expect(await runPhase(violentIntent, input(name, { kind: 'name' }))).toBeUndefined();
  });
});

describe('self-harm in other words', () => {
  it.each(['Go die in a fire.', 'Delete yourself.', 'The world would be a better place without you.', 'You don\'t deserve to live.', 'Step in front of a train.'])('holds %s', async (text) => {
    expect(await runPhase(selfHarm, input(text))).toMatchObject({ decision: 'hold', code: 'self_harm' });
  });

  it.each(['Old habits die hard.', 'I nearly died laughing.', 'The town would be better without the bypass.'])('passes %s', async (text) => {
    expect(await runPhase(selfHarm, input(text))).toBeUndefined();
  });
});

describe('threats by consequence and by place', () => {
  it.each([
    'One more article like this and you\'ll regret it.',
    'I\'ll make you pay for this.',
    'You\'ll get what\'s coming to you.',
    'You won\'t live to see Christmas.',
    'We\'re coming to your house tonight.',
    'Journalists will be the first against the wall.',
  ])('holds %s', async (text) => {
    expect(await runPhase(violentIntent, input(text))).toMatchObject({ decision: 'hold', code: 'threat' });
  });

  it.each(['We are coming to your town next week with the tour!', 'It\'s time to end the war.', 'That will end you up in debt.', 'Make you pay more tax, that is their plan.'])('passes %s', async (text) => {
    expect(await runPhase(violentIntent, input(text))).toBeUndefined();
  });
});

describe('threats that promise a lesson or show they know where someone is', () => {
  it.each(['Someone should teach that reporter a lesson.', 'I know which school your kids go to.', 'I\'ve seen your car outside the office.', 'Lock your doors tonight.', 'We are coming for the journalists.', 'Traitors will hang.'])(
    'holds %s',
    async (text) => {
      expect(await runPhase(violentIntent, input(text))).toMatchObject({ decision: 'hold', code: 'threat' });
    },
  );

  it.each(['I know your mum from church.', 'Hope your family is safe after the flood.', 'We are coming for the festival.', 'The pictures will hang in the gallery.'])('passes %s', async (text) => {
    expect(await runPhase(violentIntent, input(text))).toBeUndefined();
  });
});

// Sentences written for these tests, not taken from any measuring set.
describe('threats by the instrument, the damage or the injuries, with no verb of violence', () => {
  it.each([
    'Someone needs to deal with this mayor permanently.',
    'Somebody should put a brick through her window.',
    'Slash his tyres and see how he likes it.',
    "I've got a shotgun and plenty of time, Mr Reporter.",
    "Keep it up and you'll be eating through a straw.",
    "I'd love five minutes in a dark alley with the author.",
    "Let's pay the editor a visit tonight, lads.",
    'I hope his plane goes down.',
    'Saw your daughter at the school gates today.',
    'Burn the whole council down with them inside.',
    'That journalist should be hanging from a tree.',
    'The reporter who was at the meeting should be shot.',
    "Vote for the new estate and we'll burn your house down.",
  ])('holds %s', async (text) => {
    expect(await runPhase(violentIntent, input(text))).toMatchObject({ decision: 'hold', code: 'threat' });
  });

  it('refuses a display name that wishes a rope on a trade', async () => {
    expect(await runPhase(violentIntent, input('RopeForJournalists', { kind: 'name' }))).toMatchObject({ decision: 'reject' });
  });

  it.each([
    'Stick to your guns, councillor, the vote is right.',
    'Police found a shotgun and a machete in the car, the court heard.',
    'Hope your family is safe after the flood.',
    'The mayor was shot at in 1984 and survived.',
    'I would love five minutes with the author to ask about the figures.',
    'We battered them 4-0 and the keeper deserved a medal.',
  ])('publishes %s', async (text) => {
    expect(await runPhase(violentIntent, input(text))).toBeUndefined();
  });
});

describe('threats by injuries foretold, by "dealing with" someone, and by where they live', () => {
  it.each([
    ["you'll be on crutches by the spring, I promise", "Carry on writing and you'll be on crutches by the spring."],
    ['a broken nose wished on someone', 'That councillor deserves a broken nose.'],
    ["swagger a beating will take away", "You won't be so cocky with a fractured skull."],
    ['someone "dealt with", with a plan', 'The reporter will be dealt with soon enough.'],
    ['a call to "sort out" someone', 'Get the boys round and sort him out.'],
    ['a call to find where someone lives', "Somebody dig up the columnist's address."],
    ['where someone lives, told to the thread', 'The councillor lives on Orchard Close, the house with the red gate.'],
    ['a child\'s school, told to its parent', 'Your eldest son goes to Hillside Academy.'],
    ['a car said to be parked outside', 'Your silver car is parked outside the library again.'],
    ['the reader\'s family, with a warning', "You've got young kids. Remember that."],
    ['people driven out by force', 'Those invaders should be forced out by any means necessary.'],
  ])('holds %s', async (_, text) => {
    expect(await runPhase(violentIntent, input(text))).toMatchObject({ decision: 'hold', code: 'threat' });
  });

  it.each([
    'You will be on crutches for a while after the surgery, take it easy.',
    'The complaint will be dealt with by the ombudsman.',
    'Someone needs to sort out these potholes.',
    'Send your address to the club secretary for the newsletter.',
    'My aunt lives on Orchard Close and loves the new bus stop.',
    'My son goes to Hillside Academy and the teachers are great.',
    'Your car is parked in my space, please move it.',
    "You've got young kids? Congratulations, enjoy them.",
    "I'll beat you to the summit next time, Priya!",
    'Lock your doors, there have been burglaries on our street.',
    '"Hang the traitors" is what he wrote, and he was banned for it.',
    'We got knocked out of the cup again.',
  ])('publishes %s', async (text) => {
    expect(await runPhase(violentIntent, input(text))).toBeUndefined();
  });

  it('holds telling someone to kill themselves by the writer\'s own wish', async () => {
    expect(await runPhase(selfHarm, input("If I were you I'd have hanged myself long ago."))).toMatchObject({ decision: 'hold', code: 'self_harm' });
  });
});

describe('threats by a hanging pictured, a death foretold, a routine known, people dragged from their homes', () => {
  it.each([
    'The mayor would look better swinging from a lamppost.',
    "You'll be sleeping with the fishes soon, pal.",
    'We know which gym you train at, Karen.',
    'Best keep an eye on your kids, Mr Editor.',
    'Shame if that lovely car of yours got scratched.',
    'Come the day, we will drag the traitors out of their beds.',
    'Hope someone gives him the kicking he deserves.',
    'If I catch that reporter he is getting flattened.',
    "We'll hound them out of this village one way or another.",
    'I would happily shatter every bone in his body.',
  ])('holds %s', async (text) => {
    expect(await runPhase(violentIntent, input(text))).toMatchObject({ decision: 'hold', code: 'threat' });
  });

  it.each([
    'Put the tables against the wall when you leave.',
    'The Christmas lights will be hanging from every lamppost on the high street.',
    'Keep an eye on your kids near the canal, the fences are down.',
    'My gym is on Station Road if anyone wants to join.',
    'The striker was knocked out cold and taken off.',
  ])('publishes %s', async (text) => {
    expect(await runPhase(violentIntent, input(text))).toBeUndefined();
  });
});

describe('self-harm told in other shapes', () => {
  it.each([
    'Why not just go and top yourself.',
    'Climb the multi-storey and take the quick way down.',
    'No one would even miss you, honestly.',
    'Have you tried not existing?',
    'The kindest thing you could do is end your own life.',
    'Go and take a box of paracetamol.',
    'If you hate the town so much, the canal is right there.',
  ])('holds %s', async (text) => {
    expect(await runPhase(selfHarm, input(text))).toMatchObject({ decision: 'hold', code: 'self_harm' });
  });

  it.each([
    'The canal is right there behind the library, a lovely walk.',
    'Take two paracetamol and rest, the GP said.',
    'I nearly jumped off the sofa when the goal went in.',
  ])('publishes %s', async (text) => {
    expect(await runPhase(selfHarm, input(text))).toBeUndefined();
  });
});
