import 'reflect-metadata';
import fs from 'node:fs/promises';
import path from 'node:path';
import { permissionsDocPath, renderPermissionsDoc } from '../modules/access/permissions-doc';
import { printSchemaFile, schemaFilePath } from '../platform/graphql/print-schema';
import { runTool } from './tool';

/** `npm run schema`: writes the SDL into schema/schema.graphql and the permission table into docs/. */
async function main(): Promise<void> {
  const sdl = await printSchemaFile();
  await fs.mkdir(path.dirname(schemaFilePath), { recursive: true });
  await fs.writeFile(schemaFilePath, sdl);
  process.stdout.write(`Wrote ${path.relative(process.cwd(), schemaFilePath)}\n`);
  await fs.mkdir(path.dirname(permissionsDocPath), { recursive: true });
  await fs.writeFile(permissionsDocPath, renderPermissionsDoc());
  process.stdout.write(`Wrote ${path.relative(process.cwd(), permissionsDocPath)}\n`);
}

runTool(main);
