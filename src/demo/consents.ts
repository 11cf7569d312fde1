import { PeriodPhase } from '../modules/coaching-period/period-phase';
import { ProfileConsent } from '../modules/consent/consent.entity';
import { ConsentScope } from '../modules/consent/consent-scope';
import { addDays, compareDates, IsoDate } from '../modules/shared/calendar';
import type { Row, SeedContext } from './context';
import { minDate } from './dates';
import type { Lifecycle, PeriodPlan } from './lifecycle';
import type { Organisation, SeededCompany } from './organisation';

const GIVEN_NOTES = [
  'Allekirjoitettu suostumuslomake arkistoitu.',
  'Suostumus annettu valmennuskeskustelussa, lomake allekirjoitettu.',
  'Suostumus osaamisprofiilin näyttämiseen työnhaun tueksi.',
  null,
];
const COMPANY_NOTES = [
  'Suostumus työhönvalmennusyritykselle rekrytointia varten.',
  'Yritys kysyi työkokeilun jälkeen; suostumus vain tälle yritykselle.',
];
const WITHDRAWN_NOTES = ['Peruttu valmentautujan pyynnöstä.', 'Valmentautuja työllistyi; suostumus peruttu.', null];

/**
 * Consents to show competence profiles to partner companies ("tested workforce"). Asked once a
 * trainee has reached the coaching phase, by the career agent (the coach when there is none):
 * about half of them agree, most to all partners, some only to the company of their on-the-job
 * placement or work trial, a few to both; some later withdraw, and a few of those consent again.
 */
export async function seedProfileConsents(ctx: SeedContext, org: Organisation, lifecycle: Lifecycle): Promise<void> {
  const rng = ctx.rng('consents');
  const profileIds = ctx.rng('competence-profile-ids');
  // Consents are never dated today: their times must not lie ahead of the seed's clock.
  const yesterday = addDays(ctx.today, -1);
  const rows: Row<ProfileConsent>[] = [];
  // The rarer cases appear at least once whatever the random stream does: the first candidate for each always takes it.
  const seen = { withdrawn: 0, reconsented: 0, both: 0 };

  const latest = new Map<string, PeriodPlan>();
  for (const period of lifecycle.periods) {
    const current = latest.get(period.trainee.id);
    if (!current || compareDates(period.start, current.start) > 0) latest.set(period.trainee.id, period);
  }

  const add = (
    period: PeriodPlan,
    scope: ConsentScope,
    company: SeededCompany | null,
    givenOn: IsoDate,
    note: string | null,
    withdrawnOn: IsoDate | null,
  ) => {
    const staff = (period.careerAgent ?? period.coach).actor;
    const givenAt = ctx.at(givenOn, rng.int(9, 14), rng.int(0, 59));
    const withdrawnAt = withdrawnOn ? ctx.at(withdrawnOn, rng.int(9, 15), rng.int(0, 59)) : null;
    rows.push({
      id: ctx.id(),
      traineeId: period.trainee.id,
      scope,
      partnerCompanyId: company?.id ?? null,
      profileId: profileIds.uuid(),
      givenAt,
      givenBy: staff.userId,
      withdrawnAt,
      withdrawnBy: withdrawnAt ? staff.userId : null,
      note: withdrawnOn ? (rng.pick(WITHDRAWN_NOTES) ?? note) : note,
      createdAt: givenAt,
      updatedAt: withdrawnAt ?? givenAt,
    });
  };

  for (const period of latest.values()) {
    const coachingStart = period.steps.find((step) => step.phase === PeriodPhase.COACHING)?.on;
    // Too early to show anyone a profile before coaching proper (initial mapping, pre-coaching).
    if (!coachingStart || compareDates(addDays(coachingStart, 7), yesterday) > 0) continue;
    if (!rng.chance(0.5)) continue;

    const givenOn = minDate(addDays(coachingStart, rng.int(7, 45)), yesterday);
    const placementCompany = period.placements.find((placement) => placement.company)?.company ?? null;
    const scope = rng.weighted([
      [ConsentScope.ALL_PARTNERS, placementCompany ? 45 : 75],
      [ConsentScope.ONE_COMPANY, placementCompany ? 55 : 25],
    ]);
    const company = scope === ConsentScope.ONE_COMPANY ? (placementCompany ?? rng.pick(org.companies)) : null;
    const note = company ? rng.pick(COMPANY_NOTES) : rng.pick(GIVEN_NOTES);

    const canWithdraw = compareDates(addDays(givenOn, 3), yesterday) <= 0;
    const withdrawn = canWithdraw && (seen.withdrawn === 0 || rng.chance(0.18));
    if (withdrawn) seen.withdrawn++;
    const withdrawnOn = withdrawn ? minDate(addDays(givenOn, rng.int(3, 60)), yesterday) : null;
    add(period, scope, company, givenOn, note, withdrawnOn);

    // Some consent again after a withdrawal (a new consent, a new profile id).
    if (withdrawnOn && compareDates(addDays(withdrawnOn, 2), yesterday) <= 0 && (seen.reconsented++ === 0 || rng.chance(0.4))) {
      add(period, ConsentScope.ALL_PARTNERS, null, minDate(addDays(withdrawnOn, rng.int(2, 30)), yesterday), rng.pick(GIVEN_NOTES), null);
    }
    // A few who agreed to one company later agree to all partners as well.
    if (!withdrawn && scope === ConsentScope.ONE_COMPANY && (seen.both++ === 0 || rng.chance(0.3))) {
      add(period, ConsentScope.ALL_PARTNERS, null, minDate(addDays(givenOn, rng.int(1, 30)), yesterday), rng.pick(GIVEN_NOTES), null);
    }
  }
  await ctx.insert(ProfileConsent, rows);
}
