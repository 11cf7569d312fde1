import { scopeConditionSql, scopeSql, TraineeScope } from '../src/modules/access/trainee-scope';
import { SqlParams } from '../src/modules/shared/sql-params';
import { startTestServer, TestServer } from './support/test-server';

/**
 * A trainee scope has two SQL forms: the set of trainees in it (lists) and a condition on one
 * trainee row (access checks of named trainees). Over the demo data of every organisation, for
 * every staff member (with and without an intake team), area, unit, a sample of trainees and each
 * organisation as a whole, both forms must name exactly the same people.
 */
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ seedDemoData: true });
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

async function bySet(scope: TraineeScope): Promise<string[]> {
  const params = new SqlParams();
  const rows = await server.sql<{ id: string }>(
    `SELECT id FROM (${scopeSql(scope, params.add)}) s(id) WHERE id IS NOT NULL ORDER BY id`,
    params.values,
  );
  return rows.map((row) => row.id);
}

async function byCondition(scope: TraineeScope): Promise<string[]> {
  const params = new SqlParams();
  const rows = await server.sql<{ id: string }>(
    `SELECT t.id FROM trainee t WHERE coalesce(${scopeConditionSql(scope, params.add, 't')}, FALSE) ORDER BY t.id`,
    params.values,
  );
  return rows.map((row) => row.id);
}

it('names the same trainees as a set and as a condition on the row, for every kind of scope in every organisation', async () => {
  const organisations = await server.sql<{ id: string }>('SELECT id FROM organisation ORDER BY id');
  expect(organisations.length).toBe(3);
  const scopes: TraineeScope[] = [];
  for (const { id: organisationId } of organisations) {
    scopes.push({ kind: 'organisation', organisationId });
    for (const { id } of await server.sql<{ id: string }>(`SELECT id FROM staff_member WHERE organisation_id = $1`, [organisationId]))
      scopes.push({ kind: 'staff', organisationId, staffId: id });
    for (const { id } of await server.sql<{ id: string }>(
      `SELECT employment_area_id AS id FROM employment_area_organisation WHERE organisation_id = $1`,
      [organisationId],
    ))
      scopes.push({ kind: 'area', organisationId, areaId: id });
    for (const { id } of await server.sql<{ id: string }>(`SELECT id FROM work_unit WHERE organisation_id = $1`, [organisationId]))
      scopes.push({ kind: 'unit', organisationId, unitId: id });
    for (const { id } of await server.sql<{ id: string }>(`SELECT id FROM trainee WHERE organisation_id = $1 ORDER BY id LIMIT 5`, [organisationId]))
      scopes.push({ kind: 'self', organisationId, traineeId: id });
  }
  scopes.push({ kind: 'none' });

  const compare = async () => {
    const differences: string[] = [];
    let nonEmpty = 0;
    for (const scope of scopes) {
      const [set, condition] = [await bySet(scope), await byCondition(scope)];
      if (set.length) nonEmpty++;
      if (JSON.stringify(set) !== JSON.stringify(condition))
        differences.push(`${JSON.stringify(scope)}: set ${set.length}, condition ${condition.length}`);
    }
    expect(differences).toEqual([]);
    return nonEmpty;
  };
  // Every coach and career agent processes the intake queue, then only a named team does.
  expect(await compare()).toBeGreaterThan(40);
  const [{ id: teamMember }] = await server.sql<{ id: string }>(
    `SELECT id FROM staff_member WHERE organisation_id = $1 AND role = 'COACH' ORDER BY id LIMIT 1`,
    [server.organisationId],
  );
  await server.sql('UPDATE organisation SET intake_staff_ids = ARRAY[$1::uuid] WHERE id = $2', [teamMember, server.organisationId]);
  await compare();
  expect(scopes.length).toBeGreaterThanOrEqual(60);
}, 120_000);
