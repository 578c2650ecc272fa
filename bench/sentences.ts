/**
 * Comment text a reader of the harbour-bridge story could have written: whole sentences built
 * from opinions, facts, questions and local detail, so the moderation pipeline reads what it
 * reads in production (and publishes it) instead of word salad that trips the spam patterns.
 * Deterministic for a given random source; the combinations run to the millions, so bodies
 * do not repeat within a benchmark.
 */

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

const WHO = [
  'the council', 'the mayor', 'the harbour board', 'the engineers', 'the opposition', 'the ferry company',
  'the reporter', 'the transport committee', 'the auditors', 'the people on Quay Street', 'the fishermen',
  'the shop owners by the market', 'the school governors', 'the residents association', 'the insurers',
];
const THING = [
  'the bridge repair', 'the ferry timetable', 'the budget gap', 'the engineering survey', 'the new tender',
  'the winter crossing', 'the bus route over the hill', 'the parking on the quay', 'the flood barrier',
  'the cost estimate', 'the public meeting', 'the library hours', 'the contract with the builders',
  'the repair plan', 'the night ferry', 'the closure of the old slipway',
];
const TIME = ['last spring', 'in March', 'two years ago', 'before the storm', 'after the last election', 'this autumn', 'since the survey', 'every winter', 'back in 2019', 'when the tide gauge failed'];
const FEELING = ['I think', 'Honestly, I believe', 'To be fair,', 'As far as I can tell,', 'I suspect', 'My guess is that', 'It seems to me that', 'I would say', 'Frankly,', 'I remember when'];
const JUDGEMENT = [
  'has been handled badly from the start', 'deserved a proper debate', 'was always going to cost more',
  'is the least bad option we have', 'should have been explained much earlier', 'needs an independent review',
  'will hit the older residents hardest', 'was promised in the last manifesto', 'makes sense if the numbers are right',
  'is being rushed through', 'has been delayed too many times', 'could still be saved with a smaller plan',
];
const FACT = [
  'the crossing takes forty minutes by ferry when the weather is calm',
  'the estimate grew by forty percent since the spring',
  'the survey was paid for out of the reserve fund',
  'the last repair lasted barely six years',
  'the ferry only runs hourly after seven in the evening',
  'half the stalls at the Saturday market come from across the water',
  'the school run already adds twenty minutes each way',
  'the tender documents were published on a Friday afternoon',
  'the harbour wall was patched twice after the January storm',
  'nobody from the committee came to the meeting in the library',
  'the old bridge carried lorries until the weight limit changed',
  'the minutes of the March meeting are still not online',
];
const QUESTION = [
  'Who decided that a year was acceptable', 'Has anyone asked the ferry crews what they think',
  'Why was the survey not shared with residents', 'What happens to the bus route in the meantime',
  'Is there a cheaper way to keep one lane open', 'Did the council look at the cost of doing nothing',
  'When will the minutes be published', 'Where is the money from the reserve fund going',
  'How will ambulances cross at night', 'Could the work be split into two smaller contracts',
];
const LOCAL = [
  'My neighbour crosses every morning for the early shift at the hospital',
  'We used to walk over the bridge to the Sunday market',
  'The queue for the ferry was out past the chip shop on Tuesday',
  'My daughter cycles across to school when the weather allows',
  'The fish van comes over the bridge twice a week',
  'I run a small bakery near the quay and half our trade comes from across the water',
  'My father helped build the approach road in the seventies',
  'The harbour master told me the pilings are older than anyone thought',
  'Our street floods whenever the tide and the rain arrive together',
  'The night bus is the only way home for the care workers on my road',
];
const CLOSING = [
  'Thanks for reporting this properly.', 'I hope someone on the council reads these comments.',
  'Good to see the numbers laid out at last.', 'Looking forward to the follow-up piece.',
  'We will see what the meeting brings.', 'Fingers crossed for a mild winter.',
  'Happy to be proved wrong on this.', 'The article explains it well, at least.',
];

const capitalise = (s: string) => s[0]!.toUpperCase() + s.slice(1);

function sentence(random: () => number): string {
  switch (Math.floor(random() * 7)) {
    case 0:
      return `${pick(random, FEELING)} ${pick(random, THING)} ${pick(random, JUDGEMENT)}.`;
    case 1:
      return `${capitalise(pick(random, WHO))} said ${pick(random, TIME)} that ${pick(random, THING)} ${pick(random, JUDGEMENT)}.`;
    case 2:
      return `Remember that ${pick(random, FACT)}.`;
    case 3:
      return `${pick(random, QUESTION)}?`;
    case 4:
      return `${pick(random, LOCAL)}, so ${pick(random, THING)} matters a great deal to us.`;
    case 5:
      return `${capitalise(pick(random, WHO))} and ${pick(random, WHO)} should sit down together before ${pick(random, THING)} goes any further.`;
    default:
      return `As the article says, ${pick(random, FACT)}, and ${pick(random, THING)} ${pick(random, JUDGEMENT)}.`;
  }
}

/** A comment of `min` to `max` characters, whole sentences, sometimes in two paragraphs. */
export function commentText(random: () => number, min = 200, max = 800): string {
  const target = min + Math.floor(random() * (max - min + 1));
  const sentences: string[] = [];
  let length = 0;
  while (length < target) {
    const next = sentences.length > 2 && random() < 0.12 ? pick(random, CLOSING) : sentence(random);
    if (length + next.length + 1 > max && length >= min) break;
    sentences.push(next);
    length += next.length + 1;
  }
  let text = '';
  for (const [i, s] of sentences.entries()) text += i === 0 ? s : i % 4 === 0 && random() < 0.5 ? `\n\n${s}` : ` ${s}`;
  // A last sentence that overshoots is cut at a word boundary and closed, so the length holds.
  if (text.length > max) {
    const cut = text.lastIndexOf(' ', max - 2);
    text = `${text.slice(0, cut > min ? cut : max - 1).replace(/[,;]$/, '')}.`;
  }
  return text;
}
