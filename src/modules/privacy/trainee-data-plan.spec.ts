import { policyProblems, retentionUpdateSql, Treatment } from './retention-policy';
import { ColumnShape, ownedRowsCondition, plannedTableNames, planTraineeData, TableShape } from './trainee-data-plan';

const column = (name: string, type = 'uuid', options: Partial<ColumnShape> = {}): ColumnShape => ({
  name,
  property: name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()),
  type,
  isArray: false,
  nullable: false,
  ...options,
});

const table = (tableName: string, entityName: string, columns: ColumnShape[], references: Record<string, string> = {}): TableShape => ({
  entityName,
  tableName,
  primaryKey: ['id'],
  columns: [column('id'), ...columns],
  foreignKeys: Object.entries(references).map(([col, referencedTable]) => ({ columns: [col], referencedTable, referencedColumns: ['id'] })),
});

// A small model shaped like Polku's: trainee ← period ← check point; assessment ← score; and some
// tables that are not about a trainee at all.
const model: TableShape[] = [
  table('work_order', 'WorkOrder', [column('notes', 'text', { nullable: true })]),
  table('capacity_score', 'CapacityScore', [column('assessment_id'), column('score', 'smallint'), column('note', 'text', { nullable: true })], {
    assessment_id: 'capacity_assessment',
  }),
  table('trainee', 'Trainee', [column('first_name', 'character varying'), column('email', 'text', { nullable: true })]),
  table(
    'coaching_period',
    'CoachingPeriod',
    [column('trainee_id'), column('referral_id', 'uuid', { nullable: true }), column('goals', 'text', { nullable: true })],
    { trainee_id: 'trainee', referral_id: 'referral' },
  ),
  table('referral', 'Referral', [column('trainee_id'), column('background', 'text', { nullable: true })], { trainee_id: 'trainee' }),
  table('check_point', 'CheckPoint', [column('period_id'), column('difficulty', 'text')], { period_id: 'coaching_period' }),
  table('capacity_assessment', 'CapacityAssessment', [column('period_id'), column('trainee_id'), column('instrument_id')], {
    period_id: 'coaching_period',
    trainee_id: 'trainee',
    instrument_id: 'capacity_instrument',
  }),
  table('capacity_instrument', 'CapacityInstrument', [column('code', 'character varying')]),
  table('work_order_assignment', 'WorkOrderAssignment', [column('work_order_id'), column('trainee_id')], {
    work_order_id: 'work_order',
    trainee_id: 'trainee',
  }),
  table('state_change', 'StateChange', [
    column('subject_type', 'character varying'),
    column('subject_id'),
    column('reason', 'text', { nullable: true }),
  ]),
];

describe('planTraineeData', () => {
  const plan = planTraineeData(model);

  it('takes the trainee, every table with a key to it, and every table with a key to those, transitively', () => {
    expect(plannedTableNames(plan).sort()).toEqual(
      [
        'capacity_assessment',
        'capacity_score',
        'check_point',
        'coaching_period',
        'referral',
        'state_change',
        'trainee',
        'work_order_assignment',
      ].sort(),
    );
  });

  it('leaves out what a trainee row merely points at or shares (work orders, instruments)', () => {
    expect(plannedTableNames(plan)).not.toContain('work_order');
    expect(plannedTableNames(plan)).not.toContain('capacity_instrument');
  });

  it('orders each table after every table it links to, trainee first and the polymorphic history last', () => {
    const names = plannedTableNames(plan);
    expect(names[0]).toBe('trainee');
    expect(names.at(-1)).toBe('state_change');
    for (const { table: t, links } of plan) {
      for (const link of links) expect(names.indexOf(link.parentTable)).toBeLessThan(names.indexOf(t.tableName));
    }
    // A period is reached both directly and through its referral.
    expect(
      plan
        .find((p) => p.table.tableName === 'coaching_period')!
        .links.map((l) => l.parentTable)
        .sort(),
    ).toEqual(['referral', 'trainee']);
  });

  it('finds a table added later without anyone listing it', () => {
    const withNew = [
      ...model,
      table('learning_goal', 'LearningGoal', [column('period_id'), column('text', 'text')], { period_id: 'coaching_period' }),
    ];
    expect(plannedTableNames(planTraineeData(withNew))).toContain('learning_goal');
  });

  it('refuses a cycle of foreign keys between trainee tables', () => {
    const cyclic = [
      table('trainee', 'Trainee', []),
      table('a', 'A', [column('trainee_id'), column('b_id')], { trainee_id: 'trainee', b_id: 'b' }),
      table('b', 'B', [column('a_id')], { a_id: 'a' }),
    ];
    expect(() => planTraineeData(cyclic, [])).toThrow(/cycle: a, b/);
  });

  it('ignores a table’s key to itself', () => {
    const selfRef = [
      table('trainee', 'Trainee', []),
      table('note', 'Note', [column('trainee_id'), column('parent_id')], { trainee_id: 'trainee', parent_id: 'note' }),
    ];
    expect(planTraineeData(selfRef, []).find((p) => p.table.tableName === 'note')!.links).toEqual([
      { column: 'trainee_id', parentTable: 'trainee', parentColumn: 'id' },
    ]);
  });
});

