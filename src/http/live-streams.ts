import type { ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyReply } from 'fastify';
import type { LiveEventService, LiveThread } from '../services/live.js';
import { ServiceError } from '../services/errors.js';
import { LIVE_RELOAD_EVENT, type LiveEvent } from '../shared/live.js';
import { siteThread } from './response-cache.js';

interface StreamClient {
  response: ServerResponse;
  address: string;
  /** The last event number this page has been sent. */
  seq: number;
  /** Still being sent what it missed: the thread's broadcasts pass it by until it has caught up. */
  catchingUp: boolean;
}

/** One thread's open pages on this instance, and the last event number read for them. */
interface ThreadStream {
  thread: LiveThread;
  clients: Set<StreamClient>;
  cursor: number;
  reading: boolean;
  readAgain: boolean;
}

export interface LiveStreamOptions {
  /** Open streams one client address may hold at once. */
  streamsPerClient: number;
  /** A comment line this often keeps proxies and load balancers from closing an idle stream. */
  heartbeatMs?: number;
}

/** Events read from the log at once, for a broadcast or a page catching up. */
const BATCH = 200;
/** A page that stops reading is dropped once this much waits unsent for it; it reconnects and resumes. */
const MAX_UNSENT_BYTES = 512 * 1024;

/**
 * The thread event streams this instance serves (`GET /api/v1/threads/{key}/events`). Each change is
 * read from the replay log once per thread and the same bytes written to every open page of it, so
 * a new comment costs one query however many pages watch. A page that comes back with
 * `Last-Event-ID` is sent what it missed first, then joins the others; it never gets an event twice.
 */
export class LiveStreams {
  private readonly threads = new Map<number, ThreadStream>();
  private readonly byKey = new Map<string, Set<ThreadStream>>();
  private readonly perAddress = new Map<string, number>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly stopWatching: () => void;
  private closed = false;

  constructor(
    private readonly live: LiveEventService,
    private readonly options: LiveStreamOptions,
    private readonly log: FastifyBaseLogger,
  ) {
    this.stopWatching = live.watch((siteId, key) => {
      for (const stream of this.byKey.get(siteThread(siteId, key)) ?? []) void this.broadcast(stream);
    });
    const ping = Buffer.from(': ping\n\n');
    this.heartbeat = setInterval(() => {
      for (const stream of this.threads.values()) {
        for (const client of stream.clients) this.send(client, ping);
        // Also a look at the log: a change whose event another instance's Redis message lost still arrives.
        void this.broadcast(stream);
      }
    }, options.heartbeatMs ?? 20_000);
    this.heartbeat.unref();
  }

  /** Open streams on this instance. */
  get size(): number {
    let n = 0;
    for (const stream of this.threads.values()) n += stream.clients.size;
    return n;
  }

