import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { HttpContext } from '../context.js';
import { LiveStreams } from '../live-streams.js';
import { ThreadKeyParams } from './schemas.js';

/**
 * A page opens the stream at the event number it was rendered with (`lastEventId`), since an
 * EventSource cannot send a header on its first request; on reconnecting it sends `Last-Event-ID`,
 * which is newer and wins.
 */
const EventsQuery = Type.Object({ lastEventId: Type.Optional(Type.String({ pattern: '^[0-9]{1,15}$' })) });

export const liveRoutes: FastifyPluginAsyncTypebox<{ ctx: HttpContext }> = async (app, { ctx }) => {
  const streams = new LiveStreams(ctx.live, { streamsPerClient: ctx.config.live.streamsPerClient }, app.log);
  // Open streams would keep the server from closing: they end first, and pages reconnect.
  app.addHook('preClose', async () => streams.close());

  app.get('/api/v1/threads/:key/events', { schema: { params: ThreadKeyParams, querystring: EventsQuery } }, async (request, reply) => {
    const header = request.headers['last-event-id'];
    const lastEventId = (Array.isArray(header) ? header[0] : header) ?? request.query.lastEventId;
    await streams.open(reply, request.site.id, request.params.key, request.ip, lastEventId);
  });
};
