import { login, loginHelp } from './commands/login';
import { logout, logoutHelp, whoami, whoamiHelp } from './commands/account';
import { status, statusHelp } from './commands/status';
import { tokens, tokensHelp } from './commands/tokens';
import { CliError, exitCodes } from './errors';
import type { Io } from './io';

export const mainHelp = `Usage: keyline <command> [options]

Commands:
  login     sign this machine in: approve a code in the browser, no copy-paste
  whoami    who the CLI acts as
  status    whether the token works and when it expires (exit 0 / 1 / 2, for CI and cron)
  tokens    list, create, rotate and revoke your tokens
  logout    revoke this machine's token and forget it

The token comes from --token, else KEYLINE_TOKEN, else the stored login; the server from --url,
else KEYLINE_URL, else the stored login's. Run keyline <command> --help for a command's options.
Errors are one line on stderr, "keyline: <code>: <message>", with a non-zero exit.`;

const commands: Record<string, { run: (io: Io, args: string[]) => Promise<number>; help: string }> = {
  login: { run: login, help: loginHelp },
  whoami: { run: whoami, help: whoamiHelp },
  logout: { run: logout, help: logoutHelp },
  status: { run: status, help: statusHelp },
  tokens: { run: tokens, help: tokensHelp },
};

/** Runs one command line; returns the exit code. Every failure is one line on stderr. */
export async function runCli(io: Io, argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      const topic = name === 'help' && args[0] ? commands[args[0]] : undefined;
      io.stdout(topic?.help ?? mainHelp);
      return exitCodes.ok;
    }
    const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
    if (!command) throw new CliError('usage', `No command "${name}". Run keyline --help for the list.`);
    return await command.run(io, args);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`keyline: ${error.code}: ${error.message}`);
      return error.exitCode;
    }
    // Never a stack trace with who knows what in it: one line, and how to report it.
    io.stderr(`keyline: internal_error: ${error instanceof Error ? error.name : 'Error'} — this is a bug in the CLI.`);
    return exitCodes.failure;
  }
}
