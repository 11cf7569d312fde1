import type { WageSubsidyApplicationMessage } from '../integrations/wage-subsidy/wage-subsidy.port';
import { AttendanceEntry } from '../modules/attendance/attendance.entities';
import { AbsenceReason, AttendanceStatus, checkAttendanceEntry, defaultAttendanceLimits } from '../modules/attendance/expense-allowance';
import { CoachingPeriod } from '../modules/coaching-period/coaching-period.entities';
import { checkSchedule, defaultLegalLimits } from '../modules/coaching-period/legal-limits';
import { ParticipationBasis, PeriodPhase, periodPhaseMachine, ServiceForm } from '../modules/coaching-period/period-phase';
import { NATIONAL_SUBSIDY_TYPES } from '../modules/organisation/subsidy-types';
import { Placement } from '../modules/placement/placement.entity';
import { assertWithinPeriod, PlacementKind } from '../modules/placement/placement-rules';
import { Referral } from '../modules/referral/referral.entity';
import { ReferralState, referralStateMachine } from '../modules/referral/referral-state';
import { addDays, addMonths, compareDates, daysBetween, IsoDate, monthsInPeriod } from '../modules/shared/calendar';
import { StaffMember, StaffRole } from '../modules/staff/staff.entity';
import {
  ageOn,
  applicationStateMachine,
  assertEmploymentWithinDecision,
  assertRequestFitsType,
  DecisionOutcome,
  PositionState,
  SubsidyApplicationState,
} from '../modules/wage-subsidy/subsidy-rules';
import { SubsidisedPosition, SubsidyApplication, SubsidyDecision } from '../modules/wage-subsidy/wage-subsidy.entities';
import { Role } from '../platform/auth/actor';
import type { PersonalDataCipher } from '../platform/crypto';
import type { Actor, Row, SeedContext } from './context';
import { eachDay, isWorkingDay, maxDate, minDate, nextWorkingDay, previousWorkingDay, weekday } from './dates';
import type { Organisation, SeededStaff, SeededUnit } from './organisation';
import { createTraineeProfiles, insertTrainees, TraineeProfile } from './people';
import { personas } from './personas';
import type { Rng } from './random';

/**
 * People in wage-subsidised employment in Pori's departments at the demo's instant: the city has
 * about 150 a month, each employed by a unit on a decision of the employment area.
 */
export const SUBSIDISED_EMPLOYEE_COUNT = 150;
/** People whose application is still being prepared or waits for the authority's decision. */
export const SUBSIDY_APPLICANT_COUNT = 6;

/**
 * The job coaches (työhönvalmentajat) who follow the subsidised employees at their workplaces: a
 * team of their own with a larger caseload than the coaching environment's coaches (whose 8–12
 * could not hold 150 more people).
 */
const JOB_COACHES = [
  'Marika Heinola',
  'Ari Suominen',
  'Pia Kangas',
  'Teemu Aalto',
  'Susanna Rintala',
  'Harri Vesterinen',
  'Kirsi Lahdenperä',
  'Jyrki Hirvonen',
];
const JOB_COACH_CASELOAD = { min: 14, max: 22 };

/** Most the statutory subsidy pays a month (the same for every statutory type). */
const MONTHLY_CAP_CENTS = 140_000;

interface PositionSpec {
  key: string;
  unit: string;
  title: string;
  description: string;
  hoursPerWeek: number;
  monthlyPayCents: number | null;
  tailored: boolean;
  state: PositionState;
}

