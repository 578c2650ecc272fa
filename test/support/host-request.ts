import http from 'node:http';

export interface HostResponse {
  status: number;
  json: any;
  text: string;
  headers: http.IncomingHttpHeaders;
}

/**
 * A request with the `Host` header of our choosing, as a browser on that site's address sends it
 * (fetch does not let a script pick the Host header).
 */
export function requestAs(
  baseUrl: string,
  host: string,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<HostResponse> {
  const url = new URL(baseUrl);
  const data = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: { host, ...(data !== undefined ? { 'content-type': 'application/json' } : {}), ...options.headers },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: response.statusCode ?? 0, json, text, headers: response.headers });
        });
      },
    );
    request.on('error', reject);
    if (data !== undefined) request.write(data);
    request.end();
  });
}
