import type { Client } from 'pg';

import type { BenchManifest, BenchUser } from './contract';

/**
 * What each scenario sends: one GraphQL operation per request, its caller rotating over the
 * manifest's users of the role (many users, not one). `next()` gives the next request's body and
 * the subject whose token goes with it. The raw-SQL server answers the same bodies (it dispatches
 * on the operation name); PostGraphile gets its own closest equivalent (`postgraphile`).
 */
export type ScenarioName = 'trainee-list' | 'trainee-list-mine' | 'workforce-search' | 'record-attendance' | 'access-log';

export interface BenchRequest {
  subject: string;
  body: string;
}

export interface Scenario {
  name: ScenarioName;
  /** What the scenario asks, in words (for the report). */
  description: string;
  /** Writes: the harness runs it once per server but never twice on the same (period, date). */
  writes: boolean;
  next(): BenchRequest;
  /** PostGraphile's closest equivalent (it has no roles: every request is the same), when there is one. */
  postgraphile?: { body: string; note: string };
}

export const TRAINEE_LIST = `query BenchTraineeList($first: Int!, $filter: TraineeFilter) {
  trainees(first: $first, filter: $filter) {
    totalCount
    edges { node { id firstName lastName
      coach { id name }
      currentPeriod { id phase startDate careerAgent { id name } }
      currentPlacement { id kind startDate endDate }
      latestCapacityAssessment { id assessedOn }
      verifiedCompetenceCount } }
    pageInfo { hasNextPage endCursor }
  }
}`;

