import { Actor, Role } from '../platform/auth/actor';

/**
 * Named users of the demo data, one or two per role, for `npm run token -- --as anna` and the query
 * editor's persona picker (development only).
 *
 * The ids are those `seedDemoData` gives the rows (the organisation is seeded first from a fixed id
 * stream, so they are the same on every run); `integration-tests/personas.test.ts` signs a token
 * for every persona against a demo-seeded server and checks that `me` names the same people, so a
 * change to the demo organisation that moves an id fails there. The keys (lower-case first names)
 * and token subjects are meant to stay when roles move from the token to users of Polku.
 */
export interface Persona {
  /** What `--as` and the picker take: the lower-case first name, stable. */
  key: string;
  name: string;
  role: Role;
  /** Who the person is, in a few words. */
  title: string;
  /** The token subject: the e-mail address the demo data uses for this person. */
  userId: string;
  staffId?: string;
  unitId?: string;
  areaId?: string;
  companyId?: string;
  /** What the role's scope holds for this person (for `--list` and the picker). */
  scope: string;
}

/** Demo rows the personas are made of (ids from the seed's id stream, names from src/demo/organisation.ts). */
export const DEMO_IDS = {
  staff: {
    annaMakinen: 'e17006a9-4479-4dad-9fa4-1089a05c8268',
    elinaGronroos: '75aae933-6d05-4c61-b4d7-e668a09fb882',
  },
  area: {
    pori: '5b965c17-11ce-4575-852b-f61cfd62b0a5',
    rauma: 'ae7dbf14-4401-45f3-9d57-5a9d97d17fc1',
  },
  unit: {
    satakunnanMuseo: '00c39155-e896-4057-91e0-0b0eec0cb773',
  },
  company: {
    porinKiinteistohuolto: 'df8de1f9-3acc-4259-b93f-ce334d977d87',
  },
} as const;

export const personas: readonly Persona[] = [
  {
    key: 'riikka',
    name: 'Riikka Laine',
    role: Role.ADMIN,
    title: 'head of the coaching environment (Valmennusympäristö Polku), administers Polku',
    userId: 'riikka.laine@pori.example',
    scope: 'everything',
  },
  {
    key: 'anna',
    name: 'Anna Mäkinen',
    role: Role.COACH,
    title: 'coach (työvalmentaja) with a full caseload',
    userId: 'anna.makinen@pori.example',
    staffId: DEMO_IDS.staff.annaMakinen,
    scope: 'her trainees (FULL), trainees in intake, everyone else as a roster',
  },
  {
    key: 'elina',
    name: 'Elina Grönroos',
    role: Role.CAREER_AGENT,
    title: 'career agent (ura-agentti)',
    userId: 'elina.gronroos@pori.example',
    staffId: DEMO_IDS.staff.elinaGronroos,
    scope: 'the trainees whose periods she is career agent of (FULL), trainees in intake, everyone else as a roster',
  },
  {
    key: 'heidi',
    name: 'Heidi Saarinen',
    role: Role.CASE_MANAGER,
    title: 'case manager (asiakasvastaava), Porin seudun työllisyysalue',
    userId: 'heidi.saarinen@pori.example',
    areaId: DEMO_IDS.area.pori,
    scope: 'trainees of Porin seudun työllisyysalue (most of the demo)',
  },
  {
    key: 'marja',
    name: 'Marja Vuorinen',
    role: Role.CASE_MANAGER,
    title: 'case manager (asiakasvastaava), Rauman seudun työllisyysalue',
    userId: 'marja.vuorinen@pori.example',
    areaId: DEMO_IDS.area.rauma,
    scope: 'trainees of Rauman seudun työllisyysalue (a handful)',
  },
  {
    key: 'tuomas',
    name: 'Tuomas Lindqvist',
    role: Role.UNIT_LEAD,
    title: 'unit lead (yksikön esihenkilö), Satakunnan Museo',
    userId: 'tuomas.lindqvist@pori.example',
    unitId: DEMO_IDS.unit.satakunnanMuseo,
    scope: "Satakunnan Museo's work orders and the trainees working there (UNIT view)",
  },
  {
    key: 'janne',
    name: 'Janne Ketola',
    role: Role.PARTNER,
    title: 'contact person of the partner company Porin Kiinteistöhuolto Oy',
    userId: 'janne.ketola@porinkiinteistohuolto.example',
    companyId: DEMO_IDS.company.porinKiinteistohuolto,
    scope: 'his company and the competence profiles shared with it',
  },
  {
    key: 'saara',
    name: 'Saara Lind',
    role: Role.ANALYST,
    title: "analyst of the city's employment services (not a row of the demo data: the role has no scope)",
    userId: 'saara.lind@pori.example',
    scope: 'aggregates only (indicators, outcome statistics)',
  },
];

export function findPersona(key: string): Persona | undefined {
  const wanted = key.trim().toLowerCase();
  return personas.find((persona) => persona.key === wanted);
}

/** The actor a persona's token carries. */
export function personaActor(persona: Persona): Actor {
  return {
    userId: persona.userId,
    role: persona.role,
    ...(persona.staffId ? { staffId: persona.staffId } : {}),
    ...(persona.unitId ? { unitId: persona.unitId } : {}),
    ...(persona.areaId ? { areaId: persona.areaId } : {}),
    ...(persona.companyId ? { companyId: persona.companyId } : {}),
  };
}
