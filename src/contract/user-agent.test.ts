import { describe, expect, test } from 'vitest';
import type { ClientKind } from './lifecycle';
import { classifyUserAgent, describeBrowser } from './user-agent';

const table: [string, ClientKind][] = [
  ['curl/8.5.0', 'curl'],
  ['node', 'node'],
  ['node-fetch/1.0 (+https://github.com/bitinn/node-fetch)', 'node'],
  ['undici', 'node'],
  ['axios/1.7.2', 'node'],
  ['python-requests/2.32.3', 'python'],
  ['Python-urllib/3.12', 'python'],
  ['python-httpx/0.27.0', 'python'],
  ['GitHub-Actions/2.317.0 curl/8.5.0', 'github_actions'],
  ['actions/github-script', 'github_actions'],
  ['actions/http-client', 'github_actions'],
  ['gitlab-runner 17.0.0 (17-0-stable; go1.22; linux/amd64)', 'gitlab_ci'],
  ['GitLab-CI curl/8.1', 'gitlab_ci'],
  ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36', 'browser'],
  ['Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:127.0) Gecko/20100101 Firefox/127.0', 'browser'],
  ['Go-http-client/1.1', 'other'],
  ['keyline-cli/0.3', 'other'],
];

describe('classifyUserAgent', () => {
  test.each(table)('%s → %s', (userAgent, kind) => {
    expect(classifyUserAgent(userAgent)).toBe(kind);
  });

  test('no User-Agent is no client', () => {
    expect(classifyUserAgent(null)).toBeNull();
    expect(classifyUserAgent('')).toBeNull();
  });
});

describe('describeBrowser', () => {
  test.each([
    ['Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0', 'Firefox on Linux'],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36', 'Chrome on macOS'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0', 'Edge on Windows'],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1', 'Safari on iPhone'],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0 Mobile/15E148 Safari/604.1', 'Chrome on iPhone'],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15', 'Safari on macOS'],
    ['Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36', 'Chrome on Android'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 OPR/115.0', 'Opera on Windows'],
    ['curl/8.5.0', 'curl'],
    ['keyline-cli/0.3', 'Unknown browser'],
    ['', 'Unknown browser'],
  ])('%s → %s', (userAgent, label) => {
    expect(describeBrowser(userAgent)).toBe(label);
  });

  test('no User-Agent is an unknown browser', () => {
    expect(describeBrowser(null)).toBe('Unknown browser');
  });
});
