import DataLoader from 'dataloader';
import type { DataSource, EntityManager } from 'typeorm';

import { badInput, conflict, notFound } from '../../platform/errors';
import { byIdLoader, isUuid } from '../shared/loaders';
import { checkCaseload } from './caseload';
import { StaffMember, StaffRole } from './staff.entity';
import { CreateStaffMemberInput, UpdateStaffCaseloadInput } from './staff.inputs';
import { StaffReason } from './staff.reasons';

export interface StaffFilter {
  role?: StaffRole | null;
  activeOnly?: boolean | null;
}

/**
 * Active trainees per staff member: periods where the member is the coach (for coaches) or the
 * career agent (for career agents) and that have not ended. One statement for any number of ids.
 */
const ACTIVE_TRAINEES_SQL = `
  SELECT held.staff_id AS "staffId", count(*)::int AS "count"
  FROM (
    SELECT p.coach_id AS staff_id
    FROM coaching_period p JOIN staff_member s ON s.id = p.coach_id AND s.role = 'COACH'
    WHERE p.coach_id = ANY($1::uuid[]) AND p.phase NOT IN ('ENDED', 'FOLLOW_UP')
    UNION ALL
    SELECT p.career_agent_id AS staff_id
    FROM coaching_period p JOIN staff_member s ON s.id = p.career_agent_id AND s.role = 'CAREER_AGENT'
    WHERE p.career_agent_id = ANY($1::uuid[]) AND p.phase NOT IN ('ENDED', 'FOLLOW_UP')
  ) held
  GROUP BY held.staff_id`;

export class StaffService {
  constructor(private readonly dataSource: DataSource) {}

  staffMembers(organisationId: string, filter: StaffFilter): Promise<StaffMember[]> {
    const query = this.dataSource
      .getRepository(StaffMember)
      .createQueryBuilder('staff')
      .where('staff.organisationId = :organisationId', { organisationId });
    if (filter.role) query.andWhere('staff.role = :role', { role: filter.role });
    if (filter.activeOnly) query.andWhere('staff.active = true');
    return query.orderBy('staff.name', 'ASC').addOrderBy('staff.id', 'ASC').getMany();
  }

  async createStaffMember(organisationId: string, input: CreateStaffMemberInput): Promise<StaffMember> {
    assertRange(input.caseloadMin, input.caseloadMax);
    const repository = this.dataSource.getRepository(StaffMember);
    const email = input.email?.trim().toLowerCase() || null;
    if (email && (await repository.existsBy({ organisationId, email }))) {
      throw conflict(StaffReason.DUPLICATE_STAFF_EMAIL, 'A staff member with this email already exists', {
        fields: [{ path: 'input.email', message: 'already registered' }],
      });
    }
    return repository.save({
      organisationId,
      name: input.name.trim(),
      email,
      role: input.role,
      caseloadMin: input.caseloadMin,
      caseloadMax: input.caseloadMax,
    });
  }

  async updateStaffCaseload(input: UpdateStaffCaseloadInput): Promise<StaffMember> {
    assertRange(input.caseloadMin, input.caseloadMax);
    const repository = this.dataSource.getRepository(StaffMember);
    const staff = await repository.findOneBy({ id: input.staffId });
    if (!staff) throw notFound('StaffMember', input.staffId);
    staff.caseloadMin = input.caseloadMin;
    staff.caseloadMax = input.caseloadMax;
    return repository.save(staff);
  }

  /**
   * For whoever assigns a coach or career agent to a coaching period (the coaching-period
   * service): call it inside the assignment's transaction, before writing the period. It locks the
   * staff row (`pessimistic_write`), so two concurrent assignments to the same person are
   * serialised and cannot both slip under the maximum; counts that person's active periods (phase
   * not ENDED/FOLLOW_UP, as coach or career agent by their role); and throws CONFLICT
   * `COACH_AT_CAPACITY` (details {current, max}) when the maximum is reached and no override
   * reason is given. Returns the trimmed override reason when one was needed (store it in
   * `CoachingPeriod.caseloadOverrideReason`), otherwise null. Throws NOT_FOUND for an unknown id
   * and CONFLICT `STAFF_INACTIVE` for a staff member who no longer works with trainees.
   */
  async assertCanTake(manager: EntityManager, staffId: string, overrideReason?: string | null): Promise<string | null> {
    if (!isUuid(staffId)) throw notFound('StaffMember', staffId);
    const staff = await manager.findOne(StaffMember, { where: { id: staffId }, lock: { mode: 'pessimistic_write' } });
    if (!staff) throw notFound('StaffMember', staffId);
    if (!staff.active) throw conflict(StaffReason.STAFF_INACTIVE, 'The staff member is not active');
    const current = (await countActive(manager, [staffId])).get(staffId) ?? 0;
    return checkCaseload({ current, max: staff.caseloadMax, overrideReason });
  }

  createLoaders() {
    return {
      staffMember: byIdLoader(this.dataSource.getRepository(StaffMember)),
      staffActiveTrainees: new DataLoader<string, number>(async (ids) => {
        const counts = await countActive(this.dataSource.manager, ids.filter(isUuid));
        return ids.map((id) => counts.get(id) ?? 0);
      }),
    };
  }
}

async function countActive(manager: EntityManager, ids: readonly string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const rows: Array<{ staffId: string; count: number }> = await manager.query(ACTIVE_TRAINEES_SQL, [ids]);
  return new Map(rows.map((row) => [row.staffId, Number(row.count)]));
}

function assertRange(min: number, max: number): void {
  if (min > max) {
    throw badInput('input.caseloadMax', 'The caseload maximum must not be below the minimum', StaffReason.INVALID_CASELOAD_RANGE);
  }
}

export type StaffLoaders = ReturnType<StaffService['createLoaders']>;
