import { Role } from '../src/platform/auth/actor';
import {
  CompetenceRecordsDocument,
  ImportQualificationDocument,
  ImportQualificationMutationVariables,
  MarkCompetenceDemonstratedDocument,
  QualificationByIdDocument,
  QualificationsDocument,
  RecordCompetenceDocument,
  ReturnCompetenceToPractisingDocument,
  TraineeCompetenceDocument,
  VerifyCompetenceDocument,
} from './generated/graphql';
import { createStaffMember, insertStaffableTrainee } from './support/fixtures';
import { startTestServer, TestServer } from './support/test-server';

let server: TestServer;
/** The coach of the trainees whose competence is recorded; the coach tokens carry it as staffId. */
let coachId: string;
let qualificationId: string;
const requirement: Record<string, string> = {};
const text = (fi: string) => ({ fi, sv: fi, en: fi });
const fieldPaths = (extensions: Record<string, unknown> | undefined) => ((extensions?.fields as Array<{ path: string }>) ?? []).map((f) => f.path);

const firstVersion: ImportQualificationMutationVariables['input'] = {
  externalId: 'peruste-3397',
  diaryNumber: 'OPH-2590-2017',
  name: text('Kiinteistöpalvelujen perustutkinto'),
  units: [
    {
      externalId: 'osa-101',
      name: text('Puhtaanapitopalvelut'),
      competencePoints: 25,
      requirements: [
        { code: '1', text: 'valmistelee työn' },
        { code: '2', text: 'käyttää koneita' },
      ],
    },
    { externalId: 'osa-102', name: text('Ulkoalueiden hoito'), competencePoints: 15, requirements: [{ code: '1', text: 'hoitaa viheralueita' }] },
  ],
};

async function record(traineeId: string, periodId: string, requirementId: string, evidence = 'Siivosi luokan') {
  const coach = await server.as({ role: Role.COACH, staffId: coachId, userId: 'coach-3' });
  const data = await coach.ok(RecordCompetenceDocument, { input: { traineeId, periodId, requirementId, evidence } });
  return data.recordCompetence.competenceRecord;
}

beforeAll(async () => {
  server = await startTestServer();
  coachId = await createStaffMember(server, 'COACH', 100);
  const imported = await server.ok(ImportQualificationDocument, { input: firstVersion });
  qualificationId = imported.importQualification.qualification.id;
  for (const unit of imported.importQualification.qualification.units) {
    for (const r of unit.requirements) requirement[`${unit.externalId}/${r.code}`] = r.id;
  }
});

afterAll(async () => {
  await server?.stop();
});

