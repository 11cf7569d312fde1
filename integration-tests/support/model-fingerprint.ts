import 'reflect-metadata';

import { modelEntities } from '../../src/app/entities';
import { buildPolkuSchema } from '../../src/app/schema';
import { createDataSource } from '../../src/platform/database/data-source';
import { printSchemaFile } from '../../src/platform/graphql/print-schema';
import { createLogger } from '../../src/platform/logger';

/**
 * What the decorators make of the classes: the GraphQL schema and TypeORM's mapping of every
 * entity (columns with their types, relations, indices, checks). Both read the decorator metadata
 * that the transpiler emits, so two transpilers that agree here run the same service.
 * Run directly (`node -r ./scripts/register.js integration-tests/support/model-fingerprint.ts`) it
 * prints the fingerprint as JSON.
 */
export async function modelFingerprint(): Promise<{ sdl: string; entities: unknown[] }> {
  const sdl = printSchemaFile(await buildPolkuSchema());
  // Never connected: the metadata is built from the classes alone.
  const dataSource = createDataSource({ url: 'postgres://nobody@127.0.0.1:1/none', entities: modelEntities, logger: createLogger('silent') });
  await (dataSource as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas();
  const typeName = (type: unknown) => (typeof type === 'function' ? `class ${type.name}` : String(type));
  const entities = dataSource.entityMetadatas
    .map((entity) => ({
      table: entity.tableName,
      target: typeName(entity.target),
      columns: entity.columns.map((column) => ({
        property: column.propertyPath,
        name: column.databaseName,
        type: typeName(column.type),
        nullable: column.isNullable,
        array: column.isArray,
        enum: column.enum,
        enumName: column.enumName,
        length: column.length,
        precision: column.precision,
        scale: column.scale,
        default: typeof column.default === 'function' ? String((column.default as () => unknown)()) : column.default,
        primary: column.isPrimary,
        generated: column.generationStrategy,
        transformer: Boolean(column.transformer),
      })),
      relations: entity.relations.map((relation) => ({
        property: relation.propertyPath,
        type: relation.relationType,
        target: relation.inverseEntityMetadata.name,
        nullable: relation.isNullable,
        onDelete: relation.onDelete,
        joinColumns: relation.joinColumns.map((column) => column.databaseName),
      })),
      indices: entity.indices.map((index) => ({
        name: index.name,
        columns: index.columns.map((column) => column.databaseName),
        unique: index.isUnique,
        where: index.where,
      })),
      checks: entity.checks.map((check) => check.expression),
      uniques: entity.uniques.map((unique) => unique.columns.map((column) => column.databaseName)),
    }))
    .sort((a, b) => a.table.localeCompare(b.table));
  return { sdl, entities };
}

if (require.main === module) {
  modelFingerprint().then(
    (fingerprint) => process.stdout.write(JSON.stringify(fingerprint)),
    (error: unknown) => {
      process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    },
  );
}
