import { Role } from '../platform/auth/actor';

/**
 * Named users of the demo data, one or two per role, for `npm run token -- --as anna` and the query
 * editor's persona picker (development only). Each is a user of Polku in the demo database: the
 * seed links the identity (the development signer's issuer, `subject`) to the persona's role in
 * their organisation and to the row that role's scope is made of (found by name).
 * `integration-tests/personas.test.ts` signs a token for every persona against a demo-seeded
 * server and checks that `me` names the same people.
 */
export interface Persona {
  /** What `--as` and the picker take: the lower-case first name, stable. */
  key: string;
  name: string;
  role: Role;
  /** Who the person is, in a few words. */
  title: string;
  /** The token subject: the e-mail address the demo data uses for this person. */
  subject: string;
  /** The demo organisation the persona works in (its key in src/demo/organisations.ts); none for the platform operator. */
  organisation?: DemoOrganisationKey;
  /** The row the role's scope is made of, by name. */
  staffName?: string;
  unitName?: string;
  areaName?: string;
  companyName?: string;
  /** What the role's scope holds for this person (for `--list` and the picker). */
  scope: string;
}

export type DemoOrganisationKey = 'pori' | 'ulvila' | 'rauma';

export const personas: readonly Persona[] = [
  {
    key: 'riikka',
    name: 'Riikka Laine',
    role: Role.ADMIN,
    title: 'head of the coaching environment (Valmennusympäristö Polku), administers Polku for the City of Pori',
    subject: 'riikka.laine@pori.example',
    organisation: 'pori',
    scope: 'everything',
  },
  {
    key: 'anna',
    name: 'Anna Mäkinen',
    role: Role.COACH,
    title: 'coach (työvalmentaja) with a full caseload',
    subject: 'anna.makinen@pori.example',
    organisation: 'pori',
    staffName: 'Anna Mäkinen',
    scope: 'her trainees (FULL), trainees in intake, everyone else as a roster',
  },
  {
    key: 'elina',
    name: 'Elina Grönroos',
    role: Role.CAREER_AGENT,
    title: 'career agent (ura-agentti)',
    subject: 'elina.gronroos@pori.example',
    organisation: 'pori',
    staffName: 'Elina Grönroos',
    scope: 'the trainees whose periods she is career agent of (FULL), trainees in intake, everyone else as a roster',
  },
  {
    key: 'heidi',
    name: 'Heidi Saarinen',
    role: Role.CASE_MANAGER,
    title: 'case manager (asiakasvastaava), Porin seudun työllisyysalue',
    subject: 'heidi.saarinen@pori.example',
    organisation: 'pori',
    areaName: 'Porin seudun työllisyysalue',
    scope: 'trainees of Porin seudun työllisyysalue (most of the demo)',
  },
  {
    key: 'marja',
    name: 'Marja Vuorinen',
    role: Role.CASE_MANAGER,
    title: 'case manager (asiakasvastaava), Rauman seudun työllisyysalue',
    subject: 'marja.vuorinen@pori.example',
    organisation: 'pori',
    areaName: 'Rauman seudun työllisyysalue',
    scope: 'trainees of Rauman seudun työllisyysalue (a handful)',
  },
  {
    key: 'tuomas',
    name: 'Tuomas Lindqvist',
    role: Role.UNIT_LEAD,
    title: 'unit lead (yksikön esihenkilö), Satakunnan Museo',
    subject: 'tuomas.lindqvist@pori.example',
    organisation: 'pori',
    unitName: 'Satakunnan Museo',
    scope: "Satakunnan Museo's work orders and the trainees working there (UNIT view)",
  },
  {
    key: 'janne',
    name: 'Janne Ketola',
    role: Role.PARTNER,
    title: 'contact person of the partner company Porin Kiinteistöhuolto Oy',
    subject: 'janne.ketola@porinkiinteistohuolto.example',
    organisation: 'pori',
    companyName: 'Porin Kiinteistöhuolto Oy',
    scope: 'his company and the competence profiles shared with it',
  },
  {
    key: 'saara',
    name: 'Saara Lind',
    role: Role.ANALYST,
    title: "analyst of the city's employment services",
    subject: 'saara.lind@pori.example',
    organisation: 'pori',
    scope: 'aggregates only (indicators, outcome statistics)',
  },
  {
    key: 'ville',
    name: 'Ville Heikkinen',
    role: Role.TRAINEE,
    title: 'a trainee (valmentautuja) coached by Anna Mäkinen, signed in with strong identification',
    subject: 'ville.heikkinen@suomi-fi.example',
    organisation: 'pori',
    scope: 'his own data, his access log and his consents',
  },
  {
    key: 'ulla',
    name: 'Ulla Rautio',
    role: Role.COACH,
    title: "coach in Ulvila's coaching environment (same employment area as Pori, another controller)",
    subject: 'ulla.rautio@ulvila.example',
    organisation: 'ulvila',
    staffName: 'Ulla Rautio',
    scope: "her own caseload in Ulvila; none of Pori's people",
  },
  {
    key: 'reijo',
    name: 'Reijo Laaksonen',
    role: Role.ADMIN,
    title: "administers Polku for the City of Rauma (Rauma's own employment area)",
    subject: 'reijo.laaksonen@rauma.example',
    organisation: 'rauma',
    scope: "everything of Rauma's coaching environment; nothing of Pori's or Ulvila's",
  },
  {
    key: 'olli',
    name: 'Olli Saari',
    role: Role.PLATFORM_OPERATOR,
    title: 'operator at the regional IT company that hosts Polku for the municipalities',
    subject: 'olli.saari@satakunnan-it.example',
    scope: 'organisations and their administrators; no personal data',
  },
];

export function findPersona(key: string): Persona | undefined {
  const wanted = key.trim().toLowerCase();
  return personas.find((persona) => persona.key === wanted);
}
