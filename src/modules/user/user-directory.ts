import { LRUCache } from 'lru-cache';
import type { DataSource } from 'typeorm';

import { Actor, Identity, Role } from '../../platform/auth/actor';
import type { ActorDirectory } from '../../platform/auth/tokens';
import type { Clock } from '../../platform/clock';
import type { GroupRoleConfig } from '../../platform/config';
import { listenForNotifications, NotificationListener } from '../../platform/database/notifications';
import { unauthenticated } from '../../platform/errors';
import { isUuid } from '../../platform/ids';
import type { Logger } from '../../platform/logger';
import { GroupGrant, groupGrants } from './group-roles';
import { RoleSource, UserChangeKind } from './user.entities';

/** The channel every instance listens on; the payload is the changed user's id. */
export const USER_CHANGE_CHANNEL = 'polku_user_changed';

/** Picks the platform role where a user holds one besides organisation roles (`x-polku-organisation: platform`). */
export const PLATFORM_HINT = 'platform';

interface StoredRole {
  id: string;
  organisationId: string | null;
  role: Role;
  /** The role is active and what it names still is (staff member active, trainee not pseudonymised). */
  usable: boolean;
  active: boolean;
  staffId: string | null;
  unitId: string | null;
  areaId: string | null;
  companyId: string | null;
  traineeId: string | null;
  source: RoleSource;
}

/**
 * Maps an identity (issuer and subject, perhaps groups) to the user of Polku it is and the role
 * they hold in the organisation they act in. One statement on a miss, then cached per instance;
 * a change made on any instance empties every instance's cache at once (NOTIFY), and the cache
 * lives at most AUTH_USER_CACHE_MS in case a notice is lost.
 */
