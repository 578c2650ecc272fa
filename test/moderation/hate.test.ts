import { describe, expect, it } from 'vitest';
import { hateSpeech } from '../../src/moderation/phases/hate-speech.js';
import { insults } from '../../src/moderation/phases/insults.js';
import { suspectWords } from '../../src/moderation/phases/suspect-words.js';
import { input, runPhase } from './support.js';

// Sentences written for these tests, not taken from the evaluation sets.
describe('hate-speech: threats and calls for violence', () => {
  it.each([
    'Time to eradicate them!',
    'Those councillors must die.',
    'I will kill you if you show up at the meeting.',
    'kys',
    'k y s, nobody wants you here',
    'Go kill yourself.',
    'Somebody should hang them all from the bridge.',
    'We are going to burn you out of your house.',
  ])('holds %s', async (text) => {
    expect(await runPhase(hateSpeech, input(text))).toMatchObject({ decision: 'hold', code: expect.stringMatching(/threat|self_harm/) });
  });

  it('refuses threats with TRIBUNE_THREATS=reject, and quotes the words', async () => {
    const result = await runPhase(hateSpeech, input('I will kill you.'), { threats: 'reject' });
    expect(result).toMatchObject({ decision: 'reject' });
    expect(result!.matched).toEqual(['will', 'kill', 'you']);
  });

  it.each([
    'Thousands of people died in the flood.',
    'The new striker will kill it this season.',
    'Let\'s eradicate the weeds along the harbour path.',
    'The mayor is going to die on this hill, politically.',
    'I would never hurt anyone.',
    // A modal, a person and a word of violence far apart in one long clause make no threat.
    'You will pay more for the bus pass from April, which the council says is the end of the subsidy.',
  ])('passes %s', async (text) => {
    expect(await runPhase(hateSpeech, input(text))).toBeUndefined();
  });
});

describe('hate-speech: hate against groups', () => {
  it.each([
    'Refugees are vermin and should be sent back.',
    'Jews are a disease on this town.',
    'Honestly, gay people disgust me.',
    'Musl1ms are filth.',
    'Immigrnts are parasites.',
    'Lesbians deserve to suffer.',
    'Disabled lives do not matter.',
    'I d e s p i s e Christians.',
    'Asiansare subhuman.',
  ])('holds %s', async (text) => {
    expect(await runPhase(hateSpeech, input(text))).toMatchObject({ decision: 'hold', code: 'hate' });
  });

  it.each([
    'Refugees are not vermin, and saying so is hateful.',
    'I have never had anything against Muslims.',
    'Immigrants are wonderful neighbours.',
    'Writing that "Jews are a disease" should get you banned.',
    'Mosquitoes are parasites.',
    'Politicians are parasites.',
    'Refugees do not deserve to suffer like this.',
  ])('passes %s', async (text) => {
    expect(await runPhase(hateSpeech, input(text))).toBeUndefined();
  });

  it('refuses an abusive display name', async () => {
    expect(await runPhase(hateSpeech, input('KillAllImmigrants', { kind: 'name' }))).toMatchObject({ decision: 'reject', message: expect.stringContaining('display name') });
    expect(await runPhase(hateSpeech, input('Immigrant Mother of Two', { kind: 'name' }))).toBeUndefined();
  });
});

describe('insults', () => {
  it('holds an insult aimed at the reader addressed, not self-deprecation or reported speech', async () => {
    expect(await runPhase(insults, input('You are a complete moron.'))).toMatchObject({ decision: 'hold', code: 'insult' });
    expect(await runPhase(insults, input('Fuck you and your paper.'))).toMatchObject({ decision: 'hold' });
    expect(await runPhase(insults, input('I was an idiot to believe the council.'))).toBeUndefined();
    expect(await runPhase(insults, input('She told him to fuck off.'))).toBeUndefined();
    expect(await runPhase(insults, input('You are a complete moron.'), { insults: 'allow' })).toBeUndefined();
  });
});