/** Positions the departments announced (and a few tailored for one person's needs with the employment services). */
const POSITIONS: PositionSpec[] = [
  {
    key: 'park',
    unit: 'Puistotoimi, viheralueiden hoito',
    title: 'Puistotyöntekijä',
    description: 'Viheralueiden hoito, istutukset ja puistojen siisteys; talvella lumityöt. Ajokortti eduksi.',
    hoursPerWeek: 37.5,
    monthlyPayCents: 218_000,
    tailored: false,
    state: PositionState.FILLED,
  },
  {
    key: 'property',
    unit: 'Kiinteistönhoito ja -huolto',
    title: 'Kiinteistönhoitajan avustaja',
    description: 'Kiinteistöjen päivittäiset tarkastuskierrokset, pienet korjaustyöt ja piha-alueiden hoito kiinteistönhoitajan työparina.',
    hoursPerWeek: 37.5,
    monthlyPayCents: 215_000,
    tailored: false,
    state: PositionState.FILLED,
  },
  {
    key: 'school',
    unit: 'Cygnaeuksen koulu',
    title: 'Koulunkäynnin avustaja',
    description: 'Oppilaiden tukeminen oppitunneilla, välitunneilla ja ruokailussa opettajan ohjauksessa.',
    hoursPerWeek: 32.5,
    monthlyPayCents: 196_000,
    tailored: false,
    state: PositionState.FILLED,
  },
  {
    key: 'library',
    unit: 'Porin kaupunginkirjasto, pääkirjasto',
    title: 'Kirjaston asiakaspalveluavustaja',
    description: 'Räätälöity tehtävä: aineistojen hyllytys ja lajittelu, asiakkaiden opastus aulassa. Kevennetty työaika, ei kassatehtäviä.',
    hoursPerWeek: 25,
    monthlyPayCents: 148_000,
    tailored: true,
    state: PositionState.FILLED,
  },
  {
    key: 'recycling',
    unit: 'Kiertotalouskeskus Kierrätys-Kaappi',
    title: 'Kierrätyskeskuksen lajittelija-myyjä',
    description: 'Lahjoitustavaran vastaanotto, lajittelu ja hinnoittelu sekä myymälän asiakaspalvelu.',
    hoursPerWeek: 37.5,
    monthlyPayCents: 210_000,
    tailored: false,
    state: PositionState.FILLED,
  },
  {
    key: 'cleaning',
    unit: 'Puhtauspalvelut',
    title: 'Laitoshuoltaja',
    description: 'Koulujen ja päiväkotien ylläpitosiivous. Perehdytys puhtauspalvelujen tutkinnon osaan työn ohessa.',
    hoursPerWeek: 37.5,
    monthlyPayCents: 220_000,
    tailored: false,
    state: PositionState.OPEN,
  },
  {
    key: 'kitchen',
    unit: 'Koulujen ruokapalvelut, keskuskeittiö',
    title: 'Ruokapalvelutyöntekijä',
    description: 'Keskuskeittiön avustavat tehtävät, astiahuolto ja kuljetuslaatikoiden pakkaus. Hygieniapassi vaaditaan.',
    hoursPerWeek: 37.5,
    monthlyPayCents: 219_000,
    tailored: false,
    state: PositionState.OPEN,
  },
  {
    key: 'daycare',
    unit: 'Päiväkoti Tuulikello',
    title: 'Varhaiskasvatuksen avustaja',
    description: 'Lasten ulkoilu, ruokailu ja lepohetket kasvattajien tukena; päiväkodin arjen tehtävät.',
    hoursPerWeek: 35,
    monthlyPayCents: 205_000,
    tailored: false,
    state: PositionState.OPEN,
  },
  {
    key: 'museum',
    unit: 'Satakunnan Museo',
    title: 'Kokoelmatyön avustaja',
    description: 'Räätälöity tehtävä: esineiden puhdistus, pakkaus ja luettelointi kokoelmakeskuksessa rauhallisessa työympäristössä.',
    hoursPerWeek: 30,
    monthlyPayCents: 178_000,
    tailored: true,
    state: PositionState.OPEN,
  },
  {
    key: 'workshop',
    unit: 'Kone- ja laitekorjaamo',
    title: 'Korjaamoapulainen',
    description: 'Räätälöity tehtävä: pienkoneiden huolto ja renkaanvaihdot ohjatusti. Työaika ja palkka sovitaan työkyvyn mukaan.',
    hoursPerWeek: 30,
    monthlyPayCents: null,
    tailored: true,
    state: PositionState.OPEN,
  },
  {
    key: 'day-centre',
    unit: 'Palvelukeskus Kaarisilta, päivätoiminta',
    title: 'Päivätoiminnan avustaja',
    description: 'Ikäihmisten päivätoiminnan ryhmien tukena: ulkoilu, ruokailu, pelit ja kuljetusten vastaanotto.',
    hoursPerWeek: 30,
    monthlyPayCents: 176_000,
    tailored: false,
    state: PositionState.OPEN,
  },
  {
    key: 'sports',
    unit: 'Liikuntapalvelut, Porin urheilukeskus',
    title: 'Liikuntapaikkojen hoitaja',
    description: 'Kenttien ja latujen kunnossapito, pukuhuoneiden siisteys.',
    hoursPerWeek: 37.5,
    monthlyPayCents: 218_000,
    tailored: false,
    state: PositionState.CLOSED,
  },
  {
    key: 'streets',
    unit: 'Katujen kunnossapito',
    title: 'Katujen kunnossapidon työntekijä (talvikausi)',
    description: 'Lumityöt ja liukkaudentorjunta käsityönä kevyen liikenteen väylillä.',
    hoursPerWeek: 37.5,
    monthlyPayCents: 216_000,
    tailored: false,
    state: PositionState.CLOSED,
  },
];

/** Which cohort member took which filled position, and which waiting applicant applies for which open one. */
const FILLED_BY: Record<number, string> = { 3: 'park', 19: 'property', 55: 'school', 77: 'library', 101: 'recycling' };
const APPLIED_FOR: Record<number, string> = { 0: 'museum', 2: 'cleaning', 4: 'kitchen' };
/** Cohort members whose first application was denied (they were granted on a second one) or withdrawn. */
const DENIED_FIRST = [7, 41, 88];
const WITHDRAWN_FIRST = 120;

const DENIALS: Array<{ typeCode: string; reason: string; retryType: string }> = [
  {
    typeCode: 'PALKKATUKI_70',
    reason: 'Hakemuksen liitteenä ei ole lääkärinlausuntoa tai muuta selvitystä vamman tai sairauden vaikutuksesta työkykyyn.',
    retryType: 'PALKKATUKI_50',
  },
  {
    typeCode: 'PALKKATUKI_50',
    reason: 'Hakemuksesta puuttuvat työsuhteen palkka- ja työaikatiedot sekä sovellettava työehtosopimus.',
    retryType: 'PALKKATUKI_50',
  },
  {
    typeCode: 'PALKKATUKI_50',
    reason: 'Haettu tukijakso alkaa ennen kuin hakemus on tullut vireille.',
    retryType: 'PALKKATUKI_50',
  },
];
const WITHDRAWAL_REASON = 'Liikuntapalvelut perui tehtävän määrärahojen vuoksi; haetaan palkkatukea toiseen yksikköön.';

/** Units the subsidised employees work in, by weight: the technical and premises services employ most. */
const EMPLOYING_UNITS: Array<[string, number]> = [
  ['Puistotoimi, viheralueiden hoito', 14],
  ['Katujen kunnossapito', 8],
  ['Kone- ja laitekorjaamo', 4],
  ['Kiertotalouskeskus Kierrätys-Kaappi', 8],
  ['Cygnaeuksen koulu', 9],
  ['Päiväkoti Tuulikello', 7],
  ['Koulujen ruokapalvelut, keskuskeittiö', 9],
  ['Valmennusympäristö Polku', 3],
  ['Nuorten työpaja Osaamo', 3],
  ['Palvelukeskus Kaarisilta, päivätoiminta', 7],
  ['Porin kaupunginkirjasto, pääkirjasto', 5],
  ['Satakunnan Museo', 3],
  ['Liikuntapalvelut, Porin urheilukeskus', 6],
  ['Kiinteistönhoito ja -huolto', 10],
  ['Puhtauspalvelut', 12],
  ['Tilatyhjennykset ja kalustesiirrot', 6],
];

