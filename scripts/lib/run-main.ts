/**
 * Runs a script's `main` when the file is the one Node was started with (not when a test imports it), and
 * exits with its code; an error it throws is printed by `describe` and exits 1.
 * It exits once standard output has drained: to a pipe, stdout is asynchronous, and an exit right after a
 * large write (the scan's JSON) cut the output at 64 KiB.
 */
import { pathToFileURL } from 'node:url';

export function runAsMain(
  moduleUrl: string,
  main: () => Promise<number>,
  describe: (e: unknown) => string = (e) => (e instanceof Error ? e.message : String(e)),
): void {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  const exit = (code: number) => process.stdout.write('', () => process.exit(code));
  main().then(exit, (e) => {
    console.error(describe(e));
    exit(1);
  });
}
