import fs from 'node:fs/promises';
import path from 'node:path';

import { mapPeruste, mapPerusteList } from './eperusteet.mapping';
import { QualificationSource, QualificationSourceError, QualificationSummary, SourceQualification } from './eperusteet.port';

/** The fixtures in the repository: three qualifications (`fixtures/`), a later version of one (`fixtures/v2/`), a broken one (`fixtures/malformed/`). */
export const EPERUSTEET_FIXTURES = path.join(__dirname, 'fixtures');

/**
 * ePerusteet simulated by files holding the API's answers, for development without the internet
 * and for tests: `perusteet.json` is an answer of `/api/external/perusteet`, `peruste-{id}.json`
 * one of `/api/external/peruste/{id}`. Folders are layers: a file in a later folder stands in for
 * the same file in an earlier one (a new version of a qualification), and the list is every
 * layer's list together. The answers go through the same mapping as the API's.
 */
export class FixtureQualificationSource implements QualificationSource {
  readonly description: string;

  constructor(private readonly folders: readonly string[]) {
    if (!folders.length) throw new Error('FixtureQualificationSource needs at least one folder');
    this.description = `ePerusteet fixtures in ${folders.join(', ')}`;
  }

  async listQualifications(): Promise<QualificationSummary[]> {
    const found = new Map<string, QualificationSummary>();
    for (const folder of this.folders) {
      const body = await readJson(path.join(folder, 'perusteet.json'), 'the list of perusteet');
      if (body === undefined) continue;
      for (const qualification of mapPerusteList(body).qualifications) found.set(qualification.externalId, qualification);
    }
    return [...found.values()];
  }

  async fetchQualification(externalId: string): Promise<SourceQualification> {
    if (!/^\d{1,20}$/.test(externalId)) throw new QualificationSourceError(`${externalId} is not an ePerusteet peruste id`, 'not-found');
    const label = `ePerusteet peruste ${externalId}`;
    for (const folder of [...this.folders].reverse()) {
      const body = await readJson(path.join(folder, `peruste-${externalId}.json`), label);
      if (body === undefined) continue;
      const qualification = mapPeruste(body);
      if (qualification.externalId !== externalId) {
        throw new QualificationSourceError(`${label}: the file describes peruste ${qualification.externalId}`, 'malformed');
      }
      return qualification;
    }
    throw new QualificationSourceError(`${label} was not found`, 'not-found');
  }
}

/** The file's JSON; undefined when there is no such file. */
async function readJson(file: string, label: string): Promise<unknown> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new QualificationSourceError(`${label}: ${path.basename(file)} is not JSON`, 'malformed');
  }
}
