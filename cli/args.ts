import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './errors';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Options every command takes. */
export const commonOptions = {
  help: { type: 'boolean', short: 'h' },
  url: { type: 'string' },
  token: { type: 'string' },
} as const satisfies Options;

/**
 * `node:util` parseArgs, strict, with its errors turned into one usage line that names the command.
 * `--` ends the options, as usual.
 */
export function parseCommand<const O extends Options>(command: string, args: string[], options: O, { positionals = 0 } = {}) {
  try {
    const parsed = parseArgs({ args, options: { ...commonOptions, ...options }, strict: true, allowPositionals: positionals > 0 });
    if (parsed.positionals.length > positionals) {
      throw new CliError('usage', `keyline ${command}: unexpected argument "${parsed.positionals[positionals]}". See keyline ${command} --help.`);
    }
    return parsed;
  } catch (error) {
    if (error instanceof CliError) throw error;
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '.');
    throw new CliError('usage', `keyline ${command}: ${message} See keyline ${command} --help.`);
  }
}
