/**
 * Runs a script's `main` when the file is the one Node was started with (not when a test imports it), and
 * exits with its code; an error it throws is printed by `describe` and exits 1.
 */
import { pathToFileURL } from 'node:url';

export function runAsMain(
  moduleUrl: string,
  main: () => Promise<number>,
  describe: (e: unknown) => string = (e) => (e instanceof Error ? e.message : String(e)),
): void {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(describe(e));
      process.exit(1);
    },
  );
}
