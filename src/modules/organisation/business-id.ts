import { badInput } from '../../platform/errors';
import { OrganisationReason } from './organisation.reasons';

/** Finnish business ID (Y-tunnus): seven digits, a hyphen and a weighted mod-11 check digit. */
const SHAPE = /^(\d{7})-(\d)$/;
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2] as const;

/** Returns the check digit for seven digits, or null when no ID can be built on them (remainder 1). */
export function businessIdCheckDigit(digits: string): number | null {
  if (!/^\d{7}$/.test(digits)) throw new RangeError('A business ID body is exactly seven digits');
  const sum = WEIGHTS.reduce((total, weight, index) => total + weight * Number(digits[index]), 0);
  const remainder = sum % 11;
  if (remainder === 0) return 0;
  if (remainder === 1) return null;
  return 11 - remainder;
}

export function isValidBusinessId(input: string): boolean {
  const match = SHAPE.exec(typeof input === 'string' ? input.trim() : '');
  if (!match) return false;
  const expected = businessIdCheckDigit(match[1]);
  return expected !== null && expected === Number(match[2]);
}

/** Returns the trimmed ID or throws BAD_USER_INPUT. */
export function assertBusinessId(input: string, path = 'input.businessId'): string {
  if (!isValidBusinessId(input)) {
    throw badInput(path, 'A business ID has the form 1234567-8 with a valid check digit', OrganisationReason.INVALID_BUSINESS_ID);
  }
  return input.trim();
}
