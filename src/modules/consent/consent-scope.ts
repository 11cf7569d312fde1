import { badInput } from '../../platform/errors';
import { ConsentReason } from './consent.reasons';

/** Whom a trainee lets see their competence profile (suostumus osaamisprofiilin näyttämiseen). */
export enum ConsentScope {
  /** Every partner company of the coaching environment. */
  ALL_PARTNERS = 'ALL_PARTNERS',
  /** One named partner company, e.g. the host of an on-the-job placement. */
  ONE_COMPANY = 'ONE_COMPANY',
}

/** The target of a consent: ALL_PARTNERS has no company, ONE_COMPANY exactly one. */
export interface ConsentTarget {
  scope: ConsentScope;
  partnerCompanyId: string | null;
}

/** Checks that the company is given exactly when the scope needs one; `path` is where the input sits. */
export function consentTarget(scope: ConsentScope, partnerCompanyId: string | null | undefined, path = 'input'): ConsentTarget {
  if (scope === ConsentScope.ONE_COMPANY) {
    if (!partnerCompanyId)
      throw badInput(`${path}.partnerCompanyId`, 'A consent to one company names the company', ConsentReason.PARTNER_COMPANY_REQUIRED);
    return { scope, partnerCompanyId };
  }
  if (partnerCompanyId)
    throw badInput(`${path}.partnerCompanyId`, 'A consent to all partners names no company', ConsentReason.PARTNER_COMPANY_NOT_ALLOWED);
  return { scope, partnerCompanyId: null };
}