export const WORKFORCE_SEARCH = `query BenchWorkforceSearch($first: Int!, $filter: CompetenceProfileFilter) {
  competenceProfiles(first: $first, filter: $filter) {
    totalCount
    edges { node { id displayName workLevel languages finnishLevel
      verifiedCompetences { qualificationCode unitCode requirementCode verifiedOn } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

export const RECORD_ATTENDANCE = `mutation BenchRecordAttendance($input: RecordAttendanceInput!) {
  recordAttendance(input: $input) { entries { id periodId date status absenceReason } }
}`;

export const ACCESS_LOG = `query BenchAccessLog($first: Int!, $filter: AccessLogFilter) {
  accessLog(first: $first, filter: $filter) {
    edges { node { id at kind fields role purpose traineeId processedBy organisationName } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const PG_TRAINEE_LIST = `query PgTraineeList($org: UUID!) {
  allTrainees(first: 100, condition: {organisationId: $org}, orderBy: [LAST_NAME_ASC, FIRST_NAME_ASC, PRIMARY_KEY_ASC]) {
    totalCount
    nodes { rowId firstName lastName
      coachingPeriodsByTraineeId(first: 1, orderBy: [START_DATE_DESC]) { nodes { rowId phase startDate
        staffMemberByCoachId { rowId name } staffMemberByCareerAgentId { rowId name } } }
      placementsByTraineeId(first: 1, orderBy: [START_DATE_DESC]) { nodes { rowId kind startDate endDate } }
      capacityAssessmentsByTraineeId(first: 1, orderBy: [ASSESSED_ON_DESC]) { nodes { rowId assessedOn } }
      competenceRecordsByTraineeId(condition: {state: VERIFIED}) { totalCount } }
  }
}`;

const PG_WORKFORCE_SEARCH = `query PgWorkforceSearch {
  allProfileConsents(first: 50, orderBy: [PROFILE_ID_ASC]) {
    totalCount
    nodes { profileId scope withdrawnAt partnerCompanyId
      traineeByTraineeId { firstName lastName workLevel languages finnishLevel
        competenceRecordsByTraineeId(condition: {state: VERIFIED}) { nodes { qualificationExternalId unitExternalId requirementCode verifiedAt } } } }
  }
}`;

const body = (query: string, operationName: string, variables: Record<string, unknown>) => JSON.stringify({ query, operationName, variables });

function rotate<T>(items: T[], what: string): () => T {
  if (!items.length) throw new Error(`the manifest has no ${what}`);
  let i = 0;
  return () => items[i++ % items.length];
}

/** A (period, date) pair no request of this run has used: each period's days from today back to its start. */
export interface AttendanceSlot {
  periodId: string;
  coachSubject: string;
  date: string;
}

/**
 * The days each attendance target may take an entry on: up to today (Finland) and the period's
 * end or planned end, from its start. Handed out round-robin over the periods, newest day first,
 * and never twice in one harness process (the cursor is shared by every server of the run) until
 * every day is taken: then it starts over and the writes become updates of the entries made.
 */
export async function attendanceSlots(client: Client, manifest: BenchManifest, today: string): Promise<() => AttendanceSlot> {
  const targets = manifest.attendanceTargets;
  if (!targets.length) throw new Error('the manifest has no attendanceTargets');
  const { rows } = await client.query<{ id: string; first: string; last: string }>(
    `SELECT p.id, to_char(p.start_date, 'YYYY-MM-DD') AS first,
            to_char(LEAST($2::date, COALESCE(p.end_date, p.planned_end_date, $2::date)), 'YYYY-MM-DD') AS last
       FROM coaching_period p WHERE p.id = ANY($1::uuid[])`,
    [targets.map((t) => t.periodId), today],
  );
  const range = new Map(rows.map((row) => [row.id, row]));
  const usable = targets.filter((t) => range.has(t.periodId) && range.get(t.periodId)!.first <= range.get(t.periodId)!.last);
  if (!usable.length) throw new Error('no attendance target has a day it can take an entry on');
  const used = new Map<string, number>();
  let i = 0;
  let round = 0;
  const take = (): AttendanceSlot | undefined => {
    for (let tries = 0; tries < usable.length; tries++) {
      const target = usable[i++ % usable.length];
      const { first, last } = range.get(target.periodId)!;
      const back = used.get(target.periodId) ?? 0;
      const date = addDays(last, -back);
      if (date < first) continue;
      used.set(target.periodId, back + 1);
      return { ...target, date };
    }
    return undefined;
  };
  return () => {
    const slot = take();
    if (slot) return slot;
    // Every day of every target is taken: start over, so the requests update the entries made (upserts, no longer inserts).
    round += 1;
    used.clear();
    process.emitWarning(`record-attendance: every (period, day) has been used; round ${round + 1} updates the entries of the first`);
    return take()!;
  };
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const subjects = (users: BenchUser[]) => users.map((user) => user.subject);

export interface ScenarioOptions {
  /** Rows per trainee-list page (the 100). */
  pageSize?: number;
  attendance?: () => AttendanceSlot;
}

export function buildScenarios(manifest: BenchManifest, options: ScenarioOptions = {}): Scenario[] {
  const pageSize = options.pageSize ?? 100;
  const scenarios: Scenario[] = [];
  const admins = manifest.users.ADMIN;
  if (admins.length) {
    const admin = rotate(admins, 'ADMIN users');
    const organisations = [...new Set(admins.map((a) => a.organisationId))];
    scenarios.push({
      name: 'trainee-list',
      description: `trainees(first: ${pageSize}) as ADMIN: coach, current period and its career agent, current placement, latest assessment, verified competence count`,
      writes: false,
      next: () => ({ subject: admin().subject, body: body(TRAINEE_LIST, 'BenchTraineeList', { first: pageSize }) }),
      postgraphile: {
        body: body(PG_TRAINEE_LIST, 'PgTraineeList', { org: organisations[0] }),
        note: 'allTrainees of one organisation with the latest period (coach, career agent), latest placement, latest assessment, verified count; no roles, no row scope, no access log',
      },
    });
  }
  const coaches = manifest.users.COACH.filter((c) => c.staffMemberId);
  if (coaches.length) {
    const coach = rotate(subjects(coaches), 'COACH users');
    scenarios.push({
      name: 'trainee-list-mine',
      description: `trainees(first: ${pageSize}, filter: { mine: true }) as a COACH (own caseload), same fields`,
      writes: false,
      next: () => ({ subject: coach(), body: body(TRAINEE_LIST, 'BenchTraineeList', { first: pageSize, filter: { mine: true } }) }),
    });
  }
  const partners = manifest.users.PARTNER.filter((p) => p.partnerCompanyId);
  if (partners.length) {
    const partner = rotate(partners, 'PARTNER users');
    // Two of the most verified units (a pair a workforce search would ask for) and an area of the partner's organisation.
    const codes = manifest.qualificationUnitCodes.slice(0, 4);
    const pairs = codes.flatMap((a, i) => codes.slice(i + 1).map((b) => [a, b]));
    const pair = pairs.length ? rotate(pairs, 'unit pairs') : () => undefined;
    scenarios.push({
      name: 'workforce-search',
      description:
        'competenceProfiles(first: 50, filter: { qualificationUnitCodes: [two units], employmentAreaId }) as PARTNER: verified in both units, living in an area of the partner’s organisation',
      writes: false,
      next: () => {
        const user = partner();
        const units = pair();
        const areas = manifest.areasByOrganisation?.[user.organisationId] ?? [];
        const filter = {
          ...(units ? { qualificationUnitCodes: units } : {}),
          ...(areas.length ? { employmentAreaId: areas[0] } : {}),
        };
        return { subject: user.subject, body: body(WORKFORCE_SEARCH, 'BenchWorkforceSearch', { first: 50, filter }) };
      },
      postgraphile: {
        body: body(PG_WORKFORCE_SEARCH, 'PgWorkforceSearch', {}),
        note: 'allProfileConsents(first: 50) with the trainee and its verified records; amber filters only indexed columns: no unit code, withdrawal or organisation filter, no audience, no access log',
      },
    });
  }
  if (options.attendance && manifest.attendanceTargets.length) {
    const slot = options.attendance;
    scenarios.push({
      name: 'record-attendance',
      description: 'recordAttendance with one entry (ABSENT, ILLNESS) as the coach of a running period, a day no other request used',
      writes: true,
      next: () => {
        const s = slot();
        return {
          subject: s.coachSubject,
          body: body(RECORD_ATTENDANCE, 'BenchRecordAttendance', {
            input: { date: s.date, entries: [{ periodId: s.periodId, status: 'ABSENT', absenceReason: 'ILLNESS' }] },
          }),
        };
      },
    });
  }
  const logTrainees = manifest.accessLogTrainees.filter((t) => admins.some((a) => a.organisationId === t.organisationId));
  if (logTrainees.length) {
    const target = rotate(logTrainees, 'access-log trainees');
    const adminsOf = new Map(
      [...new Set(logTrainees.map((t) => t.organisationId))].map((org) => [
        org,
        rotate(subjects(admins.filter((a) => a.organisationId === org)), 'ADMIN users'),
      ]),
    );
    scenarios.push({
      name: 'access-log',
      description: "accessLog(first: 20, filter: { traineeId }) as an ADMIN of the trainee's organisation",
      writes: false,
      next: () => {
        const t = target();
        return {
          subject: adminsOf.get(t.organisationId)!(),
          body: body(ACCESS_LOG, 'BenchAccessLog', { first: 20, filter: { traineeId: t.traineeId } }),
        };
      },
    });
  }
  return scenarios;
}
