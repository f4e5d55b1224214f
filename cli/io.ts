import { spawn } from 'node:child_process';
import { hostname } from 'node:os';

/** Everything the commands touch outside themselves, so tests can give them a fake world. */
export type Io = {
  env: NodeJS.ProcessEnv;
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  fetch: typeof fetch;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  hostname: () => string;
  /** Opens the page in a browser when there is one; false when it did not try. */
  openBrowser: (url: string) => boolean;
};

export const processIo = (): Io => ({
  env: process.env,
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  fetch: (...args) => fetch(...args),
  now: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  hostname,
  openBrowser: (url) => openBrowser(url, process.env, process.platform),
});

/**
 * Only the verification page's address goes to the opener (it holds the short user code, meant to
 * travel in the link); no secret is ever an argument of a child process.
 */
export function browserCommand(url: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): [string, string[]] | null {
  if (env.CI || env.SSH_CONNECTION || env.SSH_TTY) return null;
  if (platform === 'darwin') return ['open', [url]];
  if (platform === 'win32') return ['rundll32', ['url.dll,FileProtocolHandler', url]];
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return null;
  return ['xdg-open', [url]];
}

function openBrowser(url: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): boolean {
  const command = browserCommand(url, env, platform);
  if (!command) return false;
  try {
    const child = spawn(command[0], command[1], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
    return true;
  } catch {
    return false;
  }
}
