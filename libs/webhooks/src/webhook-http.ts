import type { LookupAddress } from 'node:dns';
import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';

export interface PostOutcome {
  /** A 2xx answer. */
  ok: boolean;
  statusCode: number | null;
  error: string | null;
}

/** A lookup that answers only the address already vetted, so DNS cannot change it in between. */
function pinnedLookup(pinned: LookupAddress): LookupFunction {
  return ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options.all === true) callback(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  }) as LookupFunction;
}

/**
 * POSTs a JSON body to `url`, connecting to `address`, and gives up after `timeoutMs` (connect,
 * send and answer together). The answer's body is read and dropped; redirects are not followed.
 */
export function postJson(
  url: string,
  address: LookupAddress,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<PostOutcome> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const options: RequestOptions = {
    method: 'POST',
    headers: {
      ...headers,
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      'user-agent': 'Talentbridge-Webhooks/1',
    },
    lookup: pinnedLookup(address),
    signal: AbortSignal.timeout(timeoutMs),
    agent: false,
  };
  return new Promise((resolve) => {
    const req = send(target, options, (res) => {
      res.resume();
      res.on('end', () => {
        const statusCode = res.statusCode ?? null;
        const ok = statusCode !== null && statusCode >= 200 && statusCode < 300;
        resolve({ ok, statusCode, error: ok ? null : `HTTP ${statusCode}` });
      });
      res.on('error', (error) => resolve({ ok: false, statusCode: null, error: error.message }));
    });
    req.on('error', (error) => {
      const timedOut = error.name === 'AbortError' || error.name === 'TimeoutError';
      resolve({
        ok: false,
        statusCode: null,
        error: timedOut ? `no answer within ${timeoutMs} ms` : error.message,
      });
    });
    req.end(body);
  });
}
