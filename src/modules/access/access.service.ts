import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';

import { Actor } from '../../platform/auth/actor';
import { isUuid } from '../../platform/ids';
import { SqlParams } from '../shared/sql-params';
import type { DecidedView } from './access-enforcer';
import type { SubjectKind } from './permission-matrix';
import { RowOwner, scopeConditionSql, scopeOf, TraineeRelation } from './trainee-scope';

/** Who owns a row: its trainee, or the organisation, unit, area or company it belongs to. */
export interface Owner extends RowOwner {
  traineeId?: string;
  /** A period's current coach and career agent (the staff who may hand it over). */
  staffIds?: string[];
  /** A user role's role (the platform operator manages ADMIN roles only). */
  role?: string;
}

/** The trainee's organisation, for rows reached through the trainee. */
const ofTrainee = (alias: string) => `(SELECT t.organisation_id FROM trainee t WHERE t.id = ${alias}.trainee_id) AS organisation_id`;
const areaOrganisations = (areaSql: string) =>
  `ARRAY(SELECT l.organisation_id::text FROM employment_area_organisation l WHERE l.employment_area_id = ${areaSql}) AS organisation_ids`;

/**
 * One statement per subject kind finds the owners of any number of ids. Every owner names its
 * organisation (or the organisations an area refers to; NULL for national catalogue rows), so no
 * view reaches past the caller's organisation.
 */
const ownerSql: Record<SubjectKind, string> = {
  trainee: 'SELECT id, id AS trainee_id, organisation_id FROM trainee WHERE id = ANY($1)',
  workUnit: 'SELECT id, id AS unit_id, organisation_id FROM work_unit WHERE id = ANY($1)',
  employmentArea: `SELECT a.id, a.id AS area_id, ${areaOrganisations('a.id')} FROM employment_area a WHERE a.id = ANY($1)`,
  partnerCompany: 'SELECT id, id AS company_id, organisation_id FROM partner_company WHERE id = ANY($1)',
  period: `SELECT p.id, p.trainee_id, ARRAY_REMOVE(ARRAY[p.coach_id, p.career_agent_id], NULL)::text[] AS staff_ids, ${ofTrainee('p')} FROM coaching_period p WHERE p.id = ANY($1)`,
  placement: `SELECT p.id, p.trainee_id, p.work_unit_id AS unit_id, ${ofTrainee('p')} FROM placement p WHERE p.id = ANY($1)`,
  checkPoint: `SELECT c.id, p.trainee_id, ${ofTrainee('p')} FROM check_point c JOIN coaching_period p ON p.id = c.period_id WHERE c.id = ANY($1)`,
  referral: `SELECT r.id, r.trainee_id, ${ofTrainee('r')} FROM referral r WHERE r.id = ANY($1)`,
  capacityAssessment: `SELECT a.id, a.trainee_id, ${ofTrainee('a')} FROM capacity_assessment a WHERE a.id = ANY($1)`,
  competenceRecord: `SELECT c.id, c.trainee_id, ${ofTrainee('c')} FROM competence_record c WHERE c.id = ANY($1)`,
  finalSummary: `SELECT f.id, p.trainee_id, ${ofTrainee('p')} FROM final_summary f JOIN coaching_period p ON p.id = f.period_id WHERE f.id = ANY($1)`,
  outcome: `SELECT o.id, o.trainee_id, ${ofTrainee('o')} FROM outcome o WHERE o.id = ANY($1)`,
  workTrialAgreement: `SELECT w.id, w.trainee_id, ${ofTrainee('w')} FROM work_trial_agreement w WHERE w.id = ANY($1)`,
  workOrder:
    'SELECT w.id, w.work_unit_id AS unit_id, u.organisation_id FROM work_order w JOIN work_unit u ON u.id = w.work_unit_id WHERE w.id = ANY($1)',
  staffMember: 'SELECT id, organisation_id FROM staff_member WHERE id = ANY($1)',
  task: 'SELECT id, organisation_id FROM task WHERE id = ANY($1)',
  department: 'SELECT id, organisation_id FROM department WHERE id = ANY($1)',
  groupSession: 'SELECT id, organisation_id FROM group_session WHERE id = ANY($1)',
  indicator: 'SELECT id, organisation_id FROM indicator WHERE id = ANY($1)',
  capacityInstrument: 'SELECT id, organisation_id FROM capacity_instrument WHERE id = ANY($1)',
  capacityItem: `SELECT i.id, ci.organisation_id FROM capacity_item i
                   JOIN capacity_dimension_definition d ON d.id = i.dimension_id JOIN capacity_instrument ci ON ci.id = d.instrument_id
                  WHERE i.id = ANY($1)`,
  qualification: 'SELECT id, NULL::uuid AS organisation_id FROM qualification WHERE id = ANY($1)',
  qualificationUnit: 'SELECT id, NULL::uuid AS organisation_id FROM qualification_unit WHERE id = ANY($1)',
  qualificationRequirement: 'SELECT id, NULL::uuid AS organisation_id FROM competence_requirement WHERE id = ANY($1)',
  caseManager: `SELECT c.id, c.employment_area_id AS area_id, ${areaOrganisations('c.employment_area_id')} FROM case_manager c WHERE c.id = ANY($1)`,
  competenceProfile: `SELECT DISTINCT ON (c.profile_id) c.profile_id AS id, ${ofTrainee('c')} FROM profile_consent c WHERE c.profile_id = ANY($1)`,
  userRole: 'SELECT id, organisation_id, role::text AS role FROM user_role WHERE id = ANY($1)',
  organisation: 'SELECT id, id AS organisation_id FROM organisation WHERE id = ANY($1)',
  subsidyApplication: `SELECT a.id, a.trainee_id, a.organisation_id FROM subsidy_application a WHERE a.id = ANY($1)`,
  subsidisedPosition: 'SELECT id, organisation_id FROM subsidised_position WHERE id = ANY($1)',
  integrationMessage: 'SELECT id, organisation_id FROM outbox_message WHERE id = ANY($1)',
};

