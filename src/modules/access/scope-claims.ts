import { Actor, Role } from '../../platform/auth/actor';

/** The scope claims of a token, by their Actor names. */
export type ScopeClaim = 'staffId' | 'unitId' | 'areaId' | 'companyId';
export const scopeClaims: readonly ScopeClaim[] = ['staffId', 'unitId', 'areaId', 'companyId'];

/**
 * The one scope claim each role is made of (the server refuses a token of the role without it);
 * ADMIN and ANALYST have none.
 */
export const scopeClaimOfRole: Record<Role, ScopeClaim | undefined> = {
  [Role.ADMIN]: undefined,
  [Role.COACH]: 'staffId',
  [Role.CAREER_AGENT]: 'staffId',
  [Role.CASE_MANAGER]: 'areaId',
  [Role.UNIT_LEAD]: 'unitId',
  [Role.PARTNER]: 'companyId',
  [Role.ANALYST]: undefined,
};

/** What the claims of a token name, read from the database: null where nothing has that id. */
export interface ClaimedRows {
  staff?: { name: string; role: string; active: boolean } | null;
  unit?: { name: string } | null;
  area?: { name: string } | null;
  company?: { name: string } | null;
}

export type RowQuery = (sql: string, parameters: unknown[]) => Promise<Array<Record<string, unknown>>>;

/**
 * One statement: the staff member, unit, area and company the actor's claims name (only the claims
 * present are looked up). Throws when the database has no Polku tables.
 */
export async function lookUpClaims(query: RowQuery, actor: Pick<Actor, ScopeClaim>): Promise<ClaimedRows> {
  const [row] = await query(
    `SELECT (SELECT json_build_object('name', s.name, 'role', s.role, 'active', s.active) FROM staff_member s WHERE s.id = $1::uuid) AS staff,
            (SELECT json_build_object('name', u.name) FROM work_unit u WHERE u.id = $2::uuid) AS unit,
            (SELECT json_build_object('name', a.name) FROM employment_area a WHERE a.id = $3::uuid) AS area,
            (SELECT json_build_object('name', c.name) FROM partner_company c WHERE c.id = $4::uuid) AS company`,
    [actor.staffId ?? null, actor.unitId ?? null, actor.areaId ?? null, actor.companyId ?? null],
  );
  const pick = <T>(present: string | undefined, value: unknown): T | null | undefined => (present ? ((value as T | null) ?? null) : undefined);
  return {
    staff: pick(actor.staffId, row.staff),
    unit: pick(actor.unitId, row.unit),
    area: pick(actor.areaId, row.area),
    company: pick(actor.companyId, row.company),
  };
}

/**
 * Why the server would refuse a token with these claims, as the access service decides it
 * (`AccessService.confirmActor`): the staff member must exist, be active and have the token's role
 * when it is COACH or CAREER_AGENT; a unit, area or company must exist. Empty when it would accept them.
 */
export function claimRowProblems(actor: Pick<Actor, 'role' | ScopeClaim>, rows: ClaimedRows): Array<{ claim: ScopeClaim; problem: string }> {
  const problems: Array<{ claim: ScopeClaim; problem: string }> = [];
  if (actor.staffId) {
    const staff = rows.staff;
    if (!staff) problems.push({ claim: 'staffId', problem: `no staff member has the id ${actor.staffId}` });
    else if (!staff.active) problems.push({ claim: 'staffId', problem: `${staff.name} (${actor.staffId}) is no longer active` });
    else if ((actor.role === Role.COACH || actor.role === Role.CAREER_AGENT) && staff.role !== actor.role) {
      problems.push({ claim: 'staffId', problem: `${staff.name} (${actor.staffId}) is a ${staff.role}, not a ${actor.role}` });
    }
  }
  if (actor.unitId && !rows.unit) problems.push({ claim: 'unitId', problem: `no work unit has the id ${actor.unitId}` });
  if (actor.areaId && !rows.area) problems.push({ claim: 'areaId', problem: `no employment area has the id ${actor.areaId}` });
  if (actor.companyId && !rows.company) problems.push({ claim: 'companyId', problem: `no partner company has the id ${actor.companyId}` });
  return problems;
}

/** "Anna Mäkinen (COACH)", "unit Satakunnan Museo": what the claims name, for people. */
export function describeClaimedRows(rows: ClaimedRows): string[] {
  const described: string[] = [];
  if (rows.staff) described.push(`staff member ${rows.staff.name} (${rows.staff.role})`);
  if (rows.unit) described.push(`work unit ${rows.unit.name}`);
  if (rows.area) described.push(`employment area ${rows.area.name}`);
  if (rows.company) described.push(`partner company ${rows.company.name}`);
  return described;
}
