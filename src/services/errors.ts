/** What went wrong, in terms the HTTP layer maps to a status; services never pick status codes. */
export type ErrorKind = 'invalid' | 'unsupported' | 'not_found' | 'forbidden' | 'conflict' | 'rate_limited' | 'unauthorized' | 'unavailable';

export class ServiceError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    /** The input field at fault, when there is one. */
    readonly field?: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export const invalid = (code: string, field: string, message: string) => new ServiceError('invalid', code, message, field);
export const notFound = (code: string, message: string) => new ServiceError('not_found', code, message);
export const forbidden = (code: string, message: string) => new ServiceError('forbidden', code, message);
