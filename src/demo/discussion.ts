/**
 * The demo discussions: civil but lively reader comments, written as trees so replies read in
 * context. Times are relative (minutes after the article or after the comment answered), so the
 * seed can place them in the recent past whenever it runs.
 */

export interface DemoCommenter {
  name: string;
  email: string;
  website?: string;
}

export interface DemoComment {
  /** Key into `demoCommenters`; each commenter posts from its own demo browser. */
  by: string;
  /** Minutes after the article was published (top level) or after the comment answered. */
  after: number;
  body: string;
  /** Readers' arrows: [up, down]; together at most `demoVoterCount`. */
  votes?: [number, number];
  /** The author rewrites the comment a few minutes after posting, inside the edit window. */
  editedTo?: string;
  /** A top-level comment on this passage of the article (its exact words). */
  passage?: string;
  replies?: DemoComment[];
}

/** An author's question on a passage of their article (its exact words), asked as it is published. */
export interface DemoQuestion {
  passage: string;
  question: string;
}

export const demoQuestions: Record<string, DemoQuestion[]> = {
  'lake-marren-water-quality-study': [
    { passage: "The study recommends publishing the buoy's daily readings online", question: 'Would you check the lake’s readings before a swim, or before walking the dog?' },
  ],
};

/** Distinct demo readers who vote: 'demo-reader-1' … 'demo-reader-12'. */
export const demoVoterCount = 12;

export const demoCommenters: Record<string, DemoCommenter> = {
  marek: { name: 'Marek', email: 'marek@example.org' },
  ines: { name: 'Ines Duarte', email: 'ines.duarte@example.org' },
  karin: { name: 'Karin S.', email: 'karin.s@example.com', website: 'https://example.com/karin' },
  tom: { name: 'Tom B.', email: 'tom.b@example.org' },
  pieter: { name: 'Pieter', email: 'pieter@example.net' },
  nils: { name: 'Nils on two wheels', email: 'nils@example.org' },
  sofia: { name: 'Sofia R.', email: 'sofia.r@example.org' },
  hanna: { name: 'Hanna from Eastside', email: 'hanna@example.com' },
  dev: { name: 'Dev Patel', email: 'dev.patel@example.org', website: 'https://example.org/dev' },
  lars: { name: 'Grandpa Lars', email: 'lars@example.net' },
  mei: { name: 'Mei', email: 'mei@example.org' },
  jakob: { name: 'Jakob W.', email: 'jakob.w@example.com' },
  aisha: { name: 'Aisha', email: 'aisha@example.org' },
  olu: { name: 'Olu Adeyemi', email: 'olu.adeyemi@example.org' },
};

