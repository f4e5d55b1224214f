// Which Chromium the browser tests use, and what to do when there is none. Pure: the caller passes in
// the environment, the user id, /etc/os-release and a file check, so every case can be tested.

/** Debian's package installs here; Playwright's own browser downloads cannot reach this network. */
export const debianChromium = '/usr/bin/chromium';

/** What `apt-get install` adds: the browser and fonts for the pages' text. */
export const aptPackages = ['chromium', 'fonts-liberation'];

/** The executable the browser tests launch: CHROMIUM_PATH when set, else Debian's. */
export function chromiumPath(env) {
  return env.CHROMIUM_PATH || debianChromium;
}

/** `ID=debian` from the text of /etc/os-release, or '' when it has none. */
export function osId(osRelease) {
  const match = /^ID="?([^"\n]*)"?$/m.exec(osRelease ?? '');
  return match?.[1] ?? '';
}

/**
 * @param {{ env: Record<string, string | undefined>, uid: number | undefined, osRelease: string | undefined, exists: (path: string) => boolean }} input
 * @returns {{ action: 'use', path: string } | { action: 'install', path: string, packages: string[], message: string } | { action: 'stop', message: string }}
 */
export function chromiumAction({ env, uid, osRelease, exists }) {
  const path = chromiumPath(env);
  if (exists(path)) return { action: 'use', path };
  if (env.CHROMIUM_PATH) {
    // Someone chose this path: installing Debian's package would not put a browser there.
    return {
      action: 'stop',
      message: `CHROMIUM_PATH is ${env.CHROMIUM_PATH}, but there is no Chromium there: point it at a Chromium or Chrome executable, or unset it to use ${debianChromium}.`,
    };
  }
  const debian = osId(osRelease) === 'debian';
  if (debian && uid === 0) {
    return {
      action: 'install',
      path,
      packages: aptPackages,
      message: `No Chromium at ${path}: installing Debian's ${aptPackages.join(' and ')} with apt-get for the browser tests…`,
    };
  }
  // Ubuntu's chromium package only installs a snap, which does not run here: Debian gets apt, the rest a browser of their own.
  return {
    action: 'stop',
    message: debian
      ? `No Chromium at ${path}: install it with \`sudo apt-get install ${aptPackages.join(' ')}\`, or set CHROMIUM_PATH to a Chromium or Chrome executable.`
      : `No Chromium at ${path}: install Chromium or Chrome and set CHROMIUM_PATH to its executable.`,
  };
}