const BACKGROUNDS: Record<string, string[]> = {
  PALKKATUKI_50: [
    'Pitkään työttömänä ollut työnhakija, ammatillinen koulutus puuttuu. Asiakasvastaava ehdottaa palkkatuettua työtä kaupungin yksikössä (50 %) ja tutkinnon osaa työn ohessa.',
    'Työkokeilu kaupungin yksikössä sujui hyvin; yksikkö on valmis palkkaamaan palkkatuella. Tavoitteena siirtymä avoimille työmarkkinoille.',
  ],
  PALKKATUKI_70: [
    'Alentunut työkyky (tuki- ja liikuntaelinsairaus, lääkärinlausunto liitteenä). Palkkatuettu työ kaupungin yksikössä 70 % tuella, kevennetyt tehtävät.',
    'Mielenterveyden syistä alentunut työkyky; kuntoutus päättynyt. Palkkatuettu työ 70 % tuella ja työhönvalmentajan tuki työpaikalla.',
  ],
  TYOLLISTAMISTUKI_55: [
    'Yli 55-vuotias, ollut työttömänä yli 12 kuukautta viimeisten 15 kuukauden aikana. 55 vuotta täyttäneiden työllistämistuki kaupungin yksikössä.',
  ],
};

const GOALS = [
  'Työsuhteessa pysyminen ja ammatillisen osaamisen vahvistaminen; siirtymä avoimille työmarkkinoille tukijakson jälkeen.',
  'Tutkinnon osan suorittaminen työn ohessa (opinnollistaminen) ja työkyvyn ylläpito.',
  'Työtehtävien oppiminen työhönvalmentajan tuella; jatkotyöllistymisen suunnitelma ennen tukijakson loppua.',
];

const PARTIAL_SHORTER = (months: number) => `Tuki myönnetään ${months} kuukaudeksi; jatkosta päätetään erikseen uudella hakemuksella.`;
const PARTIAL_LOWER = 'Alentunutta työkykyä ei ole osoitettu lääkärinlausunnolla: myönnetään palkkatuki 50 %.';

/** One application as the seed plans it: its timeline, what was asked and what was decided. */
interface ApplicationPlan {
  id: string;
  person: PersonPlan;
  position: SeededPosition | null;
  unit: SeededUnit;
  hoursPerWeek: number;
  monthlyPayCents: number;
  typeCode: string;
  percent: number;
  requestedStart: IsoDate;
  requestedEnd: IsoDate;
  draftedAt: Date;
  submittedAt: Date | null;
  withdrawnAt: Date | null;
  deliveryPending: boolean;
  state: SubsidyApplicationState;
  decision: DecisionPlan | null;
}

interface DecisionPlan {
  id: string;
  decisionId: string;
  outcome: DecisionOutcome;
  percent: number | null;
  typeCode: string | null;
  startDate: IsoDate | null;
  endDate: IsoDate | null;
  denialReason: string | null;
  decidedOn: IsoDate;
  receivedAt: Date;
}

interface PersonPlan {
  profile: TraineeProfile;
  coach: SeededStaff;
  referralId: string;
  referralReceivedAt: Date;
  referralDecidedAt: Date;
  periodId: string;
  periodStart: IsoDate;
  plannedEnd: IsoDate;
  steps: Array<{ phase: PeriodPhase; on: IsoDate }>;
  phase: PeriodPhase;
  daysPerWeek: number;
  hoursPerDay: number;
  typeForBackground: string;
  applications: ApplicationPlan[];
  employment: { placementId: string; application: ApplicationPlan; start: IsoDate; end: IsoDate } | null;
}

interface SeededPosition extends PositionSpec {
  id: string;
  unitRow: SeededUnit;
  availableFrom: IsoDate;
  announcedAt: Date;
  changedAt: Date;
  /** Dated by the person who took or applied for it. */
  dated: boolean;
}

/** What the integration layer's demo needs of the wage-subsidy demo. */
export interface SubsidyDemo {
  applications: Array<{
    id: string;
    state: SubsidyApplicationState;
    submittedAt: Date | null;
    /** What was sent to the authority when it was submitted. */
    message: WageSubsidyApplicationMessage | null;
    /** Submitted minutes ago while the authority answers 503: still being retried. */
    deliveryPending: boolean;
  }>;
  decisions: Array<{ id: string; decisionId: string; authority: string; receivedAt: Date }>;
}

const email = (name: string) =>
  `${name
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, '.')}@pori.example`;

const typeOf = (code: string) => {
  const type = NATIONAL_SUBSIDY_TYPES.find((t) => t.code === code);
  if (!type) throw new Error(`no statutory subsidy type ${code}`);
  return type;
};
const lastDayOf = (start: IsoDate, months: number) => addDays(addMonths(start, months), -1);
/** Month-end clamping can make a span a day longer than the type allows: end a day earlier then. */
function fitEnd(type: { maxMonths: number | null }, start: IsoDate, end: IsoDate): IsoDate {
  let fitted = end;
  while (type.maxMonths !== null && monthsInPeriod(start, fitted) > type.maxMonths) fitted = addDays(fitted, -1);
  return fitted;
}

/**
 * Wage subsidy in Pori: positions announced by units of several departments (some tailored), a
 * cohort of SUBSIDISED_EMPLOYEE_COUNT people currently employed by the city's units on a decision
 * of the employment area (each referred, in a COACHING_EMPLOYMENT period with a job coach,
 * application drafted, submitted and decided, and an EMPLOYMENT placement within the decided
 * period), a few of them after a denied or withdrawn first application, and SUBSIDY_APPLICANT_COUNT
 * people whose application is a draft or waits for the decision. Everything passes the rules the
 * API applies (subsidy types, decided window, state machines).
 */
