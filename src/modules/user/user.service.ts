import { DataSource, EntityManager, IsNull } from 'typeorm';

import { Actor, Role } from '../../platform/auth/actor';
import type { Clock } from '../../platform/clock';
import { badInput, conflict, forbidden, notFound, PlatformReason } from '../../platform/errors';
import { RoleSource, User, UserChange, UserChangeKind, UserRole } from './user.entities';
import { ChangeUserRoleInput, LinkUserInput, RoleScopeInput, UserRoleStateInput } from './user.inputs';
import { UserReason } from './user.reasons';
import { USER_CHANGE_CHANNEL, UserDirectory } from './user-directory';

/** Which input field names the row each role's scope is made of. */
const scopeFieldOfRole: Partial<Record<Role, keyof RoleScopeInput>> = {
  [Role.COACH]: 'staffMemberId',
  [Role.CAREER_AGENT]: 'staffMemberId',
  [Role.UNIT_LEAD]: 'workUnitId',
  [Role.CASE_MANAGER]: 'employmentAreaId',
  [Role.PARTNER]: 'partnerCompanyId',
  [Role.TRAINEE]: 'traineeId',
};
const scopeFields = ['staffMemberId', 'workUnitId', 'employmentAreaId', 'partnerCompanyId', 'traineeId'] as const;

/** How each scope row is confirmed to belong to the organisation (one statement each). */
const scopeRowSql: Record<(typeof scopeFields)[number], string> = {
  staffMemberId: 'SELECT role::text AS role FROM staff_member WHERE id = $1 AND organisation_id = $2',
  workUnitId: 'SELECT NULL AS role FROM work_unit WHERE id = $1 AND organisation_id = $2',
  employmentAreaId: 'SELECT NULL AS role FROM employment_area_organisation WHERE employment_area_id = $1 AND organisation_id = $2',
  partnerCompanyId: 'SELECT NULL AS role FROM partner_company WHERE id = $1 AND organisation_id = $2',
  traineeId: 'SELECT NULL AS role FROM trainee WHERE id = $1 AND organisation_id = $2 AND pseudonymised_at IS NULL',
};

export interface UserRoleFilter {
  activeOnly?: boolean | null;
}

/**
 * Users and their roles, administered per organisation: an ADMIN links identities to roles of
 * their organisation, changes and deactivates them; the platform operator gives an organisation
 * its first ADMIN. Every change is recorded (user_change) with who made it and why, and reaches
 * every instance at once: the directory's caches are emptied through NOTIFY, and live WebSocket
 * connections of the user close.
 */
