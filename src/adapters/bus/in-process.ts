import type { EventBus, EventHandler, TribuneEvent } from './bus.js';

export class InProcessBus implements EventBus {
  private readonly handlers = new Set<EventHandler>();

  publish(event: TribuneEvent): void {
    for (const handler of this.handlers) {
      try {
        handler(event);
      } catch {
        // One failing listener must not stop the others nor the request that published.
      }
    }
  }

  subscribe(handler: EventHandler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  async close(): Promise<void> {
    this.handlers.clear();
  }
}
