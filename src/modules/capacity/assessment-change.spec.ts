import { ErrorCode } from '../../platform/errors';
import { captureDomainError } from '../shared/testing';
import {
  assertAssessedWithinPeriod,
  CapacityDimension,
  compareAssessments,
  defaultCapacityDimensions,
  ItemScore,
  validateScores,
} from './assessment-change';

const score = (itemId: string, dimension: string, value: number): ItemScore => ({ itemId, dimension, score: value });

describe('compareAssessments', () => {
  it('computes per-dimension means and their change', () => {
    const earlier = [
      score('p1', 'PHYSICAL', 2),
      score('p2', 'PHYSICAL', 3),
      score('s1', 'SOCIAL', 4),
      score('s2', 'SOCIAL', 4),
      score('s3', 'SOCIAL', 3),
    ];
    const later = [score('p1', 'PHYSICAL', 4), score('p2', 'PHYSICAL', 4), score('s1', 'SOCIAL', 3)];
    expect(compareAssessments(earlier, later)).toEqual([
      { dimension: 'PHYSICAL', earlierMean: 2.5, laterMean: 4, change: 1.5 },
      { dimension: 'SOCIAL', earlierMean: 3.67, laterMean: 3, change: -0.67 },
    ]);
  });

  it('gives null change for a dimension on one side only', () => {
    const result = compareAssessments([score('c1', 'COGNITIVE', 3)], [score('w1', 'WORK_SKILLS', 5)]);
    expect(result).toEqual([
      { dimension: 'COGNITIVE', earlierMean: 3, laterMean: null, change: null },
      { dimension: 'WORK_SKILLS', earlierMean: null, laterMean: 5, change: null },
    ]);
  });

  it('orders by the meter, then unknown dimensions alphabetically', () => {
    const later = [score('x', 'ZETA', 3), score('w', 'WORK_SKILLS', 3), score('a', 'ALPHA', 3), score('p', 'PHYSICAL', 3)];
    expect(compareAssessments([], later).map((row) => row.dimension)).toEqual(['PHYSICAL', 'WORK_SKILLS', 'ALPHA', 'ZETA']);
  });

  it('follows a custom dimension order', () => {
    const later = [score('p', 'PHYSICAL', 3), score('s', 'SOCIAL', 3)];
    expect(compareAssessments([], later, ['SOCIAL', 'PHYSICAL']).map((row) => row.dimension)).toEqual(['SOCIAL', 'PHYSICAL']);
  });

  it('returns nothing for two empty assessments', () => {
    expect(compareAssessments([], [])).toEqual([]);
  });

  it('rejects an invalid score on either side', () => {
    const error = captureDomainError(() =>
      compareAssessments([score('p1', 'PHYSICAL', 3)], [score('p1', 'PHYSICAL', 3), score('p2', 'PHYSICAL', 6)]),
    );
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.extensions.fields).toEqual([expect.objectContaining({ path: 'later.scores[1].score' })]);
  });
});

describe('validateScores', () => {
  it('accepts whole scores 1–5', () => {
    expect(() => validateScores([1, 2, 3, 4, 5].map((value) => score(`i${value}`, 'SOCIAL', value)))).not.toThrow();
  });

  it.each([0, 6, 2.5, Number.NaN])('rejects score %p on input.scores[i].score', (value) => {
    const error = captureDomainError(() => validateScores([score('a', 'SOCIAL', 3), score('b', 'SOCIAL', value)]));
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.reason).toBe('SCORE_OUT_OF_RANGE');
    expect(error.extensions.fields).toEqual([expect.objectContaining({ path: 'input.scores[1].score' })]);
  });

  it('rejects an item scored twice', () => {
    const error = captureDomainError(() => validateScores([score('a', 'SOCIAL', 3), score('a', 'SOCIAL', 4)]));
    expect(error.reason).toBe('DUPLICATE_ITEM_SCORE');
    expect(error.extensions.fields).toEqual([expect.objectContaining({ path: 'input.scores[1].itemId' })]);
  });
});

it('lists the five default dimensions in meter order', () => {
  expect(defaultCapacityDimensions).toEqual(['PHYSICAL', 'PSYCHOLOGICAL', 'SOCIAL', 'COGNITIVE', 'WORK_SKILLS']);
  expect(CapacityDimension.WORK_SKILLS).toBe('WORK_SKILLS');
});

describe('assertAssessedWithinPeriod', () => {
  it('accepts both end days of an ended period and any later day of a running one', () => {
    const ended = { start: '2025-01-01', end: '2025-06-30' };
    expect(() => assertAssessedWithinPeriod('2025-01-01', ended)).not.toThrow();
    expect(() => assertAssessedWithinPeriod('2025-06-30', ended)).not.toThrow();
    expect(() => assertAssessedWithinPeriod('2026-03-01', { start: '2025-01-01', end: null })).not.toThrow();
  });

  it.each([
    ['2024-12-31', null],
    ['2024-12-31', '2025-06-30'],
    ['2025-07-01', '2025-06-30'],
  ])('refuses %s in a period from 2025-01-01 to %s on input.assessedOn', (assessedOn, end) => {
    const error = captureDomainError(() => assertAssessedWithinPeriod(assessedOn, { start: '2025-01-01', end }));
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.reason).toBe('DATE_OUTSIDE_PERIOD');
    expect(error.extensions.fields).toEqual([expect.objectContaining({ path: 'input.assessedOn' })]);
  });
});
