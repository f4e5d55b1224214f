import { allowedScopesFor, findEnvironment } from '../../../contract/api-key-rules';
import type { DeviceRequest } from '../../../contract/device';
import type { Policy } from '../../../contract/policy';

export type DeviceTokenChoices = { environment: string; scopes: string[]; expiresInDays: number };

/**
 * What the approval form starts from: what the machine asked for, as far as the policy allows it.
 * Scopes it did not ask for stay unticked (least privilege); an environment the policy lacks falls
 * back to the policy's default; a lifetime past the maximum to the maximum.
 */
export function initialChoices(request: DeviceRequest, policy: Policy): DeviceTokenChoices {
  const environment = request.environment && findEnvironment(policy, request.environment) ? request.environment : policy.defaultEnvironment;
  const allowed = new Set(allowedScopesFor(policy, environment).map((scope) => scope.id));
  return {
    environment,
    scopes: request.scopes.filter((scope) => allowed.has(scope)),
    expiresInDays: Math.min(request.expiresInDays ?? policy.defaultLifetimeDays, policy.maxLifetimeDays),
  };
}

/** The lifetimes offered: the usual ones the policy allows, its default and maximum, and whatever is chosen now. */
export function expiryChoices(policy: Policy, current: number): number[] {
  const days = [7, 30, 90, 365, policy.defaultLifetimeDays, policy.maxLifetimeDays, current].filter((d) => d >= 1 && d <= policy.maxLifetimeDays);
  return [...new Set(days)].sort((a, b) => a - b);
}

/**
 * Where a request came from, as far as its address alone says: this computer, a private network,
 * or nothing (a public address: the IP is shown, no location database is consulted).
 */
export function placeOfAddress(ip: string | null): string | null {
  if (!ip) return null;
  const v4 = ip.replace(/^::ffff:/, '');
  if (v4 === '127.0.0.1' || ip === '::1') return 'This computer';
  if (/^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(v4) || /^f[cd]/i.test(ip)) return 'A private network';
  return null;
}