/** The kinds whose owner is a trainee's row (their statement selects `trainee_id`). */
const ownedByTrainee = new Set<SubjectKind>([
  'trainee',
  'period',
  'placement',
  'checkPoint',
  'referral',
  'capacityAssessment',
  'competenceRecord',
  'finalSummary',
  'outcome',
  'workTrialAgreement',
  'subsidyApplication',
]);

export class AccessService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Where each of `traineeIds` stands for the actor (one statement): in their scope, a client of
   * their organisation only, or neither (missing from the map).
   */
  async traineeRelations(actor: Actor, traineeIds: readonly string[]): Promise<Map<string, TraineeRelation>> {
    const scope = scopeOf(actor);
    const ids = traineeIds.filter(isUuid);
    if (!ids.length || !actor.organisationId) return new Map();
    const params = new SqlParams(ids, actor.organisationId);
    // Evaluated per named row (index look-ups), not as the scope's whole set: a check costs the same
    // in a city of 12,000 clients as in one of 100.
    const rows: Array<{ id: string; in_scope: boolean }> = await this.dataSource.query(
      `SELECT t.id, coalesce(${scopeConditionSql(scope, params.add, 't')}, FALSE) AS in_scope
         FROM trainee t WHERE t.id = ANY($1::uuid[]) AND t.organisation_id = $2::uuid`,
      params.values,
    );
    return new Map(rows.map((row) => [row.id, row.in_scope ? 'scope' : 'organisation']));
  }

  /**
   * Owners of rows of one kind (one statement); ids that do not exist are missing from the map.
   * With `actor`, an owner that is a trainee's row also says where that trainee stands for the
   * actor (`relation`), decided in the same statement by the same condition as `traineeRelations`:
   * a write naming a period checks its owner and the caller's view of its person in one round trip.
   */
  async ownersOf(kind: SubjectKind, ids: readonly string[], actor?: Actor): Promise<Map<string, Owner & { relation?: TraineeRelation }>> {
    const valid = ids.filter(isUuid);
    if (!valid.length) return new Map();
    const params = new SqlParams([valid]);
    let sql = ownerSql[kind];
    if (actor?.organisationId && ownedByTrainee.has(kind)) {
      const organisation = `${params.add(actor.organisationId)}::uuid`;
      const inScope = scopeConditionSql(scopeOf(actor), params.add, 't');
      sql = `SELECT o.*, (SELECT coalesce(${inScope}, FALSE) FROM trainee t WHERE t.id = o.trainee_id AND t.organisation_id = ${organisation}) AS in_scope
               FROM (${sql}) o`;
    }
    const rows: Array<{
      id: string;
      trainee_id?: string;
      unit_id?: string | null;
      area_id?: string;
      company_id?: string;
      staff_ids?: string[];
      organisation_id?: string | null;
      organisation_ids?: string[];
      role?: string;
      in_scope?: boolean | null;
    }> = await this.dataSource.query(sql, params.values);
    // Only the columns a statement selects become owner keys: `unitId: undefined` and `unitId: null` differ.
    return new Map(
      rows.map((row) => {
        const owner: Owner = {};
        if ('trainee_id' in row) owner.traineeId = row.trainee_id;
        if ('unit_id' in row) owner.unitId = row.unit_id;
        if ('area_id' in row) owner.areaId = row.area_id;
        if ('company_id' in row) owner.companyId = row.company_id;
        if ('staff_ids' in row) owner.staffIds = row.staff_ids;
        if ('organisation_id' in row) owner.organisationId = row.organisation_id;
        if ('organisation_ids' in row) owner.organisationIds = row.organisation_ids;
        if ('role' in row) owner.role = row.role;
        const relation: TraineeRelation | undefined =
          'in_scope' in row ? (row.in_scope === true ? 'scope' : row.in_scope === false ? 'organisation' : 'outside') : undefined;
        return [row.id, relation ? { ...owner, relation } : owner];
      }),
    );
  }

  /** Per-request loaders: where a trainee stands by id, owners by `kind:id`; the views decided for the rows produced. */
  createLoaders(actor: Actor | undefined) {
    const traineeRelation = new TraineeRelations(async (ids) => (actor ? this.traineeRelations(actor, ids) : new Map()));
    return {
      views: new WeakMap<object, DecidedView>(),
      traineeRelation,
      owner: new DataLoader<string, Owner | null>(async (keys) => {
        const byKind = new Map<SubjectKind, string[]>();
        for (const key of keys) {
          const [kind, id] = key.split(':') as [SubjectKind, string];
          byKind.set(kind, [...(byKind.get(kind) ?? []), id]);
        }
        const found = new Map<string, Owner>();
        await Promise.all(
          [...byKind].map(async ([kind, ids]) => {
            for (const [id, { relation, ...owner }] of await this.ownersOf(kind, ids, actor)) {
              found.set(`${kind}:${id}`, owner);
              if (relation && owner.traineeId) traineeRelation.prime(owner.traineeId, relation);
            }
          }),
        );
        return keys.map((key) => found.get(key) ?? null);
      }),
    };
  }
}

