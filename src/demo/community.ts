import { PeriodPhase } from '../modules/coaching-period/period-phase';
import { GroupSession, GroupSessionParticipant, GroupSessionTopic } from '../modules/group-session/group-session.entities';
import { Indicator, IndicatorMeasurement, IndicatorTarget, IndicatorUnit } from '../modules/indicator/indicator.entities';
import { isEmployedOrStudying } from '../modules/outcome/outcome';
import { addDays, addMonths, compareDates, IsoDate } from '../modules/shared/calendar';
import { localized, LocalizedText } from '../modules/shared/localized-text';
import type { Row, SeedContext } from './context';
import { finnishTime, minDate, nextWorkingDay } from './dates';
import type { Lifecycle, PeriodPlan } from './lifecycle';

const SESSIONS: Array<{
  title: string;
  topic: GroupSessionTopic;
  inDays: number;
  hour: number;
  location: string;
  facilitator: string;
  size: number;
  youthOnly?: boolean;
}> = [
  {
    title: 'Talous haltuun – velkaneuvonnan info',
    topic: GroupSessionTopic.DEBT_COUNSELLING,
    inDays: -24,
    hour: 13,
    location: 'Valmennusympäristö Polku, ryhmätila Kaisla',
    facilitator: 'Satakunnan talous- ja velkaneuvonta',
    size: 12,
  },
  {
    title: 'Velkaneuvonta: kysy ja kysy lisää',
    topic: GroupSessionTopic.DEBT_COUNSELLING,
    inDays: 9,
    hour: 13,
    location: 'Valmennusympäristö Polku, ryhmätila Kaisla',
    facilitator: 'Satakunnan talous- ja velkaneuvonta',
    size: 8,
  },
  {
    title: 'Koulutusinfo: Sataedu, oppisopimus ja tutkinnon osat',
    topic: GroupSessionTopic.EDUCATION_INFO,
    inDays: -38,
    hour: 10,
    location: 'Porin kaupunginkirjasto, Kirjastosali',
    facilitator: 'Sataedu, opinto-ohjaaja',
    size: 14,
  },
  {
    title: 'Koulutusinfo: kevään yhteishaku',
    topic: GroupSessionTopic.EDUCATION_INFO,
    inDays: 16,
    hour: 10,
    location: 'Valmennusympäristö Polku, ryhmätila Kaisla',
    facilitator: 'Ura-agentit ja Sataedun opinto-ohjaus',
    size: 10,
  },
  {
    title: 'Osaamo asennevalmennus, ryhmä 1',
    topic: GroupSessionTopic.ATTITUDE_TRAINING,
    inDays: -75,
    hour: 9,
    location: 'Nuorten työpaja Osaamo, Pohjoisranta 11',
    facilitator: 'Osaamo-projektin valmentajat',
    size: 12,
    youthOnly: true,
  },
  {
    title: 'Osaamo asennevalmennus, ryhmä 2',
    topic: GroupSessionTopic.ATTITUDE_TRAINING,
    inDays: -3,
    hour: 9,
    location: 'Nuorten työpaja Osaamo, Pohjoisranta 11',
    facilitator: 'Osaamo-projektin valmentajat',
    size: 10,
    youthOnly: true,
  },
  {
    title: 'CV-paja ja työnhakuasiakirjat',
    topic: GroupSessionTopic.JOB_SEARCH,
    inDays: -10,
    hour: 12,
    location: 'Valmennusympäristö Polku, atk-luokka',
    facilitator: 'Ura-agentit',
    size: 9,
  },
  {
    title: 'Digitaidot: sähköinen asiointi ja Työmarkkinatori',
    topic: GroupSessionTopic.DIGITAL_SKILLS,
    inDays: -17,
    hour: 12,
    location: 'Valmennusympäristö Polku, atk-luokka',
    facilitator: 'Digituki, Porin kaupunginkirjasto',
    size: 8,
  },
  {
    title: 'Tutustumiskäynti: Porin Kiinteistöhuolto Oy',
    topic: GroupSessionTopic.WORKPLACE_VISIT,
    inDays: 4,
    hour: 10,
    location: 'Porin Kiinteistöhuolto Oy, Karjarannantie',
    facilitator: 'Ura-agentti ja yrityksen työnjohtaja',
    size: 8,
  },
];

const activeOn = (period: PeriodPlan, date: IsoDate) =>
  compareDates(period.start, date) <= 0 &&
  compareDates(date, period.end ?? period.plannedEnd) <= 0 &&
  period.steps[0].phase === PeriodPhase.INITIAL_MAPPING;

