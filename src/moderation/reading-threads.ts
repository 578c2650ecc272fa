import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PhaseResult } from './context.js';
import type { ModerationSettings } from './settings.js';
import type { ModerationInput } from './verdict.js';

/** What a moderation thread found: the first of the asked phases that decided, or none (`index` -1). */
export interface Reading {
  index: number;
  result?: PhaseResult;
}

/** What the main thread sends a moderation thread when it starts. */
export interface ReadingThreadSetup {
  settings: ModerationSettings;
  /** The pipeline's phases by name, in order (indexes in a request refer to this list). */
  phases: string[];
  rateLimitsEnabled?: boolean;
}

export type ReadingRequest = { id: number; input: ModerationInput; from: number };
export type ReadingAnswer = { id: number; reading: Reading } | { id: number; error: string } | { ready: true };

interface Pending {
  resolve: (reading: Reading) => void;
  reject: (error: Error) => void;
}

interface Thread {
  worker: Worker;
  pending: Map<number, Pending>;
  /** Resolves once the thread has built its vocabularies and read a first comment. */
  ready: Promise<void>;
}

/**
 * Reading a comment (words, hate, threats, the model) is most of the CPU a post costs, and none of
 * it needs the database or the shared counters. These threads do it, so the main thread's one core
 * is left for HTTP and the store and a second core takes the reading. Each thread builds its own
 * vocabularies at start (they are not shared between threads), so each costs memory: keep them few.
 */
export class ReadingThreads {
  private readonly threads: Thread[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly setup: ReadingThreadSetup,
    count: number,
  ) {
    for (let i = 0; i < count; i++) this.threads.push(this.start());
  }

  /** Runs the phases from `from` on (the shared ones excepted) on the least busy thread. */
  read(input: ModerationInput, from: number): Promise<Reading> {
    if (this.closed) return Promise.reject(new Error('the moderation threads are closed'));
    let thread = this.threads[0]!;
    for (const t of this.threads) if (t.pending.size < thread.pending.size) thread = t;
    const id = this.nextId++;
    return new Promise<Reading>((resolve, reject) => {
      thread.pending.set(id, { resolve, reject });
      // A thread waiting for nothing must not keep the process alive; one with work must.
      if (thread.pending.size === 1) thread.worker.ref();
      thread.worker.postMessage({ id, input, from } satisfies ReadingRequest);
    });
  }

  /** Resolves once every thread can read (a server listens after this, so no first post waits for a start). */
  async ready(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.ready));
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
  }

  private start(): Thread {
    const entry = workerEntry();
    const worker = new Worker(entry.code, { workerData: this.setup, eval: entry.eval });
    worker.unref();
    let started = () => {};
    const thread: Thread = { worker, pending: new Map(), ready: new Promise<void>((resolve) => (started = resolve)) };
    const settle = (id: number, done: (p: Pending) => void) => {
      const pending = thread.pending.get(id);
      if (!pending) return;
      thread.pending.delete(id);
      if (thread.pending.size === 0) worker.unref();
      done(pending);
    };
    worker.on('message', (answer: ReadingAnswer) => {
      if ('ready' in answer) started();
      else if ('error' in answer) settle(answer.id, (p) => p.reject(new Error(answer.error)));
      else settle(answer.id, (p) => p.resolve(answer.reading));
    });
    // A thread that died (out of memory, a crash) fails what it held and is replaced.
    const lost = (error: Error) => {
      started();
      for (const id of [...thread.pending.keys()]) settle(id, (p) => p.reject(error));
      const index = this.threads.indexOf(thread);
      if (!this.closed && index >= 0) this.threads[index] = this.start();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => {
      if (!this.closed) lost(new Error(`a moderation thread stopped (exit code ${code})`));
    });
    return thread;
  }
}

/**
 * The thread's module beside this one: compiled JavaScript in production; TypeScript when run from
 * source (tests, `npm run dev`), loaded through tsx's loader, which a thread must register itself.
 */
function workerEntry(): { code: URL | string; eval: boolean } {
  if (!import.meta.url.endsWith('.ts')) return { code: new URL('./reading-thread.js', import.meta.url), eval: false };
  const entry = new URL('./reading-thread.ts', import.meta.url).href;
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/package.json').replace(/package\.json$/, 'dist/esm/api/index.mjs')).href;
  return { code: `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`, eval: true };
}
