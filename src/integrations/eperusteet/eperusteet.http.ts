import { OutboundError, OutboundHttp } from '../shared/outbound-http';
import { mapPeruste, mapPerusteList } from './eperusteet.mapping';
import { QualificationSource, QualificationSourceError, QualificationSummary, SourceQualification } from './eperusteet.port';

/** The public ePerusteet service of the Finnish National Agency for Education (no credentials needed). */
export const EPERUSTEET_PUBLIC_URL = 'https://eperusteet.opintopolku.fi/eperusteet-service';

/**
 * Education types (koulutustyyppi) listed when no ids are configured: vocational upper secondary
 * qualifications (perustutkinnot), the ones coaching environments document competence against.
 * Further and specialist vocational qualifications are koulutustyyppi_11 and koulutustyyppi_12.
 */
export const DEFAULT_EDUCATION_TYPES = ['koulutustyyppi_1'] as const;

export interface EPerusteetHttpOptions {
  /** Peruste ids to keep in the catalogue; when given, the API's search is not used. */
  qualificationIds?: readonly string[];
  /** Education types whose published qualifications are listed (unless `qualificationIds`). */
  educationTypes?: readonly string[];
  /** Results per page of the search (the API's `sivukoko`). */
  pageSize?: number;
}

/** A runaway listing (an API that keeps saying "more") stops here. */
const MAX_PAGES = 50;

/**
 * The ePerusteet public API (`/api/external`, `ExternalController` in Opetushallitus/eperusteet)
 * through the shared outbound client (timeouts, retries, circuit breaker; the endpoint's base URL
 * is the service root, e.g. `EPERUSTEET_PUBLIC_URL`):
 * - `GET api/external/perusteet?koulutustyyppi=…&tyyppi=normaali&sivu=N&sivukoko=M`: published
 *   qualifications in force, in transition or coming (the API's defaults), a page at a time;
 * - `GET api/external/peruste/{id}`: one published qualification in full (PerusteKaikkiDto).
 */
export class EPerusteetHttpSource implements QualificationSource {
  readonly description: string;

  constructor(
    private readonly http: OutboundHttp,
    baseUrl: string,
    private readonly options: EPerusteetHttpOptions = {},
  ) {
    this.description = `ePerusteet at ${baseUrl}`;
  }

  async listQualifications(signal?: AbortSignal): Promise<QualificationSummary[]> {
    if (this.options.qualificationIds?.length) {
      return this.options.qualificationIds.map((externalId) => ({ externalId, diaryNumber: null, name: null }));
    }
    const pageSize = this.options.pageSize ?? 100;
    const types = this.options.educationTypes?.length ? this.options.educationTypes : DEFAULT_EDUCATION_TYPES;
    const found = new Map<string, QualificationSummary>();
    for (let page = 0; page < MAX_PAGES; page++) {
      signal?.throwIfAborted();
      const query = new URLSearchParams([
        ...types.map((type): [string, string] => ['koulutustyyppi', type]),
        ['tyyppi', 'normaali'],
        ['sivu', String(page)],
        ['sivukoko', String(pageSize)],
      ]);
      const body = await this.get(`api/external/perusteet?${query}`, 'the list of perusteet');
      const { qualifications, totalPages, last } = mapPerusteList(body);
      for (const qualification of qualifications) if (!found.has(qualification.externalId)) found.set(qualification.externalId, qualification);
      const more = last === false || (totalPages !== null ? page + 1 < totalPages : last === null && qualifications.length >= pageSize);
      if (!more) break;
    }
    return [...found.values()];
  }

  async fetchQualification(externalId: string, signal?: AbortSignal): Promise<SourceQualification> {
    // The API routes only digits (`/peruste/{perusteId:\d+}`); anything else would reach another endpoint.
    if (!/^\d{1,20}$/.test(externalId)) throw new QualificationSourceError(`${externalId} is not an ePerusteet peruste id`, 'not-found');
    signal?.throwIfAborted();
    const label = `ePerusteet peruste ${externalId}`;
    const body = await this.get(`api/external/peruste/${externalId}`, label);
    // 204: the API has no published content for the id.
    if (body == null) throw new QualificationSourceError(`${label} is not published`, 'not-found');
    const qualification = mapPeruste(body);
    if (qualification.externalId !== externalId) {
      throw new QualificationSourceError(`${label}: the answer describes peruste ${qualification.externalId}`, 'malformed');
    }
    return qualification;
  }

  private async get(path: string, label: string): Promise<unknown> {
    try {
      return (await this.http.request<unknown>('GET', path)).body;
    } catch (error) {
      if (!(error instanceof OutboundError)) throw error;
      if (error.status === 404) throw new QualificationSourceError(`${label} was not found`, 'not-found');
      // A 2xx answer that is not JSON.
      if (error.kind === 'rejected' && (error.status ?? 0) < 400) throw new QualificationSourceError(`${label}: ${error.message}`, 'malformed');
      throw new QualificationSourceError(`${label}: ${error.message}`, 'unavailable');
    }
  }
}
