/**
 * What the benchmark's data generator (bench/generate.ts) leaves behind for the harness
 * (bench/run.ts): a database at a scale, and a manifest of who can sign in to it and with what.
 * Both sides import this file; neither reaches into the other's code.
 */

export type BenchScale = 'tiny' | 'municipal' | 'national';

/** Identity-code keys of the bench databases (not secrets: the data is generated). Server and generator use the same. */
export const BENCH_IDENTITY_CODE_KEYS = 'bench:YmVuY2gtYmVuY2gtYmVuY2gtYmVuY2gtYmVuY2gtYmU=';
export const BENCH_IDENTITY_CODE_HASH_KEY = 'YmVuY2gtaGFzaC1iZW5jaC1oYXNoLWJlbmNoLWhhc2gtYmVuY2g=';

/** The identity provider the bench users belong to: the harness serves its JWKS and signs their tokens. */
export const BENCH_ISSUER = 'https://idp.bench.example';
export const BENCH_AUDIENCE = 'polku';

/** The database of a scale on the given server (the generator creates it; `postgres://…/polku_bench_<scale>`). */
export function benchDatabaseName(scale: BenchScale): string {
  return `polku_bench_${scale}`;
}

export interface BenchUser {
  /** `sub` of the user's tokens at BENCH_ISSUER. */
  subject: string;
  organisationId: string;
  /** The row the role's scope is made of, where the role has one. */
  staffMemberId?: string;
  employmentAreaId?: string;
  workUnitId?: string;
  partnerCompanyId?: string;
  traineeId?: string;
}

export interface BenchManifest {
  scale: BenchScale;
  /** When the data was generated (ISO); the data is "as of" this instant. */
  generatedAt: string;
  /** Row counts per table. */
  counts: Record<string, number>;
  /** Users by role (many per role, each with its scope row): the harness spreads requests over them. */
  users: Record<'ADMIN' | 'COACH' | 'CAREER_AGENT' | 'CASE_MANAGER' | 'UNIT_LEAD' | 'PARTNER' | 'ANALYST' | 'TRAINEE', BenchUser[]>;
  /** For workforce-search: qualification unit codes (`unit_external_id`) that verified competence records use most. */
  qualificationUnitCodes: string[];
  /** For record-attendance: running periods with their coach's subject (the coach may record attendance on them). */
  attendanceTargets: Array<{ periodId: string; coachSubject: string }>;
  /** For workforce-search: the employment areas that refer clients to each organisation (organisation id → area ids). */
  areasByOrganisation?: Record<string, string[]>;
  /** For access-log: trainees with many access-log rows, by organisation. */
  accessLogTrainees: Array<{ traineeId: string; organisationId: string }>;
}

/** Where the generator writes the manifest of a scale (relative to the project root). */
export function manifestPath(scale: BenchScale): string {
  return `bench/.data/manifest-${scale}.json`;
}
