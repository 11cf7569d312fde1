import { getNamedType, GraphQLInputType, GraphQLSchema, isInputObjectType, isScalarType } from 'graphql';

import { buildPolkuSchema } from '../src/app/schema';
import { operationRules } from '../src/modules/access/permission-matrix';
import { Role } from '../src/platform/auth/actor';
import {
  GiveProfileConsentDocument,
  MyAccessLogDocument,
  MyselfDocument,
  MyselfStaffInternalDocument,
  RecordCapacityAssessmentDocument,
  RecordSelfAssessmentDocument,
  SelfAddDiaryEntryDocument,
  SelfAttendanceDocument,
  SelfAttendanceSummaryDocument,
  SelfCapacityAssessmentDocument,
  SelfCapacityAssessmentsDocument,
  SelfCapacityChangeDocument,
  SelfCapacityInstrumentsDocument,
  SelfCoachingPeriodDocument,
  SelfCompetenceRecordDocument,
  SelfCompetenceRecordsOfDocument,
  SelfDiaryEntriesDocument,
  SelfFinalSummaryDocument,
  SelfListsDocument,
  SelfOutcomesDocument,
  SelfPeriodsOfDocument,
  SelfPlacementDocument,
  SelfPlacementsOfDocument,
  SelfSubsidyApplicationDocument,
  SelfSubsidyApplicationsOfDocument,
  SelfTraineeDocument,
  SelfWorkTrialAgreementsDocument,
  WithdrawProfileConsentDocument,
} from './generated/graphql';
import { errorOf, paths } from './support/errors';
import { insertCoachingPeriod, insertTrainee } from './support/fixtures';
import { GraphQLClient, GraphQLResponse, startTestServer, TestServer } from './support/test-server';

/**
 * The trainee as a user of Polku (the demo's Ville Heikkinen, signed in as TRAINEE): their own
 * record through `myself` and the queries the matrix grants them on their own rows, "who processed
 * my data" through `myAccessLog`, their own profile consents, learning-diary entries and
 * self-assessments. Then the IDOR class: every operation the TRAINEE role is granted that names an
 * object, sent with another trainee's ids (of the same organisation and of another one), answers
 * NOT_FOUND and changes nothing; lists hold the trainee's own rows only.
 */
let server: TestServer;
let schema: GraphQLSchema;
let ville: GraphQLClient;
let villeId: string;
let villePeriodId: string;
/** Another client of the same organisation, with rows of every kind, and one of a second organisation. */
const other = {} as Record<'traineeId' | 'periodId' | 'placementId' | 'assessmentId' | 'competenceRecordId' | 'finalSummaryPeriodId', string>;
const elsewhere = { traineeId: '', periodId: '' };

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => server.sql<T>(text, params);

async function one<T = { id: string }>(text: string, params: unknown[] = []): Promise<T> {
  const [row] = await sql<T>(text, params);
  if (!row) throw new Error(`demo data has no row for: ${text}`);
  return row;
}

/** Every string in an answer: a test looks for another trainee's ids anywhere in it. */
const mentions = (response: GraphQLResponse<unknown>, id: string) => JSON.stringify(response.data ?? null).includes(id);

