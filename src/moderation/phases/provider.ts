import type { PhaseContext, ProviderFailureReport } from '../context.js';

/**
 * What the outside providers share: one call with a short timeout, and failure that never blocks.
 *
 * A provider that times out, answers with an error status, or answers something we cannot read
 * decides nothing: the comment goes on through the local phases as if the provider were off.
 * Phases cannot log, so a failure is made visible two ways: it is counted here, by provider and
 * cause (`providerFailures()`, for a metrics endpoint or a health check), and reported to
 * `deps.onProviderFailure` when the caller gave one (to log it).
 */

export type ProviderName = ProviderFailureReport['provider'];
export type ProviderFailureCause = ProviderFailureReport['cause'];

const failures = new Map<string, number>();

/** Failed provider calls since start-up (or the last reset), keyed `provider.cause`, e.g. `akismet.timeout`. */
export function providerFailures(): Record<string, number> {
  return Object.fromEntries(failures);
}

export function resetProviderFailures(): void {
  failures.clear();
}

/** Thrown by a provider's `read` when the answer is not in the documented format. */
export class MalformedAnswer extends Error {}

/**
 * POSTs to a provider and reads its answer; `undefined` (and a counted failure) on any failure.
 * The timeout covers the whole exchange, body included.
 */
export async function callProvider<T>(ctx: PhaseContext, provider: ProviderName, url: string, init: RequestInit, read: (response: Response) => Promise<T>): Promise<T | undefined> {
  const http = ctx.deps.http ?? ((u: string, i: RequestInit) => fetch(u, i));
  const fail = (cause: ProviderFailureCause, detail: string): undefined => {
    const key = `${provider}.${cause}`;
    failures.set(key, (failures.get(key) ?? 0) + 1);
    ctx.deps.onProviderFailure?.({ provider, cause, detail });
    return undefined;
  };
  try {
    const response = await http(url, { ...init, method: 'POST', signal: AbortSignal.timeout(ctx.settings.providerTimeoutMs) });
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      return fail('status', `HTTP ${response.status}`);
    }
    return await read(response);
  } catch (error) {
    if (error instanceof MalformedAnswer) return fail('malformed', error.message);
    const name = error instanceof Error ? error.name : '';
    if (name === 'TimeoutError' || name === 'AbortError') return fail('timeout', `no answer within ${ctx.settings.providerTimeoutMs} ms`);
    if (error instanceof SyntaxError) return fail('malformed', error.message);
    return fail('network', error instanceof Error ? error.message : String(error));
  }
}

/** A base URL (`https://host[:port][/prefix]`) joined to a path, without doubled slashes. */
export function joinUrl(base: string, path: string): string {
  return base.replace(/\/+$/, '') + path;
}
