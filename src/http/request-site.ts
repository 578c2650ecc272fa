import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { Site } from '../shared/site.js';
import type { SiteService } from '../services/sites.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The site this request is for, from its Host header (behind a trusted proxy, X-Forwarded-Host). */
    site: Site;
  }
}

/** Resolves the request's site once, before anything else looks at the request (a callback hook: no promise per request). */
export function siteOfRequest(sites: SiteService) {
  return (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    request.site = sites.forHost(request.host);
    done();
  };
}

/**
 * What a page shows of the request's site: its own name; the tagline and the rest of the look
 * follow the installation's settings.
 */
export function pageSiteOf<T extends { name: string }>(installation: T, request: FastifyRequest): T {
  return { ...installation, name: request.site.name };
}

/** The scheme and host the request came to: where links handed back to this reader lead. */
export const requestOrigin = (request: FastifyRequest): string => `${request.protocol}://${request.host}`;