export async function seedGroupSessions(ctx: SeedContext, lifecycle: Lifecycle): Promise<void> {
  const rng = ctx.rng('group-sessions');
  const today = ctx.today;
  const sessionRows: Row<GroupSession>[] = [];
  const participantRows: Row<GroupSessionParticipant>[] = [];
  for (const session of SESSIONS) {
    const date = nextWorkingDay(addDays(today, session.inDays));
    const id = ctx.id();
    // When it is planned to start: a plan, not a record, so it may lie ahead of the seed's instant.
    const startsAt = finnishTime(date, session.hour);
    const createdAt = ctx.at(addDays(date, -21), 11);
    sessionRows.push({
      id,
      title: session.title,
      topic: session.topic,
      startsAt,
      location: session.location,
      facilitator: session.facilitator,
      createdAt,
      updatedAt: createdAt,
    });
    const past = compareDates(date, today) < 0;
    const eligible = lifecycle.periods.filter((p) => activeOn(p, date) && (!session.youthOnly || p.youth) && (past || p.end === null));
    const trainees = [...new Map(eligible.map((p) => [p.trainee.id, p])).keys()];
    for (const traineeId of rng.sample(trainees, session.size)) {
      participantRows.push({
        id: ctx.id(),
        sessionId: id,
        traineeId,
        attended: past ? rng.chance(0.85) : null,
        createdAt,
        updatedAt: past ? startsAt : createdAt,
      });
    }
  }
  await ctx.insert(GroupSession, sessionRows);
  await ctx.insert(GroupSessionParticipant, participantRows);
}

interface IndicatorSource {
  code: string;
  name: LocalizedText;
  unit: IndicatorUnit;
  baseline: [number, number];
  targets: Record<number, number>;
  higherIsBetter: boolean;
  /** The value at a month's last day, or null to fall back to the trend. */
  measure: (monthEnd: IsoDate) => number | null;
  /** Where the trend ends when the demo is too young to measure the past (it only holds today's cohort). */
  current?: () => number | null;
  note?: string;
}

const round1 = (value: number) => Math.round(value * 10) / 10;

