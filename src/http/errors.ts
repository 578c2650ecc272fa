import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ServiceError, type ErrorKind } from '../services/errors.js';

const statusOf: Record<ErrorKind, number> = {
  invalid: 400,
  unsupported: 415,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  // An outside system we depend on (an OpenID provider) failed; nothing of ours is broken.
  unavailable: 502,
};

export interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

export interface HttpProblem {
  status: number;
  body: ErrorBody;
  retryAfterMs?: number;
}

/** Turns anything thrown in a request into a status and the API's error shape; never leaks internals. */
export function describeError(error: unknown): HttpProblem {
  if (error instanceof ServiceError) {
    return {
      status: statusOf[error.kind],
      body: { error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) } },
      retryAfterMs: error.retryAfterMs,
    };
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    const first = fastifyError.validation[0];
    const context = fastifyError.validationContext ?? 'body';
    const params = first?.params as { missingProperty?: string; requiredProperties?: string[] } | undefined;
    // TypeBox names every missing property at once; the first is the field to fix.
    const missing = params?.missingProperty ?? params?.requiredProperties?.[0];
    // `/settings/openIdProviders/0/id` → `settings.openIdProviders[0].id`, as the services name fields.
    const at = (first?.instancePath ?? '').split('/').filter(Boolean).reduce((out, part) => (/^\d+$/.test(part) ? `${out}[${part}]` : out ? `${out}.${part}` : part), '');
    const path = [at, missing].filter(Boolean).join('.');
    const field = path || context;
    return {
      status: 400,
      body: { error: { code: 'invalid_input', message: `${context === 'body' ? '' : `${context} `}${field} ${first?.message ?? 'is invalid'}`.trim(), field } },
    };
  }
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, body: { error: { code: 'body_too_large', message: 'The request body is too large.' } } };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, body: { error: { code: 'unsupported_media_type', message: 'Send JSON with Content-Type: application/json.' } } };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, body: { error: { code: 'invalid_json', message: 'The request body is empty; send a JSON object.' } } };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, body: { error: { code: 'invalid_json', message: 'The request body is not valid JSON.' } } };
  }
  if (fastifyError instanceof SyntaxError || fastifyError.name === 'SyntaxError') {
    return { status: 400, body: { error: { code: 'invalid_json', message: 'The request body is not valid JSON.' } } };
  }
  const status = fastifyError.statusCode;
  if (status && status >= 400 && status < 500) {
    return { status, body: { error: { code: 'bad_request', message: fastifyError.message } } };
  }
  return { status: 500, body: { error: { code: 'internal', message: 'Something went wrong on our side; nothing was changed.' } } };
}

/** `cause` is what was thrown: the log gets it with its stack, the client only the problem. */
export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: HttpProblem, cause: unknown): FastifyReply {
  if (problem.status >= 500) request.log.error({ err: cause }, 'request failed');
  if (problem.retryAfterMs) reply.header('retry-after', Math.ceil(problem.retryAfterMs / 1000));
  return reply.status(problem.status).type('application/json').send(problem.body);
}
