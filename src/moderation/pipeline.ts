import { PhaseContext, Vocabulary, type ModerationDeps, type Phase, type PhaseResult } from './context.js';
import { akismet } from './phases/akismet.js';
import { bannedCommenter } from './phases/banned-commenter.js';
import { bannedWords } from './phases/banned-words.js';
import { classifierHarm, classifierSoft } from './phases/classifier.js';
import { blockedDomains } from './phases/blocked-domains.js';
import { hateSpeech } from './phases/hate-speech.js';
import { honeypot } from './phases/honeypot.js';
import { insults } from './phases/insults.js';
import { length } from './phases/length.js';
import { linkLimit } from './phases/link-limit.js';
import { perspective } from './phases/perspective.js';
import { premoderation } from './phases/premoderation.js';
import { rateFlood } from './phases/rate-flood.js';
import { repeatedText } from './phases/repeated-text.js';
import { reputation } from './phases/reputation.js';
import { selfHarm } from './phases/self-harm.js';
import { spamPatterns } from './phases/spam-patterns.js';
import { suspectWords } from './phases/suspect-words.js';
import { threadClosed } from './phases/thread-closed.js';
import { violentIntent } from './phases/violent-intent.js';
import { webhook } from './phases/webhook.js';
import { ReadingThreads, type Reading } from './reading-threads.js';
import type { ModerationSettings } from './settings.js';
import type { ModerationInput, ModerationVerdict } from './verdict.js';

/**
 * The phases, in order. The first that decides ends the run; none deciding means publish.
 *
 * 1. Hard facts first, cheapest first: a closed thread, a banned commenter, impossible length, a robot's form
 *    (honeypot, too fast). They need no reading of the text.
 * 2. Rate and flood next: they are the only phases that touch the shared store on every post,
 *    and a burst should be turned away before any text is analysed.
 * 3. Refusals on the text: banned words and slurs (reject), then hate and threats (hold by
 *    default): hate speech, violent intent (who does what to whom) and incitement to self-harm.
 *    These run before reputation on purpose: a good record does not excuse a slur or a threat.
 *    In a display name they refuse the name. Then the learned model's firm categories
 *    (threats, attacks on a group, self-harm incitement, sexual harassment), for the same reason.
 * 4. Certain spam: blocked domains, then repeated text (after the refusals, so refused texts
 *    are not remembered as "seen").
 * 5. Reputation: a trusted commenter is published here and skips everything below; one often
 *    refused is held.
 * 6. Outside providers, each off unless configured: Akismet (spam), Perspective (hold), the
 *    site's own webhook. After reputation, so a trusted commenter costs no call and is not
 *    second-guessed by a service, and after the local certain checks, so what we can settle
 *    ourselves is never sent out. Before the soft holds, so a provider's firmer answer (spam,
 *    a reject from the webhook) is not pre-empted by a local "hold" such as pre-moderation,
 *    and its reason is the one moderators see. A provider that fails decides nothing
 *    (phases/provider.ts), so the soft holds still run.
 * 7. Soft holds, for everyone else: spam patterns, suspect words and disguised profanity,
 *    insults, then the learned model's insults and spam, too many links, and last
 *    pre-moderation (the policy that holds what nothing else objected to).
 *
 * Display names (`kind: 'name'`) run only the phases whose `kinds` include `name`: length,
 * banned words, hate and threats (violent intent, self-harm), the model, blocked domains, the webhook, spam, suspect
 * words, insults.
 */
export const PHASES: readonly Phase[] = [
  threadClosed,
  bannedCommenter,
  length,
  honeypot,
  rateFlood,
  bannedWords,
  hateSpeech,
  violentIntent,
  selfHarm,
  classifierHarm,
  blockedDomains,
  repeatedText,
  reputation,
  akismet,
  perspective,
  webhook,
  spamPatterns,
  suspectWords,
  insults,
  classifierSoft,
  linkLimit,
  premoderation,
];

export interface ModerationPipeline {
  check(input: ModerationInput): Promise<ModerationVerdict>;
  readonly phases: readonly string[];
  /** Resolves once the moderation threads, if any, have started and read a first comment. */
  ready(): Promise<void>;
  /** Stops the moderation threads, if any. */
  close(): Promise<void>;
}