const bridge: DemoComment[] = [
  {
    by: 'marek',
    after: 35,
    body: 'Good to see the vote finally happen. The cables were visibly rusting for years: anyone who walks the north footpath has seen the orange streaks on the anchors.',
    votes: [11, 0],
    replies: [
      {
        by: 'ines',
        after: 22,
        body: 'Agreed, though the school transport point deserved more than ten minutes of debate.',
        editedTo:
          'Agreed, though the school transport point deserved more than ten minutes of debate. My kids lost the 14 bus last year and nobody at city hall seems to remember.',
        votes: [4, 1],
        replies: [
          {
            by: 'marek',
            after: 15,
            body: "Fair. Both can be true. But the grant deadline was real, wasn't it? If the vote had slipped, the city would pay the full 14 million on its own.",
            votes: [2, 0],
            replies: [
              {
                by: 'ines',
                after: 40,
                body: '> the grant deadline was real\n\nIt was, but it was known in *January*. The school transport report could have come with it.',
                votes: [5, 0],
                replies: [
                  {
                    by: 'karin',
                    after: 60,
                    body: "I sat in the public gallery. The mayor's office said the school transport report is due \"before the summer\". I'll believe it when I see it, but at least it's on the record now: [minutes of the session](https://example.org/council/minutes).",
                    votes: [6, 0],
                    replies: [
                      {
                        by: 'ines',
                        after: 30,
                        body: "Thanks Karin, that's useful. Then I'll hold them to it in June.",
                        votes: [3, 0],
                        replies: [
                          {
                            by: 'marek',
                            after: 45,
                            body: "Count me in. If the report doesn't show up, I'll write to my councillor too. On *that* we agree completely.",
                            votes: [4, 0],
                          },
                        ],
                      },
                    ],
                  },
                ],
              },
            ],
          },
        ],
      },
    ],
  },
  {
    by: 'tom',
    after: 90,
    body: 'Does anyone know if the footpath stays open during the works?',
    votes: [1, 0],
    replies: [
      {
        by: 'pieter',
        after: 12,
        body: 'The article says the north footpath stays open "for most of the works". Full closures only on a few weekends.',
        votes: [3, 0],
        replies: [{ by: 'tom', after: 25, body: 'Thanks, I missed that. I walk across every morning.', votes: [1, 0] }],
      },
      {
        by: 'nils',
        after: 30,
        body: 'As a cyclist I would like to know the same. Resurfacing the deck will surely close the cycle lane for a while?',
        votes: [2, 0],
        replies: [
          {
            by: 'sofia',
            after: 55,
            body: 'Last time they resurfaced (2009, I think) the cycle lane was closed for about six weeks and we all took the ferry. Not the end of the world.',
            votes: [4, 0],
            replies: [{ by: 'nils', after: 20, body: 'Six weeks I can live with. Twenty months would be a different story.', votes: [2, 0] }],
          },
        ],
      },
    ],
  },
  {
    by: 'hanna',
    after: 140,
    body: 'For those of us in the eastern districts this is *the* road into town. Twenty months of works makes me nervous, even with full closures limited to weekends.',
    votes: [7, 1],
    replies: [
      {
        by: 'dev',
        after: 18,
        body: 'The ferry plan from last month helps: a boat every 20 minutes on closure weekends, plus a night sailing.',
        votes: [3, 0],
        replies: [
          {
            by: 'hanna',
            after: 35,
            body: "Every 20 minutes on weekends is fine. It's the weekday lane closures I'm worried about.",
            votes: [2, 0],
            replies: [
              {
                by: 'pieter',
                after: 50,
                body: 'Speaking as someone who works in civil engineering (not on this project): on a deck job like this the lane closures usually move along the bridge in sections, so you mostly lose one lane at a time.\n\nAnnoying, but not a disaster.',
                editedTo:
                  'Speaking as someone who works in civil engineering (not on this project): on a deck job like this the lane closures usually move along the bridge in sections, so you mostly lose *one lane at a time*.\n\nAnnoying, but not a disaster.',
                votes: [9, 0],
                replies: [
                  {
                    by: 'hanna',
                    after: 25,
                    body: 'That is reassuring, thank you. More of this kind of explanation in the article would have helped.',
                    votes: [3, 0],
                  },
                ],
              },
            ],
          },
        ],
      },
    ],
  },
  {
    by: 'lars',
    after: 1500,
    body: 'I remember when this bridge opened in 1964. My father took me across on the first day. Glad it will see its hundredth birthday after all.',
    votes: [12, 0],
    replies: [
      {
        by: 'mei',
        after: 40,
        body: 'What a lovely memory. Do you remember what was there before the bridge?',
        votes: [3, 0],
        replies: [
          {
            by: 'lars',
            after: 90,
            body: 'Only the ferry, and a very long wait in winter. So I have some sympathy for the weekend ferry riders!',
            votes: [6, 0],
          },
        ],
      },
    ],
  },
  {
    by: 'jakob',
    after: 2600,
    body: '14.2 million for cables and a deck. Does anyone know how that compares with similar bridges? It feels like a lot.',
    votes: [2, 4],
    replies: [
      {
        by: 'pieter',
        after: 30,
        body: 'It is in the normal range for a steel arch of that length. Replacing cables is expensive because you have to keep the bridge standing while you do it.',
        votes: [8, 0],
      },
      {
        by: 'aisha',
        after: 45,
        body: 'The tender estimate is in the agenda papers. The biggest line is the temporary supports, not the cables themselves.',
        votes: [4, 0],
        replies: [{ by: 'jakob', after: 60, body: "Fair enough, I'll have a look at the papers. Thanks, both of you.", votes: [3, 0] }],
      },
    ],
  },
  {
    by: 'sofia',
    after: 3500,
    body: 'Nine councillors voted against. I would like each of them to explain what they would have done about the cables. "Later" is not a plan.',
    votes: [6, 3],
    replies: [
      {
        by: 'olu',
        after: 25,
        body: 'To be fair, the amendment was not "later": it was one year later, with 2 million moved to school buses. You can disagree with it, but it was a plan.',
        votes: [10, 1],
        replies: [
          {
            by: 'sofia',
            after: 40,
            body: 'That is a fair correction. I still think it was the wrong call, but I take the point.',
            votes: [5, 0],
          },
        ],
      },
    ],
  },
  {
    by: 'aisha',
    after: 4700,
    body: 'Will the works affect the harbour festival in August? The fireworks barge always moors right under the bridge.',
    votes: [3, 0],
    replies: [
      {
        by: 'mei',
        after: 70,
        body: 'Good question! Construction "starts in spring", so it could be right in the middle of it.',
        votes: [1, 0],
      },
    ],
  },
  {
    by: 'olu',
    after: 5800,
    body: 'Nice to read a calm write-up of a long council night. Thanks, Maya.',
    votes: [4, 0],
  },
  {
    by: 'dev',
    after: 6800,
    body: 'It would be great if the city posted a simple timeline online with the closure weekends, so we can plan ahead. Something like the [roadworks map](https://example.org/roadworks) they already have.',
    votes: [5, 0],
  },
];

