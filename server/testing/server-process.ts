import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export type ServerProcess = { url: string; child: ChildProcess };

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The real server in its own process, as `npm start` runs it but from source, on the embedded database
 * in `dataDir`, listening on a port the OS picks. Resolves with its loopback URL once it listens;
 * rejects with everything it printed if it exits first. `env` is the whole environment it gets, beside
 * the settings below: a test decides what leaks into the child.
 */
export function startServerProcess(dataDir: string, adminPassword: string, env: NodeJS.ProcessEnv): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: repoRoot,
    env: {
      ...env,
      PORT: '0',
      HOST: '127.0.0.1',
      KEYLINE_DATA_DIR: dataDir,
      KEYLINE_ADMIN_PASSWORD: adminPassword,
      KEYLINE_STATIC_DIR: '',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const port = /running at http:\/\/localhost:(\d+)/.exec(output)?.[1];
      if (port) resolve({ url: `http://127.0.0.1:${port}`, child });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`The server exited (${code}) before listening:\n${output}`)));
  });
}
