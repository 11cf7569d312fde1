import {
  QualificationSource,
  QualificationSourceError,
  QualificationSourceErrorKind,
  SourceName,
  SourceQualification,
} from '../../integrations/eperusteet/eperusteet.port';
import type { Clock } from '../../platform/clock';
import { DomainError } from '../../platform/errors';
import type { LocalizedText } from '../shared/localized-text';
import { addCounts, CatalogueCounts, CompetenceService, emptyCounts, QualificationData } from './competence.service';

/** What an import run did; counts and ids only (it is stored as the job's output and logged). */
export interface QualificationImportReport {
  source: string;
  startedAt: string;
  durationMs: number;
  qualifications: { created: number; updated: number; unchanged: number };
  units: CatalogueCounts;
  requirements: CatalogueCounts;
  /** Qualifications left as they were: the source could not give them, or gave something the catalogue cannot hold. */
  failed: Array<{ externalId: string; kind: QualificationSourceErrorKind | 'refused'; message: string }>;
}

/**
 * Keeps the qualification catalogue in step with a `QualificationSource` (ePerusteet, or its
 * fixtures): each qualification is fetched, mapped and written in a transaction of its own through
 * `CompetenceService.applyQualification`, which never rewrites a requirement a competence record
 * points at. One qualification that fails leaves its earlier version whole and the others go on.
 */
export class QualificationImportService {
  constructor(
    private readonly source: QualificationSource,
    private readonly competence: CompetenceService,
    private readonly clock: Clock,
  ) {}

  /** Every qualification the source lists. Rejects only when the list itself cannot be had (or on `signal`). */
  async importAll(options: { signal?: AbortSignal } = {}): Promise<QualificationImportReport> {
    const started = performance.now();
    const listed = await this.source.listQualifications(options.signal);
    const report = await this.importMany(
      listed.map((q) => q.externalId),
      options,
    );
    report.durationMs = Math.round(performance.now() - started);
    return report;
  }

  /** These qualifications; one that fails is reported in `failed` and the others go on. */
  async importMany(externalIds: readonly string[], options: { signal?: AbortSignal } = {}): Promise<QualificationImportReport> {
    const report = this.newReport();
    const started = performance.now();
    for (const externalId of externalIds) {
      options.signal?.throwIfAborted();
      try {
        await this.importInto(report, externalId, options.signal);
      } catch (error) {
        const failure = failureOf(error);
        if (!failure) throw error;
        report.failed.push({ externalId, ...failure });
      }
    }
    report.durationMs = Math.round(performance.now() - started);
    return report;
  }

  /** One qualification; rejects with the reason when it cannot be imported (nothing is written then). */
  async importOne(externalId: string, options: { signal?: AbortSignal } = {}): Promise<QualificationImportReport> {
    const report = this.newReport();
    const started = performance.now();
    await this.importInto(report, externalId, options.signal);
    report.durationMs = Math.round(performance.now() - started);
    return report;
  }

  private async importInto(report: QualificationImportReport, externalId: string, signal?: AbortSignal): Promise<void> {
    const fetched = await this.source.fetchQualification(externalId, signal);
    signal?.throwIfAborted();
    const changes = await this.competence.applyQualification(catalogueEntry(fetched));
    report.qualifications[changes.outcome]++;
    addCounts(report.units, changes.units);
    addCounts(report.requirements, changes.requirements);
  }

  private newReport(): QualificationImportReport {
    return {
      source: this.source.description,
      startedAt: this.clock.now().toISOString(),
      durationMs: 0,
      qualifications: { created: 0, updated: 0, unchanged: 0 },
      units: emptyCounts(),
      requirements: emptyCounts(),
      failed: [],
    };
  }
}

/** The port's shape as the catalogue writes it. */
export function catalogueEntry(qualification: SourceQualification): QualificationData {
  return {
    externalId: qualification.externalId,
    diaryNumber: qualification.diaryNumber,
    name: labelOf(qualification.name),
    sourceVersion: qualification.version,
    units: qualification.units.map((unit) => ({
      externalId: unit.externalId,
      code: unit.code,
      name: labelOf(unit.name),
      competencePoints: unit.competencePoints,
      requirements: unit.requirements,
    })),
  };
}

/**
 * Catalogue labels have all three languages (the GraphQL type promises them). Qualifications are
 * published in Finnish first; until a translation is published the Finnish name stands in for it.
 */
function labelOf(name: SourceName): LocalizedText {
  return { fi: name.fi, sv: name.sv ?? name.fi, en: name.en ?? name.fi };
}

/** A failure of one qualification that should not stop the others: the source's, or the catalogue refusing it. */
function failureOf(error: unknown): { kind: QualificationSourceErrorKind | 'refused'; message: string } | null {
  if (error instanceof QualificationSourceError) return { kind: error.kind, message: error.message };
  if (error instanceof DomainError) {
    const fields = (error.extensions.fields as Array<{ path: string }> | undefined)?.map((f) => f.path) ?? [];
    return { kind: 'refused', message: fields.length ? `${error.message}: ${fields.join(', ')}` : error.message };
  }
  return null;
}
