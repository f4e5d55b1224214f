import { readFileSync } from 'node:fs';
import { createClient } from './client';
import { credentialsPath, readStoredLogin, resolveAuth, type StoredLogin } from './credentials';
import { CliError } from './errors';
import type { Io } from './io';

const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** How the CLI names itself to the server: in device logins people approve, and in token timelines. */
export const clientName = `keyline CLI ${version}`;
export const userAgent = `keyline-cli/${version} node/${process.versions.node}`;

/** The credential and server a command works with (see `resolveAuth`), and a client for them. */
export function connect(io: Io, flags: { url?: string; token?: string }) {
  const path = credentialsPath(io.env);
  const overridden = Boolean(flags.token?.trim() || io.env.KEYLINE_TOKEN?.trim());
  let login: StoredLogin | null = null;
  try {
    login = readStoredLogin(path);
  } catch (error) {
    // A broken credentials file does not matter to a command given its token another way.
    if (!overridden) throw error;
  }
  const auth = resolveAuth(flags, io.env, login);
  const client = createClient(io, { baseUrl: auth.url, token: auth.token, credential: auth.credential, userAgent });
  return { auth, client, path };
}

export function notSignedIn(): CliError {
  return new CliError('auth_not_configured', 'Not signed in: run `keyline login`, or set KEYLINE_TOKEN.');
}