/**
 * Where trainees stand for the caller, batched per request (one statement per batch), and readable
 * without a Promise once known: a page's rows carry their relation from the page's own statement,
 * and the views of the page's 100 trainees and their periods and placements are then decided
 * synchronously.
 */
export class TraineeRelations {
  private readonly known = new Map<string, TraineeRelation>();
  private readonly loader: DataLoader<string, TraineeRelation>;
  private inFlight: Promise<void> | undefined;

  constructor(fetch: (ids: readonly string[]) => Promise<Map<string, TraineeRelation>>) {
    this.loader = new DataLoader(async (ids) => {
      const relations = await fetch(ids);
      return ids.map((id) => {
        const relation = relations.get(id) ?? 'outside';
        this.known.set(id, relation);
        return relation;
      });
    });
  }

  /** The relation if already known in this request. */
  get(traineeId: string): TraineeRelation | undefined {
    return this.known.get(traineeId);
  }

  load(traineeId: string): Promise<TraineeRelation> {
    const loading = this.loader.load(traineeId);
    if (!this.known.has(traineeId)) {
      const settled = loading.then(
        () => undefined,
        () => undefined,
      );
      this.inFlight = settled;
      void settled.then(() => {
        if (this.inFlight === settled) this.inFlight = undefined;
      });
    }
    return loading;
  }

  /**
   * Settles when the look-up in flight has: rows decided meanwhile wait for it, so that what the
   * client reads below them is loaded in the same batch as below the rows that waited.
   */
  get pending(): Promise<void> | undefined {
    return this.inFlight;
  }

  /** Records a relation read along with the row; what is already known stays. */
  prime(traineeId: string, relation: TraineeRelation): void {
    if (this.known.has(traineeId)) return;
    this.known.set(traineeId, relation);
    this.loader.prime(traineeId, relation);
  }

  /** After a write that can change who sees whom. */
  clearAll(): void {
    this.known.clear();
    this.loader.clearAll();
  }
}

export type AccessLoaders = ReturnType<AccessService['createLoaders']>;