export async function seedWageSubsidy(
  ctx: SeedContext,
  cipher: PersonalDataCipher,
  org: Organisation,
  others: readonly TraineeProfile[],
): Promise<SubsidyDemo> {
  const rng = ctx.rng('wage-subsidy');
  const today = ctx.today;
  const authority = org.area.name;
  const unitByName = new Map(org.units.map((u) => [u.name, u]));
  const unitNamed = (name: string) => {
    const unit = unitByName.get(name);
    if (!unit) throw new Error(`the demo has no unit ${name}`);
    return unit;
  };

  const coaches: SeededStaff[] = JOB_COACHES.map((name) => {
    const address = email(name);
    return {
      id: ctx.id(),
      name,
      email: address,
      role: StaffRole.COACH,
      caseloadMin: JOB_COACH_CASELOAD.min,
      caseloadMax: JOB_COACH_CASELOAD.max,
      active: true,
      actor: { userId: address, role: StaffRole.COACH },
    };
  });
  await ctx.insert(
    StaffMember,
    coaches.map((s) => ({
      id: s.id,
      name: s.name,
      email: s.email,
      role: s.role,
      caseloadMin: s.caseloadMin,
      caseloadMax: s.caseloadMax,
      active: true,
    })),
  );

  const profiles = createTraineeProfiles(ctx, org, SUBSIDISED_EMPLOYEE_COUNT + SUBSIDY_APPLICANT_COUNT, {
    stream: 'subsidised-people',
    others,
    takenNames: personas.map((p) => p.name),
    area: org.area,
    specialCodes: false,
  });
  const positions = new Map<string, SeededPosition>(
    POSITIONS.map((spec) => [
      spec.key,
      { ...spec, id: ctx.id(), unitRow: unitNamed(spec.unit), availableFrom: today, announcedAt: ctx.setUpAt, changedAt: ctx.setUpAt, dated: false },
    ]),
  );

  const people: PersonPlan[] = [];
  const applications: ApplicationPlan[] = [];
  let coachIndex = 0;
  const nextCoach = () => coaches[coachIndex++ % coaches.length];

  const newApplication = (
    person: PersonPlan,
    unit: SeededUnit,
    position: SeededPosition | null,
    typeCode: string,
    requestedStart: IsoDate,
    months: number,
  ): ApplicationPlan => {
    const type = typeOf(typeCode);
    const hoursPerWeek =
      position?.hoursPerWeek ??
      rng.weighted([
        [37.5, 6],
        [36.25, 1],
        [30, 3],
      ]);
    const monthlyPayCents = position?.monthlyPayCents ?? Math.round((rng.int(2050, 2350) * 100 * hoursPerWeek) / 37.5 / 100) * 100;
    const requestedEnd = fitEnd(type, requestedStart, lastDayOf(requestedStart, months));
    assertRequestFitsType(
      { code: type.code, maxMonths: type.maxMonths, minAge: type.minAge ?? null },
      requestedStart,
      requestedEnd,
      person.profile.birthDate,
      'demo',
    );
    const application: ApplicationPlan = {
      id: ctx.id(),
      person,
      position,
      unit,
      hoursPerWeek,
      monthlyPayCents,
      typeCode,
      percent: type.percent ?? 0,
      requestedStart,
      requestedEnd,
      draftedAt: ctx.setUpAt,
      submittedAt: null,
      withdrawnAt: null,
      deliveryPending: false,
      state: SubsidyApplicationState.DRAFT,
      decision: null,
    };
    person.applications.push(application);
    applications.push(application);
    return application;
  };

  const decide = (application: ApplicationPlan, decision: Omit<DecisionPlan, 'id' | 'decisionId'>) => {
    application.decision = { ...decision, id: ctx.id(), decisionId: '' };
    application.state = SubsidyApplicationState.DECIDED;
  };

  const newPerson = (profile: TraineeProfile, periodStart: IsoDate, hoursPerWeek: number): PersonPlan => {
    const receivedOn = addDays(periodStart, -rng.int(6, 28));
    const receivedAt = ctx.at(receivedOn, rng.int(8, 15), rng.pick([0, 15, 30, 45]));
    const decidedAt = ctx.at(minDate(addDays(receivedOn, rng.int(1, 5)), addDays(periodStart, -1)), 14, rng.int(0, 50));
    profile.createdAt = receivedAt;
    profile.workLevel = rng.pick([2, 2, 3]);
    const person: PersonPlan = {
      profile,
      coach: nextCoach(),
      referralId: ctx.id(),
      referralReceivedAt: receivedAt,
      referralDecidedAt: decidedAt,
      periodId: ctx.id(),
      periodStart,
      plannedEnd: periodStart,
      steps: [{ phase: PeriodPhase.INITIAL_MAPPING, on: periodStart }],
      phase: PeriodPhase.INITIAL_MAPPING,
      daysPerWeek: 5,
      hoursPerDay: hoursPerWeek / 5,
      typeForBackground: 'PALKKATUKI_50',
      applications: [],
      employment: null,
    };
    people.push(person);
    return person;
  };

  const chooseType = (profile: TraineeProfile, start: IsoDate): string =>
    ageOn(profile.birthDate, start) >= 55 && rng.chance(0.6)
      ? 'TYOLLISTAMISTUKI_55'
      : rng.weighted([
          ['PALKKATUKI_50', 60],
          ['PALKKATUKI_70', 40],
        ]);
  const monthsFor = (code: string): number =>
    code === 'PALKKATUKI_50' ? rng.pick([6, 10, 10]) : code === 'PALKKATUKI_70' ? rng.pick([10, 12, 12, 24]) : rng.pick([12, 24]);

  // The employed cohort: planned backwards from the day the employment started.
  profiles.slice(0, SUBSIDISED_EMPLOYEE_COUNT).forEach((profile, index) => {
    const filled = FILLED_BY[index] ? positions.get(FILLED_BY[index])! : null;
    const denial = DENIED_FIRST.includes(index) ? DENIALS[DENIED_FIRST.indexOf(index)] : null;
    const withdrawnFirst = index === WITHDRAWN_FIRST;
    const partly = !denial && rng.chance(0.15);
    // The type and how long: a tailored position is for reduced work ability.
    let typeCode = filled?.tailored ? 'PALKKATUKI_70' : (denial?.retryType ?? 'PALKKATUKI_50');
    if (!filled?.tailored && !denial) typeCode = chooseType(profile, addDays(today, -200));
    if (typeCode === 'TYOLLISTAMISTUKI_55' && ageOn(profile.birthDate, addDays(today, -365)) < 55) typeCode = 'PALKKATUKI_50';
    const requestedMonths = monthsFor(typeCode);
    let grantedMonths = requestedMonths;
    let grantedType = typeCode;
    let partialReason: string | null = null;
    if (partly) {
      if (typeCode === 'PALKKATUKI_70' && rng.chance(0.6)) {
        grantedType = 'PALKKATUKI_50';
        grantedMonths = Math.min(requestedMonths, typeOf('PALKKATUKI_50').maxMonths!);
        partialReason = PARTIAL_LOWER;
      } else {
        grantedMonths = requestedMonths >= 10 ? 6 : 4;
        partialReason = PARTIAL_SHORTER(grantedMonths);
      }
    }
    // Employed since a working day at least two weeks before the decided period ends, within about eleven months.
    const longestBack = Math.min(daysBetween(addMonths(today, -grantedMonths), today) - 14, 330);
    const start = previousWorkingDay(addDays(today, -rng.int(1, longestBack)));
    const decidedOn = previousWorkingDay(addDays(start, -rng.int(4, 20)));
    const submittedOn = previousWorkingDay(addDays(decidedOn, -rng.int(6, 21)));
    const draftedOn = previousWorkingDay(addDays(submittedOn, -rng.int(1, 6)));
    let firstDraftOn = draftedOn;
    // A denied or withdrawn first application came before.
    let first: { draftedOn: IsoDate; submittedOn: IsoDate; endedOn: IsoDate } | null = null;
    if (denial || withdrawnFirst) {
      const endedOn = previousWorkingDay(addDays(draftedOn, -rng.int(1, 4)));
      const firstSubmitted = previousWorkingDay(addDays(endedOn, denial ? -rng.int(8, 18) : -rng.int(3, 8)));
      first = { draftedOn: previousWorkingDay(addDays(firstSubmitted, -rng.int(1, 4))), submittedOn: firstSubmitted, endedOn };
      firstDraftOn = first.draftedOn;
    }
    const periodStart = previousWorkingDay(addDays(firstDraftOn, -rng.int(5, 20)));
    const unit = filled?.unitRow ?? unitNamed(rng.weighted(EMPLOYING_UNITS));
    const person = newPerson(profile, periodStart, 37.5);
    person.typeForBackground = first && denial ? denial.typeCode : typeCode;

    if (first) {
      const sports = positions.get('sports')!;
      const firstUnit = withdrawnFirst ? sports.unitRow : unit;
      const firstType = denial?.typeCode ?? typeCode;
      // The third denial: the period asked for began before the application was filed.
      const firstStart =
        denial === DENIALS[2]
          ? previousWorkingDay(addDays(first.submittedOn, -rng.int(3, 10)))
          : nextWorkingDay(addDays(first.submittedOn, rng.int(21, 35)));
      const earlier = newApplication(
        person,
        firstUnit,
        withdrawnFirst ? sports : null,
        firstType,
        firstStart,
        Math.min(monthsFor(firstType), typeOf(firstType).maxMonths!),
      );
      earlier.draftedAt = ctx.at(first.draftedOn, rng.int(9, 11), rng.int(0, 59));
      earlier.submittedAt = ctx.at(first.submittedOn, rng.int(12, 15), rng.int(0, 59));
      if (denial) {
        decide(earlier, {
          outcome: DecisionOutcome.DENIED,
          percent: null,
          typeCode: null,
          startDate: null,
          endDate: null,
          denialReason: denial.reason,
          decidedOn: first.endedOn,
          receivedAt: ctx.at(first.endedOn, rng.int(8, 11), rng.int(0, 59)),
        });
      } else {
        earlier.state = SubsidyApplicationState.WITHDRAWN;
        earlier.withdrawnAt = ctx.at(first.endedOn, rng.int(9, 11), rng.int(0, 59));
        sports.availableFrom = addDays(first.draftedOn, -rng.int(10, 20));
        sports.announcedAt = ctx.at(addDays(sports.availableFrom, -rng.int(5, 10)), 10);
        sports.changedAt = ctx.at(first.endedOn, 8, 30);
        sports.dated = true;
      }
    }

    const application = newApplication(person, unit, filled, typeCode, start, requestedMonths);
    application.draftedAt = ctx.at(draftedOn, rng.int(9, 11), rng.int(0, 59));
    application.submittedAt = ctx.at(submittedOn, rng.int(12, 15), rng.int(0, 59));
    const endDate = fitEnd(typeOf(grantedType), start, minDate(lastDayOf(start, grantedMonths), application.requestedEnd));
    decide(application, {
      outcome: partly ? DecisionOutcome.PARTLY_GRANTED : DecisionOutcome.GRANTED,
      percent: typeOf(grantedType).percent ?? null,
      typeCode: grantedType,
      startDate: start,
      endDate,
      denialReason: partialReason,
      decidedOn,
      receivedAt: ctx.at(decidedOn, rng.int(8, 11), rng.int(0, 59)),
    });
    if (filled) {
      filled.availableFrom = addDays(draftedOn, -rng.int(7, 30));
      filled.announcedAt = ctx.at(addDays(filled.availableFrom, -rng.int(3, 10)), 10);
      filled.changedAt = ctx.at(start, 8, 15);
      filled.dated = true;
    }
    person.hoursPerDay = application.hoursPerWeek / 5;
    person.plannedEnd = endDate;
    person.steps.push({ phase: PeriodPhase.COACHING, on: start });
    person.phase = PeriodPhase.COACHING;
    person.employment = { placementId: ctx.id(), application, start, end: endDate };
  });

  // Waiting applicants: in the initial mapping (or pre-coaching) while the application is prepared or decided.
  profiles.slice(SUBSIDISED_EMPLOYEE_COUNT).forEach((profile, index) => {
    const periodStart = previousWorkingDay(addDays(today, -rng.int(16, 30)));
    const position = APPLIED_FOR[index] ? positions.get(APPLIED_FOR[index])! : null;
    const unit = position?.unitRow ?? unitNamed(rng.weighted(EMPLOYING_UNITS));
    const person = newPerson(profile, periodStart, position?.hoursPerWeek ?? 37.5);
    const requestedStart = nextWorkingDay(addDays(today, rng.int(14, 30)));
    const typeCode = position?.tailored ? 'PALKKATUKI_70' : chooseType(profile, requestedStart);
    person.typeForBackground = typeCode;
    if (daysBetween(periodStart, today) > 20) {
      person.steps.push({ phase: PeriodPhase.PRE_COACHING, on: addDays(periodStart, rng.int(10, 14)) });
      person.phase = PeriodPhase.PRE_COACHING;
    }
    const application = newApplication(person, unit, position, typeCode, requestedStart, monthsFor(typeCode));
    person.hoursPerDay = application.hoursPerWeek / 5;
    person.plannedEnd = application.requestedEnd;
    // Two drafts, two waiting for days, two submitted minutes ago (the authority's system answers 503 just now).
    const stage = index < 2 ? 'draft' : index < 4 ? 'waiting' : 'today';
    const draftedOn =
      stage === 'draft' ? minDate(addDays(today, -rng.int(1, 5)), today) : addDays(today, stage === 'waiting' ? -rng.int(8, 12) : -rng.int(2, 6));
    application.draftedAt = ctx.at(maxDate(draftedOn, addDays(periodStart, 1)), rng.int(9, 11), rng.int(0, 59));
    if (stage !== 'draft') {
      application.state = SubsidyApplicationState.SUBMITTED;
      application.submittedAt =
        stage === 'today'
          ? new Date(ctx.asOf.getTime() - (index === 4 ? 7 : 4) * 60_000)
          : ctx.at(addDays(draftedOn, rng.int(1, 3)), 13, rng.int(0, 59));
      application.deliveryPending = stage === 'today';
    }
    if (position) {
      position.availableFrom = addDays(draftedOn, -rng.int(5, 20));
      position.announcedAt = ctx.at(addDays(position.availableFrom, -rng.int(3, 10)), 10);
      position.changedAt = position.announcedAt;
      position.dated = true;
    }
  });
  // The open positions nobody has applied for yet, and the season that closed unfilled.
  for (const position of positions.values()) {
    if (position.dated) continue;
    position.availableFrom =
      position.state === PositionState.OPEN ? nextWorkingDay(addDays(today, rng.int(-20, 25))) : addDays(today, -rng.int(240, 300));
    position.announcedAt = ctx.at(minDate(addDays(position.availableFrom, -rng.int(7, 21)), today), 10, rng.int(0, 59));
    position.changedAt =
      position.state === PositionState.CLOSED ? ctx.at(addDays(position.availableFrom, rng.int(90, 120)), 12) : position.announcedAt;
  }

  // Decision ids at the authority, in the order the decisions were made.
  const decided = applications.filter((a) => a.decision).sort((a, b) => compareDates(a.decision!.decidedOn, b.decision!.decidedOn));
  const perYear = new Map<string, number>();
  for (const application of decided) {
    const decision = application.decision!;
    const year = decision.decidedOn.slice(0, 4);
    const sequence = (perYear.get(year) ?? rng.int(1200, 1900)) + rng.int(1, 40);
    perYear.set(year, sequence);
    decision.decisionId = `PT-${year}-${String(sequence).padStart(6, '0')}`;
  }

  await insertTrainees(ctx, cipher, profiles);
  await insertPeopleRows(ctx, rng, org, people);
  await insertPositions(ctx, positions);
  const demo = await insertApplications(ctx, authority, applications);
  await insertEmployments(ctx, people);
  await insertAttendance(ctx, people);
  return demo;
}

