// First step of `npm test` and `npm run test:e2e`: make sure the browser tests have a Chromium before
// minutes go into typecheck, lint and unit tests. As root on Debian a missing one is installed with apt;
// anywhere else the run stops at once with one sentence saying what to install.
//
// --pretend=missing,not-root,not-debian shows what would happen on another machine without doing it.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { chromiumAction } from './chromium.mjs';

const pretend = new Set(
  process.argv
    .filter((arg) => arg.startsWith('--pretend='))
    .flatMap((arg) => arg.slice('--pretend='.length).split(',')),
);

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function readOsRelease() {
  try {
    return readFileSync('/etc/os-release', 'utf8');
  } catch {
    return '';
  }
}

const input = {
  env: process.env,
  uid: pretend.has('not-root') ? 1000 : process.getuid?.(),
  osRelease: pretend.has('not-debian') ? 'ID=fedora\n' : readOsRelease(),
  exists: (path) => !pretend.has('missing') && isExecutable(path),
};
const decision = chromiumAction(input);

if (decision.action === 'stop') {
  console.error(decision.message);
  process.exit(1);
}

if (decision.action === 'install') {
  console.log(decision.message);
  const steps = [
    ['apt-get', ['update', '-qq']],
    ['apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...decision.packages]],
  ];
  for (const [command, args] of steps) {
    if (pretend.size > 0) {
      console.log(`(pretend) would run: ${command} ${args.join(' ')}`);
      continue;
    }
    const result = spawnSync(command, args, {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (result.status !== 0) {
      console.error(`Installing Chromium failed (${command} ${args.join(' ')} exited ${result.status ?? result.signal}): install ${decision.packages.join(' ')} yourself, or set CHROMIUM_PATH.`);
      process.exit(1);
    }
  }
  if (pretend.size === 0 && !isExecutable(decision.path)) {
    console.error(`apt-get installed ${decision.packages.join(' ')}, but there is still no Chromium at ${decision.path}: set CHROMIUM_PATH to one.`);
    process.exit(1);
  }
}
