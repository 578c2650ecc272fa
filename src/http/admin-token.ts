import type { FastifyRequest } from 'fastify';
import { ServiceError } from '../services/errors.js';
import type { HttpContext } from './context.js';

/** Staff automation under /api/v1/admin/: refuses anything without `Authorization: Bearer <TRIBUNE_ADMIN_TOKEN>`. */
export function requireAdminToken(ctx: HttpContext) {
  return async (request: FastifyRequest): Promise<void> => {
    if (!ctx.config.adminToken) {
      throw new ServiceError('forbidden', 'admin_disabled', 'The admin API is off: set TRIBUNE_ADMIN_TOKEN to use it.');
    }
    if (!ctx.readers.isStaff(request)) {
      throw new ServiceError('unauthorized', 'unauthorized', 'Send Authorization: Bearer <admin token>.');
    }
  };
}
