import { ErrorCode } from '../../platform/errors';
import { ParticipationBasis, PeriodPhase } from '../coaching-period/period-phase';
import { captureDomainError } from '../shared/testing';
import {
  assertHostAllowed,
  assertNoOverlap,
  assertPeriodOpenForPlacements,
  assertPlacementDates,
  assertWithinPeriod,
  extendsRange,
  findOverlap,
  PlacementKind,
} from './placement-rules';

const existing = [
  { id: 'p1', start: '2025-01-01', end: '2025-01-31' },
  { id: 'p2', start: '2025-03-01', end: '2025-03-31' },
  { id: 'p3', start: '2025-06-01', end: null },
];

describe('findOverlap', () => {
  it('returns undefined when the candidate fits in a gap', () => {
    expect(findOverlap({ start: '2025-02-01', end: '2025-02-28' }, existing)).toBeUndefined();
    expect(findOverlap({ start: '2025-04-01', end: '2025-05-31' }, existing)).toBeUndefined();
  });

  it('finds an overlap on a shared end day', () => {
    expect(findOverlap({ start: '2025-01-31', end: '2025-02-10' }, existing)?.id).toBe('p1');
  });

  it('returns the first overlapping placement', () => {
    expect(findOverlap({ start: '2025-01-15', end: '2025-03-15' }, existing)?.id).toBe('p1');
  });

  it('handles open-ended candidates and existing placements', () => {
    expect(findOverlap({ start: '2025-04-01', end: null }, existing)?.id).toBe('p3');
    expect(findOverlap({ start: '2026-01-01', end: '2026-01-31' }, existing)?.id).toBe('p3');
    expect(findOverlap({ start: '2025-02-01', end: null }, existing.slice(0, 1))).toBeUndefined();
  });
});

describe('assertNoOverlap', () => {
  it('passes a non-overlapping candidate', () => {
    expect(() => assertNoOverlap({ start: '2025-02-01', end: '2025-02-28' }, existing)).not.toThrow();
  });

  it('throws PLACEMENT_OVERLAP naming the placement', () => {
    const error = captureDomainError(() => assertNoOverlap({ start: '2025-03-31', end: '2025-04-30' }, existing));
    expect(error.code).toBe(ErrorCode.CONFLICT);
    expect(error.reason).toBe('PLACEMENT_OVERLAP');
    expect(error.extensions.details).toEqual({ overlappingPlacementId: 'p2' });
  });

  it('refuses an end before the start on input.endDate', () => {
    const error = captureDomainError(() => assertNoOverlap({ start: '2025-02-10', end: '2025-02-09' }, []));
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.extensions.fields).toEqual([expect.objectContaining({ path: 'input.endDate' })]);
  });
});

describe('assertPlacementDates', () => {
  it('accepts one-day and open-ended placements', () => {
    expect(() => assertPlacementDates('2025-02-10', '2025-02-10')).not.toThrow();
    expect(() => assertPlacementDates('2025-02-10', null)).not.toThrow();
  });

  it('refuses malformed dates on the right field', () => {
    const start = captureDomainError(() => assertPlacementDates('10.2.2025', null));
    expect(start.extensions.fields).toEqual([expect.objectContaining({ path: 'input.startDate' })]);
    const end = captureDomainError(() => assertPlacementDates('2025-02-10', '2025-02-30'));
    expect(end.extensions.fields).toEqual([expect.objectContaining({ path: 'input.endDate' })]);
  });
});

describe('assertPeriodOpenForPlacements', () => {
  it('passes every active phase without an end date', () => {
    for (const phase of [PeriodPhase.INITIAL_MAPPING, PeriodPhase.PRE_COACHING, PeriodPhase.COACHING, PeriodPhase.CHECK_POINT]) {
      expect(() => assertPeriodOpenForPlacements({ phase, endDate: null })).not.toThrow();
    }
  });

  it.each([
    [PeriodPhase.ENDED, '2025-05-31'],
    [PeriodPhase.FOLLOW_UP, '2025-05-31'],
    [PeriodPhase.ENDED, null],
    [PeriodPhase.COACHING, '2025-05-31'],
  ])('refuses a %s period with end date %s as PERIOD_NOT_ACTIVE', (phase, endDate) => {
    const error = captureDomainError(() => assertPeriodOpenForPlacements({ phase, endDate }));
    expect(error.code).toBe(ErrorCode.CONFLICT);
    expect(error.reason).toBe('PERIOD_NOT_ACTIVE');
    expect(error.extensions.details).toEqual({ phase });
  });
});

