import crypto from 'node:crypto';

import { addDays, addMonths, compareDates, IsoDate, monthsInPeriod } from '../../modules/shared/calendar';
import type { InboundDecision, WageSubsidyApplicationMessage } from './wage-subsidy.port';

/**
 * The subsidy types the simulated authority knows, with the share of pay, the longest period and
 * the monthly ceiling it grants. Figures for the simulator, close to the 2025 rules; not legal advice.
 */
export const STATUTORY_SUBSIDIES: Readonly<Record<string, { percent: number; maxMonths: number; monthlyCapCents: number }>> = {
  /** Lacking vocational skills. */
  PALKKATUKI_50: { percent: 50, maxMonths: 10, monthlyCapCents: 140_000 },
  /** Disability or illness that reduces work capacity. */
  PALKKATUKI_70: { percent: 70, maxMonths: 24, monthlyCapCents: 140_000 },
  /** Associations, foundations and religious communities, non-business work. */
  PALKKATUKI_100: { percent: 100, maxMonths: 12, monthlyCapCents: 140_000 },
  /** Employment support for people aged 55 or over. */
  TYOLLISTAMISTUKI_55: { percent: 70, maxMonths: 24, monthlyCapCents: 140_000 },
};

/** When a type's share is lowered in a partial grant, the type granted instead. */
const LOWER_TYPE: Readonly<Record<string, string>> = { PALKKATUKI_70: 'PALKKATUKI_50', PALKKATUKI_100: 'PALKKATUKI_70' };

export const DENIAL_REASONS = [
  'the employer has unpaid taxes or pension contributions',
  'the person is not a registered unemployed jobseeker',
  'the same employer was granted a subsidy for the same person within the past 12 months',
  'the employment was made before the decision and without a binding commitment',
  'the work is not additional: the employer has dismissed staff from the same tasks',
];

export const NOT_STATUTORY = 'not a statutory subsidy';

/** Three numbers in [0, 1) from the application id: the same application is decided the same way every time. */
export function decisionRolls(applicationId: string): [number, number, number] {
  const hash = crypto.createHash('sha256').update(applicationId).digest();
  return [hash.readUInt32BE(0) / 2 ** 32, hash.readUInt32BE(4) / 2 ** 32, hash.readUInt32BE(8) / 2 ** 32];
}

/** Shares of outcomes: rolls below `granted` are granted in full (as far as the rules allow), then partly granted, the rest denied. */
export const OUTCOME_SHARES = { granted: 0.7, partlyGranted: 0.85 } as const;

export type PlannedDecision = Omit<InboundDecision, 'decisionId' | 'authority'>;

const denied = (applicationId: string, decidedOn: IsoDate, reason: string): PlannedDecision => ({
  applicationId,
  outcome: 'DENIED',
  percent: null,
  subsidyTypeCode: null,
  startDate: null,
  endDate: null,
  monthlyCapCents: null,
  denialReason: reason,
  decidedOn,
});

const lastDayOf = (start: IsoDate, months: number): IsoDate => addDays(addMonths(start, months), -1);
const minDate = (a: IsoDate, b: IsoDate) => (compareDates(a, b) <= 0 ? a : b);

/**
 * How the simulated authority decides an application on `decidedOn`, deterministic from its id:
 *
 * - a type code that is not one of `STATUTORY_SUBSIDIES` (a municipality's own supplement) is
 *   DENIED as 'not a statutory subsidy'; a period that has ended (or ends before it starts) too;
 * - otherwise, by the first roll: 70 % GRANTED, 15 % PARTLY_GRANTED, 15 % DENIED with one of
 *   `DENIAL_REASONS` (second roll);
 * - a grant covers the requested period, but never starts before the decision and never runs
 *   beyond the type's longest period, at the requested share up to the type's own; when any of
 *   that cuts the request it is PARTLY_GRANTED with the reason in `denialReason`;
 * - a partial grant (by the roll) lowers the share to the lower type's (70 → 50, 100 → 70) or,
 *   where there is none or by the second roll, halves the period (at least a month).
 */
export function planDecision(application: WageSubsidyApplicationMessage, decidedOn: IsoDate): PlannedDecision {
  const { applicationId } = application;
  const requested = STATUTORY_SUBSIDIES[application.requestedTypeCode];
  if (!requested) return denied(applicationId, decidedOn, NOT_STATUTORY);
  if (compareDates(application.requestedEnd, application.requestedStart) < 0)
    return denied(applicationId, decidedOn, 'the requested period ends before it starts');
  if (compareDates(application.requestedEnd, decidedOn) < 0) return denied(applicationId, decidedOn, 'the requested period has already ended');

  const [outcomeRoll, detailRoll] = decisionRolls(applicationId);
  if (outcomeRoll >= OUTCOME_SHARES.partlyGranted)
    return denied(applicationId, decidedOn, DENIAL_REASONS[Math.floor(detailRoll * DENIAL_REASONS.length)]);

  const cuts: string[] = [];
  let typeCode = application.requestedTypeCode;
  let type = requested;
  let percent = Math.min(application.requestedPercent, type.percent);
  if (percent < application.requestedPercent) cuts.push(`the share is at most ${type.percent} %`);
  let startDate = application.requestedStart;
  if (compareDates(startDate, decidedOn) < 0) {
    startDate = decidedOn;
    cuts.push('a subsidy cannot start before its decision');
  }
  let endDate = application.requestedEnd;

  if (outcomeRoll >= OUTCOME_SHARES.granted) {
    const lower = LOWER_TYPE[typeCode];
    if (lower && detailRoll < 0.5) {
      typeCode = lower;
      type = STATUTORY_SUBSIDIES[lower];
      percent = Math.min(percent, type.percent);
      cuts.push(`granted as ${lower}: the conditions of the higher share were not shown`);
    } else {
      const months = Math.max(1, Math.floor(monthsInPeriod(startDate, endDate) / 2));
      const shorter = minDate(endDate, lastDayOf(startDate, months));
      if (shorter !== endDate) {
        endDate = shorter;
        cuts.push(`granted for ${months} month${months === 1 ? '' : 's'} to begin with`);
      }
    }
  }
  const longest = lastDayOf(startDate, type.maxMonths);
  if (compareDates(endDate, longest) > 0) {
    endDate = longest;
    cuts.push(`${typeCode} is granted for at most ${type.maxMonths} months`);
  }

  return {
    applicationId,
    outcome: cuts.length ? 'PARTLY_GRANTED' : 'GRANTED',
    percent,
    subsidyTypeCode: typeCode,
    startDate,
    endDate,
    monthlyCapCents: type.monthlyCapCents,
    denialReason: cuts.length ? cuts.join('; ') : null,
    decidedOn,
  };
}

/** The decision's id: from the application's (one decision per application), so it stays the same however often it is asked for. */
export function decisionIdFor(applicationId: string, prefix = 'PT-'): string {
  return `${prefix}${crypto.createHash('sha256').update(`decision:${applicationId}`).digest('hex').slice(0, 16).toUpperCase()}`;
}
