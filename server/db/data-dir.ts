import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The data directory holds password hashes, token digests and the HMAC key: only its owner may
 * read it. Creates it 0700 and closes what is already there (directories 0700, files 0600) —
 * earlier versions left 0755, and PGlite creates its files 0666 whatever the umask, so this runs
 * again once PGlite has opened. Files PGlite adds while running stay behind the 0700 directory.
 */
export function restrictDataDir(dataDir: string) {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (process.platform === 'win32') return; // permission bits mean nothing there
  const visit = (path: string) => {
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) return; // never change what a link points to
    const wanted = stat.isDirectory() ? 0o700 : 0o600;
    if ((stat.mode & 0o777) !== wanted) {
      try {
        chmodSync(path, wanted);
      } catch (error) {
        // E.g. a mount point owned by root: the operator's choice, not a reason to refuse to start.
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'EPERM' && code !== 'EROFS') throw error;
        console.warn(`Could not restrict ${path} to its owner (${(error as Error).message}).`);
      }
    }
    if (stat.isDirectory()) for (const entry of readdirSync(path)) visit(join(path, entry));
  };
  visit(dataDir);
}