const lake: DemoComment[] = [
  {
    by: 'sofia',
    after: 180,
    body: "I'm one of the Sunday samplers! Nice to see the results in print. Getting up at seven on a Sunday was worth it.",
    votes: [8, 0],
    replies: [
      {
        by: 'mei',
        after: 45,
        body: 'Thank you for doing it! Is the kit hard to use?',
        votes: [2, 0],
        replies: [
          {
            by: 'sofia',
            after: 120,
            body: 'Not at all: a bottle on a pole, a thermometer and a form. The hard part is the cold water in October.',
            votes: [4, 0],
          },
        ],
      },
    ],
  },
  {
    by: 'nils',
    after: 600,
    body: '> blue-green algae became visible in the shallow northern bay in late June\n\nA daily online reading from the buoy would be *really* useful for dog owners too. The algae can make dogs very ill.',
    votes: [6, 0],
  },
  {
    by: 'jakob',
    after: 1500,
    body: 'Good news overall. Credit to the farmers who planted those buffer strips; they rarely get thanked.',
    votes: [5, 1],
  },
  {
    by: 'mei',
    after: 1700,
    passage: "The study recommends publishing the buoy's daily readings online",
    body: 'Yes, every morning in summer. Our beach closed for eleven days last year and we only found out at the gate.',
    votes: [4, 0],
  },
  {
    by: 'lars',
    after: 2100,
    passage: 'about three weeks earlier than in older records',
    body: 'Three weeks is a lot. Do the older records come from the same spot in the northern bay, or from the middle of the lake?',
    votes: [3, 0],
    replies: [{ by: 'dev', after: 90, body: 'From the shore near the bathing beach, I think. The report has a map on page 12.', votes: [2, 0] }],
  },
];

const festival: DemoComment[] = [
  {
    by: 'karin',
    after: 240,
    body: 'The pavilion is a perfect choice. I hope they keep the book swap going all summer.',
    votes: [4, 0],
    replies: [{ by: 'lars', after: 100, body: "I'll bring my whole shelf of detective novels.", votes: [3, 0] }],
  },
  {
    by: 'aisha',
    after: 700,
    body: 'Is the pavilion accessible for wheelchairs? The old steps were steep.',
    votes: [5, 0],
    replies: [
      {
        by: 'karin',
        after: 80,
        body: 'There is a ramp on the lake side since the restoration, and an accessible toilet. I was there for the reopening.',
        votes: [6, 0],
      },
    ],
  },
];

const ferry: DemoComment[] = [
  {
    by: 'tom',
    after: 150,
    body: 'A night sailing at 00:40 would be great even without any bridge closure.',
    votes: [7, 0],
  },
  {
    by: 'hanna',
    after: 420,
    body: '60 people in the shelter and 300 an hour... I hope the temporary shelter is a *big* one.',
    votes: [3, 0],
    replies: [{ by: 'olu', after: 35, body: "And heated, please. It's windy on that pier.", votes: [4, 0] }],
  },
  {
    by: 'dev',
    after: 900,
    body: 'Will the bicycle spaces be bookable? On summer weekends the rack fills up fast.',
    votes: [2, 0],
  },
];

/** Discussions by article slug; the first article's is the showcase thread. */
export const demoDiscussions: Record<string, DemoComment[]> = {
  'harbour-bridge-repairs-approved': bridge,
  'lake-marren-water-quality-study': lake,
  'library-reading-festival-lakeshore': festival,
  'extra-ferries-during-bridge-closures': ferry,
};
