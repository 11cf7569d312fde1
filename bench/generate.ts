/**
 * The benchmark's data generator: `npm run bench:generate -- --scale tiny|municipal|national
 * [--database-url postgres://postgres@127.0.0.1:5432/postgres] [--as-of 2026-03-02T09:00:00Z]`.
 *
 * Drops and creates the scale's database (`benchDatabaseName`) on the server, migrates it with the
 * project's own data source, and fills it set-based: the rows whose values matter are drawn in Node
 * from fixed-seed streams (`Rng`) and sent as arrays (`INSERT … SELECT FROM unnest(…)`, batches of
 * 20,000 rows); the bulk (attendance, capacity scores, diary entries, the access log) is made in SQL
 * with generate_series, its values and ids derived from hashes of the parent rows, so two runs as of
 * the same instant hold the same data (only the identity codes' encryption IVs differ). Identity codes
 * are encrypted exactly as the service does (`PersonalDataCipher` with the bench key ring). Writes the
 * manifest (`manifestPath`) the harness reads: who may sign in, with which scope rows.
 */
import 'reflect-metadata';

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { Client } from 'pg';

import { modelEntities } from '../src/app/entities';
import { businessIdFor, identityCodeFor } from '../src/demo/identifiers';
import { Rng } from '../src/demo/random';
import { todayInFinland } from '../src/modules/shared/calendar';
import { parseKeyRing, PersonalDataCipher } from '../src/platform/crypto';
import { createDataSource } from '../src/platform/database/data-source';
import { createLogger } from '../src/platform/logger';
import {
  BENCH_IDENTITY_CODE_HASH_KEY,
  BENCH_IDENTITY_CODE_KEYS,
  BENCH_ISSUER,
  benchDatabaseName,
  BenchManifest,
  BenchScale,
  BenchUser,
  manifestPath,
} from './contract';

export const DEFAULT_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
/** Each manifest list of users holds at most this many entries (spread over the organisations). */
const MANIFEST_LIST_CAP = 500;
const BATCH = 20_000;

interface ScaleConfig {
  organisations: number;
  areas: number;
  trainees: number;
  /** Fewest trainees an organisation's register holds. */
  minTraineesPerOrganisation: number;
  staff: number;
  workUnits: number;
  partnerCompanies: number;
  placements: number;
  assessments: number;
  competenceRecords: number;
  attendance: number;
  consents: number;
  workOrdersPerUnit: number;
  /** Trainees with a long access-log history, and how many rows each. */
  accessLogHotTrainees: number;
  accessLogRowsPerHotTrainee: number;
  traineeUsers: number;
  /** One diary entry per this many present days (by hash). */
  diaryEvery: number;
}

export const SCALES: Record<BenchScale, ScaleConfig> = {
  national: {
    organisations: 120,
    areas: 45,
    trainees: 60_000,
    minTraineesPerOrganisation: 40,
    staff: 6_000,
    workUnits: 5_000,
    partnerCompanies: 2_400,
    placements: 120_000,
    assessments: 200_000,
    competenceRecords: 300_000,
    attendance: 5_000_000,
    consents: 15_000,
    workOrdersPerUnit: 3,
    accessLogHotTrainees: 1_000,
    accessLogRowsPerHotTrainee: 200,
    traineeUsers: 3_000,
    diaryEvery: 20,
  },
  municipal: {
    organisations: 4,
    areas: 3,
    trainees: 3_000,
    minTraineesPerOrganisation: 100,
    staff: 300,
    workUnits: 250,
    partnerCompanies: 120,
    placements: 6_000,
    assessments: 10_000,
    competenceRecords: 15_000,
    attendance: 250_000,
    consents: 750,
    workOrdersPerUnit: 3,
    accessLogHotTrainees: 50,
    accessLogRowsPerHotTrainee: 200,
    traineeUsers: 150,
    diaryEvery: 20,
  },
  tiny: {
    organisations: 3,
    areas: 2,
    trainees: 40,
    minTraineesPerOrganisation: 8,
    staff: 9,
    workUnits: 6,
    partnerCompanies: 4,
    placements: 40,
    assessments: 20,
    competenceRecords: 40,
    attendance: 200,
    consents: 8,
    workOrdersPerUnit: 1,
    accessLogHotTrainees: 4,
    accessLogRowsPerHotTrainee: 10,
    traineeUsers: 5,
    diaryEvery: 10,
  },
};

export interface GenerateOptions {
  scale: BenchScale;
  /** A database URL of the server (any database it holds, e.g. `…/postgres`); the generator makes its own. */
  serverUrl?: string;
  /** The instant the data is "as of" (default: now). Same instant, same data. */
  asOf?: Date;
  /** Where to write the manifest (default: `manifestPath(scale)` under the project root). */
  manifestFile?: string;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

// ---------------------------------------------------------------------------------------------
// Calendar as day numbers (days since 1970-01-01, UTC): cheap arithmetic for a million dates.

const DAY_MS = 86_400_000;
const dayOf = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
const iso = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
const isoDow = (day: number) => ((((day + 3) % 7) + 7) % 7) + 1;
/** An instant on a day, at a Finnish-ish office hour (UTC+2 written out). */
const at = (day: number, hour = 10, minute = 0) => `${iso(day)}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+02:00`;
const FIXED_HOLIDAYS = ['01-01', '01-06', '05-01', '12-06', '12-24', '12-25', '12-26'];

// ---------------------------------------------------------------------------------------------
// Names and catalogues.

// prettier-ignore
const FIRST_NAMES = [
  'Aino', 'Eino', 'Helmi', 'Väinö', 'Venla', 'Onni', 'Aada', 'Leo', 'Ilona', 'Elias', 'Sofia', 'Oliver', 'Lilja', 'Eetu', 'Siiri', 'Juho',
  'Emilia', 'Matias', 'Kerttu', 'Joonas', 'Hanna', 'Mikko', 'Laura', 'Antti', 'Johanna', 'Timo', 'Sari', 'Jari', 'Tiina', 'Petri', 'Minna',
  'Ahmed', 'Fatima', 'Ali', 'Amina', 'Olena', 'Dmitri', 'Nguyen', 'Maria', 'Jussi',
];
// prettier-ignore
const LAST_NAMES = [
  'Korhonen', 'Virtanen', 'Mäkinen', 'Nieminen', 'Mäkelä', 'Hämäläinen', 'Laine', 'Heikkinen', 'Koskinen', 'Järvinen', 'Lehtonen',
  'Lehtinen', 'Saarinen', 'Salminen', 'Heinonen', 'Niemi', 'Heikkilä', 'Kinnunen', 'Salonen', 'Turunen', 'Salo', 'Laitinen', 'Tuominen',
  'Rantanen', 'Karjalainen', 'Jokinen', 'Mattila', 'Savolainen', 'Lahtinen', 'Ahonen', 'Hassan', 'Mohamed', 'Kovalenko', 'Ivanova',
  'Tran', 'Lindholm', 'Sjöberg', 'Nyström', 'Pietilä', 'Kallio',
];
/** The largest municipalities first (name, statistical code); the rest of a national scale are joint authorities and small towns. */
// prettier-ignore
const CITIES: Array<[string, string]> = [
  ['Helsingin kaupunki', '091'], ['Espoon kaupunki', '049'], ['Tampereen kaupunki', '837'], ['Vantaan kaupunki', '092'],
  ['Oulun kaupunki', '564'], ['Turun kaupunki', '853'], ['Jyväskylän kaupunki', '179'], ['Kuopion kaupunki', '297'],
  ['Lahden kaupunki', '398'], ['Porin kaupunki', '609'], ['Joensuun kaupunki', '167'], ['Lappeenrannan kaupunki', '405'],
  ['Hämeenlinnan kaupunki', '109'], ['Vaasan kaupunki', '905'], ['Seinäjoen kaupunki', '743'], ['Rovaniemen kaupunki', '698'],
  ['Mikkelin kaupunki', '491'], ['Kotkan kaupunki', '285'], ['Salon kaupunki', '734'], ['Porvoon kaupunki', '638'],
  ['Kouvolan kaupunki', '286'], ['Lohjan kaupunki', '444'], ['Hyvinkään kaupunki', '106'], ['Nurmijärven kunta', '543'],
  ['Järvenpään kaupunki', '186'], ['Rauman kaupunki', '684'], ['Kirkkonummen kunta', '257'], ['Tuusulan kunta', '858'],
  ['Kajaanin kaupunki', '205'], ['Kokkolan kaupunki', '272'],
];
// prettier-ignore
const REGIONS = [
  'Uusimaa', 'Pirkanmaa', 'Varsinais-Suomi', 'Pohjois-Pohjanmaa', 'Keski-Suomi', 'Pohjois-Savo', 'Päijät-Häme', 'Satakunta', 'Pohjois-Karjala',
  'Etelä-Karjala', 'Kanta-Häme', 'Pohjanmaa', 'Etelä-Pohjanmaa', 'Lappi', 'Etelä-Savo', 'Kymenlaakso', 'Kainuu', 'Keski-Pohjanmaa',
];
const WORK_FIELDS = [
  'GROUNDS_AND_PROPERTY_CARE',
  'CLEANING',
  'FOOD_SERVICES',
  'CLEARING_AND_MOVING',
  'MACHINE_MAINTENANCE',
  'RECYCLING',
  'OFFICE_WORK',
];
const UNIT_KINDS = ['työpaja', 'kiinteistöhuolto', 'keittiö', 'kierrätyskeskus', 'kirjasto', 'päiväkoti', 'varikko', 'toimisto', 'puutarha'];
const INDUSTRIES = ['Logistics', 'Retail', 'Cleaning services', 'Construction', 'Food industry', 'Property maintenance', 'Recycling', 'Hospitality'];

/** A handful of national qualifications, each with units (ePerusteet-like ids) and requirements. */
// prettier-ignore
const QUALIFICATIONS = [
  { externalId: '7861752', diary: 'OPH-2657-2017', name: 'Puhtaus- ja kiinteistöpalvelualan perustutkinto', units: ['106920', '106921', '106922', '106923'] },
  { externalId: '4753220', diary: 'OPH-2658-2017', name: 'Ravintola- ja catering-alan perustutkinto', units: ['106967', '106968', '106969'] },
  { externalId: '3774794', diary: 'OPH-2680-2017', name: 'Logistiikan perustutkinto', units: ['106958', '106959', '106960'] },
  { externalId: '3397336', diary: 'OPH-2643-2017', name: 'Kasvatus- ja ohjausalan perustutkinto', units: ['106912', '106913'] },
  { externalId: '4802143', diary: 'OPH-2639-2017', name: 'Liiketoiminnan perustutkinto', units: ['106931', '106932', '106933'] },
];
const REQUIREMENTS_PER_UNIT = 4;

/** The national work- and functional-capacity meter: five dimensions, two items each, scored 1–5. */
const CAPACITY_DIMENSIONS: Array<{ code: string; name: string; items: string[] }> = [
  { code: 'PHYSICAL', name: 'Fyysinen toimintakyky', items: ['Jaksaa työpäivän', 'Selviytyy nostoista ja liikkumisesta'] },
  { code: 'PSYCHOLOGICAL', name: 'Psyykkinen toimintakyky', items: ['Sietää muutoksia', 'Motivaatio ja tavoitteellisuus'] },
  { code: 'SOCIAL', name: 'Sosiaalinen toimintakyky', items: ['Toimii ryhmässä', 'Vastaanottaa palautetta'] },
  { code: 'COGNITIVE', name: 'Kognitiivinen toimintakyky', items: ['Ymmärtää työohjeet', 'Keskittyy tehtävään'] },
  { code: 'WORK_SKILLS', name: 'Työelämätaidot', items: ['Täsmällisyys', 'Noudattaa työturvallisuusohjeita'] },
];
const ITEM_PREFIX: Record<string, string> = { PHYSICAL: 'PHY', PSYCHOLOGICAL: 'PSY', SOCIAL: 'SOC', COGNITIVE: 'COG', WORK_SKILLS: 'WRK' };

const localized = (fi: string, en = fi) => JSON.stringify({ fi, sv: fi, en });

// ---------------------------------------------------------------------------------------------
// Plans held in Node.

type Phase = 'INITIAL_MAPPING' | 'PRE_COACHING' | 'COACHING' | 'CHECK_POINT' | 'ENDED' | 'FOLLOW_UP';
type Scenario = Phase | 'INTAKE' | 'REJECTED';

interface Org {
  index: number;
  id: string;
  name: string;
  code: string;
  homeArea: number;
  areas: number[];
  trainees: number;
  departments: string[];
  units: Array<{ id: string; name: string }>;
  companies: Array<{ id: string; nonProfit: boolean }>;
  coaches: Staff[];
  careerAgents: Staff[];
  tasks: Array<{ id: string; units: number[] }>;
  adminUserId: string;
}

interface Staff {
  id: string;
  userId: string;
  subject: string;
  name: string;
  role: 'COACH' | 'CAREER_AGENT';
  organisation: Org;
}

interface Area {
  index: number;
  id: string;
  name: string;
  organisations: Org[];
  caseManagers: Array<{ id: string; name: string; userId: string; subject: string }>;
}

interface Period {
  id: string;
  traineeId: string;
  org: Org;
  phase: Phase;
  basis: string;
  serviceForm: string;
  daysPerWeek: number;
  hoursPerDay: number;
  start: number;
  plannedEnd: number;
  end: number | null;
  coach: Staff;
  careerAgent: Staff | null;
  /** Last day anything can have happened on (yesterday for a running period). */
  lastDay: number;
}

interface TraineePlan {
  id: string;
  org: Org;
  area: Area;
  scenario: Scenario;
  period: Period | null;
}

// ---------------------------------------------------------------------------------------------

/** Integer counts proportional to weights, each at least `min`, summing to `total` (largest remainder). */
export function apportion(total: number, weights: readonly number[], min = 0): number[] {
  const n = weights.length;
  const free = Math.max(0, total - min * n);
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (free * w) / sum);
  const counts = exact.map((x) => Math.floor(x));
  let left = free - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    counts[i]++;
    left--;
  }
  return counts.map((c) => c + min);
}