beforeAll(async () => {
  server = await startTestServer({ seedDemoData: true, env: { RATE_LIMIT_PER_MINUTE: '0' } });
  schema = await buildPolkuSchema();
  // The demo's TRAINEE persona (Ville Heikkinen).
  ({ id: villeId } = await one(`SELECT trainee_id AS id FROM user_role WHERE role = 'TRAINEE' AND trainee_id IS NOT NULL ORDER BY id LIMIT 1`));
  const [current] = await sql<{ id: string; phase: string; end_date: string | null }>(
    `SELECT id, phase, end_date FROM coaching_period WHERE trainee_id = $1 ORDER BY start_date DESC, id DESC LIMIT 1`,
    [villeId],
  );
  expect(current && !['ENDED', 'FOLLOW_UP'].includes(current.phase) && current.end_date === null).toBe(true);
  villePeriodId = current.id;
  ville = await server.as({ role: Role.TRAINEE, userId: 'self-service-ville', traineeId: villeId });

  const notVille = 'trainee_id <> $1';
  ({ id: other.periodId } = await one(`SELECT id FROM coaching_period WHERE ${notVille} AND end_date IS NULL ORDER BY id LIMIT 1`, [villeId]));
  ({ id: other.traineeId } = await one(`SELECT trainee_id AS id FROM coaching_period WHERE id = $1`, [other.periodId]));
  ({ id: other.placementId } = await one(`SELECT id FROM placement WHERE ${notVille} ORDER BY id LIMIT 1`, [villeId]));
  ({ id: other.assessmentId } = await one(`SELECT id FROM capacity_assessment WHERE ${notVille} ORDER BY id LIMIT 1`, [villeId]));
  ({ id: other.competenceRecordId } = await one(`SELECT id FROM competence_record WHERE ${notVille} ORDER BY id LIMIT 1`, [villeId]));
  ({ id: other.finalSummaryPeriodId } = await one(
    `SELECT f.period_id AS id FROM final_summary f JOIN coaching_period p ON p.id = f.period_id WHERE p.${notVille} ORDER BY f.id LIMIT 1`,
    [villeId],
  ));

  const secondOrganisation = await server.createOrganisation('Naapurikaupunki');
  elsewhere.traineeId = (await insertTrainee(server, { organisationId: secondOrganisation, firstName: 'Naapuri' })).id;
  elsewhere.periodId = (await insertCoachingPeriod(server, { traineeId: elsewhere.traineeId, startDate: '2026-01-05' })).id;
}, 180_000);

afterAll(async () => {
  await server?.stop();
});