describe('assertWithinPeriod', () => {
  const period = { start: '2025-01-01', end: '2025-06-30' };
  const pathOf = (fn: () => void) => {
    const error = captureDomainError(fn);
    expect(error.reason).toBe('OUTSIDE_PERIOD');
    return (error.extensions.fields as Array<{ path: string }>).map((f) => f.path);
  };

  it('accepts placements within the period, open-ended ones and any end in an open period', () => {
    expect(() => assertWithinPeriod({ start: '2025-01-01', end: '2025-06-30' }, period)).not.toThrow();
    expect(() => assertWithinPeriod({ start: '2025-03-01', end: null }, period)).not.toThrow();
    expect(() => assertWithinPeriod({ start: '2025-03-01', end: '2030-01-01' }, { start: '2025-01-01', end: null })).not.toThrow();
  });

  it('names the start, else the end, when both dates were given', () => {
    expect(pathOf(() => assertWithinPeriod({ start: '2024-12-31', end: '2025-01-31' }, period))).toEqual(['input.startDate']);
    expect(pathOf(() => assertWithinPeriod({ start: '2025-06-01', end: '2025-07-01' }, period))).toEqual(['input.endDate']);
    expect(pathOf(() => assertWithinPeriod({ start: '2025-07-01', end: '2025-07-31' }, period))).toEqual(['input.startDate']);
  });

  it('names the given end before a stored start that is also outside', () => {
    const onlyEnd = { start: false, end: true };
    expect(pathOf(() => assertWithinPeriod({ start: '2025-07-01', end: '2025-07-31' }, period, onlyEnd))).toEqual(['input.endDate']);
    // A stored start outside with a given end inside: the start is what must change.
    expect(pathOf(() => assertWithinPeriod({ start: '2024-12-01', end: '2025-01-31' }, period, onlyEnd))).toEqual(['input.startDate']);
    expect(pathOf(() => assertWithinPeriod({ start: '2025-06-01', end: '2025-07-31' }, period, { start: true, end: false }))).toEqual([
      'input.endDate',
    ]);
  });
});

it('PlacementKind has the four kinds with name-equal values', () => {
  expect(Object.entries(PlacementKind)).toEqual([
    ['WORK_TRIAL', 'WORK_TRIAL'],
    ['ON_THE_JOB_COACHING', 'ON_THE_JOB_COACHING'],
    ['PRE_COACHING', 'PRE_COACHING'],
    ['EMPLOYMENT', 'EMPLOYMENT'],
  ]);
});

describe('assertHostAllowed', () => {
  const company = { partnerCompanyId: 'c-1', companyIsNonProfit: false };

  it('refuses a business as host of rehabilitative work activity', () => {
    const error = captureDomainError(() => assertHostAllowed(ParticipationBasis.REHABILITATIVE_WORK, company));
    expect(error.code).toBe(ErrorCode.CONFLICT);
    expect(error.reason).toBe('REHABILITATIVE_WORK_IN_COMPANY');
    expect(error.extensions.fields).toEqual([expect.objectContaining({ path: 'input.partnerCompanyId' })]);
    expect(error.extensions.details).toEqual({ participationBasis: 'REHABILITATIVE_WORK', partnerCompanyId: 'c-1' });
  });

  it('allows a municipal unit, a registered association or foundation, and businesses for other bases', () => {
    expect(() => assertHostAllowed(ParticipationBasis.REHABILITATIVE_WORK, { partnerCompanyId: null })).not.toThrow();
    expect(() => assertHostAllowed(ParticipationBasis.REHABILITATIVE_WORK, { partnerCompanyId: 'c-2', companyIsNonProfit: true })).not.toThrow();
    for (const basis of [ParticipationBasis.WORK_TRIAL, ParticipationBasis.CAREER_COACHING, ParticipationBasis.EMPLOYMENT]) {
      expect(() => assertHostAllowed(basis, company)).not.toThrow();
    }
  });

  it('lets a change that only shortens a stored company placement through', () => {
    expect(() => assertHostAllowed(ParticipationBasis.REHABILITATIVE_WORK, company, false)).not.toThrow();
  });
});

describe('extendsRange', () => {
  const stored = { start: '2025-03-01', end: '2025-03-31' };
  it.each([
    [{ start: '2025-02-28', end: '2025-03-31' }, true],
    [{ start: '2025-03-01', end: '2025-04-01' }, true],
    [{ start: '2025-03-01', end: null }, true],
    [{ start: '2025-03-02', end: '2025-03-31' }, false],
    [{ start: '2025-03-01', end: '2025-03-15' }, false],
    [{ start: '2025-03-01', end: '2025-03-31' }, false],
  ])('%p extends 1–31 March: %s', (next, expected) => {
    expect(extendsRange(stored, next)).toBe(expected);
  });

  it('never extends an open-ended placement by ending it', () => {
    expect(extendsRange({ start: '2025-03-01', end: null }, { start: '2025-03-01', end: '2025-06-30' })).toBe(false);
  });
});
