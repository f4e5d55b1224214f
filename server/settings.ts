import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';

/** Everything the server and the CLI read from the environment, in one place. */
export type Settings = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  adminPassword: string | undefined;
  secret: string | undefined;
  tokenPrefix: string;
  secureCookies: boolean;
  staticDir: string | undefined;
  /** KEYLINE_TRUSTED_PROXIES: addresses or CIDR ranges, separated by commas or spaces (checked by createApp). */
  trustedProxies: string[];
  /** KEYLINE_PUBLIC_URL: where people reach Keyline (links it hands out, e.g. invites); else the request's origin. */
  publicUrl: string | undefined;
  /** KEYLINE_GITHUB_SCANNING_KEYS: GitHub's secret-scanning public keys (JSON as GitHub publishes them, or a file path); parsed by leaks/github-keys. */
  githubScanningKeys: string | undefined;
  /** KEYLINE_WEBHOOKS_ALLOW_PRIVATE=1: webhooks may go to private, loopback and link-local addresses (an internal receiver). */
  webhooksAllowPrivate: boolean;
  /** KEYLINE_SMTP_URL (+ KEYLINE_SMTP_FROM): where email notices are sent through; none when unset. */
  smtp: { url: string; from: string } | undefined;
  /** KEYLINE_OIDC_*: single sign-on through an OpenID Connect provider; undefined (off) without an issuer. */
  oidc: OidcSettings | undefined;
};

export type OidcSettings = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  name: string;
  usernameClaim: string;
  /** KEYLINE_OIDC_AUTO_CREATE: `member` (default) makes someone the provider vouches for but Keyline does not know a member; `off` refuses them. */
  autoCreate: 'member' | 'off';
  /** KEYLINE_OIDC_ADMIN_GROUPS: people in any of these groups are admins, those in none members (empty: roles stay an admin's decision). */
  adminGroups: string[];
  /** KEYLINE_OIDC_GROUPS_CLAIM: the claim listing a person's groups. */
  groupsClaim: string;
  /** KEYLINE_PASSWORD_SIGNIN=off: people sign in only through the provider. */
  passwordSignIn: boolean;
};

export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const port = Number(env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env.PORT}".`);
  const staticDir = env.KEYLINE_STATIC_DIR ?? (existsSync('dist/index.html') ? 'dist' : undefined);
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    dataDir: resolve(env.KEYLINE_DATA_DIR ?? 'data'),
    databaseUrl: env.DATABASE_URL || undefined,
    adminPassword: env.KEYLINE_ADMIN_PASSWORD || undefined,
    secret: env.KEYLINE_SECRET || undefined,
    tokenPrefix: env.KEYLINE_TOKEN_PREFIX ?? 'kl',
    secureCookies:
      env.KEYLINE_SECURE_COOKIES !== undefined
        ? ['1', 'true', 'yes'].includes(env.KEYLINE_SECURE_COOKIES.toLowerCase())
        : (env.KEYLINE_PUBLIC_URL ?? '').startsWith('https://'),
    staticDir: staticDir ? resolve(staticDir) : undefined,
    trustedProxies: (env.KEYLINE_TRUSTED_PROXIES ?? '').split(/[\s,]+/).filter(Boolean),
    publicUrl: publicUrlOf(env.KEYLINE_PUBLIC_URL),
    githubScanningKeys: env.KEYLINE_GITHUB_SCANNING_KEYS || undefined,
    webhooksAllowPrivate: ['1', 'true', 'yes'].includes((env.KEYLINE_WEBHOOKS_ALLOW_PRIVATE ?? '').toLowerCase()),
    smtp: smtpOf(env.KEYLINE_SMTP_URL, env.KEYLINE_SMTP_FROM, env.KEYLINE_PUBLIC_URL),
    oidc: oidcSettingsOf(env),
  };
}

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Plain http only for a provider on this machine (tests, trying it out): anywhere else codes and tokens would cross the network in the clear. */
export const oidcIssuerMayUseHttp = (issuer: URL) => issuer.protocol === 'http:' && loopbackHosts.has(issuer.hostname);

