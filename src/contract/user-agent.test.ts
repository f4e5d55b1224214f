import { describe, expect, test } from 'vitest';
import type { ClientKind } from './lifecycle';
import { classifyUserAgent } from './user-agent';

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
