import { processIo } from './io';
import { runCli } from './run';

process.exitCode = await runCli(processIo(), process.argv.slice(2));
