/** Runs a command's main and exits with its code; a failure prints its message only (a lock refusal says what to do). */
export function runCli(main: () => Promise<number>) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
