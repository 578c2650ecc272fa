import type { NewArticleInput } from '../services/articles.js';

/**
 * The demo site's own articles: neutral local news written for Tribune, so a fresh install
 * shows a real-looking front page without borrowing anyone's copy. Dates are relative so the
 * demo always looks recent.
 */
export interface DemoArticle extends Omit<NewArticleInput, 'publishedAt' | 'image'> {
  /** Days before seeding that the article appears as published. */
  publishedDaysAgo: number;
  image: { url: string; fullUrl: string; alt: string; credit: string };
}

const CREDIT = 'Illustration: Tribune demo';

function illustration(name: string, alt: string): DemoArticle['image'] {
  return { url: `/static/demo/${name}.svg`, fullUrl: `/static/demo/${name}.svg`, alt, credit: CREDIT };
}

const mayaOkafor: DemoArticle['author'] = {
  name: 'Maya Okafor',
  role: 'city hall reporter, covers budgets and planning',
  bio: 'Maya has reported on the council for six years and reads every budget annex so you do not have to.',
  links: [
    { label: 'X', url: 'https://x.com/maya_okafor_demo' },
    { label: 'Telegram', url: 'https://t.me/maya_okafor_demo' },
  ],
};

const jonasLindqvist: DemoArticle['author'] = {
  name: 'Jonas Lindqvist',
  role: 'science and environment reporter',
  bio: 'Jonas trained as a hydrologist before switching to journalism. He writes about water, weather and the people who measure them.',
  links: [
    { label: 'Mastodon', url: 'https://mastodon.social/@jonas_lindqvist_demo' },
    { label: 'X', url: 'https://x.com/jonas_lindqvist_demo' },
  ],
};

const amaraNwosu: DemoArticle['author'] = {
  name: 'Amara Nwosu',
  role: 'culture editor',
  bio: 'Amara covers theatre, books and the festivals that keep the town busy all summer.',
  links: [
    { label: 'Instagram', url: 'https://www.instagram.com/amara_nwosu_demo' },
    { label: 'Telegram', url: 'https://t.me/amara_nwosu_demo' },
  ],
};

const tomasReyes: DemoArticle['author'] = {
  name: 'Tomás Reyes',
  role: 'transport reporter',
  bio: 'Tomás commutes by ferry, bus and bicycle, and keeps a spreadsheet of every late departure.',
  links: [
    { label: 'X', url: 'https://x.com/tomas_reyes_demo' },
    { label: 'Telegram', url: 'https://t.me/tomas_reyes_demo' },
    { label: 'Mastodon', url: 'https://mastodon.social/@tomas_reyes_demo' },
  ],
};

