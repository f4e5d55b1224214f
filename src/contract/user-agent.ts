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
