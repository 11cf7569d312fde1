import { DomainError } from '../../platform/errors';
import { ConsentScope, consentTarget } from './consent-scope';

const company = '3f1c2b9e-5d7a-4e8b-9c0d-1a2b3c4d5e6f';

function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected a refusal');
}

describe('consentTarget', () => {
  it('takes ALL_PARTNERS without a company and ONE_COMPANY with one', () => {
    expect(consentTarget(ConsentScope.ALL_PARTNERS, undefined)).toEqual({ scope: ConsentScope.ALL_PARTNERS, partnerCompanyId: null });
    expect(consentTarget(ConsentScope.ALL_PARTNERS, null)).toEqual({ scope: ConsentScope.ALL_PARTNERS, partnerCompanyId: null });
    expect(consentTarget(ConsentScope.ONE_COMPANY, company)).toEqual({ scope: ConsentScope.ONE_COMPANY, partnerCompanyId: company });
  });

  it('refuses ONE_COMPANY without a company, naming the input path', () => {
    const error = refusal(() => consentTarget(ConsentScope.ONE_COMPANY, null, 'input'));
    expect(error.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'PARTNER_COMPANY_REQUIRED',
      fields: [{ path: 'input.partnerCompanyId' }],
    });
  });

  it('refuses ALL_PARTNERS with a company', () => {
    const error = refusal(() => consentTarget(ConsentScope.ALL_PARTNERS, company));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PARTNER_COMPANY_NOT_ALLOWED' });
  });
});