/** Referrals (accepted), coaching periods with their history, and who holds them. */
async function insertPeopleRows(ctx: SeedContext, rng: Rng, org: Organisation, people: PersonPlan[]): Promise<void> {
  const today = ctx.today;
  let sequence = 5000;
  const referralRows: Row<Referral>[] = [];
  const periodRows: Row<CoachingPeriod>[] = [];
  const caseManagers = org.area.caseManagers;
  const careerAgent = (): Actor => rng.pick(org.careerAgents).actor;
  for (const person of [...people].sort((a, b) => a.referralReceivedAt.getTime() - b.referralReceivedAt.getTime())) {
    const manager = rng.pick(caseManagers);
    const managerActor: Actor = { userId: manager.email, role: Role.CASE_MANAGER };
    referralStateMachine.assert(ReferralState.RECEIVED, ReferralState.ACCEPTED);
    ctx.history.record('Referral', person.referralId, null, ReferralState.RECEIVED, person.referralReceivedAt, managerActor);
    ctx.history.record('Referral', person.referralId, ReferralState.RECEIVED, ReferralState.ACCEPTED, person.referralDecidedAt, careerAgent());
    referralRows.push({
      id: person.referralId,
      employmentAreaId: org.area.id,
      externalId: `PSTA-${person.referralReceivedAt.getFullYear()}-${String(sequence++).padStart(5, '0')}`,
      caseManagerId: manager.id,
      traineeId: person.profile.id,
      serviceForm: ServiceForm.COACHING_EMPLOYMENT,
      participationBasis: ParticipationBasis.EMPLOYMENT,
      background: rng.pick(BACKGROUNDS[person.typeForBackground] ?? BACKGROUNDS.PALKKATUKI_50),
      state: ReferralState.ACCEPTED,
      rejectionReason: null,
      receivedAt: person.referralReceivedAt,
      decidedAt: person.referralDecidedAt,
      createdAt: person.referralReceivedAt,
      updatedAt: person.referralDecidedAt,
    });
  }
  for (const person of people) {
    checkSchedule(ParticipationBasis.EMPLOYMENT, person.daysPerWeek, person.hoursPerDay, defaultLegalLimits);
    const times = person.steps.map((step, i) => ctx.at(minDate(step.on, today), i === 0 ? rng.int(9, 11) : 8, rng.pick([0, 10, 20, 30, 40, 50])));
    person.steps.forEach((step, i) => {
      if (i > 0) periodPhaseMachine.assert(person.steps[i - 1].phase, step.phase);
      ctx.history.record('CoachingPeriod', person.periodId, i === 0 ? null : person.steps[i - 1].phase, step.phase, times[i], person.coach.actor);
    });
    ctx.history.record(
      'CoachingPeriodCoach',
      person.periodId,
      null,
      person.coach.id,
      times[0],
      person.coach.actor,
      'Assigned when the period was opened',
    );
    periodRows.push({
      id: person.periodId,
      traineeId: person.profile.id,
      referralId: person.referralId,
      serviceForm: ServiceForm.COACHING_EMPLOYMENT,
      participationBasis: ParticipationBasis.EMPLOYMENT,
      daysPerWeek: person.daysPerWeek,
      hoursPerDay: person.hoursPerDay,
      startDate: person.periodStart,
      plannedEndDate: person.plannedEnd,
      endDate: null,
      phase: person.phase,
      coachId: person.coach.id,
      careerAgentId: null,
      goals: rng.pick(GOALS),
      caseloadOverrideReason: null,
      createdAt: times[0],
      updatedAt: times[times.length - 1],
    });
  }
  await ctx.insert(Referral, referralRows);
  await ctx.insert(CoachingPeriod, periodRows);
}