export class UserService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: UserDirectory,
    private readonly clock: Clock,
  ) {}

  roles(organisationId: string, filter: UserRoleFilter = {}): Promise<UserRole[]> {
    const query = this.dataSource
      .getRepository(UserRole)
      .createQueryBuilder('role')
      .where('role.organisationId = :organisationId', { organisationId });
    if (filter.activeOnly) query.andWhere('role.active');
    return query.orderBy('role.displayName', 'ASC').addOrderBy('role.id', 'ASC').getMany();
  }

  /** The role row an actor acts with. */
  roleOf(actor: Actor): Promise<UserRole | null> {
    return this.dataSource.getRepository(UserRole).findOne({ where: { userId: actor.userId, organisationId: actor.organisationId ?? IsNull() } });
  }

  changes(organisationId: string, limit = 200): Promise<UserChange[]> {
    return this.dataSource.getRepository(UserChange).find({ where: { organisationId }, order: { at: 'DESC', id: 'ASC' }, take: limit });
  }

  users(ids: readonly string[]): Promise<User[]> {
    return this.dataSource.getRepository(User).createQueryBuilder('user').where('user.id = ANY(:ids)', { ids }).getMany();
  }

  async linkUser(actor: Actor, input: LinkUserInput): Promise<UserRole> {
    const organisationId = await this.organisationToGrantIn(actor, input.role, input.organisationId ?? null);
    const scope = await this.checkedScope(input, organisationId);
    const result = await this.dataSource.transaction(async (manager) => {
      const [user]: Array<{ id: string }> = await manager.query(
        `INSERT INTO app_user (issuer, subject) VALUES ($1, $2) ON CONFLICT (issuer, subject) DO UPDATE SET issuer = EXCLUDED.issuer RETURNING id`,
        [input.issuer.trim(), input.subject.trim()],
      );
      if (user.id === actor.userId) throw forbidden('No one links their own role', UserReason.OWN_ROLE);
      const existing = await manager.getRepository(UserRole).findOne({
        where: { userId: user.id, organisationId: organisationId ?? IsNull() },
      });
      if (existing) {
        throw conflict(UserReason.ROLE_EXISTS, 'The user already has a role in this organisation', {
          fields: [{ path: 'input.subject', message: 'already a user here; change or reactivate their role' }],
        });
      }
      const role = await manager.getRepository(UserRole).save({
        userId: user.id,
        organisationId,
        role: input.role,
        displayName: input.displayName.trim(),
        email: input.email?.trim().toLowerCase() || null,
        ...scope,
        source: RoleSource.LINKED,
        groupName: null,
        active: true,
        deactivatedAt: null,
      });
      await this.record(manager, actor, role, UserChangeKind.LINKED, input.reason, null, roleSnapshot(role));
      return role;
    });
    this.directory.forget(result.userId);
    return result;
  }

  async changeUserRole(actor: Actor, input: ChangeUserRoleInput): Promise<UserRole> {
    const current = await this.manageableRole(actor, input.userRoleId);
    await this.organisationToGrantIn(actor, input.role, current.organisationId);
    const scope = await this.checkedScope(input, current.organisationId);
    return this.update(actor, current, UserChangeKind.CHANGED, input.reason, {
      role: input.role,
      ...scope,
      source: RoleSource.LINKED,
      groupName: null,
    });
  }

  async deactivateUser(actor: Actor, input: UserRoleStateInput): Promise<UserRole> {
    const current = await this.manageableRole(actor, input.userRoleId);
    if (!current.active) throw conflict(UserReason.ALREADY_INACTIVE, 'The role is already deactivated');
    return this.update(actor, current, UserChangeKind.DEACTIVATED, input.reason, { active: false, deactivatedAt: this.clock.now() });
  }

  async reactivateUser(actor: Actor, input: UserRoleStateInput): Promise<UserRole> {
    const current = await this.manageableRole(actor, input.userRoleId);
    if (current.active) throw conflict(UserReason.ALREADY_ACTIVE, 'The role is already active');
    // The role comes back as an ADMIN's decision, no longer dependent on a group.
    return this.update(actor, current, UserChangeKind.REACTIVATED, input.reason, { active: true, deactivatedAt: null, source: RoleSource.LINKED });
  }

  private async update(actor: Actor, current: UserRole, kind: UserChangeKind, reason: string, changes: Partial<UserRole>): Promise<UserRole> {
    const updated = await this.dataSource.transaction(async (manager) => {
      const next = await manager.getRepository(UserRole).save({ ...current, ...changes });
      await this.record(manager, actor, next, kind, reason, roleSnapshot(current), roleSnapshot(next));
      return next;
    });
    this.directory.forget(updated.userId);
    return updated;
  }

  /** The change row and the notice to every instance, in the transaction of the change (the notice goes out at commit). */
  private async record(
    manager: EntityManager,
    actor: Actor,
    role: UserRole,
    kind: UserChangeKind,
    reason: string,
    before: Record<string, unknown> | null,
    after: Record<string, unknown> | null,
  ): Promise<void> {
    await manager.getRepository(UserChange).insert({
      at: this.clock.now(),
      organisationId: role.organisationId,
      userId: role.userId,
      kind,
      changedBy: actor.userId,
      reason: reason.trim(),
      before: before as never,
      after: after as never,
    });
    await manager.query('SELECT pg_notify($1, $2)', [USER_CHANGE_CHANNEL, role.userId]);
  }

  /**
   * The organisation a role is given in, if the caller may give it there: an ADMIN any role but
   * PLATFORM_OPERATOR in their own organisation; the platform operator ADMIN in any organisation
   * and PLATFORM_OPERATOR on the platform.
   */
  private async organisationToGrantIn(actor: Actor, role: Role, requested: string | null): Promise<string | null> {
    if (actor.role === Role.ADMIN) {
      if (role === Role.PLATFORM_OPERATOR || (requested && requested !== actor.organisationId)) {
        throw forbidden(`An ADMIN gives the roles of their own organisation, not ${role}`, UserReason.ROLE_NOT_GRANTABLE);
      }
      return actor.organisationId!;
    }
    if (actor.role === Role.PLATFORM_OPERATOR) {
      if (role === Role.PLATFORM_OPERATOR) {
        if (requested) throw badInput('input.organisationId', 'PLATFORM_OPERATOR is a role on the platform, not in an organisation');
        return null;
      }
      if (role !== Role.ADMIN)
        throw forbidden('The platform operator gives organisations their ADMIN; the ADMIN gives the other roles', UserReason.ROLE_NOT_GRANTABLE);
      if (!requested) throw badInput('input.organisationId', 'Name the organisation whose ADMIN this is');
      const [found] = await this.dataSource.query('SELECT 1 FROM organisation WHERE id = $1', [requested]);
      if (!found) throw notFound('Organisation', requested);
      return requested;
    }
    throw forbidden(`Role ${actor.role} does not administer users`, UserReason.ROLE_NOT_GRANTABLE);
  }

  /** A role the caller may change: in the ADMIN's organisation, or an ADMIN / platform role for the operator; never their own. */
  private async manageableRole(actor: Actor, userRoleId: string): Promise<UserRole> {
    const role = await this.dataSource.getRepository(UserRole).findOneBy({ id: userRoleId });
    const visible =
      role &&
      (actor.role === Role.ADMIN
        ? role.organisationId === actor.organisationId
        : actor.role === Role.PLATFORM_OPERATOR && (role.role === Role.ADMIN || role.role === Role.PLATFORM_OPERATOR));
    if (!role || !visible) throw notFound('UserRole', userRoleId);
    if (role.userId === actor.userId) throw forbidden('No one changes their own role', UserReason.OWN_ROLE);
    return role;
  }

  /** The scope row the role needs, confirmed to be in the organisation; any other row named is refused. */
  private async checkedScope(
    input: RoleScopeInput,
    organisationId: string | null,
  ): Promise<Pick<UserRole, 'staffMemberId' | 'workUnitId' | 'employmentAreaId' | 'partnerCompanyId' | 'traineeId'>> {
    const needed = scopeFieldOfRole[input.role];
    for (const field of scopeFields) {
      if (field !== needed && input[field]) throw badInput(`input.${field}`, `A ${input.role} has no ${field}`, UserReason.SCOPE_ROW_REQUIRED);
    }
    const scope = { staffMemberId: null, workUnitId: null, employmentAreaId: null, partnerCompanyId: null, traineeId: null } as Record<
      (typeof scopeFields)[number],
      string | null
    >;
    if (!needed) return scope;
    const id = input[needed] as string | null | undefined;
    if (!id) throw badInput(`input.${needed}`, `A ${input.role} needs ${needed}`, UserReason.SCOPE_ROW_REQUIRED);
    const [row]: Array<{ role: string | null }> = await this.dataSource.query(scopeRowSql[needed as (typeof scopeFields)[number]], [
      id,
      organisationId,
    ]);
    if (!row) throw badInput(`input.${needed}`, 'Nothing with this id in the organisation', PlatformReason.REFERENCE_NOT_FOUND);
    if (needed === 'staffMemberId' && row.role !== input.role) {
      throw badInput('input.staffMemberId', `The staff member is a ${row.role}, not a ${input.role}`, UserReason.STAFF_ROLE_MISMATCH);
    }
    scope[needed as (typeof scopeFields)[number]] = id;
    return scope;
  }
}

function roleSnapshot(role: UserRole): Record<string, unknown> {
  return {
    role: role.role,
    active: role.active,
    staffMemberId: role.staffMemberId,
    workUnitId: role.workUnitId,
    employmentAreaId: role.employmentAreaId,
    partnerCompanyId: role.partnerCompanyId,
    traineeId: role.traineeId,
    source: role.source,
  };
}
