import 'reflect-metadata';

import { runTokenCommand } from './token-command';

/**
 * Prints a development access token; its last line is the token alone, for scripts.
 * `--as NAME` signs a demo persona's token, `--list` lists them, `--help` shows every flag.
 */
async function main(): Promise<void> {
  process.exitCode = await runTokenCommand(process.argv.slice(2), process.env, {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
