import { badInput } from '../../platform/errors';
import { formatIsoDate, IsoDate, isValidCalendarDate } from '../shared/calendar';
import { TraineeReason } from './trainee.reasons';

/**
 * Finnish personal identity code (henkilötunnus): DDMMYY, century sign, 3-digit individual
 * number, control character.
 *
 * Deliberately not derived: gender. The code's parity rule is not a reliable statement of gender
 * and the service has no need for it.
 */
export interface IdentityCode {
  /** Trimmed and upper-cased; the century sign is kept as given because since 2023 two people
   * can have codes that differ only by it ('-' vs 'Y'). */
  normalized: string;
  birthDate: IsoDate;
  /** Individual number 900–999: a temporary code not in the population register. */
  temporary: boolean;
}

export type IdentityCodeProblem = 'FORMAT' | 'DATE' | 'CHECKSUM' | 'CENTURY_SIGN';

export type IdentityCodeResult = { ok: true; value: IdentityCode } | { ok: false; reason: IdentityCodeProblem; message: string };

const CONTROL_ALPHABET = '0123456789ABCDEFHJKLMNPRSTUVWXY';

/** Century signs; the letters were added in 2023 when the old signs ran short. */
const CENTURY_BY_SIGN: Readonly<Record<string, number>> = {
  '+': 1800,
  '-': 1900,
  Y: 1900,
  X: 1900,
  W: 1900,
  V: 1900,
  U: 1900,
  A: 2000,
  B: 2000,
  C: 2000,
  D: 2000,
  E: 2000,
  F: 2000,
};

const SHAPE = /^(\d{2})(\d{2})(\d{2})(.)(\d{3})(.)$/;

export interface ParseIdentityCodeOptions {
  /** When given, a birth date after this day is refused. */
  today?: IsoDate;
}

export function parseIdentityCode(input: string, options: ParseIdentityCodeOptions = {}): IdentityCodeResult {
  const normalized = (typeof input === 'string' ? input : '').trim().toUpperCase();
  const match = SHAPE.exec(normalized);
  if (!match) {
    return { ok: false, reason: 'FORMAT', message: 'An identity code has the form DDMMYYCNNNX (11 characters)' };
  }
  const [, dd, mm, yy, sign, individual, control] = match;

  const century = CENTURY_BY_SIGN[sign];
  if (century === undefined) {
    return { ok: false, reason: 'CENTURY_SIGN', message: `'${sign}' is not a century sign` };
  }
  if (!CONTROL_ALPHABET.includes(control)) {
    return { ok: false, reason: 'FORMAT', message: `'${control}' can never be a control character` };
  }
  // 000 and 001 are never issued.
  if (Number(individual) < 2) {
    return { ok: false, reason: 'FORMAT', message: 'The individual number must be between 002 and 999' };
  }

  const year = century + Number(yy);
  const [month, day] = [Number(mm), Number(dd)];
  if (!isValidCalendarDate(year, month, day)) {
    return { ok: false, reason: 'DATE', message: 'The identity code does not contain a valid birth date' };
  }
  const birthDate = formatIsoDate({ year, month, day });
  if (options.today !== undefined && birthDate > options.today) {
    return { ok: false, reason: 'DATE', message: 'The birth date in the identity code is in the future' };
  }

  const expected = CONTROL_ALPHABET[Number(`${dd}${mm}${yy}${individual}`) % 31];
  if (control !== expected) {
    return { ok: false, reason: 'CHECKSUM', message: 'The control character of the identity code does not match' };
  }

  return { ok: true, value: { normalized, birthDate, temporary: Number(individual) >= 900 } };
}

/**
 * For resolvers: returns the parsed code or throws BAD_USER_INPUT. The message never repeats the
 * code itself, because error messages end up in logs and client error trackers.
 */
export function assertIdentityCode(input: string, path = 'input.identityCode', options: ParseIdentityCodeOptions = {}): IdentityCode {
  const result = parseIdentityCode(input, options);
  if (!result.ok) throw badInput(path, result.message, TraineeReason.INVALID_IDENTITY_CODE);
  return result.value;
}
