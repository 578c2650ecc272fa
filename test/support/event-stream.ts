/** One server-sent event as a page's EventSource would dispatch it. */
export interface StreamEvent {
  id: string | null;
  event: string;
  data: any;
}

/**
 * A thread's event stream read as EventSource reads it: events with their ids, and the last id
 * seen (which moves on ids without data too), so a test can reconnect with `Last-Event-ID`.
 */
export class EventStreamClient {
  readonly events: StreamEvent[] = [];
  lastEventId: string | null = null;
  status = 0;
  contentType = '';
  /** Every byte received, heartbeats included. */
  raw = '';
  private readonly controller = new AbortController();
  private buffer = '';
  private readonly waiters = new Set<() => void>();

  static async open(url: string, headers: Record<string, string> = {}): Promise<EventStreamClient> {
    const client = new EventStreamClient();
    const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: client.controller.signal });
    client.status = response.status;
    client.contentType = response.headers.get('content-type') ?? '';
    if (response.ok && response.body) void client.read(response.body);
    else client.raw = await response.text();
    return client;
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of body) {
        const text = decoder.decode(chunk, { stream: true });
        this.raw += text;
        this.buffer += text;
        let end: number;
        while ((end = this.buffer.indexOf('\n\n')) >= 0) {
          this.dispatch(this.buffer.slice(0, end));
          this.buffer = this.buffer.slice(end + 2);
        }
        for (const wake of this.waiters) wake();
      }
    } catch {
      // Closed by the test.
    }
  }

  private dispatch(block: string): void {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') this.lastEventId = value;
      else if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length > 0) this.events.push({ id: this.lastEventId, event, data: JSON.parse(data.join('\n')) });
  }

  /** Waits for the stream's first bytes: the id it starts after. */
  async started(ms = 5000): Promise<this> {
    await this.waitFor(() => this.lastEventId !== null, ms);
    return this;
  }

  /** Events with this name, in order. */
  named(event: string): StreamEvent[] {
    return this.events.filter((e) => e.event === event);
  }

  /** Waits until `predicate` holds over what arrived, failing after `ms`. */
  async waitFor(predicate: (events: StreamEvent[]) => boolean, ms = 5000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!predicate(this.events)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`the stream did not deliver what was expected within ${ms} ms; it had: ${JSON.stringify(this.events)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.min(left, 200));
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.waiters.add(done);
      }).finally(() => this.waiters.clear());
    }
  }

  close(): void {
    this.controller.abort();
  }
}
