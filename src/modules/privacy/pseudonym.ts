import { createHash } from 'node:crypto';

/** First name of every pseudonymised trainee; the last name carries the stable part. */
export const PSEUDONYM_FIRST_NAME = 'Pseudonym';

/** Hex digits of the derived part: 40 bits, so two of a few hundred thousand trainees practically never share one. */
export const PSEUDONYM_LENGTH = 10;

/**
 * The stable pseudonym of a trainee: derived from the row id alone (SHA-256, first 10 hex digits,
 * upper case), so the same trainee always gets the same name, lists stay sortable, and nothing in
 * it comes from the person. `pseudonymSql` computes the same value inside PostgreSQL.
 */
export function pseudonymFor(traineeId: string): { firstName: string; lastName: string } {
  const digest = createHash('sha256').update(traineeId.toLowerCase()).digest('hex');
  return { firstName: PSEUDONYM_FIRST_NAME, lastName: digest.slice(0, PSEUDONYM_LENGTH).toUpperCase() };
}

/** "Pseudonym 7F3A9C21E0": how a pseudonymised trainee reads in lists. */
export function pseudonymDisplayName(traineeId: string): string {
  const { firstName, lastName } = pseudonymFor(traineeId);
  return `${firstName} ${lastName}`;
}

/** SQL for the last name of `pseudonymFor`, given an expression holding the trainee id (uuid). */
export function pseudonymSql(idExpression: string): string {
  return `upper(left(encode(sha256(convert_to(lower(${idExpression}::text), 'UTF8')), 'hex'), ${PSEUDONYM_LENGTH}))`;
}

/** Birth dates keep only the year (age-group statistics need it; the exact day helps re-identify). */
export function birthYearOnly(birthDate: string): string {
  return `${birthDate.slice(0, 4)}-01-01`;
}
