import { BlockList, isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context';

/** The proxies (load balancers) whose `X-Forwarded-For` is believed. */
export type TrustedProxies = { has(address: string): boolean };

export const trustNoProxy: TrustedProxies = { has: () => false };

/**
 * `KEYLINE_TRUSTED_PROXIES` entries: addresses or CIDR ranges, IPv4 or IPv6 (`10.0.0.0/8`,
 * `192.0.2.7`, `fd00::/8`). Throws on anything else, so a typo stops the start rather than
 * silently trusting nobody (or everybody).
 */
export function parseTrustedProxies(entries: readonly string[]): TrustedProxies {
  if (entries.length === 0) return trustNoProxy;
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix, ...rest] = entry.split('/');
    const family = isIP(address);
    const bits = prefix === undefined ? undefined : /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
    if (!family || rest.length > 0 || (bits !== undefined && !(bits <= (family === 4 ? 32 : 128)))) {
      throw new Error(`KEYLINE_TRUSTED_PROXIES: "${entry}" is not an IP address or a CIDR range (such as 10.0.0.0/8).`);
    }
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, bits, type);
  }
  return {
    has: (address) => {
      const family = isIP(address);
      // An IPv4-mapped IPv6 peer (::ffff:10.0.0.1) matches its IPv4 range.
      return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
    },
  };
}

/**
 * Who is calling, as far as can be believed: the socket's peer, unless that is a trusted proxy;
 * then `X-Forwarded-For` read from the right (each proxy appends the address it was called from),
 * skipping trusted proxies, and the first hop that is not one is the client. Anything to its left
 * was written by the client and proves nothing. A hop that is not an address ends the walk at the
 * last trusted one; so does a chain of trusted hops only.
 */
export function clientAddress(peer: string | null, forwardedFor: string | undefined, trusted: TrustedProxies): string | null {
  // The header first: asking the block list is the costlier check, and most calls carry no header.
  if (peer === null || !forwardedFor || !trusted.has(peer)) return peer;
  const hops = forwardedFor.split(',').map((hop) => hop.trim());
  let address = peer;
  for (let i = hops.length - 1; i >= 0; i -= 1) {
    const hop = hops[i]!;
    if (!isIP(hop)) return address;
    address = hop;
    if (!trusted.has(hop)) return hop;
  }
  return address;
}

/** Sets `clientIp` for everything after it: rate limits, last-used IP, the token timeline. */
export const resolveClientAddress = (trusted: TrustedProxies) =>
  createMiddleware<AppEnv>(async (c, next) => {
    c.set('clientIp', clientAddress(socketPeer(c), c.req.header('X-Forwarded-For'), trusted));
    await next();
  });

function socketPeer(c: Parameters<typeof getConnInfo>[0]): string | null {
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null; // no socket, e.g. app.request() in tests
  }
}
