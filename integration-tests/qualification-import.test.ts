import path from 'node:path';

import { EPERUSTEET_FIXTURES, FixtureQualificationSource } from '../src/integrations/eperusteet/eperusteet.fixture';
import { QualificationSourceError } from '../src/integrations/eperusteet/eperusteet.port';
import { CompetenceService } from '../src/modules/competence/competence.service';
import { QualificationImportReport, QualificationImportService } from '../src/modules/competence/qualification-import.service';
import { HistoryService } from '../src/modules/history/history.service';
import { Role } from '../src/platform/auth/actor';
import {
  CreateTaskDocument,
  ImportQualificationDocument,
  MarkCompetenceDemonstratedDocument,
  QualificationsDocument,
  RecordCompetenceDocument,
  TaskByIdDocument,
} from './generated/graphql';
import { createStaffMember, insertStaffableTrainee } from './support/fixtures';
import { startTestServer, TestServer } from './support/test-server';

/**
 * The ePerusteet importer against fixture files shaped like the API's answers (fixtures/: three
 * qualifications; v2/: a later version of the cleaning and property services qualification with a
 * changed requirement, a new one and a unit gone; malformed/: a broken logistics qualification).
 */
const CLEANING = '3397336';
const LOGISTICS = '3886019';
const V2 = path.join(EPERUSTEET_FIXTURES, 'v2');
const MALFORMED = path.join(EPERUSTEET_FIXTURES, 'malformed');

let server: TestServer;
let coachId: string;
const text = (fi: string) => ({ fi, sv: fi, en: fi });
const fieldPaths = (extensions: Record<string, unknown> | undefined) => ((extensions?.fields as Array<{ path: string }>) ?? []).map((f) => f.path);

function importer(...folders: string[]): QualificationImportService {
  const { dataSource } = server.app;
  return new QualificationImportService(
    new FixtureQualificationSource([EPERUSTEET_FIXTURES, ...folders]),
    new CompetenceService(dataSource, new HistoryService(dataSource, server.clock), server.clock),
    server.clock,
  );
}

/** Every catalogue row of the qualifications, for comparing before and after. */
function catalogue(externalId?: string) {
  return server.sql(
    `SELECT q.external_id, q.diary_number, q.name, q.source_version, q.updated_at,
            u.id AS unit_id, u.external_id AS unit, u.code AS unit_code, u.name AS unit_name, u.competence_points, u.retired_at AS unit_retired_at, u.updated_at AS unit_updated_at,
            r.id AS requirement_id, r.code, r.text, r.retired_at, r.superseded_by_id, r.updated_at AS requirement_updated_at
       FROM qualification q
       JOIN qualification_unit u ON u.qualification_id = q.id
       LEFT JOIN competence_requirement r ON r.unit_id = u.id
      WHERE $1::text IS NULL OR q.external_id = $1
      ORDER BY q.external_id, u.external_id, r.code, r.created_at`,
    [externalId ?? null],
  );
}

/** The current requirement of a unit under a code. */
async function requirementId(unit: string, code: string): Promise<string> {
  const [row] = await server.sql<{ id: string }>(
    `SELECT r.id FROM competence_requirement r JOIN qualification_unit u ON u.id = r.unit_id
      WHERE u.external_id = $1 AND r.code = $2 AND r.retired_at IS NULL`,
    [unit, code],
  );
  return row.id;
}

async function recordAgainst(requirement: string) {
  const { trainee, period } = await insertStaffableTrainee(server, 1, { coachId });
  const coach = await server.as({ role: Role.COACH, staffId: coachId, userId: 'import-coach' });
  const data = await coach.ok(RecordCompetenceDocument, {
    input: { traineeId: trainee.id, periodId: period.id, requirementId: requirement, evidence: 'Teki työn' },
  });
  return { record: data.recordCompetence.competenceRecord, trainee, period, coach };
}

const counts = (created: number, updated: number, unchanged: number, retired: number) => ({ created, updated, unchanged, retired });

function expectReport(report: QualificationImportReport, expected: Pick<QualificationImportReport, 'qualifications' | 'units' | 'requirements'>) {
  expect({ qualifications: report.qualifications, units: report.units, requirements: report.requirements, failed: report.failed }).toEqual({
    ...expected,
    failed: [],
  });
}

