import { addDays, addMonths } from '../../modules/shared/calendar';
import type { WageSubsidyApplicationMessage } from './wage-subsidy.port';
import { decisionIdFor, decisionRolls, DENIAL_REASONS, NOT_STATUTORY, OUTCOME_SHARES, planDecision, STATUTORY_SUBSIDIES } from './wage-subsidy.rules';

const decidedOn = '2026-03-02';
const application = (overrides: Partial<WageSubsidyApplicationMessage> = {}): WageSubsidyApplicationMessage => ({
  applicationId: 'app-1',
  employer: { name: 'Porin kaupunki, kiinteistöpalvelut', businessId: '0204819-8', kind: 'MUNICIPAL_UNIT' },
  person: { identityCode: '131052-308T', firstName: 'Testi', lastName: 'Henkilö' },
  requestedTypeCode: 'PALKKATUKI_50',
  requestedPercent: 50,
  requestedStart: '2026-04-01',
  requestedEnd: '2026-09-30',
  hoursPerWeek: 30,
  monthlyPayCents: 220_000,
  submittedAt: '2026-03-01T10:00:00Z',
  ...overrides,
});

/** The first application id whose roll lands in [from, to). */
function idWithRoll(from: number, to: number, detail?: (roll: number) => boolean): string {
  for (let i = 0; ; i++) {
    const id = `app-${i}`;
    const [outcome, second] = decisionRolls(id);
    if (outcome >= from && outcome < to && (!detail || detail(second))) return id;
  }
}
const grantedId = idWithRoll(0, OUTCOME_SHARES.granted);
const partlyId = (detail?: (roll: number) => boolean) => idWithRoll(OUTCOME_SHARES.granted, OUTCOME_SHARES.partlyGranted, detail);
const deniedId = idWithRoll(OUTCOME_SHARES.partlyGranted, 1);

describe('the simulated wage-subsidy authority decides', () => {
  it('the same application the same way every time, roughly 70 % granted, 15 % partly, 15 % denied', () => {
    expect(planDecision(application(), decidedOn)).toEqual(planDecision(application(), decidedOn));
    const outcomes = { GRANTED: 0, PARTLY_GRANTED: 0, DENIED: 0 };
    for (let i = 0; i < 2_000; i++) outcomes[planDecision(application({ applicationId: `a-${i}`, requestedEnd: '2026-12-31' }), decidedOn).outcome]++;
    expect(outcomes.GRANTED).toBeGreaterThan(1_250);
    expect(outcomes.PARTLY_GRANTED).toBeGreaterThan(200);
    expect(outcomes.DENIED).toBeGreaterThan(200);
  });

  it('grants the requested period, type and share with the monthly ceiling', () => {
    expect(planDecision(application({ applicationId: grantedId }), decidedOn)).toEqual({
      applicationId: grantedId,
      outcome: 'GRANTED',
      percent: 50,
      subsidyTypeCode: 'PALKKATUKI_50',
      startDate: '2026-04-01',
      endDate: '2026-09-30',
      monthlyCapCents: 140_000,
      denialReason: null,
      decidedOn,
    });
  });

  it.each(Object.entries(STATUTORY_SUBSIDIES))('grants %s for at most its longest period (partly granted beyond it)', (code, type) => {
    const decision = planDecision(
      application({ applicationId: grantedId, requestedTypeCode: code, requestedPercent: type.percent, requestedEnd: '2029-12-31' }),
      decidedOn,
    );
    expect(decision).toMatchObject({ outcome: 'PARTLY_GRANTED', subsidyTypeCode: code, percent: type.percent, startDate: '2026-04-01' });
    expect(decision.endDate).toBe(addDays(addMonths('2026-04-01', type.maxMonths), -1));
    expect(decision.denialReason).toContain(`at most ${type.maxMonths} months`);
  });

  it('never starts a subsidy before its decision, nor above the type’s share', () => {
    const late = planDecision(application({ applicationId: grantedId, requestedStart: '2026-02-01' }), decidedOn);
    expect(late).toMatchObject({ outcome: 'PARTLY_GRANTED', startDate: decidedOn, endDate: '2026-09-30' });
    const greedy = planDecision(application({ applicationId: grantedId, requestedPercent: 70 }), decidedOn);
    expect(greedy).toMatchObject({ outcome: 'PARTLY_GRANTED', percent: 50 });
  });

  it('denies a municipality’s own subsidy code as not statutory, and a period that has passed', () => {
    for (const applicationId of [grantedId, deniedId])
      expect(planDecision(application({ applicationId, requestedTypeCode: 'PORI_KUNTALISA' }), decidedOn)).toEqual({
        applicationId,
        outcome: 'DENIED',
        percent: null,
        subsidyTypeCode: null,
        startDate: null,
        endDate: null,
        monthlyCapCents: null,
        denialReason: NOT_STATUTORY,
        decidedOn,
      });
    expect(
      planDecision(application({ applicationId: grantedId, requestedStart: '2025-01-01', requestedEnd: '2025-06-30' }), decidedOn),
    ).toMatchObject({
      outcome: 'DENIED',
      denialReason: 'the requested period has already ended',
    });
  });

  it('denies by the roll with a reason, granting nothing', () => {
    const decision = planDecision(application({ applicationId: deniedId }), decidedOn);
    expect(decision).toMatchObject({ outcome: 'DENIED', percent: null, startDate: null, endDate: null, monthlyCapCents: null });
    expect(DENIAL_REASONS).toContain(decision.denialReason);
  });

  it('grants partly by a lower share (70 → 50) or a shorter period', () => {
    const lower = planDecision(
      application({ applicationId: partlyId((r) => r < 0.5), requestedTypeCode: 'PALKKATUKI_70', requestedPercent: 70 }),
      decidedOn,
    );
    expect(lower).toMatchObject({
      outcome: 'PARTLY_GRANTED',
      subsidyTypeCode: 'PALKKATUKI_50',
      percent: 50,
      startDate: '2026-04-01',
      endDate: '2026-09-30',
    });
    const shorter = planDecision(application({ applicationId: partlyId() }), decidedOn);
    expect(shorter).toMatchObject({
      outcome: 'PARTLY_GRANTED',
      subsidyTypeCode: 'PALKKATUKI_50',
      percent: 50,
      startDate: '2026-04-01',
      endDate: '2026-06-30',
    });
    expect(shorter.denialReason).toContain('3 months');
  });

  it('gives one decision id per application', () => {
    expect(decisionIdFor('app-1')).toBe(decisionIdFor('app-1'));
    expect(decisionIdFor('app-1')).not.toBe(decisionIdFor('app-2'));
    expect(decisionIdFor('app-1')).toMatch(/^PT-[0-9A-F]{16}$/);
  });
});