describe('hate without slurs: dehumanising, conspiracy, telling a group where it belongs', () => {
  it.each(['Immigrants are leeches.', 'Jews control the banks.', 'Muslims are secretly plotting to replace us.', 'Women belong in the kitchen.', 'Gay people are perverts.', 'Refugees should not be allowed to vote.'])(
    'holds %s',
    async (text) => {
      expect(await runPhase(hateSpeech, input(text))).toMatchObject({ decision: 'hold', code: 'hate' });
    },
  );

  it.each(['The banks control the money supply.', 'Jewish families run the bakery on Mill Lane.', 'Women should be allowed to vote.', 'The kitchen at the refugee centre needs volunteers.'])(
    'passes %s',
    async (text) => {
      expect(await runPhase(hateSpeech, input(text))).toBeUndefined();
    },
  );
});

describe('insults without profanity', () => {
  it.each(['You are a clown.', 'What a buffoon you are.', 'You are utterly clueless.', 'You pathetic little hack.'])('holds %s', async (text) => {
    expect(await runPhase(insults, input(text))).toMatchObject({ decision: 'hold', code: 'insult' });
  });

  it.each(['Thank you, the clown show at the council continues.', 'They called you a clown, which was unfair.', 'You are not a fool, you just trusted them.', 'I felt like a fool.'])(
    'passes %s',
    async (text) => {
      expect(await runPhase(insults, input(text))).toBeUndefined();
    },
  );
});

describe('put-downs and hate codes', () => {
  it.each(['Get a brain.', 'You have the IQ of a potato.', 'Nobody asked you.', 'Crawl back under your rock.'])('holds %s as an insult', async (text) => {
    expect(await runPhase(insults, input(text))).toMatchObject({ decision: 'hold', code: 'insult' });
  });

  it.each(['I need to get a life outside work.', 'Kids go back to school next week.', 'Nobody asked the residents before the vote.'])('passes %s', async (text) => {
    expect(await runPhase(insults, input(text))).toBeUndefined();
  });

  it('holds a hate code in a comment, refuses it in a name, and leaves a condemned quote alone', async () => {
    expect(await runPhase(hateSpeech, input('Hitler was right about them.'))).toMatchObject({ decision: 'hold', code: 'hate' });
    expect(await runPhase(hateSpeech, input('Proud Nazi 1488', { kind: 'name' }))).toMatchObject({ decision: 'reject' });
    expect(await runPhase(hateSpeech, input('Someone wrote "Hitler was right" on the bus shelter; it is hateful and I reported it.'))).toBeUndefined();
  });
});

describe('insults at the writer, more group hate', () => {
  it.each(['The author is a clown.', 'What a clown.'])('holds %s as an insult', async (text) => {
    expect(await runPhase(insults, input(text))).toMatchObject({ decision: 'hold', code: 'insult' });
  });

  it.each(['What a clown show at the council.', 'The author is right.'])('passes %s', async (text) => {
    expect(await runPhase(insults, input(text))).toBeUndefined();
  });

  it.each(['Immigrants are lazy.', 'Trans women aren\'t real women.'])('holds %s as hate', async (text) => {
    expect(await runPhase(hateSpeech, input(text))).toMatchObject({ decision: 'hold', code: 'hate' });
  });
});

describe('chants against a group', () => {
  it('holds "Muslims out!" and "Immigrants go home", not "the immigrants went out"', async () => {
    expect(await runPhase(hateSpeech, input('Muslims out!'))).toMatchObject({ decision: 'hold', code: 'hate' });
    expect(await runPhase(hateSpeech, input('Immigrants go home!'))).toMatchObject({ decision: 'hold', code: 'hate' });
    expect(await runPhase(hateSpeech, input('The immigrants went out to vote.'))).toBeUndefined();
  });
});

// Sentences written for these tests, not taken from any measuring set.
describe('insults named by WordNet, said of the person addressed', () => {
  it.each(['You gormless oaf.', 'You are nothing but a sad, bitter old windbag.', 'You have always been a spineless poltroon.', "You're a nincompoop."])('holds %s', async (text) => {
    expect(await runPhase(insults, input(text))).toMatchObject({ decision: 'hold', code: 'insult' });
  });

  it.each(['You bore me with these figures, but they are right.', 'The play is about a nincompoop king.', 'If you are a windbag like me, write to the letters page.'])('publishes %s', async (text) => {
    expect(await runPhase(insults, input(text))).toBeUndefined();
  });
});

