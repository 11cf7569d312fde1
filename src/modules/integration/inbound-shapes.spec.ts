import { inboundDecisionShape, inboundReferralShape } from './inbound-shapes';

/** What an outside system sends is refused here when PostgreSQL could not store it, before any rule runs. */
const decision = {
  decisionId: 'PT-1',
  applicationId: '7b0a2590-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
  authority: 'Porin seudun työllisyysalue',
  outcome: 'GRANTED',
  percent: 50,
  subsidyTypeCode: 'PALKKATUKI_50',
  startDate: '2027-01-01',
  endDate: '2027-06-30',
  monthlyCapCents: 140000,
  denialReason: null,
  decidedOn: '2026-12-01',
};

const referral = {
  externalId: 'R-1',
  sentAt: '2026-12-01T08:00:00Z',
  person: { identityCode: '010190-123A', firstName: 'Aino', lastName: 'Virtanen' },
  serviceForm: 'TOWARDS_WORK_AND_EDUCATION',
  participationBasis: 'WORK_TRIAL',
};

describe('inbound message shapes', () => {
  it('take well-formed messages', () => {
    expect(inboundDecisionShape.safeParse(decision).success).toBe(true);
    expect(inboundReferralShape.safeParse(referral).success).toBe(true);
    expect(inboundDecisionShape.safeParse({ ...decision, startDate: '2028-02-29' }).success).toBe(true);
  });

  it.each([
    ['a day that does not exist', { endDate: '2027-02-31' }],
    ['a month that does not exist', { startDate: '2027-13-01' }],
    ['a date with a time', { decidedOn: '2026-12-01T10:00:00Z' }],
    ['29 February of a common year', { decidedOn: '2027-02-29' }],
    ['a NUL character', { authority: 'Pori\u0000' }],
    ['a lone surrogate', { denialReason: 'x\ud800y' }],
  ])('refuse a decision with %s', (_label, change) => {
    expect(inboundDecisionShape.safeParse({ ...decision, ...change }).success).toBe(false);
  });

  it.each([
    ['a NUL character in a name', { person: { ...referral.person, lastName: 'Virta\u0000nen' } }],
    ['a lone surrogate in the background', { background: '\udc00' }],
    ['an over-long external id', { externalId: 'x'.repeat(101) }],
  ])('refuse a referral with %s', (_label, change) => {
    expect(inboundReferralShape.safeParse({ ...referral, ...change }).success).toBe(false);
  });
});
