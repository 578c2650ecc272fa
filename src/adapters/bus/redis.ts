import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { connectRedis, withinStartup } from '../redis-connection.js';
import type { EventBus, EventHandler, TribuneEvent } from './bus.js';

interface Envelope {
  /** The instance that published it: it has already told its own listeners. */
  from: string;
  event: TribuneEvent;
}

/**
 * Domain events shared by every instance through Redis pub/sub. An event reaches this instance's
 * listeners at once, as with the in-process bus, and the other instances' through the channel.
 * Pub/sub keeps nothing: what matters for a page that was away is in the database (the replay
 * log), and the event only says "look now".
 */
export class RedisBus implements EventBus {
  private readonly handlers = new Set<EventHandler>();
  private readonly instance = randomUUID();
  private readonly channel: string;
  private readonly publisher: Redis;
  private readonly subscriber: Redis;

  private constructor(url: string, prefix: string, private readonly onError: (error: Error) => void) {
    this.channel = `${prefix}events`;
    this.publisher = connectRedis(url, onError);
    this.subscriber = connectRedis(url, onError);
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel !== this.channel) return;
      let envelope: Envelope;
      try {
        envelope = JSON.parse(message) as Envelope;
      } catch {
        return;
      }
      if (envelope.from !== this.instance) this.deliver(envelope.event);
    });
  }

  /** Connects and subscribes before resolving, so nothing published after start-up is missed. */
  static async connect(url: string, prefix: string, onError: (error: Error) => void): Promise<RedisBus> {
    const bus = new RedisBus(url, prefix, onError);
    try {
      await withinStartup(Promise.all([bus.publisher.connect(), bus.subscriber.connect()]));
      await withinStartup(bus.subscriber.subscribe(bus.channel));
    } catch (error) {
      bus.publisher.disconnect();
      bus.subscriber.disconnect();
      throw error;
    }
    return bus;
  }

  publish(event: TribuneEvent): void {
    this.deliver(event);
    const envelope: Envelope = { from: this.instance, event };
    this.publisher.publish(this.channel, JSON.stringify(envelope)).catch((error: Error) => this.onError(error));
  }

  subscribe(handler: EventHandler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  async close(): Promise<void> {
    this.handlers.clear();
    await Promise.allSettled([this.subscriber.quit(), this.publisher.quit()]);
  }

  private deliver(event: TribuneEvent): void {
    for (const handler of this.handlers) {
      try {
        handler(event);
      } catch {
        // One failing listener must not stop the others nor the request that published.
      }
    }
  }
}
