import { describe, expect, it } from 'vitest';
import { chromiumAction, chromiumPath, osId } from './chromium.mjs';

const debian = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nID=debian\n';
const ubuntu = 'NAME="Ubuntu"\nVERSION_ID="24.04"\nID=ubuntu\nID_LIKE=debian\n';
const only = (...present: string[]) => (path: string) => present.includes(path);

describe('chromiumAction', () => {
  it("uses Debian's Chromium when it is there", () => {
    expect(chromiumAction({ env: {}, uid: 1000, osRelease: debian, exists: only('/usr/bin/chromium') })).toEqual({
      action: 'use',
      path: '/usr/bin/chromium',
    });
  });

  it('uses CHROMIUM_PATH when it points at a browser, whatever else is installed', () => {
    expect(chromiumAction({ env: { CHROMIUM_PATH: '/opt/chrome/chrome' }, uid: 0, osRelease: debian, exists: only('/opt/chrome/chrome') })).toEqual({
      action: 'use',
      path: '/opt/chrome/chrome',
    });
  });

  it('stops, installing nothing, when CHROMIUM_PATH points at nothing — even as root on Debian', () => {
    expect(chromiumAction({ env: { CHROMIUM_PATH: '/nonexistent' }, uid: 0, osRelease: debian, exists: only('/usr/bin/chromium') })).toEqual({
      action: 'stop',
      message: 'CHROMIUM_PATH is /nonexistent, but there is no Chromium there: point it at a Chromium or Chrome executable, or unset it to use /usr/bin/chromium.',
    });
  });

  it('installs chromium and fonts with apt as root on Debian', () => {
    expect(chromiumAction({ env: {}, uid: 0, osRelease: debian, exists: only() })).toEqual({
      action: 'install',
      path: '/usr/bin/chromium',
      packages: ['chromium', 'fonts-liberation'],
      message: "No Chromium at /usr/bin/chromium: installing Debian's chromium and fonts-liberation with apt-get for the browser tests…",
    });
  });

  it('tells a user on Debian the apt command instead of running it without root', () => {
    expect(chromiumAction({ env: {}, uid: 1000, osRelease: debian, exists: only() })).toEqual({
      action: 'stop',
      message: 'No Chromium at /usr/bin/chromium: install it with `sudo apt-get install chromium fonts-liberation`, or set CHROMIUM_PATH to a Chromium or Chrome executable.',
    });
  });

  it.each([
    ['Ubuntu (its chromium package is a snap)', ubuntu, 0],
    ['no os-release (macOS)', undefined, 501],
    ['an unknown uid (Windows)', '', undefined],
  ])('asks for a browser and CHROMIUM_PATH on %s', (_, osRelease, uid) => {
    expect(chromiumAction({ env: {}, uid, osRelease, exists: only() })).toEqual({
      action: 'stop',
      message: 'No Chromium at /usr/bin/chromium: install Chromium or Chrome and set CHROMIUM_PATH to its executable.',
    });
  });
});

describe('chromiumPath', () => {
  it("is CHROMIUM_PATH when set and not empty, else Debian's", () => {
    expect(chromiumPath({ CHROMIUM_PATH: '/opt/chrome/chrome' })).toBe('/opt/chrome/chrome');
    expect(chromiumPath({ CHROMIUM_PATH: '' })).toBe('/usr/bin/chromium');
    expect(chromiumPath({})).toBe('/usr/bin/chromium');
  });
});

describe('osId', () => {
  it('reads ID, quoted or not, and not ID_LIKE or VERSION_ID', () => {
    expect(osId(ubuntu)).toBe('ubuntu');
    expect(osId('ID="debian"\n')).toBe('debian');
    expect(osId('VERSION_ID=12\n')).toBe('');
  });
});
