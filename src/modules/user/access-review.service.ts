import type { DataSource } from 'typeorm';

import { Role } from '../../platform/auth/actor';
import type { Clock } from '../../platform/clock';
import type { GroupRoleConfig } from '../../platform/config';
import { notFound } from '../../platform/errors';
import { scopeOf, scopeSubquery, TraineeScope } from '../access/trainee-scope';
import { audienceCondition } from '../competence-profile/profile-audience';
import { GroupMapping, groupMappingsFor, scopeInWords, ViewCounts, viewCounts } from './access-review';
import { RoleSource, UserChangeKind } from './user.entities';

/** One user role of the organisation as the access review shows it. */
export interface AccessReviewEntry extends ViewCounts {
  userRoleId: string;
  userId: string;
  displayName: string;
  issuer: string;
  subject: string;
  role: Role;
  source: RoleSource;
  groupName: string | null;
  /** When the role took its current form (linked, changed, reactivated or first used through a group). */
  since: Date;
  active: boolean;
  deactivatedAt: Date | null;
  /** Active, and what it is made of still is (the staff member has not left, the trainee is not pseudonymised): the role works. */
  effective: boolean;
  scope: string;
  /** Latest access-log entry of the user about the organisation's trainees. */
  lastAccessAt: Date | null;
}

export interface AccessReview {
  organisationId: string;
  organisationName: string;
  generatedAt: Date;
  traineesInOrganisation: number;
  activeRoles: AccessReviewEntry[];
  deactivatedRoles: AccessReviewEntry[];
  groupMappings: Array<GroupMapping & { recordedUsers: number }>;
}

/** The alias of the role row in the review statement: the scope subqueries use short aliases of their own (t, r, cp, …). */
const ROLE = 'review_role';

/** Which column of the role row is the id its trainee scope is made of. */
const scopeColumn: Record<TraineeScope['kind'], string | null> = {
  organisation: null,
  staff: `${ROLE}.staff_member_id`,
  area: `${ROLE}.employment_area_id`,
  unit: `${ROLE}.work_unit_id`,
  self: `${ROLE}.trainee_id`,
  none: null,
};

/**
 * The count of trainees in each role's scope, for every role row at once: the permission matrix's
 * own scope SQL (`scopeSubquery`) with the role row's columns in place of bind parameters.
 */
export function inScopeCountSql(): string {
  const cases = Object.values(Role).map((role) => {
    // A stand-in actor of the role: only the kind of its scope is used here.
    const kind = scopeOf({ userId: 'x', role, organisationId: 'x', staffId: 'x', unitId: 'x', areaId: 'x', companyId: 'x', traineeId: 'x' }).kind;
    const scope = { kind } as TraineeScope;
    const subquery = scopeSubquery(scope, { id: scopeColumn[kind] ?? 'NULL::uuid', organisation: `${ROLE}.organisation_id` });
    return `WHEN '${role}' THEN (SELECT count(*)::int FROM (${subquery}) AS in_scope)`;
  });
  return `CASE ${ROLE}.role::text ${cases.join(' ')} ELSE 0 END`;
}

const SINCE_KINDS = [UserChangeKind.LINKED, UserChangeKind.CHANGED, UserChangeKind.REACTIVATED, UserChangeKind.JOINED_BY_GROUP];

interface ReviewRow {
  id: string;
  user_id: string;
  issuer: string;
  subject: string;
  role: Role;
  display_name: string;
  source: RoleSource;
  group_name: string | null;
  active: boolean;
  deactivated_at: Date | null;
  since: Date;
  effective: boolean;
  staff_name: string | null;
  unit_name: string | null;
  area_name: string | null;
  company_name: string | null;
  in_scope: number;
  caseload: number | null;
  processes_intake: boolean | null;
  consented_profiles: number | null;
  last_access_at: Date | null;
  organisation_name: string;
  business_id: string | null;
  trainees: number;
  intake_queue: number;
}

/**
 * The access review for the organisation's data-protection officer: every user role, what it is
 * made of, what it lets the user see (counts of the organisation's trainees per view, computed
 * with the permission matrix's own scope SQL), when the user last processed the organisation's
 * clients, and the identity-provider groups that grant roles here. One statement whatever the
 * number of users; no trainee's personal data, only counts.
 */