describe('ownedRowsCondition', () => {
  const plan = planTraineeData(model);

  it('matches trainee ids directly and through chains of keys', () => {
    expect(ownedRowsCondition(plan, 'trainee')).toBe('"id" = ANY($1::uuid[])');
    expect(ownedRowsCondition(plan, 'referral')).toBe('"trainee_id" = ANY($1::uuid[])');
    expect(ownedRowsCondition(plan, 'check_point')).toBe(
      '"period_id" IN (SELECT "id" FROM "coaching_period" WHERE "trainee_id" = ANY($1::uuid[]) OR "referral_id" IN (SELECT "id" FROM "referral" WHERE "trainee_id" = ANY($1::uuid[])))',
    );
    expect(ownedRowsCondition(plan, 'capacity_score', '$7')).toContain('"assessment_id" IN (SELECT "id" FROM "capacity_assessment" WHERE');
    expect(ownedRowsCondition(plan, 'capacity_score', '$7')).not.toContain('$1');
  });

  it('matches the history of every trainee table by subject type and id', () => {
    const sql = ownedRowsCondition(plan, 'state_change');
    expect(sql).toContain(`("subject_type" = 'Referral' AND "subject_id" IN (SELECT "id" FROM "referral" WHERE "trainee_id" = ANY($1::uuid[])))`);
    // A period's phase history, its staffing changes (coach, career agent) and workplaces are all the person's.
    expect(sql).toContain(
      `"subject_type" IN ('CoachingPeriod', 'CoachingPeriodCareerAgent', 'CoachingPeriodCoach', 'CoachingPeriodWorkplace') AND "subject_id" IN (SELECT "id" FROM "coaching_period"`,
    );
    expect(sql).not.toContain(`'WorkOrder'`);
  });

  it('refuses a table outside the plan', () => {
    expect(() => ownedRowsCondition(plan, 'work_order')).toThrow(/not part of the trainee data plan/);
  });
});

describe('retention policy checks', () => {
  const plan = planTraineeData(model);
  const policy = {
    trainee: { first_name: Treatment.PSEUDONYM_FIRST, email: Treatment.NULL },
    coaching_period: { goals: Treatment.NULL },
    referral: { background: Treatment.NULL },
    check_point: { difficulty: Treatment.EMPTY_TEXT },
    capacity_assessment: {},
    capacity_score: { note: Treatment.NULL },
    work_order_assignment: {},
    state_change: { subject_type: Treatment.KEEP, reason: Treatment.NULL },
  };

  it('is satisfied when every table and every text column is classified', () => {
    expect(policyProblems(plan, policy)).toEqual([]);
  });

  it('names a new table, an unclassified text column, a wrong treatment and a stale entry', () => {
    const withNew = planTraineeData([
      ...model,
      table('learning_goal', 'LearningGoal', [column('period_id'), column('text', 'text')], { period_id: 'coaching_period' }),
    ]);
    expect(policyProblems(withNew, policy)).toEqual([{ table: 'learning_goal', problem: 'table holds trainee data but has no retention policy' }]);

    const { background: _dropped, ...referral } = policy.referral;
    expect(policyProblems(plan, { ...policy, referral })).toEqual([{ table: 'referral', column: 'background', problem: 'unclassified text column' }]);
    expect(policyProblems(plan, { ...policy, check_point: { difficulty: Treatment.NULL } })).toEqual([
      { table: 'check_point', column: 'difficulty', problem: 'NULL treatment on a NOT NULL column' },
    ]);
    expect(policyProblems(plan, { ...policy, referral: { ...policy.referral, note: Treatment.NULL } })).toEqual([
      { table: 'referral', column: 'note', problem: 'no such column' },
    ]);
    expect(policyProblems(plan, { ...policy, work_order: {} })).toEqual([
      { table: 'work_order', problem: 'policy names a table that is not part of the trainee data' },
    ]);
  });

  it('builds one UPDATE per table from the policy, none when nothing is cleared', () => {
    expect(retentionUpdateSql(plan, 'referral', policy)).toBe(`UPDATE "referral" SET "background" = NULL WHERE "trainee_id" = ANY($1::uuid[])`);
    expect(retentionUpdateSql(plan, 'check_point', policy)).toMatch(
      /^UPDATE "check_point" SET "difficulty" = '' WHERE "period_id" IN \(SELECT "id" FROM "coaching_period"/,
    );
    expect(retentionUpdateSql(plan, 'work_order_assignment', policy)).toBeNull();
    expect(retentionUpdateSql(plan, 'state_change', { ...policy, state_change: { subject_type: Treatment.KEEP } })).toBeNull();
  });
});
