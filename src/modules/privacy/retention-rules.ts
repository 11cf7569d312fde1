import { addMonths, compareDates, IsoDate } from '../shared/calendar';

/**
 * The retention cut-off: a trainee whose matter closed (last period ended, last follow-up, last
 * referral decision) *before* this day is pseudonymised. `years` after the close, to the day; a
 * close on 29 February counts from 28 February in common years (calendar-month arithmetic, as
 * Finnish deadline law does).
 */
export function retentionCutoff(today: IsoDate, years: number): IsoDate {
  if (!Number.isInteger(years) || years < 1) throw new RangeError(`retention years must be a positive integer, got ${years}`);
  return addMonths(today, -12 * years);
}

/** The cut-offs of one run: the deployment's (RETENTION_YEARS) and each organisation's own (retention_years). */
export interface RetentionCutoffs {
  /** RETENTION_YEARS: for an organisation that keeps no period of its own (and one created during the run). */
  default: IsoDate;
  /** Organisation id → its cut-off, for every organisation (with its own period or the default). */
  byOrganisation: Record<string, { retentionYears: number; cutoff: IsoDate }>;
}

/** Each organisation's cut-off: its own retention period where it has set one, else the deployment's. */
export function retentionCutoffs(
  today: IsoDate,
  defaultYears: number,
  organisations: ReadonlyArray<{ id: string; retentionYears: number | null }>,
): RetentionCutoffs {
  const byOrganisation: RetentionCutoffs['byOrganisation'] = {};
  for (const organisation of organisations) {
    const retentionYears = organisation.retentionYears ?? defaultYears;
    byOrganisation[organisation.id] = { retentionYears, cutoff: retentionCutoff(today, retentionYears) };
  }
  return { default: retentionCutoff(today, defaultYears), byOrganisation };
}

/** The cut-offs as the JSON the retention SQL takes (`{"default": day, "<organisation id>": day, …}`). */
export function cutoffsParameter(cutoffs: RetentionCutoffs): string {
  return JSON.stringify({
    default: cutoffs.default,
    ...Object.fromEntries(Object.entries(cutoffs.byOrganisation).map(([id, { cutoff }]) => [id, cutoff])),
  });
}

/** The cut-off of trainee `alias`: its organisation's from the JSON parameter, else the default. */
export function organisationCutoffSql(cutoffsParam: string, alias = 't'): string {
  return `COALESCE((${cutoffsParam}::jsonb ->> ${alias}.organisation_id::text), ${cutoffsParam}::jsonb ->> 'default')::date`;
}

/**
 * What decides whether a trainee's data has outlived the retention period, as facts the database
 * gives per trainee. `lastActivity` is the latest of: period end dates, outcome observation
 * dates, referral receipt and decision dates; when none exist, the day the trainee was created.
 */
export interface RetentionFacts {
  openPeriods: number;
  openReferrals: number;
  lastActivity: IsoDate;
  pseudonymised: boolean;
}

export type RetentionDecision = 'PSEUDONYMISE' | 'ALREADY_PSEUDONYMISED' | 'OPEN_PERIOD' | 'OPEN_REFERRAL' | 'WITHIN_RETENTION';

/** The rule in one place; `retentionEligibilitySql` is the same rule for the database and must agree. */
export function retentionDecision(facts: RetentionFacts, cutoff: IsoDate): RetentionDecision {
  if (facts.pseudonymised) return 'ALREADY_PSEUDONYMISED';
  if (facts.openPeriods > 0) return 'OPEN_PERIOD';
  if (facts.openReferrals > 0) return 'OPEN_REFERRAL';
  return compareDates(facts.lastActivity, cutoff) < 0 ? 'PSEUDONYMISE' : 'WITHIN_RETENTION';
}

/** Phases after which a period is closed (ENDED, FOLLOW_UP); anything else, or no end date, is open. */
export const CLOSED_PERIOD_PHASES = ['ENDED', 'FOLLOW_UP'] as const;
/** Referral states that are still open (RECEIVED, ACCEPTED): a new matter is under way. */
export const OPEN_REFERRAL_STATES = ['RECEIVED', 'ACCEPTED'] as const;

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/** Local day in Finland of a timestamptz column. */
const finnishDay = (column: string) => `(${column} AT TIME ZONE 'Europe/Helsinki')::date`;

/**
 * The last-activity day of trainee `t` (see RetentionFacts). GREATEST ignores NULLs, so a trainee
 * with no periods falls back to referrals, and one with nothing at all to its creation day.
 */
export function lastActivitySql(alias = 't'): string {
  return `COALESCE(GREATEST(
      (SELECT max(p.end_date) FROM coaching_period p WHERE p.trainee_id = ${alias}.id),
      (SELECT max(o.observed_on) FROM outcome o WHERE o.trainee_id = ${alias}.id),
      (SELECT max(GREATEST(${finnishDay('r.received_at')}, ${finnishDay('r.decided_at')})) FROM referral r WHERE r.trainee_id = ${alias}.id)
    ), ${finnishDay(`${alias}.created_at`)})`;
}

/**
 * WHERE condition over trainee alias `t` for "pseudonymise now", with the cut-offs (the JSON of
 * `cutoffsParameter`: each organisation's own) as the parameter `cutoffsParam`. Used both to
 * select a batch and, after locking, to re-check it.
 */
export function retentionEligibilitySql(cutoffsParam: string, alias = 't'): string {
  return `${alias}.pseudonymised_at IS NULL
    AND NOT EXISTS (SELECT 1 FROM coaching_period p WHERE p.trainee_id = ${alias}.id
                    AND (p.end_date IS NULL OR p.phase NOT IN (${list(CLOSED_PERIOD_PHASES)})))
    AND NOT EXISTS (SELECT 1 FROM referral r WHERE r.trainee_id = ${alias}.id AND r.state IN (${list(OPEN_REFERRAL_STATES)}))
    AND ${lastActivitySql(alias)} < ${organisationCutoffSql(cutoffsParam, alias)}`;
}

/**
 * One batch of trainees to pseudonymise, locked for this transaction. SKIP LOCKED lets two
 * instances run at once (each takes other rows) and skips a trainee someone is editing right now;
 * `FOR UPDATE` also blocks new periods/referrals for the locked trainees (their foreign-key check
 * needs a KEY SHARE lock) until the batch commits. $1 = the cut-offs (JSON), $2 = batch size.
 */
export function retentionBatchSql(): string {
  return `SELECT t.id FROM trainee t
    WHERE ${retentionEligibilitySql('$1')}
    ORDER BY t.id
    LIMIT $2
    FOR UPDATE OF t SKIP LOCKED`;
}