describe('the trainee sees their own data', () => {
  it('reads their own record through myself, the same rows the database holds, and the read is in the access log', async () => {
    const data = await ville.ok(MyselfDocument);
    const me = data.myself;
    expect(me.id).toBe(villeId);
    const [row] = await sql<{ first_name: string; email: string | null }>(`SELECT first_name, email FROM trainee WHERE id = $1`, [villeId]);
    expect([me.firstName, me.email]).toEqual([row.first_name, row.email]);
    expect(me.currentPeriod?.id).toBe(villePeriodId);
    const count = async (table: string) =>
      Number((await one<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE trainee_id = $1`, [villeId])).n);
    expect(me.periods!.length).toBe(await count('coaching_period'));
    expect(me.placements!.length).toBe(await count('placement'));
    expect(me.competenceRecords!.length).toBe(await count('competence_record'));
    expect(me.referrals!.length).toBe(await count('referral'));
    expect(me.periods!.flatMap((p) => p.attendance ?? []).length).toBe(await count('attendance_entry'));
    const userId = await server.userIdOf('self-service-ville');
    const [log] = await sql<{ fields: string[]; role: string; kind: string }>(
      `SELECT fields, role, kind FROM access_log_entry WHERE trainee_id = $1 AND user_id = $2 AND operation_name = 'Myself' ORDER BY at DESC LIMIT 1`,
      [villeId, userId],
    );
    expect(log).toMatchObject({ role: 'TRAINEE', kind: 'READ' });
    expect(log.fields).toEqual(expect.arrayContaining(['Trainee.email', 'Trainee.latestCapacityAssessment', 'CompetenceRecord.requirementText']));
  });

  it('keeps the staff-internal fields from them (FORBIDDEN on those fields only), while the rest of the record answers', async () => {
    const response = await ville.request(MyselfStaffInternalDocument);
    const refused = (response.errors ?? []).map((e) => [e.extensions?.code, e.path?.filter((p) => typeof p === 'string').join('.')]);
    const expected: Array<[string, string]> = [];
    const [placements, referrals] = await Promise.all(
      ['placement', 'referral'].map(async (t) =>
        Number((await one<{ n: string }>(`SELECT count(*) AS n FROM ${t} WHERE trainee_id = $1`, [villeId])).n),
      ),
    );
    if (placements) expected.push(['FORBIDDEN', 'myself.placements.notes']);
    if (referrals) expected.push(['FORBIDDEN', 'myself.referrals.background']);
    expected.push(['FORBIDDEN', 'myself.periods.caseloadOverrideReason']);
    expect(new Set(refused.map((r) => JSON.stringify(r)))).toEqual(new Set(expected.map((r) => JSON.stringify(r))));
    expect(response.data?.myself?.id).toBe(villeId);
  });

  it('reads their own rows through the queries the matrix grants them', async () => {
    expect((await ville.ok(SelfTraineeDocument, { id: villeId })).trainee.id).toBe(villeId);
    expect((await ville.ok(SelfCoachingPeriodDocument, { id: villePeriodId })).coachingPeriod.traineeId).toBe(villeId);
    const attendance = await ville.ok(SelfAttendanceDocument, { periodId: villePeriodId });
    expect(attendance.attendance.every((entry) => entry.traineeId === villeId)).toBe(true);
    const summary = await ville.ok(SelfAttendanceSummaryDocument, { periodId: villePeriodId });
    expect(summary.attendanceSummary.presentDays).toBe(
      Number(
        (
          await one<{ n: string }>(`SELECT count(DISTINCT date) AS n FROM attendance_entry WHERE period_id = $1 AND status = 'PRESENT'`, [
            villePeriodId,
          ])
        ).n,
      ),
    );
    const assessments = await ville.ok(SelfCapacityAssessmentsDocument, { periodId: villePeriodId });
    expect(assessments.capacityAssessments.every((a) => a.traineeId === villeId)).toBe(true);
    const lists = await ville.ok(SelfListsDocument);
    for (const list of [lists.coachingPeriods, lists.placements, lists.competenceRecords]) {
      expect(list.edges.every((edge) => edge.node.traineeId === villeId)).toBe(true);
      expect(list.totalCount).toBe(list.edges.length);
    }
    expect(lists.coachingPeriods.totalCount).toBe(
      Number((await one<{ n: string }>(`SELECT count(*) AS n FROM coaching_period WHERE trainee_id = $1`, [villeId])).n),
    );
  });
});

describe('who processed my data', () => {
  it("lists every processing of their own record, the staff's with the user's name and organisation, and nobody else's rows", async () => {
    // A staff read of Ville's record and of another trainee's, then his own log.
    await server.ok(SelfTraineeDocument, { id: villeId });
    await server.ok(SelfTraineeDocument, { id: other.traineeId });
    const page = await ville.ok(MyAccessLogDocument, { first: 100 });
    const total = Number((await one<{ n: string }>(`SELECT count(*) AS n FROM access_log_entry WHERE trainee_id = $1`, [villeId])).n);
    expect(page.myAccessLog.totalCount).toBe(total);
    expect(page.myAccessLog.edges.every((edge) => edge.node.traineeId === villeId)).toBe(true);
    const staffRead = page.myAccessLog.edges.map((edge) => edge.node).find((node) => node.role === 'ADMIN' && node.fields.includes('Trainee.email'));
    const [organisation] = await sql<{ name: string }>(
      `SELECT o.name FROM organisation o JOIN trainee t ON t.organisation_id = o.id WHERE t.id = $1`,
      [villeId],
    );
    expect(staffRead).toMatchObject({
      kind: 'READ',
      processedBy: 'test-admin',
      organisationName: organisation.name,
      purpose: 'operation SelfTrainee',
    });
    // Other trainees' rows exist, and none of them is listed.
    const others = Number((await one<{ n: string }>(`SELECT count(*) AS n FROM access_log_entry WHERE trainee_id <> $1`, [villeId])).n);
    expect(others).toBeGreaterThan(0);
  });

  it('pages newest first without overlap, and a page costs the same statements for 2 and 20 rows (names batched)', async () => {
    for (let i = 0; i < 3; i++) await server.ok(SelfTraineeDocument, { id: villeId });
    const first = await ville.ok(MyAccessLogDocument, { first: 2 });
    expect(first.myAccessLog.pageInfo.hasNextPage).toBe(true);
    const second = await ville.ok(MyAccessLogDocument, { first: 2, after: first.myAccessLog.pageInfo.endCursor });
    const ids = [...first.myAccessLog.edges, ...second.myAccessLog.edges].map((edge) => edge.node.id);
    expect(new Set(ids).size).toBe(4);
    const times = [...first.myAccessLog.edges, ...second.myAccessLog.edges].map((edge) => Date.parse(String(edge.node.at)));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const small = await server.countStatements(() => ville.ok(MyAccessLogDocument, { first: 2 }));
    const large = await server.countStatements(() => ville.ok(MyAccessLogDocument, { first: 20 }));
    process.stdout.write(`myAccessLog: ${small} statements for 2 rows, ${large} for 20\n`);
    expect(large).toBe(small);
  });
});

describe('consents', () => {
  it('gives and withdraws their own profile consent with the same input, recorded as theirs and in history', async () => {
    const userId = ville.userId!;
    const active = await sql(`SELECT id FROM profile_consent WHERE trainee_id = $1 AND scope = 'ALL_PARTNERS' AND withdrawn_at IS NULL`, [villeId]);
    const input = { traineeId: villeId, scope: 'ALL_PARTNERS' as const };
    if (active.length) await ville.ok(WithdrawProfileConsentDocument, { input });
    const given = (await ville.ok(GiveProfileConsentDocument, { input })).giveProfileConsent.profileConsent;
    expect(given).toMatchObject({ traineeId: villeId, active: true, givenBy: userId });
    const withdrawn = (await ville.ok(WithdrawProfileConsentDocument, { input })).withdrawProfileConsent.profileConsent;
    expect(withdrawn).toMatchObject({ id: given.id, active: false, withdrawnBy: userId });
    const history = await sql<{ from_state: string | null; to_state: string; actor_id: string; actor_role: string }>(
      `SELECT from_state, to_state, actor_id, actor_role FROM state_change WHERE subject_type = 'ProfileConsent' AND subject_id = $1 ORDER BY changed_at, id`,
      [given.id],
    );
    expect(history).toEqual([
      { from_state: null, to_state: 'ACTIVE', actor_id: userId, actor_role: 'TRAINEE' },
      { from_state: 'ACTIVE', to_state: 'WITHDRAWN', actor_id: userId, actor_role: 'TRAINEE' },
    ]);
    const writes = await sql<{ fields: string[] }>(
      `SELECT fields FROM access_log_entry WHERE trainee_id = $1 AND user_id = $2 AND kind = 'WRITE' ORDER BY at`,
      [villeId, userId],
    );
    expect(writes.flatMap((w) => w.fields)).toEqual(expect.arrayContaining(['Mutation.giveProfileConsent', 'Mutation.withdrawProfileConsent']));
  });
});

describe('learning diary', () => {
  it('writes a learning-diary entry on their current period, authored by them and visible to their staff', async () => {
    const entry = (
      await ville.ok(SelfAddDiaryEntryDocument, { input: { periodId: villePeriodId, kind: 'LEARNING_DIARY', text: 'Opin tänään trukin käyttöä.' } })
    ).addDiaryEntry.diaryEntry;
    expect(entry).toMatchObject({ periodId: villePeriodId, kind: 'LEARNING_DIARY', authorId: ville.userId, date: server.today() });
    const staffView = await server.ok(SelfDiaryEntriesDocument, { periodId: villePeriodId });
    expect(staffView.diaryEntries.edges.map((edge) => edge.node.id)).toContain(entry.id);
    const ownView = await ville.ok(SelfDiaryEntriesDocument, { periodId: villePeriodId });
    expect(ownView.diaryEntries.edges.map((edge) => edge.node.id)).toContain(entry.id);
  });

  it("refuses the coach's daily log kind, an earlier period and a work order, naming the field", async () => {
    const before = Number((await one<{ n: string }>(`SELECT count(*) AS n FROM diary_entry`)).n);
    const dailyLog = await ville.request(SelfAddDiaryEntryDocument, { input: { periodId: villePeriodId, kind: 'DAILY_LOG', text: 'Lokimerkintä' } });
    expect(errorOf(dailyLog)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DIARY_KIND_STAFF_ONLY' });
    expect(paths(errorOf(dailyLog))).toEqual(['input.kind']);

    const earlier = await insertCoachingPeriod(server, {
      traineeId: villeId,
      startDate: '2019-01-07',
      endDate: '2019-05-31',
      phase: 'ENDED' as never,
      plannedEndDate: '2019-05-31',
    });
    const onEarlier = await ville.request(SelfAddDiaryEntryDocument, {
      input: { periodId: earlier.id, kind: 'LEARNING_DIARY', text: 'Vanha jakso' },
    });
    expect(errorOf(onEarlier)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOT_CURRENT_PERIOD' });
    expect(paths(errorOf(onEarlier))).toEqual(['input.periodId']);

    const { id: workOrderId } = await one(`SELECT id FROM work_order ORDER BY id LIMIT 1`);
    const withOrder = await ville.request(SelfAddDiaryEntryDocument, {
      input: { periodId: villePeriodId, kind: 'LEARNING_DIARY', text: 'Työtilaus', workOrderId },
    });
    expect(errorOf(withOrder)?.code).toBe('BAD_USER_INPUT');
    expect(paths(errorOf(withOrder))).toEqual(['input.workOrderId']);
    expect(Number((await one<{ n: string }>(`SELECT count(*) AS n FROM diary_entry`)).n)).toBe(before);
  });
});

describe('self-assessment', () => {
  it('answers a meter with a self-assessment form on their current period, stored beside the staff assessments and marked as theirs', async () => {
    const instruments = (await ville.ok(SelfCapacityInstrumentsDocument)).capacityInstruments;
    const form = instruments.find((instrument) => instrument.selfAssessmentForm)!;
    expect(form.code).toBe('KYKYVIISARI');
    const items = form.dimensions.flatMap((dimension) => dimension.items);
    const recorded = (
      await ville.ok(RecordSelfAssessmentDocument, {
        input: {
          periodId: villePeriodId,
          instrumentId: form.id,
          summary: 'Jaksan paremmin kuin keväällä.',
          scores: items.map((item, index) => ({ itemId: item.id, score: 1 + (index % 5) })),
        },
      })
    ).recordSelfAssessment.capacityAssessment;
    expect(recorded).toMatchObject({
      periodId: villePeriodId,
      traineeId: villeId,
      instrumentId: form.id,
      assessedOn: server.today(),
      assessorId: ville.userId,
      selfAssessed: true,
    });
    expect(recorded.scores.map((s) => s.score)).toEqual(items.map((_, index) => 1 + (index % 5)));
    const staff = (await server.ok(SelfCapacityAssessmentsDocument, { periodId: villePeriodId })).capacityAssessments;
    expect(staff.find((a) => a.id === recorded.id)?.selfAssessed).toBe(true);
    const staffOwn = Number(
      (await one<{ n: string }>(`SELECT count(*) AS n FROM capacity_assessment WHERE period_id = $1 AND NOT self_assessed`, [villePeriodId])).n,
    );
    expect(staff.filter((a) => !a.selfAssessed).length).toBe(staffOwn);
  });

  it('refuses a meter without a self-assessment form at input.instrumentId, and items of another meter at their path', async () => {
    const instruments = (await ville.ok(SelfCapacityInstrumentsDocument)).capacityInstruments;
    const staffMeter = instruments.find((instrument) => !instrument.selfAssessmentForm)!;
    const form = instruments.find((instrument) => instrument.selfAssessmentForm)!;
    const before = Number((await one<{ n: string }>(`SELECT count(*) AS n FROM capacity_assessment WHERE trainee_id = $1`, [villeId])).n);
    const staffItem = staffMeter.dimensions[0].items[0].id;
    const noForm = await ville.request(RecordSelfAssessmentDocument, {
      input: { periodId: villePeriodId, instrumentId: staffMeter.id, scores: [{ itemId: staffItem, score: 3 }] },
    });
    expect(errorOf(noForm)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NO_SELF_ASSESSMENT_FORM' });
    expect(paths(errorOf(noForm))).toEqual(['input.instrumentId']);
    const foreignItem = await ville.request(RecordSelfAssessmentDocument, {
      input: { periodId: villePeriodId, instrumentId: form.id, scores: [{ itemId: staffItem, score: 3 }] },
    });
    expect(errorOf(foreignItem)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ITEM_NOT_IN_INSTRUMENT' });
    expect(paths(errorOf(foreignItem))).toEqual(['input.scores[0].itemId']);
    const outOfRange = await ville.request(RecordSelfAssessmentDocument, {
      input: { periodId: villePeriodId, instrumentId: form.id, scores: [{ itemId: form.dimensions[0].items[0].id, score: 9 }] },
    });
    expect(errorOf(outOfRange)?.code).toBe('BAD_USER_INPUT');
    expect(Number((await one<{ n: string }>(`SELECT count(*) AS n FROM capacity_assessment WHERE trainee_id = $1`, [villeId])).n)).toBe(before);
  });

  it("is the trainee's own act: staff cannot record one for them, and the trainee cannot record a staff assessment", async () => {
    const form = (await ville.ok(SelfCapacityInstrumentsDocument)).capacityInstruments.find((instrument) => instrument.selfAssessmentForm)!;
    const input = { periodId: villePeriodId, instrumentId: form.id, scores: [{ itemId: form.dimensions[0].items[0].id, score: 3 }] };
    const byAdmin = await server.request(RecordSelfAssessmentDocument, { input });
    expect(errorOf(byAdmin)).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' });
    const staffMutation = await ville.request(RecordCapacityAssessmentDocument, { input: { ...input, assessedOn: server.today() } });
    expect(errorOf(staffMutation)).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' });
  });
});

/** Every ID path of an operation's arguments (input objects walked), as the enforcer's completeness check does. */
function idArgumentPaths(schema: GraphQLSchema, key: string): string[] {
  const [kind, name] = key.split('.');
  const root = kind === 'Query' ? schema.getQueryType()! : schema.getMutationType()!;
  const found: string[] = [];
  const walk = (type: GraphQLInputType, path: string, seen: Set<string>) => {
    const named = getNamedType(type);
    if (isScalarType(named)) {
      if (named.name === 'ID') found.push(path);
      return;
    }
    if (!isInputObjectType(named) || seen.has(named.name)) return;
    for (const field of Object.values(named.getFields())) walk(field.type, `${path}.${field.name}`, new Set([...seen, named.name]));
  };
  for (const arg of root.getFields()[name].args) walk(arg.type, arg.name, new Set());
  return found;
}

describe('IDOR: another trainee named by the trainee', () => {
  /** Each operation granted to TRAINEE that names an object, sent with someone else's ids. */
  const attempts: Record<string, (ids: { traineeId: string; periodId: string }) => Promise<GraphQLResponse<unknown>>> = {
    'Query.trainee': (ids) => ville.request(SelfTraineeDocument, { id: ids.traineeId }),
    'Query.coachingPeriod': (ids) => ville.request(SelfCoachingPeriodDocument, { id: ids.periodId }),
    'Query.placement': () => ville.request(SelfPlacementDocument, { id: other.placementId }),
    'Query.attendance': (ids) => ville.request(SelfAttendanceDocument, { periodId: ids.periodId }),
    'Query.attendanceSummary': (ids) => ville.request(SelfAttendanceSummaryDocument, { periodId: ids.periodId }),
    'Query.diaryEntries': (ids) => ville.request(SelfDiaryEntriesDocument, { periodId: ids.periodId }),
    'Query.capacityAssessments': (ids) => ville.request(SelfCapacityAssessmentsDocument, { periodId: ids.periodId }),
    'Query.capacityAssessment': () => ville.request(SelfCapacityAssessmentDocument, { id: other.assessmentId }),
    'Query.capacityChange': async () => {
      const [own] = await sql<{ id: string }>(`SELECT id FROM capacity_assessment WHERE trainee_id = $1 ORDER BY id LIMIT 1`, [villeId]);
      return ville.request(SelfCapacityChangeDocument, { fromAssessmentId: own?.id ?? other.assessmentId, toAssessmentId: other.assessmentId });
    },
    'Query.competenceRecord': () => ville.request(SelfCompetenceRecordDocument, { id: other.competenceRecordId }),
    'Query.finalSummary': (ids) =>
      ville.request(SelfFinalSummaryDocument, { periodId: ids === elsewhere ? ids.periodId : other.finalSummaryPeriodId }),
    'Query.outcomes': (ids) => ville.request(SelfOutcomesDocument, { periodId: ids.periodId }),
    'Query.workTrialAgreements': (ids) => ville.request(SelfWorkTrialAgreementsDocument, { periodId: ids.periodId }),
    // Another person's wage-subsidy application (of the same organisation as `ids`; a made-up id where it has none).
    'Query.subsidyApplication': async (ids) => {
      const [row] = await sql<{ id: string }>(
        `SELECT a.id FROM subsidy_application a WHERE a.trainee_id <> $1 AND a.organisation_id = (SELECT organisation_id FROM trainee WHERE id = $2) ORDER BY a.id LIMIT 1`,
        [villeId, ids.traineeId],
      );
      return ville.request(SelfSubsidyApplicationDocument, { id: row?.id ?? '7c1e4a8b-5d0f-4f0a-9d2e-6a4b3c2d1e0f' });
    },
    'Mutation.giveProfileConsent': (ids) => ville.request(GiveProfileConsentDocument, { input: { traineeId: ids.traineeId, scope: 'ALL_PARTNERS' } }),
    'Mutation.withdrawProfileConsent': (ids) =>
      ville.request(WithdrawProfileConsentDocument, { input: { traineeId: ids.traineeId, scope: 'ALL_PARTNERS' } }),
    'Mutation.addDiaryEntry': (ids) =>
      ville.request(SelfAddDiaryEntryDocument, { input: { periodId: ids.periodId, kind: 'LEARNING_DIARY', text: 'Toisen jaksolle' } }),
    'Mutation.recordSelfAssessment': async (ids) => {
      const { id: itemId } = await one(
        `SELECT i.id FROM capacity_item i JOIN capacity_dimension_definition d ON d.id = i.dimension_id JOIN capacity_instrument m ON m.id = d.instrument_id
          WHERE m.self_assessment_form ORDER BY i.id LIMIT 1`,
      );
      const { id: instrumentId } = await one(`SELECT id FROM capacity_instrument WHERE self_assessment_form ORDER BY id LIMIT 1`);
      return ville.request(RecordSelfAssessmentDocument, { input: { periodId: ids.periodId, instrumentId, scores: [{ itemId, score: 3 }] } });
    },
  };
  /** Lists the trainee may filter by a trainee id: another's id narrows their own rows to none. */
  const filteredLists: Record<string, (ids: { traineeId: string }) => Promise<GraphQLResponse<Record<string, { totalCount: number }>>>> = {
    'Query.coachingPeriods': (ids) => ville.request(SelfPeriodsOfDocument, ids),
    'Query.placements': (ids) => ville.request(SelfPlacementsOfDocument, ids),
    'Query.competenceRecords': (ids) => ville.request(SelfCompetenceRecordsOfDocument, ids),
    'Query.subsidyApplications': (ids) => ville.request(SelfSubsidyApplicationsOfDocument, ids),
  };
  /** Operations whose ids name only the organisation's catalogue (meters), not a person. */
  const catalogueOnly = ['Query.capacityInstrument'];

  it('covers every operation the TRAINEE role is granted that takes an id', () => {
    const granted = Object.entries(operationRules)
      .filter(([key, rule]) => rule.roles[Role.TRAINEE] && idArgumentPaths(schema, key).length > 0)
      .map(([key]) => key)
      .filter((key) => !catalogueOnly.includes(key));
    expect([...Object.keys(attempts), ...Object.keys(filteredLists)].sort()).toEqual(granted.sort());
  });

  it("answers a list filtered by another trainee's id with nothing, as if that trainee had no rows", async () => {
    for (const ids of [other, elsewhere]) {
      for (const [key, list] of Object.entries(filteredLists)) {
        const response = await list(ids);
        expect([key, response.errors, Object.values(response.data!)[0].totalCount, mentions(response, ids.traineeId)]).toEqual([
          key,
          undefined,
          0,
          false,
        ]);
      }
    }
    // The same filter with their own id finds their own rows.
    expect((await ville.ok(SelfPeriodsOfDocument, { traineeId: villeId })).coachingPeriods.totalCount).toBeGreaterThan(0);
  });

  it('answers NOT_FOUND with no data for another trainee of the same organisation and of another organisation, and writes nothing', async () => {
    const rowsOf = async () =>
      (
        await sql<{ n: string }>(
          `SELECT (SELECT count(*) FROM diary_entry) + (SELECT count(*) FROM capacity_assessment) + (SELECT count(*) FROM profile_consent)
                  + (SELECT count(*) FROM state_change) AS n`,
        )
      )[0].n;
    const before = await rowsOf();
    const problems: string[] = [];
    for (const [label, ids] of [
      ['same organisation', other],
      ['another organisation', elsewhere],
    ] as const) {
      for (const [key, attempt] of Object.entries(attempts)) {
        const response = await attempt(ids);
        const code = errorOf(response)?.code;
        if (code !== 'NOT_FOUND') problems.push(`${key} (${label}): ${JSON.stringify(response.errors ?? response.data).slice(0, 300)}`);
        for (const id of [ids.traineeId, ids.periodId, other.placementId, other.assessmentId, other.competenceRecordId]) {
          if (mentions(response, id)) problems.push(`${key} (${label}) answered with another trainee's row ${id}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(await rowsOf()).toBe(before);
  });

  it('gives the same answer for an id of another trainee as for an id that exists nowhere (no existence oracle)', async () => {
    const nowhere = { traineeId: '0b6f4c0e-3d7a-4c39-9a57-1f1f6e3c2b11', periodId: '5d0f7f0a-7c1e-4a8b-9d2e-6a4b3c2d1e0f' };
    for (const key of ['Query.trainee', 'Query.coachingPeriod', 'Query.diaryEntries', 'Mutation.giveProfileConsent', 'Mutation.addDiaryEntry']) {
      const [real, missing] = [await attempts[key](other), await attempts[key](nowhere)];
      expect([key, errorOf(real)?.code, real.errors?.[0]?.message.replace(/[0-9a-f-]{36}/g, 'ID')]).toEqual([
        key,
        errorOf(missing)?.code,
        missing.errors?.[0]?.message.replace(/[0-9a-f-]{36}/g, 'ID'),
      ]);
    }
  });

  it('lists only their own rows, though the organisation holds many other trainees', async () => {
    const lists = await ville.ok(SelfListsDocument);
    const rows = [...lists.coachingPeriods.edges, ...lists.placements.edges, ...lists.competenceRecords.edges].map((edge) => edge.node.traineeId);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((id) => id !== villeId)).toEqual([]);
    const others = Number((await one<{ n: string }>(`SELECT count(*) AS n FROM coaching_period WHERE trainee_id <> $1`, [villeId])).n);
    expect(others).toBeGreaterThan(10);
    const log = await ville.ok(MyAccessLogDocument, { first: 100 });
    expect(log.myAccessLog.edges.filter((edge) => edge.node.traineeId !== villeId)).toEqual([]);
  });
});
