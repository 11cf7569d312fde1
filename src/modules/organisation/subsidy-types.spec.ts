import { DomainError } from '../../platform/errors';
import { localized } from '../shared/localized-text';
import { assertKnownSubsidyType, isNationalSubsidyType, NATIONAL_SUBSIDY_TYPES, subsidyTypesOf } from './subsidy-types';

const own = [{ code: 'KUNTALISA', name: localized('Kuntalisä', 'Kommuntillägg', 'Municipal supplement'), percent: null, maxMonths: 12 }];

describe('subsidy types', () => {
  it('knows the statutory wage subsidies by code', () => {
    expect(NATIONAL_SUBSIDY_TYPES.map((t) => t.code)).toEqual(['PALKKATUKI_50', 'PALKKATUKI_70', 'PALKKATUKI_100', 'TYOLLISTAMISTUKI_55']);
    expect(isNationalSubsidyType('PALKKATUKI_70')).toBe(true);
    expect(isNationalSubsidyType('KUNTALISA')).toBe(false);
  });

  it('offers the national types first, then the organisation’s own', () => {
    expect(subsidyTypesOf(own).map((t) => t.code)).toEqual([...NATIONAL_SUBSIDY_TYPES.map((t) => t.code), 'KUNTALISA']);
  });

  it('accepts a national or own code and refuses any other at the given path', () => {
    expect(() => assertKnownSubsidyType('PALKKATUKI_50', [], 'input.subsidyType')).not.toThrow();
    expect(() => assertKnownSubsidyType('KUNTALISA', own, 'input.subsidyType')).not.toThrow();
    let error: unknown;
    try {
      assertKnownSubsidyType('KUNTALISA', [], 'input.subsidyType');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'UNKNOWN_SUBSIDY_TYPE',
      fields: [{ path: 'input.subsidyType' }],
    });
  });
});
