/**
 * A moderation thread (see `reading-threads.ts`): reads comments with the pipeline's phases that
 * need nothing beyond the comment and the settings, and answers which decided first.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PhaseContext, Vocabulary, type ModerationDeps } from './context.js';
import { PHASES } from './pipeline.js';
import type { Reading, ReadingAnswer, ReadingRequest, ReadingThreadSetup } from './reading-threads.js';

const setup = workerData as ReadingThreadSetup;
const phases = setup.phases.map((name) => {
  const phase = PHASES.find((p) => p.name === name);
  if (!phase) throw new Error(`no moderation phase named ${name}`);
  return phase;
});
const vocabulary = new Vocabulary(setup.settings);
const deps: ModerationDeps = {
  counters: new Proxy({} as ModerationDeps['counters'], {
    get() {
      throw new Error('the shared counters are read on the main thread');
    },
  }),
  ...(setup.rateLimitsEnabled !== undefined ? { rateLimitsEnabled: setup.rateLimitsEnabled } : {}),
};

parentPort!.on('message', ({ id, input, from }: ReadingRequest) => {
  void (async () => {
    let answer: ReadingAnswer;
    try {
      const ctx = new PhaseContext(input, setup.settings, deps, vocabulary);
      let reading: Reading = { index: -1 };
      for (let index = from; index < phases.length; index++) {
        const phase = phases[index]!;
        if (phase.shared || !phase.kinds.includes(input.kind)) continue;
        const result = await phase.run(ctx);
        if (result) {
          reading = { index, result };
          break;
        }
      }
      answer = { id, reading };
    } catch (error) {
      answer = { id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    }
    parentPort!.postMessage(answer);
  })();
});
