import { businessIdCheckDigit, isValidBusinessId } from '../modules/organisation/business-id';
import type { IsoDate } from '../modules/shared/calendar';
import { parseIdentityCode } from '../modules/trainee/identity-code';
import { parseCalendar } from './dates';
import type { Rng } from './random';

const CONTROL_ALPHABET = '0123456789ABCDEFHJKLMNPRSTUVWXY';

export interface GeneratedIdentityCode {
  code: string;
  birthDate: IsoDate;
  temporary: boolean;
}

/**
 * A valid henkilötunnus for the birth date: century sign, individual number and the mod-31
 * control character. `temporary` draws the individual number from 900–999. Checked with the
 * service's own parser so the demo never holds a code the API would refuse.
 */
export function identityCodeFor(
  rng: Rng,
  birthDate: IsoDate,
  options: { temporary?: boolean; newCenturySign?: boolean } = {},
): GeneratedIdentityCode {
  const { year, month, day } = parseCalendar(birthDate);
  const century = Math.floor(year / 100) * 100;
  const signs =
    century === 1900 ? (options.newCenturySign ? ['Y', 'X'] : ['-']) : century === 2000 ? (options.newCenturySign ? ['B', 'C'] : ['A']) : ['+'];
  const sign = rng.pick(signs);
  const individual = options.temporary ? rng.int(900, 999) : rng.int(2, 899);
  const body = `${pad(day)}${pad(month)}${pad(year % 100)}`;
  const nnn = String(individual).padStart(3, '0');
  const control = CONTROL_ALPHABET[Number(`${body}${nnn}`) % 31];
  const code = `${body}${sign}${nnn}${control}`;
  const parsed = parseIdentityCode(code);
  if (!parsed.ok || parsed.value.birthDate !== birthDate)
    throw new Error(`generated an invalid identity code (${parsed.ok ? 'date' : parsed.reason})`);
  return { code, birthDate, temporary: parsed.value.temporary };
}

/** A valid Y-tunnus: seven digits and the weighted mod-11 check digit (bodies with remainder 1 are skipped). */
export function businessIdFor(rng: Rng): string {
  for (;;) {
    const digits = `${rng.int(0, 3)}${String(rng.int(0, 999_999)).padStart(6, '0')}`;
    const check = businessIdCheckDigit(digits);
    if (check === null) continue;
    const id = `${digits}-${check}`;
    if (!isValidBusinessId(id)) throw new Error('generated an invalid business ID');
    return id;
  }
}

const pad = (value: number) => String(value).padStart(2, '0');