export class UserDirectory implements ActorDirectory {
  private readonly actors?: LRUCache<string, Actor>;
  private readonly confirmed?: LRUCache<string, true>;
  private readonly listeners = new Set<(userId: string) => void>();
  private listener?: NotificationListener;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: { groupRoles: readonly GroupRoleConfig[]; cacheMs: number; clock: Clock },
  ) {
    if (options.cacheMs > 0) {
      this.actors = new LRUCache({ max: 20_000, ttl: options.cacheMs });
      this.confirmed = new LRUCache({ max: 20_000, ttl: options.cacheMs });
    }
  }

  /** Listens for changes made by other instances. */
  async start(url: string, logger: Logger): Promise<void> {
    this.listener = await listenForNotifications({
      url,
      channel: USER_CHANGE_CHANNEL,
      logger,
      onNotify: (userId) => this.forget(userId),
      onReset: () => this.forget(undefined),
    });
  }

  async stop(): Promise<void> {
    await this.listener?.stop();
  }

  onUserChanged(listener: (userId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Drops what the caches hold of a user (of everyone without an id) and, for a user, tells the
   * listeners: the user's live connections close.
   */
  forget(userId: string | undefined): void {
    if (!userId) {
      this.actors?.clear();
      this.confirmed?.clear();
      return;
    }
    const stale = [...(this.actors?.entries() ?? [])].filter(([, actor]) => actor.userId === userId).map(([key]) => key);
    for (const key of stale) this.actors?.delete(key);
    for (const key of [...(this.confirmed?.keys() ?? [])]) if (key.startsWith(`${userId}|`)) this.confirmed?.delete(key);
    for (const listener of this.listeners) listener(userId);
  }

  async actorFor(identity: Identity, organisationHint?: string): Promise<Actor> {
    if (organisationHint !== undefined && organisationHint !== PLATFORM_HINT && !isUuid(organisationHint)) {
      throw unauthenticated('x-polku-organisation must be an organisation id (or "platform")');
    }
    const key = [identity.issuer, identity.subject, organisationHint ?? '', [...identity.groups].sort().join('\n')].join('\u0000');
    const cached = this.actors?.get(key);
    if (cached) return cached;
    const actor = await this.resolve(identity, organisationHint);
    this.actors?.set(key, actor);
    return actor;
  }

  async reconfirm(actor: Actor): Promise<void> {
    const key = `${actor.userId}|${actor.organisationId ?? ''}|${actor.role}`;
    if (this.confirmed?.get(key)) return;
    const [row] = await this.dataSource.query(
      `SELECT 1 FROM user_role r
         LEFT JOIN staff_member s ON s.id = r.staff_member_id
         LEFT JOIN trainee t ON t.id = r.trainee_id
        WHERE r.user_id = $1 AND r.organisation_id IS NOT DISTINCT FROM $2 AND r.role = $3
          AND r.active AND (s.id IS NULL OR s.active) AND (t.id IS NULL OR t.pseudonymised_at IS NULL)`,
      [actor.userId, actor.organisationId ?? null, actor.role],
    );
    if (!row) throw unauthenticated('The user no longer has this role');
    this.confirmed?.set(key, true);
  }

  private async resolve(identity: Identity, organisationHint: string | undefined): Promise<Actor> {
    const grants = groupGrants(identity, this.options.groupRoles);
    const organisationKeys = grants.flatMap((grant) => (grant.organisation ? [grant.organisation.toLowerCase()] : []));
    const [row]: Array<{ user_id: string | null; roles: StoredRole[]; organisations: Array<{ id: string; businessId: string | null }> }> =
      await this.dataSource.query(
        `WITH u AS (SELECT id FROM app_user WHERE issuer = $1 AND subject = $2)
         SELECT (SELECT id FROM u) AS user_id,
                COALESCE((SELECT json_agg(json_build_object(
                    'id', r.id, 'organisationId', r.organisation_id, 'role', r.role, 'active', r.active,
                    'usable', r.active AND (s.id IS NULL OR s.active) AND (t.id IS NULL OR t.pseudonymised_at IS NULL),
                    'staffId', r.staff_member_id, 'unitId', r.work_unit_id, 'areaId', r.employment_area_id,
                    'companyId', r.partner_company_id, 'traineeId', r.trainee_id, 'source', r.source))
                  FROM user_role r
                  LEFT JOIN staff_member s ON s.id = r.staff_member_id
                  LEFT JOIN trainee t ON t.id = r.trainee_id
                 WHERE r.user_id = (SELECT id FROM u)), '[]') AS roles,
                COALESCE((SELECT json_agg(json_build_object('id', o.id, 'businessId', o.business_id))
                  FROM organisation o WHERE lower(o.business_id) = ANY($3::text[]) OR o.id::text = ANY($3::text[])), '[]') AS organisations`,
        [identity.issuer, identity.subject, organisationKeys],
      );
    const organisationOf = (grant: GroupGrant): string | null | undefined => {
      if (!grant.organisation) return null;
      const key = grant.organisation.toLowerCase();
      return row.organisations.find((o) => o.id === key || o.businessId?.toLowerCase() === key)?.id;
    };
    const stored = new Map(row.roles.map((role) => [role.organisationId ?? PLATFORM_HINT, role]));
    const usable: StoredRole[] = [];
    let userId = row.user_id;
    const granted = new Set<string>();
    for (const grant of grants) {
      const organisationId = organisationOf(grant);
      if (organisationId === undefined) continue;
      const key = organisationId ?? PLATFORM_HINT;
      granted.add(key);
      const existing = stored.get(key);
      // A role an ADMIN linked, changed or deactivated in that organisation outranks the group.
      if (existing && (existing.source === RoleSource.LINKED || !existing.active)) continue;
      if (!existing || existing.role !== grant.role) {
        const recorded = await this.recordGroupRole(identity, userId, organisationId, grant, existing);
        userId = recorded.userId;
        stored.set(key, recorded.role);
      }
    }
    for (const [key, role] of stored) {
      // A group role holds only while the token still carries the group.
      if (role.usable && (role.source === RoleSource.LINKED || granted.has(key))) usable.push(role);
    }
    if (!userId || !usable.length) throw unauthenticated('This identity is not an active user of Polku');
    const chosen =
      organisationHint === undefined
        ? usable.length === 1
          ? usable[0]
          : undefined
        : usable.find((role) => (role.organisationId ?? PLATFORM_HINT) === organisationHint);
    if (!chosen) {
      throw unauthenticated(
        organisationHint === undefined
          ? `This user acts in several organisations: send x-polku-organisation with one of ${usable.map((r) => r.organisationId ?? PLATFORM_HINT).join(', ')}`
          : 'This user has no active role in that organisation',
      );
    }
    return {
      userId,
      role: chosen.role,
      ...(chosen.organisationId ? { organisationId: chosen.organisationId } : {}),
      ...(chosen.staffId ? { staffId: chosen.staffId } : {}),
      ...(chosen.unitId ? { unitId: chosen.unitId } : {}),
      ...(chosen.areaId ? { areaId: chosen.areaId } : {}),
      ...(chosen.companyId ? { companyId: chosen.companyId } : {}),
      ...(chosen.traineeId ? { traineeId: chosen.traineeId } : {}),
    };
  }

  /** The first sign-in with a group (or a changed mapping): the role is recorded so the access review lists it. */
  private async recordGroupRole(
    identity: Identity,
    userId: string | null,
    organisationId: string | null,
    grant: GroupGrant,
    existing: StoredRole | undefined,
  ): Promise<{ userId: string; role: StoredRole }> {
    return this.dataSource.transaction(async (manager) => {
      const [user]: Array<{ id: string }> = await manager.query(
        `INSERT INTO app_user (issuer, subject) VALUES ($1, $2)
         ON CONFLICT (issuer, subject) DO UPDATE SET issuer = EXCLUDED.issuer RETURNING id`,
        [identity.issuer, identity.subject],
      );
      // Each of the two partial unique indexes (one role per organisation, one platform role) is named by its own conflict target.
      const conflictTarget = organisationId
        ? '(user_id, organisation_id) WHERE organisation_id IS NOT NULL'
        : '(user_id) WHERE organisation_id IS NULL';
      const [role]: Array<{ id: string }> = await manager.query(
        `INSERT INTO user_role (user_id, organisation_id, role, display_name, email, source, group_name)
         VALUES ($1, $2, $3, $4, $5, 'GROUP', $6)
         ON CONFLICT ${conflictTarget} DO UPDATE SET role = EXCLUDED.role, group_name = EXCLUDED.group_name, updated_at = now()
         RETURNING id`,
        [user.id, organisationId, grant.role, identity.email ?? identity.subject, identity.email ?? null, grant.group],
      );
      await manager.query(
        `INSERT INTO user_change (at, organisation_id, user_id, kind, changed_by, reason, before, after) VALUES ($1, $2, $3, $4, NULL, $5, $6, $7)`,
        [
          this.options.clock.now(),
          organisationId,
          user.id,
          existing ? UserChangeKind.CHANGED : UserChangeKind.JOINED_BY_GROUP,
          `identity-provider group ${grant.group} (AUTH_GROUP_ROLES)`,
          existing ? { role: existing.role } : null,
          { role: grant.role, group: grant.group },
        ],
      );
      return {
        userId: user.id,
        role: {
          id: role.id,
          organisationId,
          role: grant.role,
          usable: true,
          active: true,
          staffId: null,
          unitId: null,
          areaId: null,
          companyId: null,
          traineeId: null,
          source: RoleSource.GROUP,
        },
      };
    });
  }
}