export interface PipelineOptions {
  /**
   * Moderation threads that read the text (0: all on the calling thread). Phases before the first
   * shared one (a closed thread, a ban, length, the form) and the shared ones (counters, providers)
   * run on the calling thread; every other phase on a moderation thread, with the same verdicts.
   */
  threads?: number;
}

/** Display names remembered with their verdicts: a few hundred regulars post most comments. */
const NAMES_REMEMBERED = 2000;

export function createModerationPipeline(
  settings: ModerationSettings,
  deps: ModerationDeps,
  phases: readonly Phase[] = PHASES,
  options: PipelineOptions = {},
): ModerationPipeline {
  const threadCount = options.threads ?? 0;
  // Only phases a thread can find by name: a pipeline of test phases stays on this thread.
  const threads =
    threadCount > 0 && phases.every((p) => PHASES.includes(p))
      ? new ReadingThreads(
          { settings, phases: phases.map((p) => p.name), ...(deps.rateLimitsEnabled !== undefined ? { rateLimitsEnabled: deps.rateLimitsEnabled } : {}) },
          threadCount,
        )
      : null;
  // The cheap facts before the first shared phase (the rate limits) run here, so a burst is turned away before any reading.
  const firstShared = phases.findIndex((p) => p.shared);
  const readFrom = firstShared < 0 ? 0 : firstShared + 1;
  // With threads, this thread reads no words: the vocabularies (time and memory) are built only there.
  let built: Vocabulary | undefined;
  const vocabulary = threads ? () => (built ??= new Vocabulary(settings)) : new Vocabulary(settings);
  const withHttp: ModerationDeps = { ...deps, http: deps.http ?? ((url, init) => fetch(url, init)) };
  const run = async (input: ModerationInput): Promise<ModerationVerdict> => {
    const ctx = new PhaseContext(input, settings, withHttp, vocabulary);
    let reading: Promise<Reading> | undefined;
    for (const [index, phase] of phases.entries()) {
      if (!phase.kinds.includes(input.kind)) continue;
      let result: PhaseResult | undefined;
      if (threads && !phase.shared && index >= readFrom) {
        // One request reads every remaining phase up to the first that decides; the phases before
        // it decided nothing. A shared phase between them still runs here, in its turn.
        reading ??= threads.read(input, index);
        const found = await reading;
        result = found.index === index ? found.result : undefined;
      } else {
        result = await phase.run(ctx);
      }
      if (result) {
        const { decision, ...reason } = result;
        return { decision, reasons: [{ phase: phase.name, ...reason }] };
      }
    }
    return { decision: 'publish', reasons: [] };
  };
  // A name's verdict depends on the name and the (site's) settings alone, except through the site's webhook
  // (sent the author and thread too), so it is worked out once per name while no webhook is set.
  const names = settings.webhookUrl ? null : new RecentVerdicts(NAMES_REMEMBERED);
  return {
    phases: phases.map((p) => p.name),
    ready: async () => {
      await threads?.ready();
    },
    close: async () => {
      await threads?.close();
    },
    async check(input: ModerationInput): Promise<ModerationVerdict> {
      if (input.kind !== 'name' || !names) return run(input);
      // A site's own choices (profanity, insults) can judge the same name differently.
      const key = input.siteRules ? `${JSON.stringify(input.siteRules)}\n${input.text}` : input.text;
      const known = names.get(key);
      if (known) return copyOf(known);
      const verdict = await run(input);
      names.set(key, copyOf(verdict));
      return verdict;
    },
  };
}

/** Callers may extend a verdict's reasons; the remembered one stays as it was. */
function copyOf(verdict: ModerationVerdict): ModerationVerdict {
  return { decision: verdict.decision, reasons: verdict.reasons.map((r) => ({ ...r, matched: [...r.matched] })) };
}

/** A bounded map that forgets the least recently used entry first. */
class RecentVerdicts {
  private readonly entries = new Map<string, ModerationVerdict>();

  constructor(private readonly limit: number) {}

  get(key: string): ModerationVerdict | undefined {
    const value = this.entries.get(key);
    if (value) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: ModerationVerdict): void {
    if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, value);
  }
}
