import 'reflect-metadata';
import fs from 'node:fs/promises';
import path from 'node:path';
import { printSchemaFile, schemaFilePath } from '../platform/graphql/print-schema';

/** `npm run schema`: writes the SDL the code builds into schema/schema.graphql. */
async function main(): Promise<void> {
  const sdl = await printSchemaFile();
  await fs.mkdir(path.dirname(schemaFilePath), { recursive: true });
  await fs.writeFile(schemaFilePath, sdl);
  process.stdout.write(`Wrote ${path.relative(process.cwd(), schemaFilePath)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
