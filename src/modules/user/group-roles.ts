import { Identity, Role } from '../../platform/auth/actor';
import type { GroupRoleConfig } from '../../platform/config';

/** Where an identity-provider group puts its members: a role in an organisation (or on the platform). */
export interface GroupGrant {
  /** The organisation's business ID or id as configured; undefined for PLATFORM_OPERATOR. */
  organisation?: string;
  role: Role;
  group: string;
}

/**
 * The roles an identity's groups give (AUTH_GROUP_ROLES), one per organisation: where several
 * groups name the same organisation, the entry listed first in the configuration wins. An entry
 * with an `issuer` applies only to tokens of that identity provider (group names are not unique
 * across providers).
 */
export function groupGrants(identity: Pick<Identity, 'issuer' | 'groups'>, config: readonly GroupRoleConfig[]): GroupGrant[] {
  if (!identity.groups.length) return [];
  const groups = new Set(identity.groups);
  const byOrganisation = new Map<string, GroupGrant>();
  for (const entry of config) {
    if (!groups.has(entry.group) || (entry.issuer !== undefined && entry.issuer !== identity.issuer)) continue;
    const key = entry.organisation?.toLowerCase() ?? '';
    if (!byOrganisation.has(key)) byOrganisation.set(key, { organisation: entry.organisation, role: entry.role as Role, group: entry.group });
  }
  return [...byOrganisation.values()];
}
