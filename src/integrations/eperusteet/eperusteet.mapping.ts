import { z } from 'zod';

import { QualificationSourceError, QualificationSummary, SourceName, SourceQualification, SourceRequirement, SourceUnit } from './eperusteet.port';

/**
 * The ePerusteet public API's JSON (`/api/external/peruste/{id}`: PerusteKaikkiDto, and
 * `/api/external/perusteet`: a page of PerusteenJulkaisuData) mapped to the port's shapes. Only
 * the fields the catalogue needs are read; everything else in the answer is ignored, so the API
 * may grow. Pure: the HTTP adapter and the fixture simulator share it.
 */

/** The catalogue's limits (ImportQualificationInput and the columns): refused rather than cut. */
const MAX_ID = 100;
const MAX_DIARY_NUMBER = 100;
const MAX_REQUIREMENT_CODE = 40;
const MAX_REQUIREMENT_TEXT = 4000;
const MAX_COMPETENCE_POINTS = 9999.9;

/** Common units (yhteiset tutkinnon osat) are studied at school, not shown in work: not imported. */
const COMMON_UNIT_TYPES = new Set(['tutke2', 'reformi_tutke2']);

// LokalisoituTekstiDto: {"_id": "…", "_tunniste": "…", "fi": "…", "sv": "…", "en": "…"}; any language may be missing or null.
const localizedText = z.object({ fi: z.string().nullish(), sv: z.string().nullish(), en: z.string().nullish() });
// Ids are Java longs: numbers, or strings in references such as `_tutkinnonOsa`.
const id = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/, 'expected digits')]).transform(String);
// java.util.Date is written as epoch milliseconds.
const instant = z.union([z.number(), z.string()]);
const koodi = z.object({ uri: z.string().nullish(), arvo: z.string().nullish() });

// Ammattitaitovaatimukset2019Dto: requirements directly under the unit and under areas (kohdealueet).
const requirement2019 = z.object({ koodi: koodi.nullish(), vaatimus: localizedText.nullish() });
const requirements2019 = z.object({
  kohde: localizedText.nullish(),
  vaatimukset: z.array(requirement2019).nullish(),
  kohdealueet: z.array(z.object({ kuvaus: localizedText.nullish(), vaatimukset: z.array(requirement2019).nullish() })).nullish(),
});
// Before the 2018 reform: AmmattitaitovaatimusKohdealueetDto → AmmattitaitovaatimusKohdeDto → AmmattitaitovaatimusDto.
const requirementsList = z.array(
  z.object({
    otsikko: localizedText.nullish(),
    vaatimuksenKohteet: z
      .array(
        z.object({
          otsikko: localizedText.nullish(),
          vaatimukset: z
            .array(z.object({ selite: localizedText.nullish(), ammattitaitovaatimusKoodi: z.string().nullish(), jarjestys: z.number().nullish() }))
            .nullish(),
        }),
      )
      .nullish(),
  }),
);

const unitSchema = z.object({
  id,
  nimi: localizedText,
  koodi: koodi.nullish(),
  koodiArvo: z.string().nullish(),
  laajuus: z.number().nullish(),
  tyyppi: z.string().nullish(),
  ammattitaitovaatimukset2019: requirements2019.nullish(),
  ammattitaitovaatimuksetLista: requirementsList.nullish(),
});

const perusteSchema = z.object({
  id,
  nimi: localizedText,
  diaarinumero: z.string(),
  muokattu: instant.nullish(),
  globalVersion: z.object({ aikaleima: instant.nullish() }).nullish(),
  tutkinnonOsat: z.array(unitSchema).nullish(),
  // SuoritustapaLaajaDto; its `tutkinnonOsaViitteet` carry each unit's laajuus in that way of completing.
  suoritustavat: z
    .array(
      z.object({
        suoritustapakoodi: z.string().nullish(),
        tutkinnonOsaViitteet: z.array(z.object({ laajuus: z.number().nullish(), _tutkinnonOsa: id.nullish() })).nullish(),
      }),
    )
    .nullish(),
});

const listSchema = z.object({
  content: z.array(
    z.object({
      id: id.nullish(),
      // Older API versions named it perusteId.
      perusteId: id.nullish(),
      nimi: z.record(z.string(), z.string().nullable()).nullish(),
      diaarinumero: z.string().nullish(),
      sisaltotyyppi: z.string().nullish(),
    }),
  ),
  totalPages: z.number().int().nullish(),
  last: z.boolean().nullish(),
  // Spring Data 3's PagedModel puts the counts under `page`.
  page: z.object({ totalPages: z.number().int().nullish() }).nullish(),
});

