import { badInput } from '../../platform/errors';
import { localized } from '../shared/localized-text';
import type { SubsidyType } from './organisation.entities';
import { OrganisationReason } from './organisation.reasons';

/**
 * Most the statutory subsidy pays a month (Government Decree 1073/2022 as in force in 2026):
 * the same cap for every statutory type. Data, not logic: a change of the decree changes this.
 */
const STATUTORY_MONTHLY_CAP_CENTS = 140_000;

/**
 * The statutory wage subsidies (palkkatuki, Act 916/2012 as reformed 1.7.2023; decided by the
 * employment area since 2025): every organisation may name these. Percentages and lengths are
 * the usual ones; the amounts change and are not kept here. Municipal subsidies of an
 * organisation's own (e.g. a kuntalisä) are its `subsidyTypes`, with codes that differ from these.
 */
export const NATIONAL_SUBSIDY_TYPES: readonly SubsidyType[] = Object.freeze([
  {
    code: 'PALKKATUKI_50',
    name: localized('Palkkatuki 50 %', 'Lönesubvention 50 %', 'Wage subsidy 50%'),
    percent: 50,
    maxMonths: 10,
    monthlyCapCents: STATUTORY_MONTHLY_CAP_CENTS,
    minAge: null,
  },
  {
    code: 'PALKKATUKI_70',
    name: localized('Palkkatuki 70 % (alentunut työkyky)', 'Lönesubvention 70 % (nedsatt arbetsförmåga)', 'Wage subsidy 70% (reduced work ability)'),
    percent: 70,
    maxMonths: 24,
    monthlyCapCents: STATUTORY_MONTHLY_CAP_CENTS,
    minAge: null,
  },
  {
    code: 'PALKKATUKI_100',
    name: localized(
      'Palkkatuki 100 % (yhdistys, säätiö, uskonnollinen yhdyskunta)',
      'Lönesubvention 100 % (förening, stiftelse, religiöst samfund)',
      'Wage subsidy 100% (association or foundation)',
    ),
    percent: 100,
    maxMonths: 12,
    monthlyCapCents: STATUTORY_MONTHLY_CAP_CENTS,
    minAge: null,
  },
  {
    code: 'TYOLLISTAMISTUKI_55',
    name: localized(
      '55 vuotta täyttäneiden työllistämistuki',
      'Sysselsättningsstöd för personer som fyllt 55 år',
      'Employment subsidy for people aged 55+',
    ),
    percent: 70,
    maxMonths: 24,
    monthlyCapCents: STATUTORY_MONTHLY_CAP_CENTS,
    // For people who have turned 55 and been unemployed for at least 12 months of the last 15.
    minAge: 55,
  },
]);

const nationalCodes = new Set(NATIONAL_SUBSIDY_TYPES.map((type) => type.code));

export function isNationalSubsidyType(code: string): boolean {
  return nationalCodes.has(code);
}

/** The subsidy types an organisation's outcomes may name: the national ones, then its own. */
export function subsidyTypesOf(own: readonly SubsidyType[]): SubsidyType[] {
  return [...NATIONAL_SUBSIDY_TYPES, ...own];
}

/** A subsidy type named in an input must be national or the organisation's own: otherwise bad input at `path`. */
export function assertKnownSubsidyType(code: string, own: readonly SubsidyType[], path: string): void {
  if (isNationalSubsidyType(code) || own.some((type) => type.code === code)) return;
  throw badInput(path, 'Not a national subsidy type nor one of the organisation’s own', OrganisationReason.UNKNOWN_SUBSIDY_TYPE);
}