  /**
   * Answers the request with the thread's stream, starting after `lastEventId` when the page
   * says what it saw last (the `Last-Event-ID` header a reconnecting EventSource sends).
   */
  async open(reply: FastifyReply, siteId: string, key: string, address: string, lastEventId: string | undefined): Promise<void> {
    if (this.closed) throw new ServiceError('unavailable', 'shutting_down', 'The server is restarting; try again in a moment.');
    const open = this.perAddress.get(address) ?? 0;
    if (open >= this.options.streamsPerClient) {
      throw new ServiceError('rate_limited', 'too_many_streams', `At most ${this.options.streamsPerClient} live discussions can be open at once from one address; close one and try again.`, undefined, 10_000);
    }
    // Counted before the first await, so a burst of requests cannot all pass the check together.
    this.perAddress.set(address, open + 1);
    let client: StreamClient | undefined;
    try {
      const thread = await this.live.findThread(siteId, key);
      const head = await this.live.head(thread.id);
      const from = /^\d{1,15}$/.test(lastEventId?.trim() ?? '') ? Number(lastEventId!.trim()) : head;
      const response = reply.hijack().raw;
      response.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store, no-transform',
        'x-content-type-options': 'nosniff',
        // nginx and others buffer answers unless told not to.
        'x-accel-buffering': 'no',
      });
      // The page's EventSource waits this long before reconnecting; the first id lets it resume from here.
      response.write(`retry: 3000\nid: ${from}\n\n`);
      client = { response, address, seq: from, catchingUp: true };
      const stream = this.streamOf(thread, head);
      stream.clients.add(client);
      const joined = client;
      response.once('close', () => this.leave(stream, joined));
      await this.catchUp(stream, client);
    } catch (error) {
      if (!client) this.release(address);
      if (client) client.response.destroy();
      if (!client) throw error;
      this.log.warn({ err: error }, 'live stream failed while catching up');
    }
  }

  /** Ends every stream (the server is stopping); pages reconnect to another instance or after the restart. */
  close(): void {
    this.closed = true;
    clearInterval(this.heartbeat);
    this.stopWatching();
    for (const stream of this.threads.values()) for (const client of stream.clients) client.response.end();
  }

  private streamOf(thread: LiveThread, head: number): ThreadStream {
    let stream = this.threads.get(thread.id);
    if (!stream) {
      stream = { thread, clients: new Set(), cursor: head, reading: false, readAgain: false };
      this.threads.set(thread.id, stream);
      const watched = siteThread(thread.siteId, thread.key);
      const keyed = this.byKey.get(watched) ?? new Set();
      keyed.add(stream);
      this.byKey.set(watched, keyed);
    }
    return stream;
  }

  private leave(stream: ThreadStream, client: StreamClient): void {
    // The page went away: its connection is closed too, or the server would count it open for ever.
    client.response.destroy();
    if (!stream.clients.delete(client)) return;
    this.release(client.address);
    if (stream.clients.size === 0 && this.threads.get(stream.thread.id) === stream) {
      this.threads.delete(stream.thread.id);
      const watched = siteThread(stream.thread.siteId, stream.thread.key);
      const keyed = this.byKey.get(watched);
      keyed?.delete(stream);
      if (keyed?.size === 0) this.byKey.delete(watched);
    }
  }

  private release(address: string): void {
    const open = (this.perAddress.get(address) ?? 1) - 1;
    if (open > 0) this.perAddress.set(address, open);
    else this.perAddress.delete(address);
  }

  /** Sends one page what came after its number, until it is level with the thread's broadcasts. */
  private async catchUp(stream: ThreadStream, client: StreamClient): Promise<void> {
    for (;;) {
      const batch = await this.live.after(stream.thread.id, client.seq, BATCH);
      if (client.response.destroyed) return;
      if (batch.missed) this.send(client, Buffer.from(reloadEvent(batch.last)));
      else for (const event of batch.events) this.send(client, Buffer.from(format(event)));
      client.seq = batch.last;
      if (batch.events.length < BATCH && client.seq >= stream.cursor) break;
    }
    client.catchingUp = false;
  }

  /** Reads what is new in the thread once and writes it to each of its pages. */
  private async broadcast(stream: ThreadStream): Promise<void> {
    if (stream.reading) {
      stream.readAgain = true;
      return;
    }
    stream.reading = true;
    try {
      do {
        stream.readAgain = false;
        for (;;) {
          const batch = await this.live.after(stream.thread.id, stream.cursor, BATCH);
          const chunks = batch.missed ? [{ seq: batch.last, bytes: Buffer.from(reloadEvent(batch.last)) }] : batch.events.map((e) => ({ seq: e.seq, bytes: Buffer.from(format(e)) }));
          for (const client of stream.clients) {
            if (client.catchingUp) continue;
            for (const chunk of chunks) if (chunk.seq > client.seq) this.send(client, chunk.bytes);
            client.seq = Math.max(client.seq, batch.last);
          }
          stream.cursor = Math.max(stream.cursor, batch.last);
          if (batch.events.length < BATCH) break;
        }
      } while (stream.readAgain);
    } catch (error) {
      this.log.error({ err: error }, 'reading the thread events failed');
    } finally {
      stream.reading = false;
    }
  }

  private send(client: StreamClient, bytes: Buffer): void {
    const response = client.response;
    if (response.destroyed || response.writableEnded) return;
    if (response.writableLength > MAX_UNSENT_BYTES) {
      response.destroy();
      return;
    }
    response.write(bytes);
  }
}

/** One event in the stream's format: its number, its name, its data as one line of JSON. */
function format(event: LiveEvent): string {
  // Nothing to show, but the number counts: the page's Last-Event-ID moves past it.
  if (event.type === 'skip') return `id: ${event.seq}\n\n`;
  const { seq, type, ...data } = event;
  return `id: ${seq}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
}

function reloadEvent(seq: number): string {
  return `id: ${seq}\nevent: ${LIVE_RELOAD_EVENT}\ndata: {}\n\n`;
}
