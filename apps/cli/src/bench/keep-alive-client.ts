import { Agent, request } from 'node:http';

/** What the load-generating benchmarks read of an answer: status, headers, the whole body. */
export interface BenchResponse {
  ok: boolean;
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
  json(): Promise<unknown>;
}

/** A call to the API: where, what, as whom, with what body and extra headers. */
export type CallArgs = [
  base: string,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
  headers?: Record<string, string>,
];

/** The headers and body of a JSON call, with a bearer token when there is one. */
export function jsonRequest(
  token: string | undefined,
  body: unknown,
  headers: Record<string, string> = {},
): { headers: Record<string, string>; payload: string | undefined } {
  return {
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...headers,
    },
    payload: body === undefined ? undefined : JSON.stringify(body),
  };
}

/**
 * One connection pool for every call: sockets are kept open and reused, as a browser or a
 * load balancer keeps them.
 */
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

/**
 * `call` over `node:http` with kept-alive connections, for benchmarks that load the machine the
 * API runs on. Global `fetch` (undici, with its web streams) spent ~1–2 ms of CPU per call
 * here, taken from the same two cores as the API, the engine and PostgreSQL under test; this
 * spends a fraction of that. Bodies are read whole before the promise settles.
 */
export function keepAliveCall(
  ...[base, method, path, token, body, extra]: CallArgs
): Promise<BenchResponse> {
  const { headers, payload } = jsonRequest(token, body, extra);
  const bytes = payload === undefined ? undefined : Buffer.from(payload, 'utf8');
  if (bytes !== undefined) headers['content-length'] = String(bytes.length);
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const status = res.statusCode ?? 0;
        resolve({
          ok: status >= 200 && status < 300,
          status,
          headers: {
            get: (name) => {
              const value = res.headers[name.toLowerCase()];
              return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
            },
          },
          text: () => Promise.resolve(text),
          json: () => Promise.resolve(JSON.parse(text) as unknown),
        });
      });
    });
    req.on('error', reject);
    req.end(bytes);
  });
}
