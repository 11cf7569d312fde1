/**
 * Where vocational qualifications come from: the Finnish National Agency for Education's ePerusteet
 * service, or (development, tests) fixture files in its shape. The importer sees only this port, in
 * shapes that name nothing of the API (no peruste, no tutkinnon osa, no koodisto objects).
 */
export interface QualificationSource {
  /** For reports and logs: which source this is (the API's address, the fixture folders). */
  readonly description: string;
  /** The qualifications to keep in the catalogue (ePerusteet: the published ones of the configured education types, or the configured ids). */
  listQualifications(signal?: AbortSignal): Promise<QualificationSummary[]>;
  /**
   * One qualification in full. Rejects with a `QualificationSourceError`: `not-found`, `malformed`
   * (the answer is not a qualification this port can describe) or `unavailable` (try again later).
   */
  fetchQualification(externalId: string, signal?: AbortSignal): Promise<SourceQualification>;
}

/** A name in Finnish and, when published, Swedish and English. */
export interface SourceName {
  fi: string;
  sv?: string;
  en?: string;
}

export interface QualificationSummary {
  /** ePerusteet peruste id. */
  externalId: string;
  diaryNumber: string | null;
  name: SourceName | null;
}

export interface SourceQualification {
  /** ePerusteet peruste id. */
  externalId: string;
  /** Diaarinumero of the requirements in force, e.g. OPH-2660-2017. */
  diaryNumber: string;
  name: SourceName;
  /**
   * When the published qualification last changed (ISO 8601), or null when the source does not
   * say. Stored with the catalogue to tell which version it holds; changes are found by comparing
   * content, so a missing or unchanged marker never hides one.
   */
  version: string | null;
  units: SourceUnit[];
}

/** A qualification unit (tutkinnon osa). */
export interface SourceUnit {
  /** ePerusteet tutkinnon osa id, stable across new versions of the same qualification. */
  externalId: string;
  /** National code (tutkinnonosat koodisto), e.g. 106227; null when the unit has none. */
  code: string | null;
  name: SourceName;
  /** Osaamispisteet (laajuus); null when the qualification does not give them. */
  competencePoints: number | null;
  requirements: SourceRequirement[];
}

/** A vocational skill requirement (ammattitaitovaatimus). */
export interface SourceRequirement {
  /** Unique within its unit and stable across versions: the national code, or its place in the unit when it has none. */
  code: string;
  /** Plain text (no markup), in Finnish when published in Finnish. */
  text: string;
}

export type QualificationSourceErrorKind = 'not-found' | 'malformed' | 'unavailable';

export class QualificationSourceError extends Error {
  constructor(
    message: string,
    readonly kind: QualificationSourceErrorKind,
    /** Where in the source's answer the problems are (JSON paths), for `malformed`. */
    readonly problems: readonly string[] = [],
  ) {
    super(message);
    this.name = 'QualificationSourceError';
  }
}