export class AccessReviewService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly groupRoles: readonly GroupRoleConfig[],
    private readonly clock: Clock,
  ) {}

  async review(organisationId: string): Promise<AccessReview> {
    const profilesOfCompany = audienceCondition(
      { kind: 'company', organisationId: `${ROLE}.organisation_id`, companyId: `${ROLE}.partner_company_id` },
      (column) => String(column),
    );
    const rows: ReviewRow[] = await this.dataSource.query(
      `WITH org AS (
         SELECT o.id, o.name, o.business_id, o.intake_staff_ids,
                (SELECT count(*)::int FROM trainee t WHERE t.organisation_id = o.id) AS trainees,
                (SELECT count(*)::int FROM trainee t WHERE t.organisation_id = o.id
                   AND NOT EXISTS (SELECT 1 FROM coaching_period cp WHERE cp.trainee_id = t.id)) AS intake_queue
           FROM organisation o WHERE o.id = $1)
       SELECT org.name AS organisation_name, org.business_id, org.trainees, org.intake_queue,
              ${ROLE}.id, ${ROLE}.user_id, u.issuer, u.subject, ${ROLE}.role, ${ROLE}.display_name, ${ROLE}.source, ${ROLE}.group_name,
              ${ROLE}.active, ${ROLE}.deactivated_at,
              ${ROLE}.active AND (s.id IS NULL OR s.active) AND (tr.id IS NULL OR tr.pseudonymised_at IS NULL) AS effective,
              COALESCE((SELECT max(c.at) FROM user_change c
                         WHERE c.user_id = ${ROLE}.user_id AND c.organisation_id = ${ROLE}.organisation_id AND c.kind = ANY($2::user_change_kind[])),
                       ${ROLE}.created_at) AS since,
              s.name AS staff_name, wu.name AS unit_name, ea.name AS area_name, pc.name AS company_name,
              ${inScopeCountSql()} AS in_scope,
              CASE WHEN ${ROLE}.staff_member_id IS NOT NULL THEN
                (SELECT count(DISTINCT cp.trainee_id)::int FROM coaching_period cp JOIN trainee ct ON ct.id = cp.trainee_id
                  WHERE (cp.coach_id = ${ROLE}.staff_member_id OR cp.career_agent_id = ${ROLE}.staff_member_id) AND ct.organisation_id = org.id)
              END AS caseload,
              CASE WHEN ${ROLE}.staff_member_id IS NOT NULL THEN
                cardinality(org.intake_staff_ids) = 0 OR ${ROLE}.staff_member_id = ANY(org.intake_staff_ids)
              END AS processes_intake,
              CASE WHEN ${ROLE}.partner_company_id IS NOT NULL THEN
                (SELECT count(DISTINCT c.trainee_id)::int FROM profile_consent c JOIN trainee t ON t.id = c.trainee_id
                  WHERE c.withdrawn_at IS NULL AND t.pseudonymised_at IS NULL AND ${profilesOfCompany})
              END AS consented_profiles,
              (SELECT max(l.at) FROM access_log_entry l JOIN trainee lt ON lt.id = l.trainee_id
                WHERE l.user_id = ${ROLE}.user_id::text AND lt.organisation_id = org.id) AS last_access_at
         FROM org
         LEFT JOIN user_role ${ROLE} ON ${ROLE}.organisation_id = org.id
         LEFT JOIN app_user u ON u.id = ${ROLE}.user_id
         LEFT JOIN staff_member s ON s.id = ${ROLE}.staff_member_id
         LEFT JOIN work_unit wu ON wu.id = ${ROLE}.work_unit_id
         LEFT JOIN employment_area ea ON ea.id = ${ROLE}.employment_area_id
         LEFT JOIN partner_company pc ON pc.id = ${ROLE}.partner_company_id
         LEFT JOIN trainee tr ON tr.id = ${ROLE}.trainee_id
        ORDER BY ${ROLE}.display_name, ${ROLE}.id`,
      [organisationId, SINCE_KINDS],
    );
    if (!rows.length) throw notFound('Organisation', organisationId);
    const [first] = rows;
    const total = first.trainees;
    const entries = rows
      .filter((row) => row.id !== null)
      .map((row): AccessReviewEntry => {
        // A role that does not work sees nothing now; its scope in words says what it was made of.
        const counts = row.effective ? viewCounts(row.role, row.in_scope, total) : { full: 0, roster: 0, unit: 0 };
        return {
          userRoleId: row.id,
          userId: row.user_id,
          displayName: row.display_name,
          issuer: row.issuer,
          subject: row.subject,
          role: row.role,
          source: row.source,
          groupName: row.group_name,
          since: new Date(row.since),
          active: row.active,
          deactivatedAt: row.deactivated_at ? new Date(row.deactivated_at) : null,
          effective: row.effective,
          scope: scopeInWords({
            role: row.role,
            traineesInOrganisation: total,
            inScope: row.in_scope,
            caseload: row.caseload,
            processesIntake: row.processes_intake,
            intakeQueue: first.intake_queue,
            staffName: row.staff_name,
            unitName: row.unit_name,
            areaName: row.area_name,
            companyName: row.company_name,
            consentedProfiles: row.consented_profiles,
          }),
          ...counts,
          lastAccessAt: row.last_access_at ? new Date(row.last_access_at) : null,
        };
      });
    const groupMappings = groupMappingsFor(this.groupRoles, { id: organisationId, businessId: first.business_id }).map((mapping) => ({
      ...mapping,
      recordedUsers: entries.filter((e) => e.active && e.source === RoleSource.GROUP && e.groupName === mapping.group && e.role === mapping.role)
        .length,
    }));
    return {
      organisationId,
      organisationName: first.organisation_name,
      generatedAt: this.clock.now(),
      traineesInOrganisation: total,
      activeRoles: entries.filter((e) => e.active),
      deactivatedRoles: entries.filter((e) => !e.active),
      groupMappings,
    };
  }
}
