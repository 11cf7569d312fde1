import 'reflect-metadata';

import fs from 'node:fs/promises';
import path from 'node:path';

import { loadConfig } from '../platform/config';
import { pendingSchemaChanges } from '../platform/database/data-source';
import { createLogger } from '../platform/logger';
import { projectRoot } from '../platform/paths';
import { openToolDatabase, runTool } from './tool';

/**
 * `npm run migration:generate -- <Name>`: applies the existing migrations, compares the entities
 * with the database and writes the difference as migrations/<timestamp>-<Name>.ts.
 */
async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[A-Za-z][A-Za-z0-9]*$/.test(name)) {
    throw new Error('usage: npm run migration:generate -- <PascalCaseName>');
  }
  const config = loadConfig({ ...process.env, SEED_DEMO_DATA: 'false' });
  const logger = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL);
  const database = await openToolDatabase(config, logger);
  try {
    await database.dataSource.runMigrations({ transaction: 'each' });
    const changes = await pendingSchemaChanges(database.dataSource);
    // Enums shared by several tables (enumName) come out once per table; PostgreSQL needs them once.
    const up = withoutRepeatedTypeStatements(changes.up);
    const down = withoutRepeatedTypeStatements(changes.down);
    if (up.length === 0) {
      process.stdout.write('No changes: the entities and the migrations agree.\n');
      return;
    }
    const timestamp = Date.now();
    const className = `${name}${timestamp}`;
    const file = path.join(projectRoot, 'migrations', `${timestamp}-${name}.ts`);
    const statements = (queries: string[]) => queries.map((q) => `    await queryRunner.query(${JSON.stringify(q)});`).join('\n');
    const source = `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${statements(up)}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${statements(down.reverse())}
  }
}
`;
    await fs.writeFile(file, source);
    process.stdout.write(`Wrote ${path.relative(process.cwd(), file)} (${up.length} statements)\n`);
  } finally {
    await database.close();
  }
}

function withoutRepeatedTypeStatements(statements: string[]): string[] {
  const seen = new Set<string>();
  return statements.filter((statement) => {
    if (!/^(CREATE|DROP) TYPE /.test(statement)) return true;
    if (seen.has(statement)) return false;
    seen.add(statement);
    return true;
  });
}

runTool(main);