beforeAll(async () => {
  server = await startTestServer();
  coachId = await createStaffMember(server, 'COACH', 100);
});

afterAll(async () => {
  await server?.stop();
});

describe('importing qualifications from ePerusteet', () => {
  it('imports every listed qualification with its units, competence points and requirements', async () => {
    const report = await importer().importAll();
    expect(report.source).toBe(`ePerusteet fixtures in ${EPERUSTEET_FIXTURES}`);
    // 3 + 3 + 4 units (the common unit is not imported); 10 + 10 + 16 requirements.
    expectReport(report, { qualifications: { created: 3, updated: 0, unchanged: 0 }, units: counts(10, 0, 0, 0), requirements: counts(36, 0, 0, 0) });

    const { qualifications } = await server.ok(QualificationsDocument);
    expect(qualifications.map((q) => [q.externalId, q.diaryNumber, q.name.fi])).toEqual([
      [CLEANING, 'OPH-2660-2017', 'Puhtaus- ja kiinteistöpalvelualan perustutkinto'],
      ['3689879', 'OPH-2608-2017', 'Ravintola- ja catering-alan perustutkinto'],
      [LOGISTICS, 'OPH-2545-2017', 'Logistiikan perustutkinto'],
    ]);
    const cleaning = qualifications[0];
    expect(cleaning.units.map((u) => [u.externalId, u.competencePoints, u.requirements.length])).toEqual([
      ['3397461', 30, 4],
      ['3397462', 45, 6],
      ['3397463', 45, 3],
      ['3397464', 15, 3],
    ]);
    expect(cleaning.units[1].requirements.find((r) => r.code === '#2.2')?.text).toBe('toimii ergonomisesti ja työturvallisesti siivoustyössä');
    const [stored] = await server.sql(
      `SELECT source_version, (SELECT code FROM qualification_unit WHERE external_id = '3397461') AS unit_code FROM qualification WHERE external_id = $1`,
      [CLEANING],
    );
    expect(stored).toEqual({ source_version: '2023-10-31T09:00:00.000Z', unit_code: '106230' });
  });

  it('changes nothing when nothing changed', async () => {
    const before = await catalogue();
    server.clock.set(new Date(server.clock.now().getTime() + 3_600_000));
    const report = await importer().importAll();
    expectReport(report, { qualifications: { created: 0, updated: 0, unchanged: 3 }, units: counts(0, 0, 10, 0), requirements: counts(0, 0, 36, 0) });
    expect(await catalogue()).toEqual(before);
  });

  it('refuses a malformed qualification with the places that are wrong, leaving its earlier version whole', async () => {
    const before = await catalogue(LOGISTICS);
    const error = await importer(MALFORMED)
      .importOne(LOGISTICS)
      .then(
        () => null,
        (e: unknown) => e as QualificationSourceError,
      );
    expect(error).toBeInstanceOf(QualificationSourceError);
    expect(error).toMatchObject({ kind: 'malformed' });
    expect(error!.message).toBe(
      'ePerusteet peruste 3886019 cannot be imported: tutkinnonOsat[1].nimi: Invalid input: expected object, received undefined; tutkinnonOsat[2].laajuus: Invalid input: expected number, received string',
    );
    expect(await catalogue(LOGISTICS)).toEqual(before);

    // In a full run the others go on and the broken one is reported.
    const report = await importer(MALFORMED).importAll();
    expect(report.qualifications).toEqual({ created: 0, updated: 0, unchanged: 2 });
    expect(report.failed).toEqual([{ externalId: LOGISTICS, kind: 'malformed', message: error!.message }]);
    expect(await catalogue(LOGISTICS)).toEqual(before);
  });

  it('rolls a qualification back whole when writing it fails half-way', async () => {
    const before = await catalogue(CLEANING);
    // The new requirement of the second unit is written after the first unit's changed one.
    await server.sql(`CREATE FUNCTION refuse_requirement() RETURNS trigger LANGUAGE plpgsql AS $$
                        BEGIN RAISE EXCEPTION 'refused by the test'; END $$`);
    await server.sql(`CREATE TRIGGER refuse_requirement BEFORE INSERT ON competence_requirement
                        FOR EACH ROW WHEN (NEW.code = 'ammattitaitovaatimukset_5216') EXECUTE FUNCTION refuse_requirement()`);
    try {
      await expect(importer(V2).importOne(CLEANING)).rejects.toThrow('refused by the test');
    } finally {
      await server.sql('DROP TRIGGER refuse_requirement ON competence_requirement');
      await server.sql('DROP FUNCTION refuse_requirement()');
    }
    expect(await catalogue(CLEANING)).toEqual(before);
  });

  it('keeps competence records pointing at the requirement they were made against when a new version changes or removes it', async () => {
    const changing = await requirementId('3397461', 'ammattitaitovaatimukset_5201');
    const removing = await requirementId('3397464', 'ammattitaitovaatimukset_5231');
    const staying = await requirementId('3397461', 'ammattitaitovaatimukset_5202');
    const first = await recordAgainst(changing);
    const second = await recordAgainst(removing);
    const third = await recordAgainst(staying);
    const removedUnitId = (await server.sql<{ id: string }>(`SELECT id FROM qualification_unit WHERE external_id = '3397464'`))[0].id;
    const task = await server.ok(CreateTaskDocument, {
      input: { code: 'JATE-1', name: text('Jätekatos'), field: 'RECYCLING' as const, difficultyLevel: 1, qualificationUnitIds: [removedUnitId] },
    });

    server.clock.set(new Date(server.clock.now().getTime() + 3_600_000));
    const report = await importer(V2).importOne(CLEANING);
    // One text changed, one requirement added, the unit of three gone; the other twelve as they were.
    expectReport(report, { qualifications: { created: 0, updated: 1, unchanged: 0 }, units: counts(0, 0, 3, 1), requirements: counts(1, 1, 12, 3) });

    // The records: same requirement rows, same words (the snapshot columns and the row itself).
    for (const [{ record }, id, words] of [
      [first, changing, 'suunnittelee työnsä ulkoalueiden hoitosuunnitelman ja työohjeen mukaan'],
      [second, removing, 'tunnistaa vaaralliset jätteet ja käsittelee ne turvallisesti'],
      [third, staying, 'hoitaa viher- ja piha-alueita vuodenajan mukaisesti'],
    ] as const) {
      const after = (await first.coach.ok(MarkCompetenceDemonstratedDocument, { input: { id: record.id } })).markCompetenceDemonstrated
        .competenceRecord;
      expect(after).toMatchObject({ requirementId: id, requirementText: words, diaryNumber: 'OPH-2660-2017', requirement: { id, text: words } });
    }
    const rows = await server.sql<{ id: string; text: string; retired_at: Date | null; superseded_by_id: string | null }>(
      'SELECT id, text, retired_at, superseded_by_id FROM competence_requirement WHERE id = ANY($1::uuid[])',
      [[changing, removing, staying]],
    );
    const row = (id: string) => rows.find((r) => r.id === id)!;
    const successor = await requirementId('3397461', 'ammattitaitovaatimukset_5201');
    expect(row(changing)).toMatchObject({ retired_at: expect.any(Date), superseded_by_id: successor });
    expect(row(removing)).toMatchObject({ retired_at: expect.any(Date), superseded_by_id: null });
    expect(row(staying)).toMatchObject({ retired_at: null, superseded_by_id: null });

    // The catalogue shows the new version only.
    const { qualifications } = await server.ok(QualificationsDocument);
    const cleaning = qualifications.find((q) => q.externalId === CLEANING)!;
    expect(cleaning.units.map((u) => u.externalId)).toEqual(['3397461', '3397462', '3397463']);
    expect(cleaning.units[0].requirements.find((r) => r.code === 'ammattitaitovaatimukset_5201')).toEqual({
      id: successor,
      code: 'ammattitaitovaatimukset_5201',
      text: 'suunnittelee työnsä ulkoalueiden hoitosuunnitelman, työohjeen ja sääolosuhteiden mukaan',
    });
    expect(cleaning.units[1].requirements.map((r) => r.code)).toContain('ammattitaitovaatimukset_5216');
    const [version] = await server.sql(`SELECT source_version FROM qualification WHERE external_id = $1`, [CLEANING]);
    expect(version.source_version).toBe('2024-10-01T09:00:00.000Z');
    // A retired unit leaves the tasks that counted towards it, as a deleted one did.
    expect((await server.ok(TaskByIdDocument, { id: task.createTask.task.id })).task.qualificationUnits).toEqual([]);

    // New records are made against the requirement in force; the retired one is refused.
    const stale = await first.coach.request(RecordCompetenceDocument, {
      input: { traineeId: first.trainee.id, periodId: first.period.id, requirementId: changing, evidence: 'x' },
    });
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REQUIREMENT_RETIRED' });
    expect(fieldPaths(stale.errors?.[0].extensions)).toEqual(['input.requirementId']);
    const fresh = await first.coach.ok(RecordCompetenceDocument, {
      input: { traineeId: first.trainee.id, periodId: first.period.id, requirementId: successor, evidence: 'Suunnitteli sään mukaan' },
    });
    expect(fresh.recordCompetence.competenceRecord.requirementText).toBe(
      'suunnittelee työnsä ulkoalueiden hoitosuunnitelman, työohjeen ja sääolosuhteiden mukaan',
    );

    // The same version again: nothing to do.
    const again = await importer(V2).importOne(CLEANING);
    expectReport(again, { qualifications: { created: 0, updated: 0, unchanged: 1 }, units: counts(0, 0, 3, 0), requirements: counts(0, 0, 14, 0) });

    // Neither deleting nor rewriting a recorded requirement is possible underneath.
    await expect(server.sql('DELETE FROM competence_requirement WHERE id = $1', [removing])).rejects.toThrow(/foreign key/);
  });

  it('brings a unit back when it is published again, with new rows for what changed', async () => {
    const before = await catalogue(CLEANING);
    const report = await importer().importOne(CLEANING);
    // The unit returns (its three requirements anew), 5201 returns to its first words (another new row), 5216 goes.
    expectReport(report, { qualifications: { created: 0, updated: 1, unchanged: 0 }, units: counts(1, 0, 3, 0), requirements: counts(3, 1, 12, 1) });
    const { qualifications } = await server.ok(QualificationsDocument);
    const cleaning = qualifications.find((q) => q.externalId === CLEANING)!;
    expect(cleaning.units.map((u) => [u.externalId, u.requirements.length])).toEqual([
      ['3397461', 4],
      ['3397462', 6],
      ['3397463', 3],
      ['3397464', 3],
    ]);
    const unitIds = new Set(before.map((row) => row.unit_id));
    expect(cleaning.units.every((u) => unitIds.has(u.id))).toBe(true);
    // Every row there was is still there.
    const after = await catalogue(CLEANING);
    const ids = new Set(after.map((row) => row.requirement_id));
    expect(before.every((row) => ids.has(row.requirement_id))).toBe(true);
    expect(after.filter((row) => row.code === 'ammattitaitovaatimukset_5201').map((row) => [row.text, row.retired_at === null])).toEqual([
      ['suunnittelee työnsä ulkoalueiden hoitosuunnitelman ja työohjeen mukaan', false],
      ['suunnittelee työnsä ulkoalueiden hoitosuunnitelman, työohjeen ja sääolosuhteiden mukaan', false],
      ['suunnittelee työnsä ulkoalueiden hoitosuunnitelman ja työohjeen mukaan', true],
    ]);
  });

  it('keeps Mutation.importQualification on the same rules', async () => {
    const input = {
      externalId: '9000001',
      diaryNumber: 'OPH-9-2026',
      name: text('Käsin tuotu tutkinto'),
      units: [{ externalId: 'u-1', name: text('Osa'), competencePoints: 10, requirements: [{ code: '1', text: 'ensimmäinen' }] }],
    };
    const first = await server.ok(ImportQualificationDocument, { input });
    const id = first.importQualification.qualification.units[0].requirements[0].id;
    await recordAgainst(id);
    const second = await server.ok(ImportQualificationDocument, {
      input: { ...input, units: [{ ...input.units[0], requirements: [{ code: '1', text: 'toinen' }] }] },
    });
    const [current] = second.importQualification.qualification.units[0].requirements;
    expect(current).toMatchObject({ code: '1', text: 'toinen' });
    expect(current.id).not.toBe(id);
    const [old] = await server.sql(`SELECT text, retired_at IS NOT NULL AS retired FROM competence_requirement WHERE id = $1`, [id]);
    expect(old).toEqual({ text: 'ensimmäinen', retired: true });
  });
});
