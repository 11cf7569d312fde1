import { ErrorCode } from '../../platform/errors';
import { captureDomainError } from '../shared/testing';
import { assertNoOverlap, assertPlacementDates, findOverlap, PlacementKind } from './placement-rules';

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

it('PlacementKind has the four kinds with name-equal values', () => {
  expect(Object.entries(PlacementKind)).toEqual([
    ['WORK_TRIAL', 'WORK_TRIAL'],
    ['ON_THE_JOB_COACHING', 'ON_THE_JOB_COACHING'],
    ['PRE_COACHING', 'PRE_COACHING'],
    ['EMPLOYMENT', 'EMPLOYMENT'],
  ]);
});