async function insertPositions(ctx: SeedContext, positions: ReadonlyMap<string, SeededPosition>): Promise<void> {
  await ctx.insert(
    SubsidisedPosition,
    [...positions.values()].map((p) => ({
      id: p.id,
      workUnitId: p.unitRow.id,
      title: p.title,
      description: p.description,
      hoursPerWeek: p.hoursPerWeek,
      monthlyPayCents: p.monthlyPayCents,
      tailored: p.tailored,
      availableFrom: p.availableFrom,
      state: p.state,
      createdAt: p.announcedAt,
      updatedAt: p.changedAt,
    })),
  );
}

/** Applications with their history (drafted and submitted by the job coach, decided by the authority's decision) and the decisions. */
async function insertApplications(ctx: SeedContext, authority: string, applications: ApplicationPlan[]): Promise<SubsidyDemo> {
  const applicationRows: Row<SubsidyApplication>[] = [];
  const decisionRows: Row<SubsidyDecision>[] = [];
  const demo: SubsidyDemo = { applications: [], decisions: [] };
  for (const application of applications) {
    const { person } = application;
    const actor = person.coach.actor;
    const steps: Array<{ state: SubsidyApplicationState; at: Date; actor: Actor | null; reason?: string | null }> = [
      { state: SubsidyApplicationState.DRAFT, at: application.draftedAt, actor },
    ];
    if (application.submittedAt) steps.push({ state: SubsidyApplicationState.SUBMITTED, at: application.submittedAt, actor });
    if (application.withdrawnAt)
      steps.push({ state: SubsidyApplicationState.WITHDRAWN, at: application.withdrawnAt, actor, reason: WITHDRAWAL_REASON });
    const decision = application.decision;
    if (decision) {
      steps.push({
        state: SubsidyApplicationState.DECIDED,
        at: decision.receivedAt,
        actor: null,
        reason: `decision ${decision.decisionId} by ${authority}: ${decision.outcome}`,
      });
    }
    steps.forEach((step, i) => {
      if (i > 0) {
        applicationStateMachine.assert(steps[i - 1].state, step.state);
        if (step.at.getTime() <= steps[i - 1].at.getTime()) throw new Error('subsidy application steps out of order');
      }
    });
    if (steps[steps.length - 1].state !== application.state) throw new Error('subsidy application history does not end in its state');
    ctx.history.chain('SubsidyApplication', application.id, steps);
    applicationRows.push({
      id: application.id,
      traineeId: person.profile.id,
      periodId: person.periodId,
      positionId: application.position?.id ?? null,
      workUnitId: application.unit.id,
      partnerCompanyId: null,
      hoursPerWeek: application.hoursPerWeek,
      monthlyPayCents: application.monthlyPayCents,
      requestedTypeCode: application.typeCode,
      requestedPercent: application.percent,
      requestedStart: application.requestedStart,
      requestedEnd: application.requestedEnd,
      state: application.state,
      submittedAt: application.submittedAt,
      withdrawalReason: application.withdrawnAt ? WITHDRAWAL_REASON : null,
      createdAt: application.draftedAt,
      updatedAt: steps[steps.length - 1].at,
    });
    demo.applications.push({
      id: application.id,
      state: application.state,
      submittedAt: application.submittedAt,
      deliveryPending: application.deliveryPending,
      message: application.submittedAt
        ? {
            applicationId: application.id,
            employer: { name: application.unit.name, businessId: null, kind: 'MUNICIPAL_UNIT' },
            person: { identityCode: person.profile.identityCode, firstName: person.profile.firstName, lastName: person.profile.lastName },
            requestedTypeCode: application.typeCode,
            requestedPercent: application.percent,
            requestedStart: application.requestedStart,
            requestedEnd: application.requestedEnd,
            hoursPerWeek: application.hoursPerWeek,
            monthlyPayCents: application.monthlyPayCents,
            submittedAt: application.submittedAt.toISOString(),
          }
        : null,
    });
    if (decision) {
      decisionRows.push({
        id: decision.id,
        applicationId: application.id,
        traineeId: person.profile.id,
        decisionId: decision.decisionId,
        authority,
        outcome: decision.outcome,
        percent: decision.percent,
        subsidyTypeCode: decision.typeCode,
        startDate: decision.startDate,
        endDate: decision.endDate,
        monthlyCapCents: decision.outcome === DecisionOutcome.DENIED ? null : MONTHLY_CAP_CENTS,
        denialReason: decision.denialReason,
        decidedOn: decision.decidedOn,
        receivedAt: decision.receivedAt,
        createdAt: decision.receivedAt,
        updatedAt: decision.receivedAt,
      });
      demo.decisions.push({ id: decision.id, decisionId: decision.decisionId, authority, receivedAt: decision.receivedAt });
    }
  }
  await ctx.insert(SubsidyApplication, applicationRows);
  await ctx.insert(SubsidyDecision, decisionRows);
  return demo;
}

