import { defaultLegalLimits } from '../modules/coaching-period/legal-limits';
import { ParticipationBasis } from '../modules/coaching-period/period-phase';
import { PlacementKind } from '../modules/placement/placement-rules';
import { addDays, compareDates, IsoDate } from '../modules/shared/calendar';
import { WorkTrialAgreement, WorkTrialFeedback } from '../modules/work-trial/work-trial.entities';
import {
  checkAgreementTerms,
  checkFeedbackDate,
  checkSignature,
  trialEndOf,
  WorkTrialOrganiserKind,
  WorkTrialParty,
} from '../modules/work-trial/work-trial-rules';
import type { Row, SeedContext } from './context';
import { minDate } from './dates';
import type { Lifecycle, PeriodPlan, PlacementPlan } from './lifecycle';
import type { Organisation } from './organisation';

/** The municipality organises the WORK_TRIAL periods in its coaching environment. */
const ENVIRONMENT_ORGANISER = 'Porin kaupunki, Valmennusympäristö Polku';
const ENVIRONMENT_UNIT = 'Valmennusympäristö Polku';

const TASKS = [
  'Kierrätystavaran vastaanotto ja lajittelu',
  'Varaston järjestely ja inventaario',
  'Ulkoalueiden hoito: haravointi, lumityöt, roskien keruu',
  'Ylläpitosiivous yleisissä tiloissa',
  'Keittiön avustavat tehtävät ja astiahuolto',
  'Kalusteiden siirrot ja tilatyhjennykset',
  'Postin ja asiakirjojen käsittely, arkistointi',
  'Pienkoneiden puhdistus ja huolto ohjatusti',
];

const FEEDBACK = [
  'Työkokeilija saapui ajallaan, oppi tehtävät nopeasti ja toimi turvallisesti. Soveltuu alan työhön; suosittelemme jatkoa palkkatuetussa työssä.',
  'Tehtävät sujuivat ohjatusti; itsenäisyys kasvoi jakson aikana. Jaksaminen riitti 6 tunnin päiviin. Suosittelemme alan koulutusta.',
  'Hyvä asiakaspalveluasenne ja huolellisuus. Kielitaito riittää arjen tehtäviin; ammattisanasto vaatii vielä harjoittelua.',
  'Poissaoloja alkuviikoista; kun työ alkoi klo 9, työskentely oli säännöllistä. Fyysisesti raskaat tehtävät kuormittivat.',
];

/**
 * The written agreement of every demo work trial (each WORK_TRIAL period, and each WORK_TRIAL
 * placement with its unit or company as organiser), signed by all three parties before the trial's
 * first day, and the organiser's written feedback on trials that have ended, except two, so the
 * WORK_TRIAL_FEEDBACK_MISSING warning shows. A trial that starts later may still lack the
 * authority's signature. Every row passes the rules the API applies.
 */