type RawPeruste = z.infer<typeof perusteSchema>;
type RawUnit = z.infer<typeof unitSchema>;
type RawText = z.infer<typeof localizedText>;

/** One page of `/api/external/perusteet`: the qualifications on it and whether another page follows. */
export function mapPerusteList(json: unknown): { qualifications: QualificationSummary[]; totalPages: number | null; last: boolean | null } {
  const page = parse(listSchema, json, 'the list of perusteet');
  const qualifications = page.content
    // The search also returns single units (sisaltotyyppi tutkinnonosa); only whole qualifications are listed.
    .filter((item) => (item.sisaltotyyppi ?? 'peruste') === 'peruste')
    .flatMap((item) => {
      const externalId = item.id ?? item.perusteId;
      if (!externalId) return [];
      const fi = plain(item.nimi?.fi);
      const name = fi ? withLanguages(fi, item.nimi?.sv, item.nimi?.en) : null;
      return [{ externalId, diaryNumber: item.diaarinumero?.trim() || null, name }];
    });
  return { qualifications, totalPages: page.totalPages ?? page.page?.totalPages ?? null, last: page.last ?? null };
}

/**
 * A peruste (PerusteKaikkiDto) as a qualification. Every problem found is listed in the error, by
 * its path in the answer; nothing is half-mapped.
 */
export function mapPeruste(json: unknown): SourceQualification {
  const label = `ePerusteet peruste ${describeId(json)}`;
  const peruste = parse(perusteSchema, json, label);
  const problems: string[] = [];
  const name = requiredName(peruste.nimi, 'nimi', problems);
  const diaryNumber = peruste.diaarinumero.trim();
  if (!diaryNumber) problems.push('diaarinumero: empty');
  else if (diaryNumber.length > MAX_DIARY_NUMBER) problems.push(`diaarinumero: longer than ${MAX_DIARY_NUMBER} characters`);
  if (peruste.id.length > MAX_ID) problems.push(`id: longer than ${MAX_ID} characters`);

  const pointsByUnit = referencePoints(peruste);
  const units: SourceUnit[] = [];
  const seenUnits = new Set<string>();
  (peruste.tutkinnonOsat ?? []).forEach((unit, index) => {
    const path = `tutkinnonOsat[${index}]`;
    if (unit.tyyppi && COMMON_UNIT_TYPES.has(unit.tyyppi)) return;
    if (seenUnits.has(unit.id)) problems.push(`${path}.id: ${unit.id} appears twice`);
    seenUnits.add(unit.id);
    if (unit.id.length > MAX_ID) problems.push(`${path}.id: longer than ${MAX_ID} characters`);
    const competencePoints = unit.laajuus ?? pointsByUnit.get(unit.id) ?? null;
    if (competencePoints !== null && !validPoints(competencePoints)) {
      problems.push(`${path}.laajuus: ${competencePoints} is not a number of competence points (0–${MAX_COMPETENCE_POINTS}, one decimal)`);
    }
    units.push({
      externalId: unit.id,
      code: plain(unit.koodiArvo ?? unit.koodi?.arvo) || null,
      name: requiredName(unit.nimi, `${path}.nimi`, problems),
      competencePoints,
      requirements: unitRequirements(unit, path, problems),
    });
  });
  if (problems.length) throw malformed(label, problems);
  return { externalId: peruste.id, diaryNumber, name, version: versionOf(peruste), units };
}

/**
 * The unit's requirements in the published order: the 2019 structure when there is one (the
 * deprecated text rendering of it, `ammattitaitovaatimukset`, is ignored), else the pre-reform
 * list. A requirement's code is its national code (koodi URI) or, without one, its place in the
 * unit (`#2.3`: third requirement of the second area), which the koodisto's values never look like.
 * Empty requirements are left out, as ePerusteet itself leaves them out when it shows a unit.
 */
