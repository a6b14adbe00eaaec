import { BlockList, isIP } from 'node:net';

/**
 * Addresses a webhook may never reach unless private targets are allowed: loopback, private,
 * link-local, unique-local, carrier-grade NAT, multicast, unspecified, reserved and
 * documentation ranges, and every IPv6 form that embeds an IPv4 address (mapped, compatible,
 * NAT64): a public service has no reason to resolve to one, and each can reach a private host.
 */
// Two lists: a BlockList also matches IPv4 addresses against IPv6 rules in their mapped forms.
const FORBIDDEN_V4 = new BlockList();
const FORBIDDEN_V6 = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata lives here)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  FORBIDDEN_V4.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['::', 96], // IPv4-compatible (deprecated): would reach the embedded IPv4 address
  ['::ffff:0:0', 96], // IPv4-mapped: would reach the embedded IPv4 address
  ['64:ff9b::', 96], // NAT64: would reach the embedded IPv4 address
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique-local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const) {
  FORBIDDEN_V6.addSubnet(network, prefix, 'ipv6');
}

/** True when `address` (a literal IPv4 or IPv6 address) is not a public unicast address. */
export function isForbiddenAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 4) return FORBIDDEN_V4.check(bare, 'ipv4');
  if (family !== 6) return true;
  return FORBIDDEN_V6.check(bare, 'ipv6');
}