/** The subsidised employments: an EMPLOYMENT placement in the application's unit, within what was decided. */
async function insertEmployments(ctx: SeedContext, people: PersonPlan[]): Promise<void> {
  const rows: Row<Placement>[] = [];
  for (const person of people) {
    const employment = person.employment;
    if (!employment) continue;
    const { application } = employment;
    const decision = application.decision!;
    assertEmploymentWithinDecision(
      { outcome: decision.outcome, startDate: decision.startDate, endDate: decision.endDate, decidedOn: decision.decidedOn },
      employment.start,
      employment.end,
      'demo',
    );
    assertWithinPeriod({ start: employment.start, end: employment.end }, { start: person.periodStart, end: person.plannedEnd });
    // Agreed once the decision had arrived, before the first day.
    const agreedOn = minDate(addDays(decision.decidedOn, 1), employment.start);
    const createdAt = ctx.at(agreedOn, 13, 30);
    rows.push({
      id: employment.placementId,
      periodId: person.periodId,
      traineeId: person.profile.id,
      kind: PlacementKind.EMPLOYMENT,
      workUnitId: application.unit.id,
      partnerCompanyId: null,
      subsidyApplicationId: application.id,
      startDate: employment.start,
      endDate: employment.end,
      supervisorName: application.unit.leadName,
      supervisorContact: application.unit.leadEmail,
      notes: `Palkkatuettu työsuhde (${decision.typeCode}, ${decision.percent} %), päätös ${decision.decisionId}. Työhönvalmentaja käy työpaikalla kahden viikon välein.`,
      createdAt,
      updatedAt: createdAt,
    });
  }
  await ctx.insert(Placement, rows);
}

