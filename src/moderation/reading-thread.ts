/**
 * A moderation thread (see `reading-threads.ts`): reads comments with the pipeline's phases that
 * need nothing beyond the comment and the settings, and answers which decided first.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PhaseContext, Vocabulary, type ModerationDeps } from './context.js';
import { PHASES } from './pipeline.js';
import type { Reading, ReadingAnswer, ReadingRequest, ReadingThreadSetup } from './reading-threads.js';
import type { ModerationInput } from './verdict.js';

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

async function read(input: ModerationInput, from: number): Promise<Reading> {
  const ctx = new PhaseContext(input, setup.settings, deps, vocabulary);
  for (let index = from; index < phases.length; index++) {
    const phase = phases[index]!;
    if (phase.shared || !phase.kinds.includes(input.kind)) continue;
    const result = await phase.run(ctx);
    if (result) return { index, result };
  }
  return { index: -1 };
}

parentPort!.on('message', ({ id, input, from }: ReadingRequest) => {
  read(input, from).then(
    (reading) => parentPort!.postMessage({ id, reading } satisfies ReadingAnswer),
    (error: unknown) => parentPort!.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies ReadingAnswer),
  );
});

// A first reading loads what the phases load on first use (the model, lazily built tables), so no reader's post waits for it.
const first: ModerationInput = {
  kind: 'comment',
  text: 'A first comment, read at start-up: thanks for the story about the harbour bridge. https://example.org',
  author: { name: 'Reader', email: null, website: null, ipHash: null, readerId: null },
  isEdit: false,
  thread: { key: 'start-up', closed: false, premoderation: 'none' },
  history: { approved: 0, rejected: 0, spam: 0, pending: 0 },
  now: Date.now(),
};
await read(first, 0).catch(() => undefined);
await read({ ...first, kind: 'name', text: 'Reader' }, 0).catch(() => undefined);
parentPort!.postMessage({ ready: true } satisfies ReadingAnswer);
