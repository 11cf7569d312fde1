import { AttendanceEntry } from '../modules/attendance/attendance.entities';
import { AttendanceStatus } from '../modules/attendance/expense-allowance';
import { CoachingPeriod } from '../modules/coaching-period/coaching-period.entities';
import { ParticipationBasis, PeriodPhase, ServiceForm } from '../modules/coaching-period/period-phase';
import { Department, PartnerCompany, WorkUnit } from '../modules/organisation/organisation.entities';
import { Referral } from '../modules/referral/referral.entity';
import { ReferralState } from '../modules/referral/referral-state';
import { addDays, IsoDate } from '../modules/shared/calendar';
import { localized } from '../modules/shared/localized-text';
import { StaffMember, StaffRole } from '../modules/staff/staff.entity';
import type { PersonalDataCipher } from '../platform/crypto';
import type { SeedContext } from './context';
import { previousWorkingDay } from './dates';
import { businessIdFor, identityCodeFor } from './identifiers';
import type { Organisation, SeededArea, SeededStaff, SeededUnit } from './organisation';
import { insertTrainees, TraineeProfile } from './people';

/**
 * Two smaller coaching environments beside Pori's, so the organisation boundary can be seen:
 * Ulvila is referred clients by the same employment area as Pori, Rauma by its own. Each has a
 * department, two units, a coach and a career agent, a partner company and eight clients (six in
 * coaching with a week of attendance, two waiting in intake). Everything is drawn from streams of
 * its own, so the Pori demo's ids and values stay as they were.
 */
interface NeighbourPlan {
  key: 'ulvila' | 'rauma';
  domain: string;
  municipalityCode: string;
  town: string;
  department: { code: string; name: ReturnType<typeof localized> };
  units: Array<{ name: string; address: string; leadName: string }>;
  coach: string;
  careerAgent: string;
  company: { name: string; contactName: string; industry: string };
  /** Clients' names: chosen apart from the Pori demo's name lists, so a leak would be recognisable. */
  people: Array<[first: string, last: string, birthDate: IsoDate]>;
}

/** Clients of each neighbour: six in coaching, two in intake. */
const PEOPLE_PER_NEIGHBOUR = 8;

const PLANS: NeighbourPlan[] = [
  {
    key: 'ulvila',
    domain: 'ulvila.example',
    municipalityCode: '886',
    town: 'Ulvila',
    department: {
      code: 'SIVISTYS',
      name: localized('Sivistys- ja hyvinvointipalvelut', 'Bildnings- och välfärdstjänster', 'Education and Wellbeing'),
    },
    units: [
      { name: 'Ulvilan työpaja Verstas', address: 'Friitalantie 14, 28400 Ulvila', leadName: 'Kaija Ojala' },
      { name: 'Ulvilan kirjasto', address: 'Kauppatie 1, 28400 Ulvila', leadName: 'Raimo Alanen' },
    ],
    coach: 'Ulla Rautio',
    careerAgent: 'Jouni Kivelä',
    company: { name: 'Friitalan Nahkatehdas Oy', contactName: 'Leena Sorsa', industry: 'Leather goods' },
    people: [
      ['Aapeli', 'Ylöstalo', '1979-03-14'],
      ['Saimi', 'Kuusniemi', '1986-11-02'],
      ['Ilmari', 'Vähäsarja', '1993-06-27'],
      ['Alma', 'Pietilä-Rinne', '1971-01-19'],
      ['Konsta', 'Harjunpää', '1999-09-08'],
      ['Venla', 'Uotila', '1988-04-30'],
      ['Eino', 'Lahdenperä', '1965-12-12'],
      ['Hilja', 'Kotkavuori', '1995-07-21'],
    ],
  },
  {
    key: 'rauma',
    domain: 'rauma.example',
    municipalityCode: '684',
    town: 'Rauma',
    department: { code: 'HYVINVOINTI', name: localized('Hyvinvointipalvelut', 'Välfärdstjänster', 'Wellbeing Services') },
    units: [
      { name: 'Rauman työvalmennuskeskus Pitsi', address: 'Nortamonkatu 6, 26100 Rauma', leadName: 'Pirjo Nummela' },
      { name: 'Vanhan Rauman kiinteistöhuolto', address: 'Kuninkaankatu 20, 26100 Rauma', leadName: 'Esa Kaunisto' },
    ],
    coach: 'Tarja Vuolle',
    careerAgent: 'Henrik Söderholm',
    company: { name: 'Rauman Satamapalvelu Oy', contactName: 'Mauri Lähteenmäki', industry: 'Port services' },
    people: [
      ['Vilho', 'Kaarresalo', '1982-02-11'],
      ['Elma', 'Suominen-Ketola', '1990-10-05'],
      ['Tauno', 'Rekola', '1976-05-23'],
      ['Lempi', 'Jokihaara', '1997-08-16'],
      ['Arvo', 'Nurmesniemi', '1969-03-03'],
      ['Aino-Maria', 'Tuuri', '1984-12-29'],
      ['Väinö', 'Isokangas', '2001-01-07'],
      ['Siiri', 'Päivärinta', '1992-06-14'],
    ],
  },
];

