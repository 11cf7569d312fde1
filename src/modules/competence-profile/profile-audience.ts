import { Actor, Role } from '../../platform/auth/actor';
import { Grant, operationRules } from '../access/permission-matrix';

/**
 * Whose consented profiles a caller may see, always within the caller's organisation (a consent
 * is given to the partners of the organisation that holds the trainee's data). ADMIN (grant ALL):
 * every active consent of the organisation. A PARTNER (grant SCOPED): consents to all partners and
 * consents to the caller's own company; a partner user without a company sees none. Everyone else:
 * none (the matrix refuses them first anyway).
 */
export type ProfileAudience =
  { kind: 'all'; organisationId: string } | { kind: 'company'; organisationId: string; companyId: string } | { kind: 'none' };

export function profileAudience(actor: Actor | undefined, operation: string): ProfileAudience {
  const grant = actor ? operationRules[operation]?.roles[actor.role] : undefined;
  if (!actor?.organisationId || !grant) return { kind: 'none' };
  const { organisationId } = actor;
  if (grant === Grant.ALL) return { kind: 'all', organisationId };
  if (actor.role === Role.PARTNER && actor.companyId) return { kind: 'company', organisationId, companyId: actor.companyId };
  return { kind: 'none' };
}

/**
 * The SQL condition on a `profile_consent` row `c` of a trainee `t` for the audience; `param`
 * adds a bind parameter and returns its placeholder.
 */
export function audienceCondition(audience: ProfileAudience, param: (value: unknown) => string): string {
  switch (audience.kind) {
    case 'all':
      return `t.organisation_id = ${param(audience.organisationId)}::uuid`;
    case 'company':
      return `t.organisation_id = ${param(audience.organisationId)}::uuid
              AND (c.scope = 'ALL_PARTNERS' OR (c.scope = 'ONE_COMPANY' AND c.partner_company_id = ${param(audience.companyId)}::uuid))`;
    case 'none':
      return 'FALSE';
  }
}
