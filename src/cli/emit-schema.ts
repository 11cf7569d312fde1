import 'reflect-metadata';

import fs from 'node:fs/promises';
import path from 'node:path';

import { errorsDocPath, renderErrorsDoc } from '../app/error-reasons';
import { buildPolkuSchema } from '../app/schema';
import { permissionsDocPath, renderPermissionsDoc } from '../modules/access/permissions-doc';
import { printSchemaFile, schemaFilePath } from '../platform/graphql/print-schema';
import { runTool } from './tool';

/** `npm run schema`: writes the SDL into schema/schema.graphql, the permission table and the error reasons into docs/. */
async function main(): Promise<void> {
  const sdl = printSchemaFile(await buildPolkuSchema());
  await fs.mkdir(path.dirname(schemaFilePath), { recursive: true });
  await fs.writeFile(schemaFilePath, sdl);
  process.stdout.write(`Wrote ${path.relative(process.cwd(), schemaFilePath)}\n`);
  await fs.mkdir(path.dirname(permissionsDocPath), { recursive: true });
  await fs.writeFile(permissionsDocPath, renderPermissionsDoc());
  process.stdout.write(`Wrote ${path.relative(process.cwd(), permissionsDocPath)}\n`);
  await fs.writeFile(errorsDocPath, renderErrorsDoc());
  process.stdout.write(`Wrote ${path.relative(process.cwd(), errorsDocPath)}\n`);
}

runTool(main);
