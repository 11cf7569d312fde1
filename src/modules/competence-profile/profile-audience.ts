import { Actor, Role } from '../../platform/auth/actor';
import { Grant, operationRules } from '../access/permission-matrix';

/**
 * Whose consented profiles a caller may see. ADMIN (grant ALL): every active consent. A PARTNER
 * (grant SCOPED): consents to all partners and consents to the caller's own company; a partner
 * token without a company sees none. Everyone else: none (the matrix refuses them first anyway).
 */
export type ProfileAudience = { kind: 'all' } | { kind: 'company'; companyId: string } | { kind: 'none' };

export function profileAudience(actor: Actor | undefined, operation: string): ProfileAudience {
  const grant = actor ? operationRules[operation]?.roles[actor.role] : undefined;
  if (!actor || !grant) return { kind: 'none' };
  if (grant === Grant.ALL) return { kind: 'all' };
  if (actor.role === Role.PARTNER && actor.companyId) return { kind: 'company', companyId: actor.companyId };
  return { kind: 'none' };
}

/**
 * The SQL condition on a `profile_consent` row `c` for the audience; `param` adds a bind
 * parameter and returns its placeholder.
 */
export function audienceCondition(audience: ProfileAudience, param: (value: unknown) => string): string {
  switch (audience.kind) {
    case 'all':
      return 'TRUE';
    case 'company':
      return `(c.scope = 'ALL_PARTNERS' OR (c.scope = 'ONE_COMPANY' AND c.partner_company_id = ${param(audience.companyId)}::uuid))`;
    case 'none':
      return 'FALSE';
  }
}