export const demoArticles: readonly DemoArticle[] = [
  {
    slug: 'harbour-bridge-repairs-approved',
    title: 'Harbour bridge repairs approved after a long night at city hall',
    standfirst:
      'After a five-hour session that ran past midnight, the council voted 23 to 9 to fund the repair of the 1960s bridge. Work could start in spring.',
    author: mayaOkafor,
    topics: ['City hall', 'Harbour bridge', 'Transport'],
    image: illustration('bridge', 'A flat illustration of a steel arch bridge over the harbour at dusk, with a small boat passing beneath.'),
    publishedDaysAgo: 5,
    body: `After a five-hour session that ran past midnight, the city council voted 23 to 9 on Tuesday to fund the repair of the harbour bridge, the 1960s steel arch that carries about 18,000 vehicles a day between the old town and the eastern districts.

The approved plan costs 14.2 million, of which the city pays 9.5 million from its capital budget and the rest comes from a regional infrastructure grant. Engineers will replace the corroded suspension cables, reinforce two of the six piers and resurface the deck. The footpath on the north side is expected to stay open for most of the works.

## A close look at the cables

The case for acting now rests on an inspection carried out last winter. Divers and rope-access teams found that several cable anchors had lost more than a fifth of their steel to rust. "Nothing is about to fall down," the city's chief engineer, Ingrid Haller, told the council, "but every year we wait the repair gets bigger and more expensive."

## Where the opposition came from

Opponents did not dispute the engineering. Most of the nine votes against came from councillors who argued that the money should first go to school transport, which lost two bus routes in last year's budget. An amendment to delay the bridge by one year and move 2 million to school buses failed by four votes.

> "We are not against the bridge. We are against doing the bridge *instead of* everything else." — Councillor Petra Vogt

The mayor's office promised a separate report on school transport before the summer, and said the grant would have been lost if the vote had slipped past the end of the month.

## What happens next

The project still needs final planning approval, which is expected in February. If it is granted, construction would start in spring and last about 20 months, with full closures limited to a few weekends. The ferry service will add sailings during those weekends; details are due from the transport department next month.`,
  },
  {
    slug: 'lake-marren-water-quality-study',
    title: 'Lake Marren is cleaner than a decade ago, but summer algae still worry scientists',
    standfirst:
      'A two-year sampling study by the university and volunteer swimmers finds less phosphorus in the lake, and earlier, longer algal blooms in warm summers.',
    author: jonasLindqvist,
    topics: ['Science', 'Environment', 'Lake Marren'],
    image: illustration('lake', 'A flat illustration of a calm lake with a yellow sampling buoy, reeds in the foreground and hills behind.'),
    publishedDaysAgo: 9,
    body: `Lake Marren holds less phosphorus than it did ten years ago, according to a two-year study published this week by the university's freshwater group, but the lake's summer algal blooms are starting earlier and lasting longer.

The researchers took more than 1,400 water samples from a moored sampling buoy near the centre of the lake and from twelve points along the shore. About forty members of the Marren open-water swimming club collected shore samples every Sunday morning, using kits supplied by the university.

## Less fertiliser, clearer water

Average phosphorus levels fell by roughly a third compared with measurements from 2013. The authors link the drop to the upgraded treatment plant at Norrby and to buffer strips that farmers along the inflowing streams planted after 2016. Water clarity, measured by lowering a white disc until it disappears from view, improved from 2.1 to 2.9 metres on average.

## Warm summers change the picture

The improvement does not yet show in the summer months. In both years of the study, blue-green algae became visible in the shallow northern bay in late June, about three weeks earlier than in older records. "Warmer water gives the algae a head start, even when there is less for them to feed on," said Dr. Lena Aho, who led the study.

The city currently closes the northern bathing beach when algae counts pass a safety threshold; it did so for eleven days last August. The study recommends publishing the buoy's daily readings online so that swimmers can check conditions before they go.

The full report, including the raw data, is available from the university library. The freshwater group plans to keep the buoy in the lake for at least three more years.`,
  },
  {
    slug: 'library-reading-festival-lakeshore',
    title: "The library's summer reading festival moves to the lakeshore pavilion",
    standfirst:
      'Readings, a poetry night and a book swap will fill the restored pavilion on Lake Marren for three weekends in July, with free entry for all events.',
    author: amaraNwosu,
    topics: ['Culture', 'Library', 'Lake Marren'],
    image: illustration('festival', 'A flat illustration of a festival tent with string lights beside a lake, with stacks of books on a table.'),
    publishedDaysAgo: 16,
    body: `The public library's summer reading festival is leaving the main reading room this year. For three weekends in July it will take over the lakeshore pavilion, the 1920s wooden hall on Lake Marren that reopened last autumn after a long restoration.

The programme, announced on Monday, includes twelve author readings, a children's story tent every Saturday morning and a poetry night on the pavilion's terrace. The festival closes with the town's largest book swap: bring a book, take a book, no questions asked.

## Why the move

Attendance outgrew the library. Last year, several readings were full half an hour before they began, and staff had to turn people away at the door. "We want people to wander in on a sunny afternoon, not queue on the stairs," said the head librarian, Rosa Castellanos.

The pavilion seats 180 indoors and about as many again on the terrace. If it rains, the terrace events move inside and the story tent moves to the pavilion's veranda.

## Free, with a few tickets

All events are free. The four most popular readings need a ticket, which can be reserved from the library's front desk or its website from 1 June. The remaining seats at each reading are kept for people who turn up on the day.

A shuttle bus will run from the library to the pavilion every half hour on festival days, and the lakeshore path has been cleared for bicycles.`,
  },
  {
    slug: 'extra-ferries-during-bridge-closures',
    title: 'Ferries could run every 20 minutes while the harbour bridge is closed',
    standfirst:
      "The transport department's draft plan for bridge closure weekends doubles ferry sailings and adds a night service. The council will vote on it with the repair budget.",
    author: tomasReyes,
    topics: ['Transport', 'Harbour bridge', 'City hall'],
    image: illustration('ferry', 'A flat illustration of a small blue and white passenger ferry crossing the harbour, with the old town behind.'),
    publishedDaysAgo: 23,
    body: `If the harbour bridge closes for repairs, the harbour ferry would run every 20 minutes instead of every 40 on closure weekends, under a draft plan the transport department presented to the council's transport committee on Thursday.

The plan, which depends on the council approving the bridge repairs, also adds a night sailing at 00:40 on Fridays and Saturdays and a free bicycle space on every crossing. A second vessel would be chartered from a neighbouring port for about 60,000 per weekend.

## Buses on both shores

Two bus routes that normally cross the bridge would be split in two. Each half would end at a ferry pier, with departures timed to meet the boats. The department estimates the trip from the eastern districts to the old town would take about ten minutes longer than usual.

Several committee members asked whether the piers can cope. The eastern pier's waiting shelter holds about 60 people; on a busy Saturday, the department expects more than 300 passengers an hour. A temporary shelter and extra staff are included in the plan.

## What riders said

The ferry users' association welcomed the extra sailings but asked for the night service to run on all closure days, not only weekends. "Shift workers do not stop working because the bridge is shut," said its chair, Henrik Dahl.

The committee will send the plan to the full council together with the repair budget later this month.`,
  },
];
