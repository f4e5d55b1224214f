import type { ClientKind } from './lifecycle';

/**
 * What kind of program sent a request, from its User-Agent. First match wins, so CI runners come
 * before the HTTP libraries they run (a GitHub Actions step that says so is "GitHub Actions", not
 * "Node"). A guess for people reading a timeline, never a security decision: the header is free text.
 */
const rules: [ClientKind, RegExp][] = [
  ['github_actions', /github[- ]?actions|actions\/(?:github-script|http-client|toolkit)|\bgithub-runner\b/i],
  ['gitlab_ci', /gitlab[- ]?(?:ci|runner)/i],
  ['curl', /^curl\//i],
  ['python', /python-requests|python-urllib|python-httpx|aiohttp|^python\/|\bhttpx\//i],
  ['node', /^node(?:-fetch)?\b|^undici\b|^axios\/|^got\b|node\.js|\bnode\/v?\d/i],
  ['browser', /^Mozilla\/5\.0 .*(?:Chrome|Firefox|Safari|Edg)\//],
];

/**
 * The `client` of a token event: which kind of program presented the token, from its User-Agent.
 * Here rather than on the server so that the mocks show the same `client` the API derives.
 */
export function classifyUserAgent(userAgent: string | null | undefined): ClientKind | null {
  if (!userAgent) return null;
  return rules.find(([, pattern]) => pattern.test(userAgent))?.[0] ?? 'other';
}

/** How a client kind reads in a sentence: "from 203.0.113.9 with GitHub Actions". */
export const clientKindLabels: Record<ClientKind, string> = {
  curl: 'curl',
  node: 'Node.js',
  python: 'Python',
  github_actions: 'GitHub Actions',
  gitlab_ci: 'GitLab CI',
  browser: 'a browser',
  other: 'another client',
};

// Order matters: Edge and Opera also say Chrome, Chrome also says Safari, and iOS browsers say Safari.
const browsers: [string, RegExp][] = [
  ['Edge', /\bEdg(?:e|A|iOS)?\//],
  ['Opera', /\bOPR\/|\bOpera\b/],
  ['Samsung Internet', /\bSamsungBrowser\//],
  ['Firefox', /\bFirefox\/|\bFxiOS\//],
  ['Chrome', /\bChrome\/|\bCriOS\/|\bChromium\//],
  ['Safari', /\bVersion\/[\d.]+.*\bSafari\//],
];

// iPad and iPhone before macOS (an iPad can say "like Mac OS X"), Android before Linux.
const systems: [string, RegExp][] = [
  ['iPhone', /\biPhone\b/],
  ['iPad', /\biPad\b/],
  ['Android', /\bAndroid\b/],
  ['Windows', /\bWindows\b/],
  ['ChromeOS', /\bCrOS\b/],
  ['macOS', /\bMac OS X\b|\bMacintosh\b/],
  ['Linux', /\bLinux\b/],
];

/**
 * A signed-in browser as a person recognises it: "Firefox on Linux", "Safari on iPhone". Falls back to
 * the kind of client ("curl") or "Unknown browser". A guess for reading, never a security decision.
 */
export function describeBrowser(userAgent: string | null | undefined): string {
  if (!userAgent) return 'Unknown browser';
  const browser = browsers.find(([, pattern]) => pattern.test(userAgent))?.[0];
  const system = systems.find(([, pattern]) => pattern.test(userAgent))?.[0];
  if (browser && system) return `${browser} on ${system}`;
  if (browser) return browser;
  const kind = classifyUserAgent(userAgent);
  if (kind && kind !== 'browser' && kind !== 'other') return clientKindLabels[kind];
  return system ? `A browser on ${system}` : 'Unknown browser';
}