/** How many of `total` each of `n` items gets: the average, rounded up or down at random. */
function spread(rng: Rng, total: number, n: number): number[] {
  if (n === 0) return [];
  const average = total / n;
  const base = Math.floor(average);
  const fraction = average - base;
  return Array.from({ length: n }, () => base + (rng.chance(fraction) ? 1 : 0));
}

type ColumnSpec = [name: string, arrayType: string, expression?: string];

/** INSERT … SELECT FROM unnest(arrays…), in batches; `rows` is column-major. */
async function insertColumns(client: Client, table: string, columns: ColumnSpec[], data: unknown[][]): Promise<number> {
  const total = data[0]?.length ?? 0;
  const names = columns.map(([name]) => `"${name}"`).join(', ');
  const aliases = columns.map(([name]) => `c_${name}`);
  const select = columns.map(([, , expression], i) => (expression ? expression.replaceAll('$', aliases[i]) : aliases[i])).join(', ');
  const unnest = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
  const sql = `INSERT INTO "${table}" (${names}) SELECT ${select} FROM unnest(${unnest}) AS u(${aliases.join(', ')})`;
  for (let from = 0; from < total; from += BATCH) {
    await client.query(
      sql,
      data.map((column) => column.slice(from, from + BATCH)),
    );
  }
  return total;
}

/** Column-major arrays from row objects. */
function columnsOf<T>(rows: readonly T[], pick: Array<(row: T) => unknown>): unknown[][] {
  return pick.map((get) => rows.map(get));
}

/** The large tables: loaded without their indexes and foreign keys, which are re-created (and so re-validated) afterwards. */
const BULK_TABLES = [
  'attendance_entry',
  'capacity_score',
  'capacity_assessment',
  'competence_record',
  'diary_entry',
  'access_log_entry',
  'placement',
];

/**
 * Drops the tables' foreign keys, secondary indexes and (where nothing refers to them) primary and
 * unique constraints; returns the statements that put every one of them back as it was.
 */
async function dropForBulkLoad(client: Client, tables: readonly string[]): Promise<string[]> {
  const constraints = await client.query<{ table: string; name: string; definition: string; type: string; referenced: boolean }>(
    `SELECT c.conrelid::regclass::text AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS definition, c.contype AS type,
            EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.confrelid = c.conrelid AND f.conindid = c.conindid) AS referenced
     FROM pg_constraint c
     WHERE c.conrelid = ANY ($1::regclass[]) AND c.contype IN ('f', 'p', 'u')`,
    [tables],
  );
  const indexes = await client.query<{ table: string; name: string; definition: string }>(
    `SELECT tablename AS table, indexname AS name, indexdef AS definition FROM pg_indexes
     WHERE schemaname = 'public' AND tablename = ANY ($1::text[]) AND indexname NOT IN (SELECT conname FROM pg_constraint)`,
    [tables],
  );
  const keys = constraints.rows.filter((c) => c.type !== 'f' && !c.referenced);
  const foreign = constraints.rows.filter((c) => c.type === 'f');
  for (const c of foreign) await client.query(`ALTER TABLE ${c.table} DROP CONSTRAINT "${c.name}"`);
  for (const i of indexes.rows) await client.query(`DROP INDEX "${i.name}"`);
  for (const c of keys) await client.query(`ALTER TABLE ${c.table} DROP CONSTRAINT "${c.name}"`);
  return [
    ...keys.map((c) => `ALTER TABLE ${c.table} ADD CONSTRAINT "${c.name}" ${c.definition}`),
    ...indexes.rows.map((i) => i.definition),
    ...foreign.map((c) => `ALTER TABLE ${c.table} ADD CONSTRAINT "${c.name}" ${c.definition}`),
  ];
}

function serverDatabaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, application_name: 'polku-bench-generate' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Drops and creates the scale's database and applies the project's migrations to it. */
export async function createBenchDatabase(scale: BenchScale, serverUrl: string): Promise<string> {
  const name = benchDatabaseName(scale);
  await withClient(serverUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  });
  const url = serverDatabaseUrl(serverUrl, name);
  const dataSource = createDataSource({
    url,
    entities: modelEntities,
    logger: createLogger('warn'),
    poolSize: 1,
    applicationName: 'polku-bench-migrate',
  });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
  return url;
}

