import type { LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { isForbiddenAddress } from './target-address.js';

/** Why a URL may not receive webhooks (undefined when it may). */
export type TargetProblem = string | undefined;

/** Only absolute http(s) URLs without credentials. */
export function urlProblem(raw: string): TargetProblem {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'url must be an absolute http or https URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return 'url must use http or https';
  }
  if (url.username !== '' || url.password !== '') return 'url must not carry credentials';
  return undefined;
}

/**
 * Resolves the URL's host (every address) and refuses it when any address is not public.
 * Returns the vetted addresses so the request can go to exactly those (no second lookup that
 * DNS could answer differently).
 */
export async function resolveTarget(
  raw: string,
  allowPrivate: boolean,
): Promise<{ addresses: LookupAddress[] } | { problem: string }> {
  const problem = urlProblem(raw);
  if (problem !== undefined) return { problem };
  const host = new URL(raw).hostname.replace(/^\[|\]$/g, '');
  let addresses: LookupAddress[];
  if (isIP(host) !== 0) {
    addresses = [{ address: host, family: isIP(host) }];
  } else {
    try {
      addresses = await lookup(host, { all: true, verbatim: true });
    } catch {
      return { problem: `url host ${host} does not resolve` };
    }
  }
  if (addresses.length === 0) return { problem: `url host ${host} does not resolve` };
  if (!allowPrivate) {
    const refused = addresses.find((a) => isForbiddenAddress(a.address));
    if (refused !== undefined) {
      return {
        problem: `url resolves to ${refused.address}, a private, loopback or reserved address`,
      };
    }
  }
  return { addresses };
}