function unitRequirements(unit: RawUnit, path: string, problems: string[]): SourceRequirement[] {
  const found: Array<{ code: string; text: string; path: string }> = [];
  const take = (code: string | null | undefined, text: RawText | null | undefined, at: string, place: string) => {
    const plainText = plain(text?.fi) || plain(text?.sv);
    if (plainText) found.push({ code: plain(code) || `#${place}`, text: plainText, path: at });
  };
  const structured = unit.ammattitaitovaatimukset2019;
  if (structured) {
    const base = `${path}.ammattitaitovaatimukset2019`;
    (structured.vaatimukset ?? []).forEach((r, i) => take(r.koodi?.uri, r.vaatimus, `${base}.vaatimukset[${i}]`, `${i + 1}`));
    (structured.kohdealueet ?? []).forEach((area, a) =>
      (area.vaatimukset ?? []).forEach((r, i) => take(r.koodi?.uri, r.vaatimus, `${base}.kohdealueet[${a}].vaatimukset[${i}]`, `${a + 1}.${i + 1}`)),
    );
  } else {
    const base = `${path}.ammattitaitovaatimuksetLista`;
    (unit.ammattitaitovaatimuksetLista ?? []).forEach((area, a) =>
      (area.vaatimuksenKohteet ?? []).forEach((target, t) =>
        (target.vaatimukset ?? []).forEach((r, i) =>
          take(r.ammattitaitovaatimusKoodi, r.selite, `${base}[${a}].vaatimuksenKohteet[${t}].vaatimukset[${i}]`, `${a + 1}.${t + 1}.${i + 1}`),
        ),
      ),
    );
  }
  const byCode = new Map<string, { text: string; path: string }>();
  const requirements: SourceRequirement[] = [];
  for (const requirement of found) {
    if (requirement.code.length > MAX_REQUIREMENT_CODE) problems.push(`${requirement.path}: code longer than ${MAX_REQUIREMENT_CODE} characters`);
    if (requirement.text.length > MAX_REQUIREMENT_TEXT) problems.push(`${requirement.path}: text longer than ${MAX_REQUIREMENT_TEXT} characters`);
    const earlier = byCode.get(requirement.code);
    // The same coded requirement under two areas is one requirement; two texts under one code cannot be told apart.
    if (earlier?.text === requirement.text) continue;
    if (earlier) {
      problems.push(`${requirement.path}: the code ${requirement.code} has another text at ${earlier.path}`);
      continue;
    }
    byCode.set(requirement.code, requirement);
    requirements.push({ code: requirement.code, text: requirement.text });
  }
  return requirements;
}

/** laajuus of each unit from the first way of completing (suoritustapa) that refers to it. */
function referencePoints(peruste: RawPeruste): Map<string, number> {
  const points = new Map<string, number>();
  for (const way of peruste.suoritustavat ?? []) {
    for (const reference of way.tutkinnonOsaViitteet ?? []) {
      if (reference._tutkinnonOsa && reference.laajuus != null && !points.has(reference._tutkinnonOsa)) {
        points.set(reference._tutkinnonOsa, reference.laajuus);
      }
    }
  }
  return points;
}

/** When the published peruste last changed: its global version, else its own modification time. */
function versionOf(peruste: RawPeruste): string | null {
  const value = peruste.globalVersion?.aikaleima ?? peruste.muokattu;
  if (value == null) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function validPoints(value: number): boolean {
  return value >= 0 && value <= MAX_COMPETENCE_POINTS && Math.abs(value * 10 - Math.round(value * 10)) < 1e-9;
}

function requiredName(text: RawText, path: string, problems: string[]): SourceName {
  const fi = plain(text.fi);
  if (!fi) problems.push(`${path}.fi: a Finnish name is required`);
  return withLanguages(fi, text.sv, text.en);
}

function withLanguages(fi: string, sv: string | null | undefined, en: string | null | undefined): SourceName {
  const name: SourceName = { fi };
  if (plain(sv)) name.sv = plain(sv);
  if (plain(en)) name.en = plain(en);
  return name;
}

const entities: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** ePerusteet texts may carry HTML (paragraphs, line breaks, entities); the catalogue keeps plain text. */
export function plain(text: string | null | undefined): string {
  if (!text) return '';
  return text
    .replace(/<\s*(br|\/p|\/li|\/div)\s*\/?>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
      if (entity[0] === '#') {
        const code = entity[1].toLowerCase() === 'x' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return entities[entity.toLowerCase()] ?? whole;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

function parse<T extends z.ZodType>(schema: T, json: unknown, label: string): z.infer<T> {
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  throw malformed(
    label,
    result.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`),
  );
}

function malformed(label: string, problems: string[]): QualificationSourceError {
  const shown = problems.slice(0, 10);
  const more = problems.length > shown.length ? `; and ${problems.length - shown.length} more` : '';
  return new QualificationSourceError(`${label} cannot be imported: ${shown.join('; ')}${more}`, 'malformed', problems);
}

function formatPath(path: readonly PropertyKey[]): string {
  if (!path.length) return '(the answer)';
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i ? '.' : ''}${String(key)}`)).join('');
}

function describeId(json: unknown): string {
  const value = (json as { id?: unknown } | null)?.id;
  return typeof value === 'number' || (typeof value === 'string' && /^\d{1,20}$/.test(value)) ? String(value) : '(without an id)';
}
