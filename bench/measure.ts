/** One autocannon measurement and the numbers the report keeps from it. */
import autocannon from 'autocannon';

export interface LoadSettings {
  connections: number;
  /** Seconds measured. */
  duration: number;
  /** Seconds of the same load before measuring, not counted (JIT, caches, pools). */
  warmup: number;
}

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  /** A new body for each request (POST); called in the benchmark process. */
  makeBody?: () => string;
  /** A new request each time, for a mix of routes (method, path and body chosen per request). */
  makeRequest?: () => { method: 'GET' | 'POST'; path: string; body?: string; headers?: Record<string, string> };
}

export interface LoadResult {
  requestsPerSecond: number;
  /** Requests that completed with a 2xx status, per second. */
  okPerSecond: number;
  latencyP50: number;
  latencyP99: number;
  total: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCounts: Record<string, number>;
  bytesPerResponse: number;
}

function run(baseUrl: string, request: LoadRequest, connections: number, duration: number): Promise<autocannon.Result> {
  const options: autocannon.Options = {
    url: `${baseUrl}${request.path}`,
    method: request.method,
    connections,
    duration,
    timeout: 10,
    headers: request.headers,
  };
  const { makeBody, makeRequest } = request;
  if (makeRequest) {
    options.requests = [{ setupRequest: (req) => ({ ...req, ...makeRequest() }) }];
  } else if (makeBody) {
    options.requests = [
      {
        method: request.method,
        path: request.path,
        headers: request.headers,
        setupRequest: (req) => ({ ...req, body: makeBody() }),
      },
    ];
  }
  return autocannon(options);
}

/** Warm-up, then the measured run; `beforeMeasuring` is called between the two. */
export async function measure(baseUrl: string, request: LoadRequest, settings: LoadSettings, beforeMeasuring?: () => void): Promise<LoadResult> {
  if (settings.warmup > 0) await run(baseUrl, request, settings.connections, settings.warmup);
  beforeMeasuring?.();
  const result = await run(baseUrl, request, settings.connections, settings.duration);
  const statusCounts: Record<string, number> = {};
  for (const [status, stat] of Object.entries(result.statusCodeStats ?? {})) statusCounts[status] = stat.count ?? 0;
  const ok = result['2xx'];
  return {
    requestsPerSecond: result.requests.average,
    okPerSecond: ok / result.duration,
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCounts,
    bytesPerResponse: result.requests.total > 0 ? result.throughput.total / result.requests.total : 0,
  };
}