function oidcSettingsOf(env: NodeJS.ProcessEnv): OidcSettings | undefined {
  const passwordSignIn = switchOf('KEYLINE_PASSWORD_SIGNIN', env.KEYLINE_PASSWORD_SIGNIN);
  const issuer = env.KEYLINE_OIDC_ISSUER;
  if (!issuer) {
    if (!passwordSignIn) throw new Error('KEYLINE_PASSWORD_SIGNIN=off needs single sign-on: set KEYLINE_OIDC_ISSUER, KEYLINE_OIDC_CLIENT_ID and KEYLINE_OIDC_CLIENT_SECRET too, or nobody could sign in.');
    return undefined;
  }
  const url = URL.canParse(issuer) ? new URL(issuer) : null;
  if (!url || !(url.protocol === 'https:' || oidcIssuerMayUseHttp(url))) {
    throw new Error(`KEYLINE_OIDC_ISSUER must be an https URL (http only on localhost), not "${issuer}".`);
  }
  const clientId = env.KEYLINE_OIDC_CLIENT_ID;
  const clientSecret = env.KEYLINE_OIDC_CLIENT_SECRET;
  if (!clientId || !clientSecret) throw new Error('KEYLINE_OIDC_ISSUER is set: set KEYLINE_OIDC_CLIENT_ID and KEYLINE_OIDC_CLIENT_SECRET too.');
  const autoCreate = env.KEYLINE_OIDC_AUTO_CREATE?.trim() || 'member';
  if (autoCreate !== 'member' && autoCreate !== 'off') throw new Error(`KEYLINE_OIDC_AUTO_CREATE can be "member" or "off", not "${autoCreate}".`);
  return {
    issuer,
    clientId,
    clientSecret,
    name: env.KEYLINE_OIDC_NAME?.trim() || 'SSO',
    usernameClaim: env.KEYLINE_OIDC_USERNAME_CLAIM?.trim() || 'preferred_username',
    autoCreate,
    adminGroups: (env.KEYLINE_OIDC_ADMIN_GROUPS ?? '').split(',').map((group) => group.trim()).filter(Boolean),
    groupsClaim: env.KEYLINE_OIDC_GROUPS_CLAIM?.trim() || 'groups',
    passwordSignIn,
  };
}

/** An on/off switch that is on unless it says off; anything else is a typo worth stopping for. */
function switchOf(name: string, value: string | undefined): boolean {
  const text = value?.trim().toLowerCase() ?? '';
  if (text === '' || ['on', '1', 'true', 'yes'].includes(text)) return true;
  if (['off', '0', 'false', 'no'].includes(text)) return false;
  throw new Error(`${name} can be "on" or "off", not "${value}".`);
}

/** The URL may hold the mail server's password: an error names what is wrong with it, never the URL itself. */
function smtpOf(url: string | undefined, from: string | undefined, publicUrl: string | undefined): Settings['smtp'] {
  if (!url) return undefined;
  const parsed = URL.canParse(url) ? new URL(url) : null;
  if (!parsed || (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') || !parsed.hostname) {
    throw new Error('KEYLINE_SMTP_URL must be an smtp:// or smtps:// URL with a host, e.g. smtp://user:password@mail.example.com:587.');
  }
  if (from !== undefined && (!from.trim() || /\p{Cc}/u.test(from))) {
    throw new Error('KEYLINE_SMTP_FROM must be one address, e.g. "Keyline <keyline@example.com>", on one line.');
  }
  const domain = publicUrl && URL.canParse(publicUrl) ? new URL(publicUrl).hostname : 'localhost';
  return { url, from: from?.trim() || `Keyline <keyline@${domain}>` };
}

function publicUrlOf(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const url = URL.canParse(text) ? new URL(text) : null;
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) throw new Error(`KEYLINE_PUBLIC_URL must be an http(s) URL, not "${text}".`);
  return url.origin;
}

/**
 * The HMAC key for token digests: KEYLINE_SECRET, or one generated on first start and kept in
 * `<dataDir>/secret.key` (0600). Several instances on one DATABASE_URL must share KEYLINE_SECRET.
 */
export function loadHmacSecret(settings: Settings): Buffer {
  if (settings.secret) {
    if (settings.secret.length < 32) throw new Error('KEYLINE_SECRET must be at least 32 characters long.');
    return Buffer.from(settings.secret, 'utf8');
  }
  // Owner only, like the rest of the data directory (with DATABASE_URL it may hold this key alone).
  mkdirSync(settings.dataDir, { recursive: true, mode: 0o700 });
  const path = join(settings.dataDir, 'secret.key');
  try {
    writeFileSync(path, randomBytes(32).toString('hex'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    closeToOthers(path);
  }
  return Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
}

/** Earlier versions may have left the key readable by everyone; a key mounted read-only or owned by another user stays as it is. */
function closeToOthers(path: string) {
  if (process.platform === 'win32') return;
  try {
    chmodSync(path, 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'EROFS') throw error;
    console.warn(`Could not restrict ${path} to its owner (${(error as Error).message}).`);
  }
}