export async function seedWorkTrialAgreements(ctx: SeedContext, org: Organisation, lifecycle: Lifecycle): Promise<void> {
  const rng = ctx.rng('work-trials');
  const today = ctx.today;
  const referrals = new Map(lifecycle.referrals.map((r) => [r.id, r]));
  const environment = org.units.find((u) => u.name === ENVIRONMENT_UNIT)!;
  const agreements: Row<WorkTrialAgreement>[] = [];
  const feedback: Row<WorkTrialFeedback>[] = [];
  let feedbackLeftOut = 0;

  const add = (period: PeriodPlan, placement: PlacementPlan | null, start: IsoDate, end: IsoDate) => {
    const referral = referrals.get(period.referralId)!;
    const caseManager = referral.area.caseManagers.find((cm) => cm.id === referral.caseManagerId)!;
    const organiser = placement
      ? placement.unit
        ? {
            kind: WorkTrialOrganiserKind.WORK_UNIT,
            name: placement.unit.name,
            signer: placement.unit.leadName,
            workUnitId: placement.unit.id,
            partnerCompanyId: null,
          }
        : {
            kind: WorkTrialOrganiserKind.PARTNER_COMPANY,
            name: placement.company!.name,
            signer: placement.company!.contactName,
            workUnitId: null,
            partnerCompanyId: placement.company!.id,
          }
      : {
          kind: WorkTrialOrganiserKind.COACHING_ENVIRONMENT,
          name: ENVIRONMENT_ORGANISER,
          signer: environment.leadName,
          workUnitId: null,
          partnerCompanyId: null,
        };

    // Signed a few days before the first day; a trial still to start may wait for the authority.
    const signedOn = minDate(addDays(start, -rng.int(2, 7)), today);
    const authorityPending = compareDates(start, today) > 0 && rng.chance(0.5);
    const terms = {
      startDate: start,
      endDate: end,
      tasks: rng.sample(TASKS, rng.int(2, 3)),
      daysPerWeek: period.daysPerWeek,
      hoursPerDay: period.hoursPerDay,
    };
    // Recorded before the trial began, so against the planned end even if the period ended early.
    const within = placement
      ? { what: 'placement' as const, start: placement.start, end: placement.end }
      : { what: 'period' as const, start: period.start, end: period.plannedEnd };
    checkAgreementTerms(terms, within, defaultLegalLimits);
    checkSignature({ party: WorkTrialParty.ORGANISER, signerName: organiser.signer, signedOn }, today, 'demo');
    const recordedAt = ctx.at(signedOn, rng.int(9, 15), rng.pick([0, 15, 30, 45]));
    const id = ctx.id();
    agreements.push({
      id,
      periodId: period.id,
      traineeId: period.trainee.id,
      placementId: placement?.id ?? null,
      organiserKind: organiser.kind,
      organiserName: organiser.name,
      workUnitId: organiser.workUnitId,
      partnerCompanyId: organiser.partnerCompanyId,
      employmentAreaId: referral.area.id,
      ...terms,
      participantSignedOn: signedOn,
      authoritySignerName: authorityPending ? null : caseManager.name,
      authorityCaseManagerId: authorityPending ? null : caseManager.id,
      authoritySignedOn: authorityPending ? null : signedOn,
      organiserSignerName: organiser.signer,
      organiserSignedOn: signedOn,
      recordedBy: period.coach.actor.userId,
      recordedAt,
      createdAt: recordedAt,
      updatedAt: recordedAt,
    });

    const trialEnd = trialEndOf({ endDate: end }, period.end);
    const ended = period.end !== null || compareDates(end, today) < 0;
    if (authorityPending || !ended || compareDates(trialEnd, today) > 0) return;
    // Two ended trials are still waiting for the organiser's feedback.
    if (feedbackLeftOut < 2 && period.end !== null) {
      feedbackLeftOut++;
      return;
    }
    const givenOn = minDate(addDays(trialEnd, rng.int(0, 6)), today);
    checkFeedbackDate(givenOn, trialEnd, today);
    const givenAt = ctx.at(givenOn, rng.int(10, 15), rng.pick([0, 20, 40]));
    feedback.push({
      id: ctx.id(),
      agreementId: id,
      traineeId: period.trainee.id,
      text: rng.pick(FEEDBACK),
      givenBy: organiser.signer,
      givenOn,
      recordedBy: period.coach.actor.userId,
      recordedAt: givenAt,
      createdAt: givenAt,
      updatedAt: givenAt,
    });
  };

  for (const period of lifecycle.periods) {
    if (period.basis === ParticipationBasis.WORK_TRIAL) add(period, null, period.start, period.plannedEnd);
    for (const placement of period.placements) {
      if (placement.kind === PlacementKind.WORK_TRIAL) add(period, placement, placement.start, placement.end!);
    }
  }
  await ctx.insert(WorkTrialAgreement, agreements);
  await ctx.insert(WorkTrialFeedback, feedback);
}
