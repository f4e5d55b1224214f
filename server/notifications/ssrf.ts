import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

// Where a webhook may not be sent unless the operator allows private addresses
// (KEYLINE_WEBHOOKS_ALLOW_PRIVATE): anything that is not the public internet.
const forbidden = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24],
  ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) forbidden.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128], ['::1', 128],
  // NAT64 could smuggle any IPv4 address past the IPv4 list. (IPv4-mapped ::ffff:a.b.c.d needs no rule:
  // BlockList checks it against the IPv4 rules, and a mapped rule here would match every IPv4 address.)
  ['64:ff9b::', 96], ['64:ff9b:1::', 48],
  ['100::', 64], ['2001:db8::', 32], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
] as const) forbidden.addSubnet(network, prefix, 'ipv6');

export function isForbiddenAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  return forbidden.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export type Target = { ok: true; address: string; family: 4 | 6 } | { ok: false; reason: string };

/**
 * The one address a request to `url` will connect to, checked: a literal address as it is, a name
 * resolved here (every address it resolves to must be allowed, so a name cannot mix a public and a
 * private one). The caller connects to exactly this address, so a second resolution cannot differ.
 */
export async function resolveTarget(url: URL, allowPrivate: boolean): Promise<Target> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const literal = isIP(host);
  const addresses = literal
    ? [{ address: host, family: literal }]
    : await lookup(host, { all: true, verbatim: true }).catch(() => null);
  if (!addresses || addresses.length === 0) return { ok: false, reason: `Could not resolve ${host}` };
  if (!allowPrivate) {
    const refused = addresses.find((entry) => isForbiddenAddress(entry.address));
    if (refused) return { ok: false, reason: `Refused: ${host} is a private, loopback or link-local address (${refused.address})` };
  }
  const [first] = addresses;
  return { ok: true, address: first!.address, family: first!.family === 6 ? 6 : 4 };
}