/**
 * The last four weeks of attendance, as the coaching environment keeps for everybody it serves:
 * the employees' working days as the unit reports them, the applicants' mapping days.
 */
async function insertAttendance(ctx: SeedContext, people: PersonPlan[]): Promise<void> {
  const rng = ctx.rng('subsidised-attendance');
  const today = ctx.today;
  const windowStart = addDays(today, -28);
  const yesterday = addDays(today, -1);
  const rows: Row<AttendanceEntry>[] = [];
  for (const person of people) {
    const employed = person.employment;
    // Before the job starts, three mapping days a week in the coaching environment.
    const mappingDays = new Set([1, 3, 4]);
    for (const date of eachDay(maxDate(person.periodStart, windowStart), yesterday)) {
      if (!isWorkingDay(date)) continue;
      const working = employed !== null && compareDates(employed.start, date) <= 0;
      if (!working && !mappingDays.has(weekday(date))) continue;
      const createdAt = ctx.at(date, 15, rng.int(0, 59));
      const base = {
        id: ctx.id(),
        periodId: person.periodId,
        traineeId: person.profile.id,
        date,
        recordedBy: person.coach.actor.userId,
        createdAt,
        updatedAt: createdAt,
      };
      if (rng.chance(0.04)) {
        const reason = rng.weighted<AbsenceReason>([
          [AbsenceReason.ILLNESS, 60],
          [AbsenceReason.CHILD_ILLNESS, 15],
          [AbsenceReason.AUTHORISED, 25],
        ]);
        checkAttendanceEntry({ status: AttendanceStatus.ABSENT, hours: null, absenceReason: reason }, defaultAttendanceLimits);
        rows.push({
          ...base,
          status: AttendanceStatus.ABSENT,
          hours: null,
          absenceReason: reason,
          note: working ? 'Työnantajan ilmoittama poissaolo.' : null,
        });
        continue;
      }
      const hours = working ? person.hoursPerDay : Math.min(5, person.hoursPerDay);
      checkAttendanceEntry({ status: AttendanceStatus.PRESENT, hours, absenceReason: null }, defaultAttendanceLimits);
      rows.push({
        ...base,
        status: AttendanceStatus.PRESENT,
        hours,
        absenceReason: null,
        note: working ? `Työsuhde: ${employed.application.unit.name}` : 'Alkukartoitus valmennusympäristössä.',
      });
    }
  }
  await ctx.insert(AttendanceEntry, rows);
}
