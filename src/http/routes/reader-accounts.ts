import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { HttpContext } from '../context.js';
import { ServiceError } from '../../services/errors.js';
import type { ReaderAccount } from '../../services/reader-accounts.js';
import { avatarUrlOf, profileUrlOf } from '../../services/comment-view.js';
import { endReaderSession, siteIdOf } from '../reader-session.js';
import { identiconSvg } from '../views/identicon.js';

const ReaderParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });


/** The signed-in reader as they see themselves; their e-mail is for their eyes only. */
function ownView(account: ReaderAccount) {
  return { id: account.id, name: account.name, email: account.email, avatarUrl: avatarUrlOf(account.id), profileUrl: profileUrlOf(account.id) };
}

/** Who is signed in, signing out, and readers' public pictures. */
export const readerAccountRoutes: FastifyPluginAsyncTypebox<{ ctx: HttpContext }> = async (app) => {
  app.get('/api/v1/me', async (request, reply) => {
    reply.header('cache-control', 'private, no-store');
    const account = request.readerAccount;
    if (!account) throw new ServiceError('unauthorized', 'not_signed_in', 'You are not signed in.');
    return { reader: ownView(account) };
  });

  app.post('/api/v1/auth/sign-out', async (request, reply) => {
    await endReaderSession(request, reply);
    return reply.status(204).send();
  });

  // Drawn from the account id alone, without a database read: the same picture for everyone, cached a long time.
  app.get('/readers/:id/avatar.svg', { schema: { params: ReaderParams } }, async (request, reply) => {
    return reply
      .type('image/svg+xml')
      .header('cache-control', 'public, max-age=604800, immutable')
      .send(identiconSvg(`${siteIdOf(request)}:${request.params.id}`));
  });
};