describe('qualifications', () => {
  it('imports units with their requirements', async () => {
    const { qualification } = await server.ok(QualificationByIdDocument, { id: qualificationId });
    expect(qualification).toMatchObject({ externalId: 'peruste-3397', diaryNumber: 'OPH-2590-2017' });
    expect(qualification.units.map((u) => [u.externalId, u.competencePoints, u.requirements.map((r) => r.code)])).toEqual([
      ['osa-101', 25, ['1', '2']],
      ['osa-102', 15, ['1']],
    ]);
    const { qualifications } = await server.ok(QualificationsDocument);
    expect(qualifications.map((q) => q.externalId)).toEqual(['peruste-3397']);
  });

  it('lets only admins import', async () => {
    const coach = await server.as({ role: Role.COACH });
    const response = await coach.request(ImportQualificationDocument, { input: { ...firstVersion, externalId: 'x' } });
    expect(response.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('competence records', () => {
  it('copies a snapshot of the requirement and starts in PRACTISING', async () => {
    const { trainee, period } = await insertStaffableTrainee(server, 1, { coachId });
    const created = await record(trainee.id, period.id, requirement['osa-101/1']);
    expect(created).toMatchObject({
      traineeId: trainee.id,
      periodId: period.id,
      qualificationExternalId: 'peruste-3397',
      diaryNumber: 'OPH-2590-2017',
      unitExternalId: 'osa-101',
      requirementCode: '1',
      requirementText: 'valmistelee työn',
      state: 'PRACTISING',
      verifiedAt: null,
    });
    expect(created.history.map((h) => [h.fromState, h.toState, h.actorId])).toEqual([[null, 'PRACTISING', await server.userIdOf('coach-3')]]);
  });

  it('refuses a period of another trainee, an unknown requirement and roles other than admin and coach', async () => {
    const { trainee } = await insertStaffableTrainee(server);
    const { period: foreignPeriod } = await insertStaffableTrainee(server);
    const wrongPeriod = await server.request(RecordCompetenceDocument, {
      input: { traineeId: trainee.id, periodId: foreignPeriod.id, requirementId: requirement['osa-101/1'], evidence: 'x' },
    });
    expect(wrongPeriod.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PERIOD_OF_ANOTHER_TRAINEE' });
    expect(fieldPaths(wrongPeriod.errors?.[0].extensions)).toEqual(['input.periodId']);

    const { trainee: other, period } = await insertStaffableTrainee(server);
    const unknown = await server.request(RecordCompetenceDocument, {
      input: { traineeId: other.id, periodId: period.id, requirementId: '00000000-0000-4000-8000-000000000000', evidence: 'x' },
    });
    expect(fieldPaths(unknown.errors?.[0].extensions)).toEqual(['input.requirementId']);

    const agent = await server.as({ role: Role.CAREER_AGENT });
    const forbidden = await agent.request(RecordCompetenceDocument, {
      input: { traineeId: other.id, periodId: period.id, requirementId: requirement['osa-101/1'], evidence: 'x' },
    });
    expect(forbidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('moves PRACTISING → DEMONSTRATED → PRACTISING → DEMONSTRATED → VERIFIED and refuses illegal moves', async () => {
    const { trainee, period } = await insertStaffableTrainee(server, 1, { coachId });
    const { id } = await record(trainee.id, period.id, requirement['osa-101/2']);

    const skip = await server.request(VerifyCompetenceDocument, { input: { id } });
    expect(skip.errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'ILLEGAL_COMPETENCE_TRANSITION',
      details: { from: 'PRACTISING', to: 'VERIFIED' },
    });

    // A coach who is not this trainee's coach sees them only on the roster.
    const otherCoach = await server.as({ role: Role.COACH, staffId: await createStaffMember(server, 'COACH'), userId: 'coach-10' });
    const notTheirs = await otherCoach.request(MarkCompetenceDemonstratedDocument, { input: { id } });
    expect(notTheirs.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const coach = await server.as({ role: Role.COACH, staffId: coachId, userId: 'coach-9' });
    const shown = await coach.ok(MarkCompetenceDemonstratedDocument, { input: { id } });
    expect(shown.markCompetenceDemonstrated.competenceRecord.demonstratedAt).not.toBeNull();
    const back = await coach.ok(ReturnCompetenceToPractisingDocument, { input: { id, reason: 'Turvallisuus puuttui' } });
    expect(back.returnCompetenceToPractising.competenceRecord).toMatchObject({ state: 'PRACTISING', demonstratedAt: null });
    await coach.ok(MarkCompetenceDemonstratedDocument, { input: { id } });
    const verified = (await coach.ok(VerifyCompetenceDocument, { input: { id } })).verifyCompetence.competenceRecord;
    expect(verified).toMatchObject({ state: 'VERIFIED', verifiedBy: coach.userId });
    expect(verified.verifiedAt).not.toBeNull();
    expect(verified.history.map((h) => [h.fromState, h.toState, h.reason])).toEqual([
      [null, 'PRACTISING', null],
      ['PRACTISING', 'DEMONSTRATED', null],
      ['DEMONSTRATED', 'PRACTISING', 'Turvallisuus puuttui'],
      ['PRACTISING', 'DEMONSTRATED', null],
      ['DEMONSTRATED', 'VERIFIED', null],
    ]);

    const again = await server.request(ReturnCompetenceToPractisingDocument, { input: { id } });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ILLEGAL_COMPETENCE_TRANSITION' });

    const view = await server.ok(TraineeCompetenceDocument, { id: trainee.id });
    expect(view.trainee.verifiedCompetenceCount).toBe(1);
    expect(view.trainee.competenceRecords!.map((r) => r.state)).toEqual(['VERIFIED']);
  });

  it('lists records by trainee and state with stable cursors', async () => {
    const { trainee, period } = await insertStaffableTrainee(server, 1, { coachId });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await record(trainee.id, period.id, requirement['osa-102/1'], `kerta ${i}`)).id);
    await server.ok(MarkCompetenceDemonstratedDocument, { input: { id: ids[1] } });

    const seen: string[] = [];
    let after: string | null | undefined = null;
    do {
      const page: Awaited<ReturnType<typeof listPage>> = await listPage(trainee.id, after);
      expect(page.competenceRecords.totalCount).toBe(5);
      seen.push(...page.competenceRecords.edges.map((e) => e.node.id));
      after = page.competenceRecords.pageInfo.hasNextPage ? page.competenceRecords.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(ids);

    const demonstrated = await server.ok(CompetenceRecordsDocument, { filter: { traineeId: trainee.id, state: 'DEMONSTRATED' }, first: 10 });
    expect(demonstrated.competenceRecords.edges.map((e) => e.node.id)).toEqual([ids[1]]);
  });

  it('keeps the snapshot when a new version of the qualification is imported', async () => {
    const { trainee, period } = await insertStaffableTrainee(server, 1, { coachId });
    const kept = await record(trainee.id, period.id, requirement['osa-101/1']);
    const dropped = await record(trainee.id, period.id, requirement['osa-101/2']);

    const second = await server.ok(ImportQualificationDocument, {
      input: {
        ...firstVersion,
        diaryNumber: 'OPH-1111-2025',
        units: [
          { externalId: 'osa-101', name: text('Puhtaanapito'), competencePoints: 30, requirements: [{ code: '1', text: 'suunnittelee työn' }] },
          { externalId: 'osa-103', name: text('Kierrätys'), competencePoints: 10, requirements: [{ code: '1', text: 'lajittelee' }] },
        ],
      },
    });
    const qualification = second.importQualification.qualification;
    expect(qualification.id).toBe(qualificationId);
    expect(qualification.diaryNumber).toBe('OPH-1111-2025');
    expect(qualification.units.map((u) => [u.externalId, u.competencePoints, u.requirements.map((r) => r.text)])).toEqual([
      ['osa-101', 30, ['suunnittelee työn']],
      ['osa-103', 10, ['lajittelee']],
    ]);

    const records = await server.ok(CompetenceRecordsDocument, { filter: { traineeId: trainee.id }, first: 10 });
    expect(records.competenceRecords.edges.map((e) => e.node.diaryNumber)).toEqual(['OPH-2590-2017', 'OPH-2590-2017']);
    // The records still point at the rows they were made against, which keep their words (retired, not rewritten or deleted).
    const after = await server.ok(MarkCompetenceDemonstratedDocument, { input: { id: kept.id } });
    expect(after.markCompetenceDemonstrated.competenceRecord).toMatchObject({
      diaryNumber: 'OPH-2590-2017',
      requirementId: requirement['osa-101/1'],
      requirementCode: '1',
      requirementText: 'valmistelee työn',
      requirement: { id: requirement['osa-101/1'], text: 'valmistelee työn' },
    });
    const removed = await server.ok(MarkCompetenceDemonstratedDocument, { input: { id: dropped.id } });
    expect(removed.markCompetenceDemonstrated.competenceRecord).toMatchObject({
      requirementId: requirement['osa-101/2'],
      requirement: { id: requirement['osa-101/2'], text: 'käyttää koneita' },
      unitExternalId: 'osa-101',
      requirementCode: '2',
      requirementText: 'käyttää koneita',
    });

    // New records are made against the requirement in force.
    const stale = await server.request(RecordCompetenceDocument, {
      input: { traineeId: trainee.id, periodId: period.id, requirementId: requirement['osa-101/1'], evidence: 'x' },
    });
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REQUIREMENT_RETIRED' });
    expect(fieldPaths(stale.errors?.[0].extensions)).toEqual(['input.requirementId']);
    const current = qualification.units[0].requirements[0];
    const fresh = await record(trainee.id, period.id, current.id);
    expect(fresh).toMatchObject({ diaryNumber: 'OPH-1111-2025', requirementText: 'suunnittelee työn', requirement: { id: current.id } });
  });
});

function listPage(traineeId: string, after: string | null | undefined) {
  return server.ok(CompetenceRecordsDocument, { filter: { traineeId }, first: 2, after });
}