/** How many clients the neighbours hold together (the demo's trainee count is Pori's). */
export const NEIGHBOUR_TRAINEE_COUNT = PLANS.length * PEOPLE_PER_NEIGHBOUR;

const ascii = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z]+/g, '.');

/** Seeds Ulvila's and Rauma's environments; returns the rows their personas are found by. */
export async function seedNeighbours(
  ctx: SeedContext,
  cipher: PersonalDataCipher,
  organisationIds: { ulvila: string; rauma: string },
  areas: { pori: SeededArea; rauma: SeededArea },
): Promise<{ ulvila: Organisation; rauma: Organisation }> {
  const seeded: Partial<Record<'ulvila' | 'rauma', Organisation>> = {};
  for (const plan of PLANS) {
    const area = plan.key === 'ulvila' ? areas.pori : areas.rauma;
    seeded[plan.key] = await seedNeighbour(ctx, cipher, organisationIds[plan.key], area, plan);
  }
  return seeded as { ulvila: Organisation; rauma: Organisation };
}

async function seedNeighbour(ctx: SeedContext, cipher: PersonalDataCipher, organisationId: string, area: SeededArea, plan: NeighbourPlan) {
  const rng = ctx.rng(`neighbour-${plan.key}`);
  const id = () => rng.uuid();
  const previous = ctx.organisationId;
  ctx.organisationId = organisationId;
  try {
    const departmentId = id();
    await ctx.insert(Department, [{ id: departmentId, code: plan.department.code, name: plan.department.name }]);
    const units: SeededUnit[] = plan.units.map((unit) => ({
      ...unit,
      id: id(),
      departmentCode: plan.department.code,
      leadEmail: `${ascii(unit.leadName)}@${plan.domain}`,
      orders: [],
    }));
    await ctx.insert(
      WorkUnit,
      units.map((u) => ({ id: u.id, departmentId, name: u.name, address: u.address, unitLeadName: u.leadName, unitLeadEmail: u.leadEmail })),
    );
    const company = {
      id: id(),
      name: plan.company.name,
      businessId: businessIdFor(rng),
      isNonProfit: false,
      contactName: plan.company.contactName,
      contactEmail: `${ascii(plan.company.contactName)}@${ascii(plan.company.name)}example`,
      industry: plan.company.industry,
    };
    await ctx.insert(PartnerCompany, [
      {
        id: company.id,
        name: company.name,
        businessId: company.businessId,
        industry: company.industry,
        municipalityCode: plan.municipalityCode,
        contactName: company.contactName,
        contactEmail: company.contactEmail,
        isNonProfit: false,
      },
    ]);
    const staff = (name: string, role: StaffRole): SeededStaff => {
      const email = `${ascii(name)}@${plan.domain}`;
      return { id: id(), name, email, role, caseloadMin: 6, caseloadMax: 12, active: true, actor: { userId: email, role } };
    };
    const coach = staff(plan.coach, StaffRole.COACH);
    const careerAgent = staff(plan.careerAgent, StaffRole.CAREER_AGENT);
    await ctx.insert(
      StaffMember,
      [coach, careerAgent].map((s) => ({
        id: s.id,
        name: s.name,
        email: s.email,
        role: s.role,
        caseloadMin: s.caseloadMin,
        caseloadMax: s.caseloadMax,
        active: s.active,
      })),
    );

    const today = ctx.today;
    if (plan.people.length !== PEOPLE_PER_NEIGHBOUR) throw new Error(`${plan.key} needs ${PEOPLE_PER_NEIGHBOUR} people`);
    const profiles: TraineeProfile[] = plan.people.map(([firstName, lastName, birthDate], index) => {
      const code = identityCodeFor(rng, birthDate);
      return {
        id: id(),
        firstName,
        lastName,
        birthDate,
        age: Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4)),
        immigrant: false,
        languages: ['fi'],
        finnishLevel: null,
        municipalityCode: plan.municipalityCode,
        area,
        identityCode: code.code,
        temporaryCode: code.temporary,
        email: `${ascii(firstName)}.${ascii(lastName)}@example.com`,
        phone: `+358 40 ${600 + index} ${rng.int(1000, 9999)}`,
        workLevel: 1,
        createdAt: ctx.at(addDays(today, -60 + index), 9),
      };
    });
    await insertTrainees(ctx, cipher, profiles);

    const caseManager = area.caseManagers[0];
    const caseManagerActor = { userId: caseManager.email, role: 'CASE_MANAGER' };
    // Six were accepted into coaching; the last two wait in the intake queue.
    const referrals = profiles.map((person, index) => {
      const receivedAt = ctx.at(addDays(today, -58 + index), 10);
      const decidedAt = index < 6 ? ctx.at(addDays(today, -56 + index), 11) : null;
      const referral = { id: id(), person, receivedAt, decidedAt, index };
      ctx.history.record('Referral', referral.id, null, ReferralState.RECEIVED, receivedAt, caseManagerActor);
      if (decidedAt) ctx.history.record('Referral', referral.id, ReferralState.RECEIVED, ReferralState.ACCEPTED, decidedAt, coach.actor);
      return referral;
    });
    await ctx.insert(
      Referral,
      referrals.map((referral) => ({
        id: referral.id,
        employmentAreaId: area.id,
        externalId: `${plan.key.toUpperCase()}-${today.slice(0, 4)}-${String(referral.index + 1).padStart(5, '0')}`,
        caseManagerId: caseManager.id,
        traineeId: referral.person.id,
        serviceForm: ServiceForm.ASSESSMENT,
        participationBasis: ParticipationBasis.REHABILITATIVE_WORK,
        background: `Kuntouttava työtoiminta ${plan.town}ssa; aktivointisuunnitelma tehty.`,
        state: referral.decidedAt ? ReferralState.ACCEPTED : ReferralState.RECEIVED,
        rejectionReason: null,
        receivedAt: referral.receivedAt,
        decidedAt: referral.decidedAt,
        createdAt: referral.receivedAt,
        updatedAt: referral.decidedAt ?? referral.receivedAt,
      })),
    );

    const periods = referrals
      .filter((referral) => referral.decidedAt)
      .map((referral) => {
        const start = addDays(today, -55 + referral.index);
        const openedAt = ctx.at(start, 9);
        const periodId = id();
        ctx.history.record('CoachingPeriod', periodId, null, PeriodPhase.INITIAL_MAPPING, openedAt, coach.actor);
        const coachingFrom = ctx.at(addDays(start, 14), 9);
        ctx.history.record('CoachingPeriod', periodId, PeriodPhase.INITIAL_MAPPING, PeriodPhase.COACHING, coachingFrom, coach.actor);
        ctx.history.record('CoachingPeriodCoach', periodId, null, coach.id, openedAt, coach.actor, 'Assigned when the period was opened');
        ctx.history.record('CoachingPeriodCareerAgent', periodId, null, careerAgent.id, openedAt, coach.actor, 'Assigned when the period was opened');
        return { id: periodId, referral, start, openedAt, updatedAt: coachingFrom };
      });
    await ctx.insert(
      CoachingPeriod,
      periods.map((period) => ({
        id: period.id,
        traineeId: period.referral.person.id,
        referralId: period.referral.id,
        serviceForm: ServiceForm.ASSESSMENT,
        participationBasis: ParticipationBasis.REHABILITATIVE_WORK,
        daysPerWeek: 3,
        hoursPerDay: 5,
        startDate: period.start,
        plannedEndDate: addDays(period.start, 180),
        endDate: null,
        phase: PeriodPhase.COACHING,
        coachId: coach.id,
        careerAgentId: careerAgent.id,
        goals: 'Päivärytmi ja työkyvyn arviointi työtoiminnassa.',
        caseloadOverrideReason: null,
        createdAt: period.openedAt,
        updatedAt: period.updatedAt,
      })),
    );

    // The last three working days before today (the periods' three days a week), present on each.
    const days: IsoDate[] = [];
    for (let day = previousWorkingDay(addDays(today, -1)); days.length < 3; day = previousWorkingDay(addDays(day, -1))) days.unshift(day);
    await ctx.insert(
      AttendanceEntry,
      periods.flatMap((period) =>
        days.map((date) => {
          const createdAt = ctx.at(date, 15);
          return {
            id: id(),
            periodId: period.id,
            traineeId: period.referral.person.id,
            date,
            status: AttendanceStatus.PRESENT,
            hours: 5,
            absenceReason: null,
            note: `${units[0].name}`,
            recordedBy: coach.actor.userId,
            createdAt,
            updatedAt: createdAt,
          };
        }),
      ),
    );

    const organisation: Organisation = { areas: [area], area, units, companies: [company], coaches: [coach], careerAgents: [careerAgent] };
    return organisation;
  } finally {
    ctx.organisationId = previous;
  }
}