// Sentences written for these tests, not taken from any measuring set.
describe('a word mentioned, a quote condemned', () => {
  it('publishes a slur named as a word in quotation marks, and a condemned quote', async () => {
    expect(await runPhase(suspectWords, input('Reclaiming the word "dyke" has mattered to many women I know.'))).toBeUndefined();
    expect(await runPhase(hateSpeech, input('Someone sprayed "gas the Jews" on the synagogue wall. Disgusting.'))).toBeUndefined();
  });
});

describe('insults by comparison, by address, and group hate without a derogatory word', () => {
  it.each([
    'I have known wiser houseplants than you.',
    'You have the attention span of a gnat.',
    'Nobody could be as gormless as you.',
    'Your poor mother must be mortified.',
    'Carry on, halfwit, nobody is listening.',
    'Go and read the report, muppet.',
    'Another clueless columnist, another wasted morning.',
  ])('holds the insult %s', async (text) => {
    expect(await runPhase(insults, input(text))).toMatchObject({ decision: 'hold' });
  });

  it.each([
    'Cheers, Sam, see you at the match.',
    'You have the patience of a saint.',
    'Your parents must be so proud of you.',
    'The clown, Bobo, was the star of the fair.',
    'She knows more than you think.',
  ])('passes %s', async (text) => {
    expect(await runPhase(insults, input(text))).toBeUndefined();
  });

  it.each([
    'Women are too hysterical to run a country.',
    'Gay men only get promoted because of diversity quotas.',
    'Lesbians just need a proper man.',
    'Romanian workers are a plague on this town.',
  ])('holds the group hate %s', async (text) => {
    expect(await runPhase(hateSpeech, input(text))).toMatchObject({ decision: 'hold', code: 'hate' });
  });

  it.each([
    'Women are too often left out of these debates.',
    'Romanian workers rebuilt the old mill.',
    'A Syrian airstrike killed three soldiers, the ministry said.',
  ])('passes %s', async (text) => {
    expect(await runPhase(hateSpeech, input(text))).toBeUndefined();
  });
});

describe('group hate by what the group is said to do', () => {
  it.each([
    'Muslims breed like rats.',
    'Jewish bankers are behind every war.',
    'Travellers steal whatever they can carry.',
    'Gay parents adopting is child abuse.',
    'Women should stick to cooking.',
    'Muslims can never be loyal to Britain.',
    'Somalis turn every estate into a slum.',
  ])('holds %s', async (text) => {
    expect(await runPhase(hateSpeech, input(text))).toMatchObject({ decision: 'hold', code: 'hate' });
  });

  it.each([
    'Women in sport still face awful abuse online.',
    'Travellers don\'t steal any more than anyone else.',
    'The migrants were robbed on the way, the charity said.',
  ])('passes %s', async (text) => {
    expect(await runPhase(hateSpeech, input(text))).toBeUndefined();
  });
});

describe('insults by superlative, by idiom, by what the one addressed writes', () => {
  it.each([
    'You are easily the thickest poster on this site.',
    'What a donkey you are.',
    'Your views are as useless as you are.',
    'You write like a toddler with a crayon.',
    'You spout such drivel every single day.',
    'Not one working brain cell between your ears.',
    'Daft as a brush, this fella.',
    'Another clueless rant from you.',
  ])('holds the insult %s', async (text) => {
    expect(await runPhase(insults, input(text))).toMatchObject({ decision: 'hold' });
  });

  it.each([
    'You write like a real pro.',
    'That was about as silly as you can get, and I loved it.',
    'I am as thick as a brick about tax forms, can anyone help?',
  ])('passes %s', async (text) => {
    expect(await runPhase(insults, input(text))).toBeUndefined();
  });
});