export async function generateBenchData(options: GenerateOptions): Promise<BenchManifest> {
  const started = Date.now();
  const { scale } = options;
  const config = SCALES[scale];
  if (!config) throw new Error(`unknown scale ${String(scale)} (tiny, municipal or national)`);
  const log = options.log ?? (() => undefined);
  const serverUrl = options.serverUrl ?? DEFAULT_SERVER_URL;
  const asOf = options.asOf ?? new Date();
  const today = dayOf(todayInFinland(asOf));
  const yesterday = today - 1;
  /** Attendance stops at the Sunday before this week: the current week is free for the harness to record. */
  const lastSunday = today - isoDow(today);

  const url = await createBenchDatabase(scale, serverUrl);
  log(`database ${benchDatabaseName(scale)} migrated (${((Date.now() - started) / 1000).toFixed(1)} s)`);

  const root = Rng.fromLabel(`bench-${scale}`);
  const rngOf = (label: string) => root.fork(label);
  const cipher = new PersonalDataCipher(parseKeyRing(BENCH_IDENTITY_CODE_KEYS, BENCH_IDENTITY_CODE_HASH_KEY));

  return withClient(url, async (client) => {
    await client.query('SET synchronous_commit = off');
    await client.query("SET maintenance_work_mem = '256MB'");
    const restore = await dropForBulkLoad(client, BULK_TABLES);
    const step = async (label: string, work: () => Promise<unknown>) => {
      const t = Date.now();
      await work();
      log(`${label} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
    };

    // ---- Organisations and employment areas -------------------------------------------------
    const rngOrg = rngOf('organisations');
    const weights = Array.from({ length: config.organisations }, (_, i) => 1 / Math.pow(i + 1, 1.1));
    const traineeCounts = apportion(config.trainees, weights, config.minTraineesPerOrganisation);
    const usedCodes = new Set(CITIES.map(([, code]) => code));
    let nextCode = 300;
    const orgs: Org[] = weights.map((_, index) => {
      let name: string;
      let code: string;
      if (index < CITIES.length) [name, code] = CITIES[index];
      else {
        while (usedCodes.has(String(nextCode).padStart(3, '0'))) nextCode++;
        code = String(nextCode++).padStart(3, '0');
        name = index % 3 === 0 ? `${REGIONS[index % REGIONS.length]}: työllisyyden kuntayhtymä ${index}` : `Kunta ${code}`;
      }
      return {
        index,
        id: rngOrg.uuid(),
        name,
        code,
        homeArea: index % config.areas,
        areas: [],
        trainees: traineeCounts[index],
        departments: [],
        units: [],
        companies: [],
        coaches: [],
        careerAgents: [],
        tasks: [],
        adminUserId: '',
      };
    });
    const areas: Area[] = Array.from({ length: config.areas }, (_, index) => ({
      index,
      id: rngOrg.uuid(),
      name: `${REGIONS[index % REGIONS.length]} työllisyysalue ${index + 1}`,
      organisations: [],
      caseManagers: [],
    }));
    const link = (area: Area, org: Org) => {
      if (area.organisations.includes(org)) return;
      area.organisations.push(org);
      org.areas.push(area.index);
    };
    for (const org of orgs) link(areas[org.homeArea], org);
    // Each area also refers clients to the largest organisation of the next area (as Rauma's area refers to Pori too).
    if (areas.length > 1) for (const area of areas) link(area, areas[(area.index + 1) % areas.length].organisations[0]);
    const businessIds = new Set<string>();
    const uniqueBusinessId = (rng: Rng) => {
      for (;;) {
        const id = businessIdFor(rng);
        if (!businessIds.has(id)) {
          businessIds.add(id);
          return id;
        }
      }
    };
    await step('organisations and areas', async () => {
      await insertColumns(
        client,
        'organisation',
        [
          ['id', 'uuid'],
          ['name', 'text'],
          ['business_id', 'text'],
          ['kind', 'text', '$::organisation_kind'],
          ['municipality_codes', 'text', "string_to_array($, ',')"],
          ['retention_years', 'int'],
        ],
        columnsOf(orgs, [
          (o) => o.id,
          (o) => o.name,
          () => uniqueBusinessId(rngOrg),
          (o) => (o.name.includes('kuntayhtymä') ? 'JOINT_AUTHORITY' : 'MUNICIPALITY'),
          (o) => o.code,
          () => 10,
        ]),
      );
      await insertColumns(
        client,
        'employment_area',
        [
          ['id', 'uuid'],
          ['name', 'text'],
          ['municipality_codes', 'text', "string_to_array($, ',')"],
        ],
        columnsOf(areas, [(a) => a.id, (a) => a.name, (a) => a.organisations.map((o) => o.code).join(',')]),
      );
      const links = areas.flatMap((a) => a.organisations.map((o) => [a.id, o.id]));
      await insertColumns(
        client,
        'employment_area_organisation',
        [
          ['employment_area_id', 'uuid'],
          ['organisation_id', 'uuid'],
        ],
        [links.map((l) => l[0]), links.map((l) => l[1])],
      );
    });

    // ---- Case managers, departments, units, companies, tasks, staff ------------------------
    const rngSetUp = rngOf('set-up');
    const personName = (rng: Rng) => `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
    let caseManagerNumber = 0;
    for (const area of areas) {
      const people = area.organisations.reduce((sum, o) => sum + o.trainees / o.areas.length, 0);
      const count = Math.min(30, Math.max(2, Math.round(people / 250)));
      for (let i = 0; i < count; i++) {
        caseManagerNumber++;
        area.caseManagers.push({
          id: rngSetUp.uuid(),
          name: personName(rngSetUp),
          userId: rngSetUp.uuid(),
          subject: `case-manager-${caseManagerNumber}@bench.example`,
        });
      }
    }
    const unitCounts = apportion(config.workUnits, traineeCounts, 2);
    const companyCounts = apportion(config.partnerCompanies, traineeCounts, 1);
    const staffCounts = apportion(config.staff, traineeCounts, 3);
    let coachNumber = 0;
    let careerAgentNumber = 0;
    const qualificationUnits: Array<{ id: string; externalId: string; qualification: (typeof QUALIFICATIONS)[number] }> = [];
    const requirements: Array<{ id: string; unitIndex: number; code: string; text: string }> = [];
    for (const qualification of QUALIFICATIONS)
      for (const externalId of qualification.units) qualificationUnits.push({ id: rngSetUp.uuid(), externalId, qualification });
    qualificationUnits.forEach((_, unitIndex) => {
      for (let r = 0; r < REQUIREMENTS_PER_UNIT; r++)
        requirements.push({
          id: rngSetUp.uuid(),
          unitIndex,
          code: `ammattitaitovaatimukset_${5000 + unitIndex * 10 + r}`,
          text: `Opiskelija toimii työtehtävässä ${r + 1} ohjeiden mukaisesti.`,
        });
    });
    for (const org of orgs) {
      org.adminUserId = rngSetUp.uuid();
      const departmentCount = Math.min(8, Math.max(1, Math.ceil(unitCounts[org.index] / 40)));
      org.departments = Array.from({ length: departmentCount }, () => rngSetUp.uuid());
      org.units = Array.from({ length: unitCounts[org.index] }, (_, i) => ({
        id: rngSetUp.uuid(),
        name: `${org.name.split(' ')[0]} ${rngSetUp.pick(UNIT_KINDS)} ${i + 1}`,
      }));
      org.companies = Array.from({ length: companyCounts[org.index] }, () => ({ id: rngSetUp.uuid(), nonProfit: rngSetUp.chance(0.2) }));
      const coaches = Math.max(2, Math.round(staffCounts[org.index] * 0.7));
      const careerAgents = Math.max(1, staffCounts[org.index] - coaches);
      const staff = (role: Staff['role']): Staff => {
        const subject = role === 'COACH' ? `coach-${++coachNumber}@bench.example` : `career-agent-${++careerAgentNumber}@bench.example`;
        return { id: rngSetUp.uuid(), userId: rngSetUp.uuid(), subject, name: personName(rngSetUp), role, organisation: org };
      };
      org.coaches = Array.from({ length: coaches }, () => staff('COACH'));
      org.careerAgents = Array.from({ length: careerAgents }, () => staff('CAREER_AGENT'));
      org.tasks = WORK_FIELDS.map((_, i) => ({
        id: rngSetUp.uuid(),
        units: [i % qualificationUnits.length, (i * 3 + 1) % qualificationUnits.length],
      }));
    }
    const allStaff = orgs.flatMap((o) => [...o.coaches, ...o.careerAgents]);

    await step('catalogues, units, companies and staff', async () => {
      const caseManagers = areas.flatMap((a) => a.caseManagers.map((c) => ({ ...c, area: a })));
      await insertColumns(
        client,
        'case_manager',
        [
          ['id', 'uuid'],
          ['employment_area_id', 'uuid'],
          ['name', 'text'],
          ['email', 'text'],
        ],
        columnsOf(caseManagers, [(c) => c.id, (c) => c.area.id, (c) => c.name, (c) => c.subject]),
      );
      const departments = orgs.flatMap((o) => o.departments.map((id, i) => ({ id, org: o, i })));
      await insertColumns(
        client,
        'department',
        [
          ['id', 'uuid'],
          ['organisation_id', 'uuid'],
          ['code', 'text'],
          ['name', 'jsonb'],
        ],
        columnsOf(departments, [
          (d) => d.id,
          (d) => d.org.id,
          (d) => `TOIMIALA-${d.i + 1}`,
          (d) => localized(`Toimiala ${d.i + 1}`, `Department ${d.i + 1}`),
        ]),
      );
      const units = orgs.flatMap((o) => o.units.map((u, i) => ({ ...u, org: o, department: o.departments[i % o.departments.length], i })));
      await insertColumns(
        client,
        'work_unit',
        [
          ['id', 'uuid'],
          ['organisation_id', 'uuid'],
          ['department_id', 'uuid'],
          ['name', 'text'],
          ['address', 'text'],
          ['unit_lead_name', 'text'],
          ['unit_lead_email', 'text'],
        ],
        columnsOf(units, [
          (u) => u.id,
          (u) => u.org.id,
          (u) => u.department,
          (u) => u.name,
          (u) => `Työpajankatu ${u.i + 1}`,
          () => personName(rngSetUp),
          (u) => `unit-lead-${u.org.index + 1}-${u.i + 1}@bench.example`,
        ]),
      );
      const companies = orgs.flatMap((o) => o.companies.map((c, i) => ({ ...c, org: o, i })));
      await insertColumns(
        client,
        'partner_company',
        [
          ['id', 'uuid'],
          ['organisation_id', 'uuid'],
          ['name', 'text'],
          ['business_id', 'text'],
          ['industry', 'text'],
          ['municipality_code', 'text'],
          ['contact_name', 'text'],
          ['contact_email', 'text'],
          ['is_non_profit', 'boolean'],
        ],
        columnsOf(companies, [
          (c) => c.id,
          (c) => c.org.id,
          (c) => `${c.nonProfit ? 'Yhdistys' : 'Yritys'} ${c.org.code}-${c.i + 1} ${c.nonProfit ? 'ry' : 'Oy'}`,
          () => uniqueBusinessId(rngSetUp),
          () => rngSetUp.pick(INDUSTRIES),
          (c) => c.org.code,
          () => personName(rngSetUp),
          (c) => `contact-${c.org.index + 1}-${c.i + 1}@partner.bench.example`,
          (c) => c.nonProfit,
        ]),
      );
      await insertColumns(
        client,
        'qualification',
        [
          ['id', 'uuid'],
          ['external_id', 'text'],
          ['diary_number', 'text'],
          ['name', 'jsonb'],
        ],
        [
          QUALIFICATIONS.map(() => rngSetUp.uuid()),
          QUALIFICATIONS.map((q) => q.externalId),
          QUALIFICATIONS.map((q) => q.diary),
          QUALIFICATIONS.map((q) => localized(q.name)),
        ],
      );
      const qualificationIds = new Map<string, string>(
        (await client.query<{ id: string; external_id: string }>('SELECT id, external_id FROM qualification')).rows.map((r) => [r.external_id, r.id]),
      );
      await insertColumns(
        client,
        'qualification_unit',
        [
          ['id', 'uuid'],
          ['qualification_id', 'uuid'],
          ['external_id', 'text'],
          ['name', 'jsonb'],
          ['competence_points', 'numeric'],
        ],
        columnsOf(qualificationUnits, [
          (u) => u.id,
          (u) => qualificationIds.get(u.qualification.externalId),
          (u) => u.externalId,
          (u) => localized(`Tutkinnon osa ${u.externalId}`),
          () => 25,
        ]),
      );
      await insertColumns(
        client,
        'competence_requirement',
        [
          ['id', 'uuid'],
          ['unit_id', 'uuid'],
          ['code', 'text'],
          ['text', 'text'],
        ],
        columnsOf(requirements, [(r) => r.id, (r) => qualificationUnits[r.unitIndex].id, (r) => r.code, (r) => r.text]),
      );
      const tasks = orgs.flatMap((o) => o.tasks.map((t, i) => ({ ...t, org: o, i })));
      await insertColumns(
        client,
        'task',
        [
          ['id', 'uuid'],
          ['organisation_id', 'uuid'],
          ['code', 'text'],
          ['name', 'jsonb'],
          ['field', 'text', '$::work_field'],
          ['difficulty_level', 'smallint'],
        ],
        columnsOf(tasks, [
          (t) => t.id,
          (t) => t.org.id,
          (t) => `T-${String(t.i + 1).padStart(2, '0')}`,
          (t) => localized(`Tehtävä ${t.i + 1}`, `Task ${t.i + 1}`),
          (t) => WORK_FIELDS[t.i],
          (t) => (t.i % 3) + 1,
        ]),
      );
      const taskLinks = tasks.flatMap((t) => [...new Set(t.units)].map((u) => [t.id, qualificationUnits[u].id]));
      await insertColumns(
        client,
        'task_qualification_unit',
        [
          ['task_id', 'uuid'],
          ['qualification_unit_id', 'uuid'],
        ],
        [taskLinks.map((l) => l[0]), taskLinks.map((l) => l[1])],
      );
      await insertColumns(
        client,
        'staff_member',
        [
          ['id', 'uuid'],
          ['organisation_id', 'uuid'],
          ['name', 'text'],
          ['email', 'text'],
          ['role', 'text', '$::staff_role'],
          ['caseload_min', 'int'],
          ['caseload_max', 'int'],
        ],
        columnsOf(allStaff, [(s) => s.id, (s) => s.organisation.id, (s) => s.name, (s) => s.subject, (s) => s.role, () => 8, () => 15]),
      );
    });

    // ---- Capacity instruments (a fresh database has none: the national meter and a self-assessment form)
    const items: Array<{ id: string; code: string }> = [];
    const instrumentId = rngSetUp.uuid();
    await step('capacity instruments', async () => {
      const selfFormId = rngSetUp.uuid();
      await insertColumns(
        client,
        'capacity_instrument',
        [
          ['id', 'uuid'],
          ['code', 'text'],
          ['version', 'int'],
          ['name', 'jsonb'],
          ['source', 'text'],
          ['self_assessment_form', 'boolean'],
        ],
        [
          [instrumentId, selfFormId],
          ['TTK-MITTARISTO', 'KYKYVIISARI'],
          [1, 1],
          [localized('Työ- ja toimintakyvyn mittaristo', 'Work and functional capacity meter'), localized('Kykyviisari (itsearviointi)')],
          ['Bench: national meter', 'Bench: self-assessment form'],
          [false, true],
        ],
      );
      const dimensions: unknown[][] = [[], [], [], [], []];
      const itemRows: unknown[][] = [[], [], [], [], []];
      const addDimension = (
        instrument: string,
        code: string,
        name: string,
        position: number,
        itemTexts: string[],
        prefix: string,
        collect: boolean,
      ) => {
        const dimensionId = rngSetUp.uuid();
        [dimensionId, instrument, code, localized(name), position].forEach((v, i) => dimensions[i].push(v));
        itemTexts.forEach((text, i) => {
          const id = rngSetUp.uuid();
          const itemCode = `${prefix}-${i + 1}`;
          [id, dimensionId, itemCode, localized(text), i + 1].forEach((v, c) => itemRows[c].push(v));
          if (collect) items.push({ id, code: itemCode });
        });
      };
      CAPACITY_DIMENSIONS.forEach((d, i) => addDimension(instrumentId, d.code, d.name, i + 1, d.items, ITEM_PREFIX[d.code], true));
      addDimension(selfFormId, 'HEALTH', 'Terveys ja jaksaminen', 1, ['Arvioin terveyteni hyväksi', 'Jaksan arjessa hyvin'], 'KV', false);
      const dimensionSpec: ColumnSpec[] = [
        ['id', 'uuid'],
        ['instrument_id', 'uuid'],
        ['code', 'text'],
        ['name', 'jsonb'],
        ['position', 'int'],
      ];
      await insertColumns(client, 'capacity_dimension_definition', dimensionSpec, dimensions);
      await insertColumns(
        client,
        'capacity_item',
        [
          ['id', 'uuid'],
          ['dimension_id', 'uuid'],
          ['code', 'text'],
          ['text', 'jsonb'],
          ['position', 'int'],
        ],
        itemRows,
      );
    });

    // ---- Trainees, referrals and coaching periods ------------------------------------------
    const rngPeople = rngOf('people');
    const scenarios: Array<[Scenario, number]> = [
      ['INTAKE', 7],
      ['REJECTED', 2],
      ['INITIAL_MAPPING', 7],
      ['PRE_COACHING', 9],
      ['COACHING', 40],
      ['CHECK_POINT', 5],
      ['ENDED', 18],
      ['FOLLOW_UP', 12],
    ];
    const trainees: TraineePlan[] = [];
    for (const org of orgs) {
      for (let i = 0; i < org.trainees; i++) {
        // Guarantee every scenario in every organisation, then draw by weight.
        const scenario = i < scenarios.length ? scenarios[i][0] : rngPeople.weighted(scenarios);
        const areaIndex = org.areas.length > 1 && rngPeople.chance(0.15) ? rngPeople.pick(org.areas.slice(1)) : org.areas[0];
        trainees.push({ id: rngPeople.uuid(), org, area: areas[areaIndex], scenario, period: null });
      }
    }
    const bases: Array<[string, number]> = [
      ['REHABILITATIVE_WORK', 55],
      ['WORK_TRIAL', 15],
      ['CAREER_COACHING', 20],
      ['EMPLOYMENT', 10],
    ];
    const serviceForms: Array<[string, number]> = [
      ['ASSESSMENT', 35],
      ['TOWARDS_WORK_AND_EDUCATION', 35],
      ['IMMIGRANT_COACHING', 10],
      ['COACHING_EMPLOYMENT', 20],
    ];
    const periods: Period[] = [];
    for (const trainee of trainees) {
      if (trainee.scenario === 'INTAKE' || trainee.scenario === 'REJECTED') continue;
      const phase = trainee.scenario;
      const basis = rngPeople.weighted(bases);
      const workTrial = basis === 'WORK_TRIAL';
      const longest = workTrial ? 150 : 700;
      let start: number;
      let end: number | null = null;
      switch (phase) {
        case 'INITIAL_MAPPING':
          start = today - rngPeople.int(0, 20);
          break;
        case 'PRE_COACHING':
          start = today - rngPeople.int(15, 60);
          break;
        case 'COACHING':
        case 'CHECK_POINT':
          start = today - (workTrial ? rngPeople.int(30, 140) : rngPeople.int(30, 560));
          break;
        default: {
          end = today - (phase === 'FOLLOW_UP' ? rngPeople.int(20, 400) : rngPeople.int(3, 400));
          start = end - (workTrial ? rngPeople.int(30, 150) : rngPeople.int(60, 400));
        }
      }
      const plannedEnd = Math.max(start + (workTrial ? 150 : 180), Math.min(start + longest, (end ?? today) + rngPeople.int(20, 120)));
      if (end !== null && end > plannedEnd) end = plannedEnd;
      const rehab = basis === 'REHABILITATIVE_WORK';
      const period: Period = {
        id: rngPeople.uuid(),
        traineeId: trainee.id,
        org: trainee.org,
        phase,
        basis,
        serviceForm: rngPeople.weighted(serviceForms),
        daysPerWeek: rehab ? rngPeople.int(2, 4) : rngPeople.int(3, 5),
        hoursPerDay: rngPeople.pick([4, 4.5, 5, 5.5, 6]),
        start,
        plannedEnd,
        end,
        coach: rngPeople.pick(trainee.org.coaches),
        careerAgent: rngPeople.chance(0.75) ? rngPeople.pick(trainee.org.careerAgents) : null,
        lastDay: Math.min(end ?? yesterday, yesterday),
      };
      trainee.period = period;
      periods.push(period);
    }

    await step(`${trainees.length} trainees, referrals and ${periods.length} periods`, async () => {
      const hashes = new Set<string>();
      const rows = trainees.map((t, index) => {
        const birthDay = dayOf('1960-01-01') + rngPeople.int(0, 45 * 365);
        let code: ReturnType<typeof identityCodeFor>;
        let hash: Buffer;
        for (;;) {
          code = identityCodeFor(rngPeople, iso(birthDay), { temporary: rngPeople.chance(0.01) });
          hash = cipher.hash(code.code);
          if (!hashes.has(hash.toString('hex'))) break;
        }
        hashes.add(hash.toString('hex'));
        const { ciphertext, keyId } = cipher.encrypt(code.code);
        const first = rngPeople.pick(FIRST_NAMES);
        const last = rngPeople.pick(LAST_NAMES);
        return { t, index, code, hash, ciphertext, keyId, first, last };
      });
      await insertColumns(
        client,
        'trainee',
        [
          ['id', 'uuid'],
          ['organisation_id', 'uuid'],
          ['first_name', 'text'],
          ['last_name', 'text'],
          ['identity_code_ciphertext', 'bytea'],
          ['identity_code_key_id', 'text'],
          ['identity_code_hash', 'bytea'],
          ['identity_code_temporary', 'boolean'],
          ['birth_date', 'date'],
          ['languages', 'text', "string_to_array($, ',')"],
          ['finnish_level', 'text', '$::cefr_level'],
          ['immigrant_background', 'boolean'],
          ['email', 'text'],
          ['phone', 'text'],
          ['municipality_code', 'text'],
          ['employment_area_id', 'uuid'],
          ['work_level', 'smallint'],
        ],
        columnsOf(rows, [
          (r) => r.t.id,
          (r) => r.t.org.id,
          (r) => r.first,
          (r) => r.last,
          (r) => r.ciphertext,
          (r) => r.keyId,
          (r) => r.hash,
          (r) => r.code.temporary,
          (r) => r.code.birthDate,
          (r) => (r.index % 9 === 0 ? 'ar,fi' : 'fi'),
          (r) => (r.index % 9 === 0 ? 'A2' : null),
          (r) => r.index % 9 === 0,
          (r) => `${r.first.toLowerCase()}.${r.index}@example.com`.normalize('NFD').replace(/[\u0300-\u036f]/g, ''),
          (r) => `+358 40 ${String(1_000_000 + r.index).slice(1)}`,
          (r) => r.t.org.code,
          (r) => r.t.area.id,
          (r) => (r.index % 3) + 1,
        ]),
      );
      let referralNumber = 0;
      const referrals = trainees.map((t) => {
        const p = t.period;
        const received = p ? p.start - rngPeople.int(5, 25) : today - rngPeople.int(0, 40);
        const decided = p ? p.start - rngPeople.int(1, 4) : t.scenario === 'REJECTED' ? received + rngPeople.int(1, 10) : null;
        const state = t.scenario === 'INTAKE' ? 'RECEIVED' : t.scenario === 'REJECTED' ? 'REJECTED' : p?.end !== null ? 'CLOSED' : 'ACCEPTED';
        return {
          id: rngPeople.uuid(),
          t,
          externalId: `TE-${t.area.index + 1}-${String(++referralNumber).padStart(7, '0')}`,
          caseManager: rngPeople.pick(t.area.caseManagers),
          received: Math.min(received, today),
          decided: decided === null ? null : Math.min(Math.max(decided, received), today),
          state,
        };
      });
      const referralOf = new Map(referrals.map((r) => [r.t.id, r]));
      await insertColumns(
        client,
        'referral',
        [
          ['id', 'uuid'],
          ['employment_area_id', 'uuid'],
          ['external_id', 'text'],
          ['case_manager_id', 'uuid'],
          ['trainee_id', 'uuid'],
          ['service_form', 'text', '$::service_form'],
          ['participation_basis', 'text', '$::participation_basis'],
          ['background', 'text'],
          ['state', 'text', '$::referral_state'],
          ['rejection_reason', 'text'],
          ['received_at', 'timestamptz'],
          ['decided_at', 'timestamptz'],
          ['created_at', 'timestamptz'],
        ],
        columnsOf(referrals, [
          (r) => r.id,
          (r) => r.t.area.id,
          (r) => r.externalId,
          (r) => r.caseManager.id,
          (r) => r.t.id,
          (r) => r.t.period?.serviceForm ?? 'ASSESSMENT',
          (r) => r.t.period?.basis ?? 'REHABILITATIVE_WORK',
          () => 'Aktivointisuunnitelma tehty; työkyvyn arviointi tarpeen.',
          (r) => r.state,
          (r) => (r.state === 'REJECTED' ? 'Palvelu ei vastaa asiakkaan tarpeita.' : null),
          (r) => at(r.received, 9),
          (r) => (r.decided === null ? null : at(r.decided, 14)),
          (r) => at(r.received, 9),
        ]),
      );
      await insertColumns(
        client,
        'coaching_period',
        [
          ['id', 'uuid'],
          ['trainee_id', 'uuid'],
          ['referral_id', 'uuid'],
          ['service_form', 'text', '$::service_form'],
          ['participation_basis', 'text', '$::participation_basis'],
          ['days_per_week', 'smallint'],
          ['hours_per_day', 'numeric'],
          ['start_date', 'date'],
          ['planned_end_date', 'date'],
          ['end_date', 'date'],
          ['phase', 'text', '$::period_phase'],
          ['coach_id', 'uuid'],
          ['career_agent_id', 'uuid'],
          ['goals', 'text'],
          ['created_at', 'timestamptz'],
        ],
        columnsOf(periods, [
          (p) => p.id,
          (p) => p.traineeId,
          (p) => referralOf.get(p.traineeId)!.id,
          (p) => p.serviceForm,
          (p) => p.basis,
          (p) => p.daysPerWeek,
          (p) => p.hoursPerDay,
          (p) => iso(p.start),
          (p) => iso(p.plannedEnd),
          (p) => (p.end === null ? null : iso(p.end)),
          (p) => p.phase,
          (p) => p.coach.id,
          (p) => p.careerAgent?.id ?? null,
          () => 'Päivärytmi, työkyvyn arviointi ja jatkopolku.',
          (p) => at(p.start, 9),
        ]),
      );
    });

    // ---- Users and roles (every coach and career agent; a sample of the rest) -------------
    const rngUsers = rngOf('users');
    interface RoleRow {
      userId: string;
      role: keyof BenchManifest['users'];
      org: Org;
      displayName: string;
      subject: string;
      staffMemberId?: string;
      workUnitId?: string;
      employmentAreaId?: string;
      partnerCompanyId?: string;
      traineeId?: string;
    }
    const appUsers = new Map<string, string>(); // subject → user id
    const roles: RoleRow[] = [];
    const addRole = (row: RoleRow) => {
      appUsers.set(row.subject, row.userId);
      roles.push(row);
    };
    for (const org of orgs) {
      const n = org.index + 1;
      addRole({ userId: org.adminUserId, role: 'ADMIN', org, displayName: `Pääkäyttäjä ${n}`, subject: `admin-${n}@bench.example` });
      addRole({ userId: rngUsers.uuid(), role: 'ANALYST', org, displayName: `Analyytikko ${n}`, subject: `analyst-${n}@bench.example` });
      for (const s of [...org.coaches, ...org.careerAgents])
        addRole({ userId: s.userId, role: s.role, org, displayName: s.name, subject: s.subject, staffMemberId: s.id });
      const leads = Math.max(1, Math.round(org.units.length / 4));
      org.units.slice(0, leads).forEach((unit, i) =>
        addRole({
          userId: rngUsers.uuid(),
          role: 'UNIT_LEAD',
          org,
          displayName: `Yksikön vastaava ${n}-${i + 1}`,
          subject: `unit-lead-${n}-${i + 1}@bench.example`,
          workUnitId: unit.id,
        }),
      );
      org.companies.forEach((company, i) =>
        addRole({
          userId: rngUsers.uuid(),
          role: 'PARTNER',
          org,
          displayName: `Yhteyshenkilö ${n}-${i + 1}`,
          subject: `partner-${n}-${i + 1}@bench.example`,
          partnerCompanyId: company.id,
        }),
      );
    }
    for (const area of areas)
      for (const manager of area.caseManagers)
        for (const org of area.organisations)
          addRole({
            userId: manager.userId,
            role: 'CASE_MANAGER',
            org,
            displayName: manager.name,
            subject: manager.subject,
            employmentAreaId: area.id,
          });
    const withPeriods = trainees.filter((t) => t.period && t.period.end === null);
    const traineeUserStep = Math.max(1, Math.floor(withPeriods.length / config.traineeUsers));
    withPeriods
      .filter((_, i) => i % traineeUserStep === 0)
      .slice(0, config.traineeUsers)
      .forEach((t, i) =>
        addRole({
          userId: rngUsers.uuid(),
          role: 'TRAINEE',
          org: t.org,
          displayName: `Asiakas ${i + 1}`,
          subject: `trainee-${i + 1}@bench.example`,
          traineeId: t.id,
        }),
      );

    await step(`${appUsers.size} users with ${roles.length} roles`, async () => {
      const users = [...appUsers.entries()];
      await insertColumns(
        client,
        'app_user',
        [
          ['id', 'uuid'],
          ['issuer', 'text'],
          ['subject', 'text'],
        ],
        [users.map(([, id]) => id), users.map(() => BENCH_ISSUER), users.map(([subject]) => subject)],
      );
      const roleIds = roles.map(() => rngUsers.uuid());
      await insertColumns(
        client,
        'user_role',
        [
          ['id', 'uuid'],
          ['user_id', 'uuid'],
          ['organisation_id', 'uuid'],
          ['role', 'text', '$::user_role_kind'],
          ['display_name', 'text'],
          ['email', 'text'],
          ['staff_member_id', 'uuid'],
          ['work_unit_id', 'uuid'],
          ['employment_area_id', 'uuid'],
          ['partner_company_id', 'uuid'],
          ['trainee_id', 'uuid'],
          ['source', 'text', '$::role_source'],
        ],
        [
          roleIds,
          ...columnsOf(roles, [
            (r) => r.userId,
            (r) => r.org.id,
            (r) => r.role,
            (r) => r.displayName,
            (r) => r.subject,
            (r) => r.staffMemberId ?? null,
            (r) => r.workUnitId ?? null,
            (r) => r.employmentAreaId ?? null,
            (r) => r.partnerCompanyId ?? null,
            (r) => r.traineeId ?? null,
            () => 'LINKED',
          ]),
        ],
      );
      await insertColumns(
        client,
        'user_change',
        [
          ['id', 'uuid'],
          ['at', 'timestamptz'],
          ['organisation_id', 'uuid'],
          ['user_id', 'uuid'],
          ['kind', 'text', '$::user_change_kind'],
          ['changed_by', 'uuid'],
          ['reason', 'text'],
          ['after', 'jsonb'],
        ],
        [
          roles.map(() => rngUsers.uuid()),
          ...columnsOf(roles, [
            () => at(today - 800, 8),
            (r) => r.org.id,
            (r) => r.userId,
            () => 'LINKED',
            (r) => (r.role === 'ADMIN' ? null : r.org.adminUserId),
            () => 'bench data: the role when the bench was set up',
            (r) => JSON.stringify({ role: r.role }),
          ]),
        ],
      );
    });

    // ---- Check points, placements, outcomes, final summaries ------------------------------
    const rngActivity = rngOf('activity');
    await step('check points, placements, outcomes and final summaries', async () => {
      const checkPoints = periods
        .filter((p) => p.phase === 'CHECK_POINT' || (p.phase === 'COACHING' && rngActivity.chance(0.15)))
        .map((p) => {
          const open = p.phase === 'CHECK_POINT';
          const opened = Math.max(p.start, p.lastDay - rngActivity.int(3, 30));
          return { id: rngActivity.uuid(), p, opened, closed: open ? null : Math.min(opened + rngActivity.int(5, 20), p.lastDay) };
        });
      await insertColumns(
        client,
        'check_point',
        [
          ['id', 'uuid'],
          ['period_id', 'uuid'],
          ['difficulty', 'text'],
          ['agreed_actions', 'text'],
          ['opened_at', 'timestamptz'],
          ['closed_at', 'timestamptz'],
          ['opened_by', 'text'],
        ],
        columnsOf(checkPoints, [
          (c) => c.id,
          (c) => c.p.id,
          () => 'Poissaoloja on kertynyt; työtehtävät eivät vastaa tavoitteita.',
          () => 'Viikoittainen tapaaminen valmentajan kanssa.',
          (c) => at(c.opened, 11),
          (c) => (c.closed === null ? null : at(c.closed, 12)),
          (c) => c.p.coach.userId,
        ]),
      );

      const eligible = periods.filter((p) => p.phase !== 'INITIAL_MAPPING' && p.lastDay - p.start >= 14);
      const perPeriod = spread(rngActivity, config.placements, eligible.length);
      const placements: Array<{
        id: string;
        p: Period;
        kind: string;
        unit: string | null;
        company: string | null;
        start: number;
        end: number | null;
      }> = [];
      eligible.forEach((p, index) => {
        const running = p.end === null;
        const first = p.start + Math.min(7, Math.floor((p.lastDay - p.start) / 4));
        const last = p.end ?? yesterday;
        const k = Math.max(1, Math.min(perPeriod[index], Math.floor((last - first + 1) / 10)));
        const length = Math.floor((last - first + 1) / k);
        for (let i = 0; i < k; i++) {
          const start = first + i * length;
          const isLast = i === k - 1;
          const kind =
            p.phase === 'PRE_COACHING'
              ? 'PRE_COACHING'
              : p.basis === 'WORK_TRIAL'
                ? 'WORK_TRIAL'
                : p.basis === 'EMPLOYMENT'
                  ? 'EMPLOYMENT'
                  : 'ON_THE_JOB_COACHING';
          const companies = p.basis === 'REHABILITATIVE_WORK' ? p.org.companies.filter((c) => c.nonProfit) : p.org.companies;
          const inCompany = kind !== 'PRE_COACHING' && companies.length > 0 && rngActivity.chance(0.3);
          placements.push({
            id: rngActivity.uuid(),
            p,
            kind,
            unit: inCompany ? null : rngActivity.pick(p.org.units).id,
            company: inCompany ? rngActivity.pick(companies).id : null,
            start,
            end: isLast ? (running ? null : last) : start + length - 1,
          });
        }
      });
      await insertColumns(
        client,
        'placement',
        [
          ['id', 'uuid'],
          ['period_id', 'uuid'],
          ['trainee_id', 'uuid'],
          ['kind', 'text', '$::placement_kind'],
          ['work_unit_id', 'uuid'],
          ['partner_company_id', 'uuid'],
          ['start_date', 'date'],
          ['end_date', 'date'],
          ['supervisor_name', 'text'],
          ['created_at', 'timestamptz'],
        ],
        columnsOf(placements, [
          (x) => x.id,
          (x) => x.p.id,
          (x) => x.p.traineeId,
          (x) => x.kind,
          (x) => x.unit,
          (x) => x.company,
          (x) => iso(x.start),
          (x) => (x.end === null ? null : iso(x.end)),
          () => personName(rngActivity),
          (x) => at(Math.min(x.start, today), 8),
        ]),
      );

      const outcomeTypes: Array<[string, number]> = [
        ['EMPLOYED_OPEN_MARKET', 15],
        ['EMPLOYED_WAGE_SUBSIDY', 12],
        ['STUDYING', 15],
        ['WORK_TRIAL', 8],
        ['OTHER_SERVICE', 20],
        ['REHABILITATION', 10],
        ['PENSION_ASSESSMENT', 4],
        ['DROPPED_OUT', 8],
        ['UNKNOWN', 8],
      ];
      const outcomes: Array<{ p: Period; checkpoint: string; type: string; on: number }> = [];
      const summaries: Array<{ p: Period; final: boolean; at: number }> = [];
      for (const p of periods) {
        if (p.end !== null) {
          outcomes.push({ p, checkpoint: 'AT_END', type: rngActivity.weighted(outcomeTypes), on: p.end });
          if (p.phase === 'FOLLOW_UP' && p.end + 91 <= today)
            outcomes.push({ p, checkpoint: 'FOLLOW_UP_3_MONTHS', type: rngActivity.weighted(outcomeTypes), on: p.end + 91 });
          if (p.phase === 'FOLLOW_UP' && p.end + 182 <= today)
            outcomes.push({ p, checkpoint: 'FOLLOW_UP_6_MONTHS', type: rngActivity.weighted(outcomeTypes), on: p.end + 182 });
          summaries.push({ p, final: true, at: Math.min(p.end + 3, today) });
        } else if (p.phase === 'COACHING' && p.plannedEnd - today < 45) summaries.push({ p, final: false, at: today });
      }
      await insertColumns(
        client,
        'outcome',
        [
          ['id', 'uuid'],
          ['period_id', 'uuid'],
          ['trainee_id', 'uuid'],
          ['checkpoint', 'text', '$::outcome_checkpoint'],
          ['type', 'text', '$::outcome_type'],
          ['observed_on', 'date'],
          ['recorded_by', 'text'],
        ],
        columnsOf(outcomes, [
          () => rngActivity.uuid(),
          (o) => o.p.id,
          (o) => o.p.traineeId,
          (o) => o.checkpoint,
          (o) => o.type,
          (o) => iso(o.on),
          (o) => (o.p.careerAgent ?? o.p.coach).userId,
        ]),
      );
      await insertColumns(
        client,
        'final_summary',
        [
          ['id', 'uuid'],
          ['period_id', 'uuid'],
          ['capacity_statement', 'text'],
          ['competence_summary', 'text'],
          ['recommendations', 'text', "string_to_array($, '|')"],
          ['continuation_plan', 'text'],
          ['state', 'text', '$::final_summary_state'],
          ['finalised_at', 'timestamptz'],
          ['finalised_by', 'text'],
        ],
        columnsOf(summaries, [
          () => rngActivity.uuid(),
          (s) => s.p.id,
          () => 'Työkyky riittää osa-aikaiseen työhön avoimilla työmarkkinoilla.',
          () => 'Osoitettu tutkinnon osien ammattitaitovaatimuksia.',
          () => 'Palkkatuettu työ|Ammatillinen koulutus',
          () => 'Työnhaku jatkuu TE-palveluissa.',
          (s) => (s.final ? 'FINAL' : 'DRAFT'),
          (s) => (s.final ? at(s.at, 15) : null),
          (s) => (s.final ? s.p.coach.userId : null),
        ]),
      );
    });

    // ---- Capacity assessments (rows in Node; scores per item in SQL) -----------------------
    await step('capacity assessments and scores', async () => {
      const eligible = periods.filter((p) => p.lastDay >= p.start);
      const perPeriod = spread(rngActivity, config.assessments, eligible.length);
      const assessments: Array<{ id: string; p: Period; on: number }> = [];
      eligible.forEach((p, index) => {
        const span = p.lastDay - p.start;
        const k = Math.max(1, Math.min(perPeriod[index], Math.floor(span / 7) + 1));
        for (let i = 0; i < k; i++) assessments.push({ id: rngActivity.uuid(), p, on: p.start + Math.floor((span * i) / Math.max(1, k - 1 || 1)) });
      });
      await insertColumns(
        client,
        'capacity_assessment',
        [
          ['id', 'uuid'],
          ['period_id', 'uuid'],
          ['trainee_id', 'uuid'],
          ['instrument_id', 'uuid'],
          ['assessed_on', 'date'],
          ['assessor_id', 'text'],
          ['summary', 'text'],
          ['created_at', 'timestamptz'],
        ],
        columnsOf(assessments, [
          (a) => a.id,
          (a) => a.p.id,
          (a) => a.p.traineeId,
          () => instrumentId,
          (a) => iso(a.on),
          (a) => a.p.coach.userId,
          () => 'Arvio tehty työtoiminnan havaintojen pohjalta.',
          (a) => at(a.on, 14),
        ]),
      );
      await client.query(
        `INSERT INTO capacity_score (id, assessment_id, item_id, score)
         SELECT md5(a.id::text || i.id::text)::uuid, a.id, i.id, 1 + abs(hashtext(a.id::text || i.code)) % 5
         FROM capacity_assessment a JOIN capacity_dimension_definition d ON d.instrument_id = a.instrument_id
         JOIN capacity_item i ON i.dimension_id = d.id`,
      );
    });

    // ---- Competence records against the national qualification units ---------------------
    await step('competence records', async () => {
      const eligible = periods.filter((p) => ['COACHING', 'CHECK_POINT', 'ENDED', 'FOLLOW_UP'].includes(p.phase) && p.lastDay > p.start);
      const perPeriod = spread(rngActivity, config.competenceRecords, eligible.length);
      // A few units are used far more than the rest (as cleaning and catering are in practice).
      const unitWeights = qualificationUnits.map((_, i) => [i, 1 / (i + 1)] as const);
      const records: Array<{ p: Period; requirement: (typeof requirements)[number]; state: string; on: number }> = [];
      eligible.forEach((p, index) => {
        for (let i = 0; i < perPeriod[index]; i++) {
          const unitIndex = rngActivity.weighted(unitWeights);
          const requirement = requirements[unitIndex * REQUIREMENTS_PER_UNIT + rngActivity.int(0, REQUIREMENTS_PER_UNIT - 1)];
          const roll = rngActivity.next();
          const state = roll < (p.end === null ? 0.5 : 0.75) ? 'VERIFIED' : roll < 0.85 ? 'DEMONSTRATED' : 'PRACTISING';
          records.push({ p, requirement, state, on: p.start + rngActivity.int(0, p.lastDay - p.start) });
        }
      });
      await insertColumns(
        client,
        'competence_record',
        [
          ['id', 'uuid'],
          ['trainee_id', 'uuid'],
          ['period_id', 'uuid'],
          ['requirement_id', 'uuid'],
          ['qualification_external_id', 'text'],
          ['diary_number', 'text'],
          ['unit_external_id', 'text'],
          ['requirement_code', 'text'],
          ['requirement_text', 'text'],
          ['evidence', 'text'],
          ['state', 'text', '$::competence_state'],
          ['demonstrated_at', 'timestamptz'],
          ['verified_at', 'timestamptz'],
          ['verified_by', 'text'],
          ['created_at', 'timestamptz'],
        ],
        columnsOf(records, [
          () => rngActivity.uuid(),
          (r) => r.p.traineeId,
          (r) => r.p.id,
          (r) => r.requirement.id,
          (r) => qualificationUnits[r.requirement.unitIndex].qualification.externalId,
          (r) => qualificationUnits[r.requirement.unitIndex].qualification.diary,
          (r) => qualificationUnits[r.requirement.unitIndex].externalId,
          (r) => r.requirement.code,
          (r) => r.requirement.text,
          () => 'Tehtävä suoritettu työpaikalla ohjaajan havainnoimana.',
          (r) => r.state,
          (r) => (r.state === 'PRACTISING' ? null : at(r.on, 13)),
          (r) => (r.state === 'VERIFIED' ? at(Math.min(r.on + 7, today), 14) : null),
          (r) => (r.state === 'VERIFIED' ? (r.p.careerAgent ?? r.p.coach).userId : null),
          (r) => at(r.on, 12),
        ]),
      );
    });

    // ---- Work orders with assignments -----------------------------------------------------
    await step('work orders and assignments', async () => {
      const coachingByOrg = new Map<Org, Period[]>();
      for (const p of periods) {
        if (p.phase !== 'COACHING') continue;
        const list = coachingByOrg.get(p.org) ?? [];
        list.push(p);
        coachingByOrg.set(p.org, list);
      }
      const orders: Array<{ id: string; org: Org; unit: string; task: string; start: number; end: number; state: string; workers: number }> = [];
      const assignments: Array<{ order: string; trainee: string; start: number; end: number }> = [];
      for (const org of orgs)
        for (const unit of org.units)
          for (let i = 0; i < config.workOrdersPerUnit; i++) {
            const start = today + rngActivity.int(-28, 20);
            const end = start + rngActivity.int(0, 8);
            // prettier-ignore
            const state =
              end < today ? rngActivity.weighted([['COMPLETED', 8], ['CANCELLED', 1]] as const)
              : start <= today ? 'IN_PROGRESS'
              : rngActivity.weighted([['REQUESTED', 3], ['ACCEPTED', 2], ['SCHEDULED', 4], ['DECLINED', 1]] as const);
            const workers = rngActivity.int(1, 3);
            const order = { id: rngActivity.uuid(), org, unit: unit.id, task: rngActivity.pick(org.tasks).id, start, end, state, workers };
            orders.push(order);
            const candidates = (coachingByOrg.get(org) ?? []).filter((p) => p.start <= start);
            if (['SCHEDULED', 'IN_PROGRESS', 'COMPLETED'].includes(state) && candidates.length)
              for (const p of rngActivity.sample(candidates, workers)) assignments.push({ order: order.id, trainee: p.traineeId, start, end });
          }
      await insertColumns(
        client,
        'work_order',
        [
          ['id', 'uuid'],
          ['work_unit_id', 'uuid'],
          ['task_id', 'uuid'],
          ['place', 'text'],
          ['start_date', 'date'],
          ['end_date', 'date'],
          ['workers_needed', 'smallint'],
          ['state', 'text', '$::work_order_state'],
          ['unit_rating', 'smallint'],
          ['confirmed_hours', 'numeric'],
          ['decline_reason', 'text'],
        ],
        columnsOf(orders, [
          (o) => o.id,
          (o) => o.unit,
          (o) => o.task,
          (o) => `Kohde ${o.org.code}`,
          (o) => iso(o.start),
          (o) => iso(o.end),
          (o) => o.workers,
          (o) => o.state,
          (o) => (o.state === 'COMPLETED' ? rngActivity.int(3, 5) : null),
          (o) => (o.state === 'COMPLETED' ? o.workers * (o.end - o.start + 1) * 5 : null),
          (o) => (o.state === 'DECLINED' ? 'Ei vapaita tekijöitä.' : null),
        ]),
      );
      await insertColumns(
        client,
        'work_order_assignment',
        [
          ['id', 'uuid'],
          ['work_order_id', 'uuid'],
          ['trainee_id', 'uuid'],
          ['start_date', 'date'],
          ['end_date', 'date'],
        ],
        columnsOf(assignments, [() => rngActivity.uuid(), (a) => a.order, (a) => a.trainee, (a) => iso(a.start), (a) => iso(a.end)]),
      );
    });

    // ---- Attendance: every working day of a period's window, in SQL ---------------------
    await step('attendance and diary entries', async () => {
      // Windows end at the last Sunday (or the period's end); their length is chosen so the total is about the target.
      const windows = periods.map((p) => ({ p, to: Math.min(p.end ?? lastSunday, lastSunday) })).filter((w) => w.to >= w.p.start);
      const estimate = (maxDays: number) =>
        windows.reduce((sum, w) => sum + (Math.min(w.to - w.p.start + 1, maxDays) * Math.min(w.p.daysPerWeek, 5)) / 7, 0);
      let low = 1;
      let high = 2_000;
      if (estimate(high) > config.attendance)
        while (low < high) {
          const mid = Math.floor((low + high + 1) / 2);
          if (estimate(mid) <= config.attendance) low = mid;
          else high = mid - 1;
        }
      else low = high;
      const maxDays = low;
      await client.query('CREATE TEMP TABLE bench_window (period_id uuid PRIMARY KEY, from_date date NOT NULL, to_date date NOT NULL)');
      await insertColumns(
        client,
        'bench_window',
        [
          ['period_id', 'uuid'],
          ['from_date', 'date'],
          ['to_date', 'date'],
        ],
        columnsOf(windows, [(w) => w.p.id, (w) => iso(Math.max(w.p.start, w.to - maxDays + 1)), (w) => iso(w.to)]),
      );
      await client.query(
        `INSERT INTO attendance_entry (id, period_id, trainee_id, date, status, hours, absence_reason, recorded_by, created_at, updated_at)
         SELECT md5(p.id::text || d::date::text)::uuid, p.id, p.trainee_id, d::date,
                (CASE WHEN x.h % 100 < 88 THEN 'PRESENT' ELSE 'ABSENT' END)::attendance_status,
                CASE WHEN x.h % 100 < 88 THEN p.hours_per_day END,
                CASE WHEN x.h % 100 >= 88 THEN (ARRAY['ILLNESS','CHILD_ILLNESS','AUTHORISED','UNAUTHORISED','OTHER'])[1 + x.h % 5]::absence_reason END,
                ur.user_id::text, d + time '15:00', d + time '15:00'
         FROM bench_window w
         JOIN coaching_period p ON p.id = w.period_id
         JOIN user_role ur ON ur.staff_member_id = p.coach_id
         CROSS JOIN LATERAL generate_series(w.from_date::timestamp, w.to_date::timestamp, interval '1 day') AS d
         CROSS JOIN LATERAL (SELECT abs(hashtext(p.id::text || d::date::text)) AS h) x
         WHERE extract(isodow FROM d) <= p.days_per_week
           AND to_char(d, 'MM-DD') <> ALL ($1::text[])`,
        [FIXED_HOLIDAYS],
      );
      await client.query(
        `INSERT INTO diary_entry (id, period_id, kind, date, author_id, text, tasks_done, created_at, updated_at)
         SELECT md5('diary' || a.id::text)::uuid, a.period_id,
                (CASE WHEN abs(hashtext(a.id::text)) % 4 = 0 THEN 'LEARNING_DIARY' ELSE 'DAILY_LOG' END)::diary_entry_kind,
                a.date, a.recorded_by, 'Työpäivä sujui suunnitelman mukaan; harjoiteltiin uusia tehtäviä.', ARRAY['Siivous', 'Pihatyöt'],
                a.created_at, a.created_at
         FROM attendance_entry a
         WHERE a.status = 'PRESENT' AND abs(hashtext('diary' || a.id::text)) % $1 = 0`,
        [config.diaryEvery],
      );
    });

    // ---- Profile consents to partner companies ---------------------------------------------
    await step('profile consents', async () => {
      const candidates = rngActivity.shuffle(
        trainees.filter((t) => t.period && ['COACHING', 'CHECK_POINT', 'ENDED', 'FOLLOW_UP'].includes(t.period.phase)),
      );
      const consents: Array<{ t: TraineePlan; scope: string; company: string | null; given: number; withdrawn: number | null }> = [];
      for (const t of candidates) {
        if (consents.length >= config.consents) break;
        const p = t.period!;
        const given = Math.min(p.start + rngActivity.int(10, 60), today);
        const withdrawn = rngActivity.chance(0.08) ? Math.min(given + rngActivity.int(5, 60), today) : null;
        // Every fourth guaranteed ALL_PARTNERS, every fourth ONE_COMPANY, so even the tiny scale has both.
        const scope =
          consents.length % 4 === 0
            ? 'ALL_PARTNERS'
            : consents.length % 4 === 1
              ? 'ONE_COMPANY'
              : rngActivity.chance(0.55)
                ? 'ALL_PARTNERS'
                : 'ONE_COMPANY';
        if (scope === 'ALL_PARTNERS') consents.push({ t, scope, company: null, given, withdrawn });
        else
          for (const company of rngActivity.sample(t.org.companies, rngActivity.int(1, 2)))
            consents.push({ t, scope, company: company.id, given, withdrawn });
      }
      await insertColumns(
        client,
        'profile_consent',
        [
          ['id', 'uuid'],
          ['trainee_id', 'uuid'],
          ['scope', 'text', '$::consent_scope'],
          ['partner_company_id', 'uuid'],
          ['profile_id', 'uuid'],
          ['given_at', 'timestamptz'],
          ['given_by', 'text'],
          ['withdrawn_at', 'timestamptz'],
          ['withdrawn_by', 'text'],
        ],
        columnsOf(consents, [
          () => rngActivity.uuid(),
          (c) => c.t.id,
          (c) => c.scope,
          (c) => c.company,
          () => rngActivity.uuid(),
          (c) => at(c.given, 10),
          (c) => c.t.period!.coach.userId,
          (c) => (c.withdrawn === null ? null : at(c.withdrawn, 11)),
          (c) => (c.withdrawn === null ? null : c.t.period!.coach.userId),
        ]),
      );
    });

    // ---- Access log: a long history for some trainees, a little for everyone with a period ----
    const hotTrainees = rngActivity
      .shuffle(trainees.filter((t) => t.period && (t.period.phase === 'COACHING' || t.period.phase === 'CHECK_POINT')))
      .slice(0, config.accessLogHotTrainees);
    await step('access log', async () => {
      await client.query('CREATE TEMP TABLE bench_log (trainee_id uuid, user_id uuid, role text, rows int)');
      const hot = new Set(hotTrainees.map((t) => t.id));
      const entries = trainees
        .filter((t) => t.period)
        .map((t) => ({ t, staff: t.period!.coach, rows: hot.has(t.id) ? config.accessLogRowsPerHotTrainee : 2 }));
      await insertColumns(
        client,
        'bench_log',
        [
          ['trainee_id', 'uuid'],
          ['user_id', 'uuid'],
          ['role', 'text'],
          ['rows', 'int'],
        ],
        columnsOf(entries, [(e) => e.t.id, (e) => e.staff.userId, (e) => e.staff.role, (e) => e.rows]),
      );
      await client.query(
        `INSERT INTO access_log_entry (id, at, trainee_id, user_id, role, kind, purpose, operation_name, fields, request_id)
         SELECT md5('log' || l.trainee_id::text || g)::uuid,
                $1::timestamptz - (g * interval '1 day' / greatest(1, l.rows / 300)) - (abs(hashtext(l.trainee_id::text || g)) % 480) * interval '1 minute',
                l.trainee_id, l.user_id::text, l.role,
                CASE WHEN g % 10 = 0 THEN 'WRITE' ELSE 'READ' END,
                CASE WHEN g % 10 = 0 THEN 'recordAttendance' ELSE 'TraineeDetail' END,
                CASE WHEN g % 10 = 0 THEN 'RecordAttendance' ELSE 'TraineeDetail' END,
                CASE WHEN g % 10 = 0 THEN ARRAY['Mutation.recordAttendance'] ELSE ARRAY['Trainee.firstName', 'Trainee.lastName', 'Trainee.identityCode', 'Trainee.coachingPeriods'] END,
                md5('request' || l.trainee_id::text || g)
         FROM bench_log l CROSS JOIN LATERAL generate_series(1, l.rows) AS g`,
        [asOf.toISOString()],
      );
    });

    await step(`indexes and foreign keys of ${BULK_TABLES.join(', ')} re-created`, async () => {
      for (const statement of restore) await client.query(statement);
    });

    // ---- Counts, manifest, statistics ---------------------------------------------------
    const counts: Record<string, number> = {};
    const tables = (
      await client.query<{ name: string }>(
        `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('migrations', 'rate_limit_bucket') ORDER BY tablename`,
      )
    ).rows;
    for (const { name } of tables) counts[name] = Number((await client.query(`SELECT count(*) AS n FROM "${name}"`)).rows[0].n);

    const usedUnits = await client.query<{ code: string }>(
      `SELECT unit_external_id AS code FROM competence_record WHERE state = 'VERIFIED' GROUP BY unit_external_id ORDER BY count(*) DESC, unit_external_id`,
    );
    const users = Object.fromEntries(
      (['ADMIN', 'COACH', 'CAREER_AGENT', 'CASE_MANAGER', 'UNIT_LEAD', 'PARTNER', 'ANALYST', 'TRAINEE'] as const).map((role) => [
        role,
        interleaveByOrganisation(roles.filter((r) => r.role === role))
          .slice(0, MANIFEST_LIST_CAP)
          .map((r): BenchUser => ({
            subject: r.subject,
            organisationId: r.org.id,
            ...(r.staffMemberId && { staffMemberId: r.staffMemberId }),
            ...(r.employmentAreaId && { employmentAreaId: r.employmentAreaId }),
            ...(r.workUnitId && { workUnitId: r.workUnitId }),
            ...(r.partnerCompanyId && { partnerCompanyId: r.partnerCompanyId }),
            ...(r.traineeId && { traineeId: r.traineeId }),
          })),
      ]),
    ) as BenchManifest['users'];
    const running = periods.filter((p) => p.phase === 'COACHING' && p.end === null);
    const targetStep = Math.max(1, Math.floor(running.length / MANIFEST_LIST_CAP));
    const manifest: BenchManifest = {
      scale,
      generatedAt: asOf.toISOString(),
      counts,
      users,
      qualificationUnitCodes: usedUnits.rows.map((r) => r.code),
      attendanceTargets: running
        .filter((_, i) => i % targetStep === 0)
        .slice(0, MANIFEST_LIST_CAP)
        .map((p) => ({ periodId: p.id, coachSubject: p.coach.subject })),
      accessLogTrainees: hotTrainees.slice(0, MANIFEST_LIST_CAP).map((t) => ({ traineeId: t.id, organisationId: t.org.id })),
      areasByOrganisation: areasByOrganisation(areas),
    };
    await step('analyze', () => client.query('ANALYZE'));
    const file = options.manifestFile ?? path.join(__dirname, '..', manifestPath(scale));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
    log(`manifest written to ${path.relative(process.cwd(), file)}; ${((Date.now() - started) / 1000).toFixed(1)} s in all`);
    return manifest;
  });
}

/** Round-robin over the organisations (largest first), so a capped list still covers many of them. */
function interleaveByOrganisation<T extends { org: Org }>(rows: readonly T[]): T[] {
  const byOrg = new Map<number, T[]>();
  for (const row of rows) {
    const list = byOrg.get(row.org.index) ?? [];
    list.push(row);
    byOrg.set(row.org.index, list);
  }
  const queues = [...byOrg.entries()].sort((a, b) => a[0] - b[0]).map(([, list]) => list);
  const out: T[] = [];
  for (let i = 0; out.length < rows.length; i++) for (const queue of queues) if (i < queue.length) out.push(queue[i]);
  return out;
}

function parseArguments(argv: readonly string[]): { scale: BenchScale; serverUrl: string; asOf?: Date } {
  const value = (flag: string) => {
    const index = argv.indexOf(flag);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const scale = value('--scale') ?? 'tiny';
  if (!(scale in SCALES)) throw new Error(`--scale must be tiny, municipal or national (not ${scale})`);
  const asOf = value('--as-of');
  if (asOf && Number.isNaN(Date.parse(asOf))) throw new Error(`--as-of must be an ISO instant (not ${asOf})`);
  return { scale: scale as BenchScale, serverUrl: value('--database-url') ?? DEFAULT_SERVER_URL, asOf: asOf ? new Date(asOf) : undefined };
}

if (require.main === module) {
  const args = parseArguments(process.argv.slice(2));
  const started = Date.now();
  generateBenchData({ ...args, log: (line) => process.stdout.write(`${line}\n`) })
    .then((manifest) => {
      const width = Math.max(...Object.keys(manifest.counts).map((k) => k.length));
      for (const [table, count] of Object.entries(manifest.counts)) process.stdout.write(`${table.padEnd(width)} ${count.toLocaleString('en')}\n`);
      process.stdout.write(`${args.scale}: ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    })
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    });
}

/** Which employment areas refer clients to each organisation. */
function areasByOrganisation(areas: ReadonlyArray<{ id: string; organisations: ReadonlyArray<{ id: string }> }>): Record<string, string[]> {
  const byOrganisation: Record<string, string[]> = {};
  for (const area of areas) for (const org of area.organisations) (byOrganisation[org.id] ??= []).push(area.id);
  return byOrganisation;
}
