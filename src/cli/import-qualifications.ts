import 'reflect-metadata';

import { createQualificationSource, eperusteetSettingsFrom } from '../integrations/eperusteet/eperusteet.config';
import { EPERUSTEET_FIXTURES } from '../integrations/eperusteet/eperusteet.fixture';
import { CompetenceService } from '../modules/competence/competence.service';
import { QualificationImportReport, QualificationImportService } from '../modules/competence/qualification-import.service';
import { HistoryService } from '../modules/history/history.service';
import { systemClock } from '../platform/clock';
import { loadConfig } from '../platform/config';
import { createLogger } from '../platform/logger';
import { openToolDatabase, runTool } from './tool';

const USAGE = `usage: npm run import-qualifications [-- [--id PERUSTE_ID]… [--fixtures [FOLDER,…]] [--list]]

Imports qualifications, their units and requirements from ePerusteet into the catalogue (the same
run as the weekly job). Without --id: every qualification the source lists (EPERUSTEET_QUALIFICATIONS,
else the published ones of EPERUSTEET_EDUCATION_TYPES). A qualification whose requirements changed
keeps the old ones, retired, for the competence records made against them.

  --id ID        only this peruste (repeatable)
  --fixtures     read the repository's fixture files instead of the API, or the given folders (a file in a later
                 folder stands in for the same file in an earlier one)
  --list         print what the source lists and import nothing`;

/** `npm run import-qualifications`: prints counts; exits 1 when a qualification could not be imported. */
async function main(): Promise<void> {
  const args = parseArguments(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const settings = eperusteetSettingsFrom(args.fixtures ? { ...process.env, EPERUSTEET_FIXTURES: args.fixtures.join(',') } : process.env);
  const { source, close } = createQualificationSource(settings);
  try {
    if (args.list) {
      const listed = await source.listQualifications();
      process.stdout.write(`${source.description}: ${listed.length} qualifications\n`);
      for (const q of listed) process.stdout.write(`  ${q.externalId.padEnd(10)} ${(q.diaryNumber ?? '').padEnd(16)} ${q.name?.fi ?? ''}\n`);
      return;
    }
    const config = loadConfig({ ...process.env, SEED_DEMO_DATA: 'false' });
    const logger = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL);
    const database = await openToolDatabase(config, logger);
    try {
      const { dataSource } = database;
      if (await dataSource.showMigrations()) throw new Error('Migrations are pending; run `npm run migration:run` first.');
      const importer = new QualificationImportService(
        source,
        new CompetenceService(dataSource, new HistoryService(dataSource, systemClock), systemClock),
        systemClock,
      );
      const report = args.ids.length ? await importer.importMany(args.ids) : await importer.importAll();
      process.stdout.write(render(report));
      if (report.failed.length) process.exitCode = 1;
    } finally {
      await database.close();
    }
  } finally {
    close();
  }
}

interface Arguments {
  ids: string[];
  fixtures: string[] | null;
  list: boolean;
  help: boolean;
}

function parseArguments(argv: string[]): Arguments {
  const args: Arguments = { ids: [], fixtures: null, list: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') args.help = true;
    else if (arg === '--list') args.list = true;
    else if (arg === '--id') {
      const id = argv[++i];
      if (!id || !/^\d{1,20}$/.test(id)) throw new Error('--id needs an ePerusteet peruste id (digits); see --help');
      args.ids.push(id);
    } else if (arg === '--fixtures') {
      const next = argv[i + 1];
      // The folders are optional: the repository's fixtures and the later versions in them.
      args.fixtures = next && !next.startsWith('--') ? (i++, next.split(',').filter(Boolean)) : [EPERUSTEET_FIXTURES];
    } else throw new Error(`unknown argument ${arg}; see --help`);
  }
  return args;
}

function render(report: QualificationImportReport): string {
  const counts = (c: object) =>
    Object.entries(c)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
  return [
    `Imported from ${report.source} in ${(report.durationMs / 1000).toFixed(2)} s.`,
    `  qualifications: ${counts(report.qualifications)}`,
    `  units:          ${counts(report.units)}`,
    `  requirements:   ${counts(report.requirements)}`,
    ...(report.failed.length ? [`Not imported (left as they were): ${report.failed.length}`] : []),
    ...report.failed.map((f) => `  ${f.externalId} (${f.kind}): ${f.message}`),
    '',
  ].join('\n');
}

runTool(main);