/** Strategy indicators with a baseline, targets for 2026 and 2028 and 18 monthly measurements. */
export async function seedIndicators(ctx: SeedContext, lifecycle: Lifecycle, activeCoachCount: number): Promise<void> {
  const rng = ctx.rng('indicators');
  const today = ctx.today;
  const periods = lifecycle.periods;

  const employedShare = (monthEnd: IsoDate): number | null => {
    const from = addMonths(monthEnd, -12);
    const latest = periods
      .filter((p) => p.end && compareDates(p.end, monthEnd) <= 0 && compareDates(p.end, from) > 0)
      .map((p) => [...p.outcomes].reverse().find((o) => compareDates(o.observedOn, monthEnd) <= 0))
      .filter((o) => o !== undefined);
    if (latest.length < 6) return null;
    return round1((100 * latest.filter((o) => isEmployedOrStudying(o.type)).length) / latest.length);
  };
  const activeAt = (date: IsoDate) => periods.filter((p) => compareDates(p.start, date) <= 0 && (p.end === null || compareDates(date, p.end) <= 0));
  const immigrantShare = (monthEnd: IsoDate): number | null => {
    const active = activeAt(monthEnd);
    if (active.length < 15) return null;
    return round1((100 * active.filter((p) => p.trainee.immigrant).length) / active.length);
  };
  const perCoach = (monthEnd: IsoDate): number | null => {
    const active = activeAt(monthEnd).length;
    return active < 30 ? null : Math.round((active / activeCoachCount) * 100) / 100;
  };
  const clients = (monthEnd: IsoDate): number => new Set(periods.filter((p) => compareDates(p.start, monthEnd) <= 0).map((p) => p.trainee.id)).size;

  let subsidised = 146;
  const sources: IndicatorSource[] = [
    {
      code: 'EMPLOYED_OR_STUDYING_AFTER_SERVICE',
      name: localized(
        'Työllistyneet tai opiskelemaan siirtyneet palvelun jälkeen',
        'Sysselsatta eller studerande efter tjänsten',
        'Employed or studying after the service',
      ),
      unit: IndicatorUnit.PERCENT,
      baseline: [52, 2024],
      targets: { 2026: 65, 2028: 70 },
      higherIsBetter: true,
      measure: employedShare,
      note: 'Viimeisin tulos niistä jaksoista, jotka päättyivät edellisten 12 kuukauden aikana.',
    },
    {
      code: 'OSAAMO_CLIENTS',
      name: localized(
        'Asiakasmäärä (Osaamo, tavoite 240 kahdessa vuodessa)',
        'Antal klienter (Osaamo, mål 240 på två år)',
        'Clients (Osaamo, target 240 in two years)',
      ),
      unit: IndicatorUnit.COUNT,
      baseline: [0, 2025],
      targets: { 2026: 120, 2028: 240 },
      higherIsBetter: true,
      measure: clients,
    },
    {
      code: 'IMMIGRANT_SHARE',
      name: localized(
        'Maahanmuuttajataustaisten osuus asiakkaista',
        'Andel klienter med invandrarbakgrund',
        'Share of clients with an immigrant background',
      ),
      unit: IndicatorUnit.PERCENT,
      baseline: [28, 2024],
      targets: { 2026: 35, 2028: 35 },
      higherIsBetter: true,
      measure: () => null,
      current: () => immigrantShare(today),
    },
    {
      code: 'TRAINEES_PER_COACH',
      name: localized(
        'Valmentautujia työvalmentajaa kohden (tavoite 8–12)',
        'Deltagare per arbetscoach (mål 8–12)',
        'Trainees per coach (target 8–12)',
      ),
      unit: IndicatorUnit.RATIO,
      baseline: [7.2, 2024],
      targets: { 2026: 10, 2028: 10 },
      higherIsBetter: true,
      measure: () => null,
      current: () => perCoach(today),
    },
    {
      code: 'WAGE_SUBSIDISED_MUNICIPAL_JOBS',
      name: localized(
        'Palkkatuetussa työssä kaupungin toimialoilla (henkilöä/kk)',
        'Anställda med lönesubvention i stadens sektorer (personer/mån)',
        'People in wage-subsidised municipal jobs (per month)',
      ),
      unit: IndicatorUnit.COUNT,
      baseline: [150, 2023],
      targets: { 2026: 155, 2028: 160 },
      higherIsBetter: true,
      // Around 150 a month (Pori), drifting but pulled back towards it.
      measure: () => (subsidised = Math.round(150 + (subsidised - 150) * 0.5 + rng.int(-7, 7))),
      note: 'Työllisyyspalvelujen kuukausiraportti.',
    },
  ];

  const firstOfMonth = `${today.slice(0, 7)}-01`;
  const monthEnds = Array.from({ length: 18 }, (_, i) => addDays(addMonths(firstOfMonth, i - 17), -1));
  const indicatorRows: Row<Indicator>[] = [];
  const targetRows: Row<IndicatorTarget>[] = [];
  const measurementRows: Row<IndicatorMeasurement>[] = [];
  for (const source of sources) {
    const id = ctx.id();
    indicatorRows.push({
      id,
      code: source.code,
      name: source.name,
      unit: source.unit,
      baselineValue: source.baseline[0],
      baselineYear: source.baseline[1],
      higherIsBetter: source.higherIsBetter,
    });
    for (const [targetYear, value] of Object.entries(source.targets))
      targetRows.push({ id: ctx.id(), indicatorId: id, year: Number(targetYear), value });
    const measured = monthEnds.map((monthEnd) => source.measure(monthEnd));
    const current = source.current?.() ?? [...measured].reverse().find((v) => v !== null) ?? source.baseline[0];
    monthEnds.forEach((monthEnd, i) => {
      // Before the demo has enough periods to measure, the value trends from the baseline towards today's.
      const trend = source.baseline[0] + ((current - source.baseline[0]) * (i + 1)) / monthEnds.length;
      const noise = i === monthEnds.length - 1 ? 0 : (rng.next() - 0.5) * Math.abs(current - source.baseline[0]) * 0.3;
      const value = measured[i] ?? Math.round((trend + noise) * 100) / 100;
      const at = ctx.at(minDate(addDays(monthEnd, 5), today), 10);
      measurementRows.push({
        id: ctx.id(),
        indicatorId: id,
        measuredOn: monthEnd,
        value,
        note: i === monthEnds.length - 1 ? (source.note ?? null) : null,
        createdAt: at,
        updatedAt: at,
      });
    });
  }
  await ctx.insert(Indicator, indicatorRows);
  await ctx.insert(IndicatorTarget, targetRows);
  await ctx.insert(IndicatorMeasurement, measurementRows);
}
