import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';

import { Actor } from '../../platform/auth/actor';
import { isUuid } from '../../platform/ids';
import type { DecidedView } from './access-enforcer';
import type { SubjectKind } from './permission-matrix';
import { scopeOf, scopeParameter, scopeSubquery } from './trainee-scope';

/** Who owns a row: its trainee, or the unit / area / company it belongs to. */
export interface Owner {
  traineeId?: string;
  unitId?: string | null;
  areaId?: string | null;
  companyId?: string | null;
  /** A period's current coach and career agent (the staff who may hand it over). */
  staffIds?: string[];
}

/** One statement per subject kind finds the owners of any number of ids. */
const ownerSql: Record<SubjectKind, string> = {
  trainee: 'SELECT id, id AS trainee_id FROM trainee WHERE id = ANY($1)',
  workUnit: 'SELECT id, id AS unit_id FROM work_unit WHERE id = ANY($1)',
  employmentArea: 'SELECT id, id AS area_id FROM employment_area WHERE id = ANY($1)',
  partnerCompany: 'SELECT id, id AS company_id FROM partner_company WHERE id = ANY($1)',
  period: 'SELECT id, trainee_id, ARRAY_REMOVE(ARRAY[coach_id, career_agent_id], NULL)::text[] AS staff_ids FROM coaching_period WHERE id = ANY($1)',
  placement: 'SELECT id, trainee_id, work_unit_id AS unit_id FROM placement WHERE id = ANY($1)',
  checkPoint: 'SELECT c.id, p.trainee_id FROM check_point c JOIN coaching_period p ON p.id = c.period_id WHERE c.id = ANY($1)',
  referral: 'SELECT id, trainee_id FROM referral WHERE id = ANY($1)',
  capacityAssessment: 'SELECT id, trainee_id FROM capacity_assessment WHERE id = ANY($1)',
  competenceRecord: 'SELECT id, trainee_id FROM competence_record WHERE id = ANY($1)',
  finalSummary: 'SELECT f.id, p.trainee_id FROM final_summary f JOIN coaching_period p ON p.id = f.period_id WHERE f.id = ANY($1)',
  outcome: 'SELECT id, trainee_id FROM outcome WHERE id = ANY($1)',
  workTrialAgreement: 'SELECT id, trainee_id FROM work_trial_agreement WHERE id = ANY($1)',
  workOrder: 'SELECT id, work_unit_id AS unit_id FROM work_order WHERE id = ANY($1)',
};

export class AccessService {
  constructor(private readonly dataSource: DataSource) {}

  /** Which of `traineeIds` are inside the actor's scope (one statement). */
  async traineesInScope(actor: Actor, traineeIds: readonly string[]): Promise<Set<string>> {
    const scope = scopeOf(actor);
    if (scope.kind === 'all') return new Set(traineeIds);
    if (scope.kind === 'none') return new Set();
    const ids = traineeIds.filter(isUuid);
    if (!ids.length) return new Set();
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT u.id FROM unnest($1::uuid[]) AS u(id) WHERE u.id IN (${scopeSubquery(scope, '$2')})`,
      [ids, scopeParameter(scope)],
    );
    return new Set(rows.map((row) => row.id));
  }

  /** Owners of rows of one kind (one statement); ids that do not exist are missing from the map. */
  async ownersOf(kind: SubjectKind, ids: readonly string[]): Promise<Map<string, Owner>> {
    const valid = ids.filter(isUuid);
    if (!valid.length) return new Map();
    const rows: Array<{ id: string; trainee_id?: string; unit_id?: string | null; area_id?: string; company_id?: string; staff_ids?: string[] }> =
      await this.dataSource.query(ownerSql[kind], [valid]);
    // Only the columns a statement selects become owner keys: `unitId: undefined` and `unitId: null` differ.
    return new Map(
      rows.map((row) => {
        const owner: Owner = {};
        if ('trainee_id' in row) owner.traineeId = row.trainee_id;
        if ('unit_id' in row) owner.unitId = row.unit_id;
        if ('area_id' in row) owner.areaId = row.area_id;
        if ('company_id' in row) owner.companyId = row.company_id;
        if ('staff_ids' in row) owner.staffIds = row.staff_ids;
        return [row.id, owner];
      }),
    );
  }

  /** Per-request loaders: scope membership by trainee id, owners by `kind:id`; the views decided for the rows produced. */
  createLoaders(actor: Actor | undefined) {
    return {
      views: new WeakMap<object, DecidedView>(),
      traineeInScope: new DataLoader<string, boolean>(async (ids) => {
        const inScope = actor ? await this.traineesInScope(actor, ids) : new Set<string>();
        return ids.map((id) => inScope.has(id));
      }),
      owner: new DataLoader<string, Owner | null>(async (keys) => {
        const byKind = new Map<SubjectKind, string[]>();
        for (const key of keys) {
          const [kind, id] = key.split(':') as [SubjectKind, string];
          byKind.set(kind, [...(byKind.get(kind) ?? []), id]);
        }
        const found = new Map<string, Owner>();
        await Promise.all(
          [...byKind].map(async ([kind, ids]) => {
            for (const [id, owner] of await this.ownersOf(kind, ids)) found.set(`${kind}:${id}`, owner);
          }),
        );
        return keys.map((key) => found.get(key) ?? null);
      }),
    };
  }
}

export type AccessLoaders = ReturnType<AccessService['createLoaders']>;
