import { expect, test } from 'vitest';
import { clientAddress, parseTrustedProxies, trustNoProxy } from './client-address';

const balancers = parseTrustedProxies(['10.0.0.0/8', '192.0.2.7', 'fd00::/8', '::1']);

test('without trusted proxies the socket peer is the client, whatever the header says', () => {
  expect(clientAddress('203.0.113.5', '198.51.100.1', trustNoProxy)).toBe('203.0.113.5');
  expect(clientAddress('10.0.0.2', '198.51.100.1', trustNoProxy)).toBe('10.0.0.2');
  expect(clientAddress(null, '198.51.100.1', trustNoProxy)).toBeNull();
});

test('an untrusted peer’s X-Forwarded-For is ignored', () => {
  expect(clientAddress('203.0.113.5', '10.0.0.9, 198.51.100.1', balancers)).toBe('203.0.113.5');
});

test('behind a trusted proxy the rightmost untrusted hop is the client; what it claimed to its left is not believed', () => {
  expect(clientAddress('10.0.0.2', '198.51.100.1', balancers)).toBe('198.51.100.1');
  expect(clientAddress('10.0.0.2', '  1.2.3.4 , 198.51.100.1', balancers)).toBe('198.51.100.1');
  // Two trusted proxies in a row (CDN → balancer).
  expect(clientAddress('10.0.0.2', '198.51.100.1, 192.0.2.7, 10.9.9.9', balancers)).toBe('198.51.100.1');
});

test('IPv6 and IPv4-mapped peers are matched against the ranges', () => {
  expect(clientAddress('fd12::1', '2001:db8::42', balancers)).toBe('2001:db8::42');
  expect(clientAddress('::1', '198.51.100.1', balancers)).toBe('198.51.100.1');
  expect(clientAddress('::ffff:10.1.2.3', '2001:db8::42', balancers)).toBe('2001:db8::42');
  expect(clientAddress('::2', '198.51.100.1', balancers)).toBe('::2');
  expect(clientAddress('11.0.0.1', '198.51.100.1', balancers)).toBe('11.0.0.1');
});

test('a trusted peer without the header, with garbage in it, or with trusted hops only', () => {
  expect(clientAddress('10.0.0.2', undefined, balancers)).toBe('10.0.0.2');
  expect(clientAddress('10.0.0.2', '', balancers)).toBe('10.0.0.2');
  expect(clientAddress('10.0.0.2', 'unknown', balancers)).toBe('10.0.0.2');
  expect(clientAddress('10.0.0.2', 'evil, 10.0.0.3', balancers)).toBe('10.0.0.3');
  expect(clientAddress('10.0.0.2', '10.0.0.4, 10.0.0.3', balancers)).toBe('10.0.0.4');
});

test('the setting accepts addresses and CIDR ranges only', () => {
  expect(parseTrustedProxies([]).has('10.0.0.1')).toBe(false);
  expect(parseTrustedProxies(['0.0.0.0/0']).has('203.0.113.5')).toBe(true);
  for (const bad of ['10.0.0.0/33', 'fd00::/129', 'proxy.internal', '10.0.0.0/8/1', '10.0.0.0/x', '10.0.0.0/']) {
    expect(() => parseTrustedProxies([bad]), bad).toThrow(`KEYLINE_TRUSTED_PROXIES: "${bad}" is not an IP address`);
  }
});
