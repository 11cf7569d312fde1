import { Role } from '../../platform/auth/actor';
import type { GroupRoleConfig } from '../../platform/config';
import { View } from '../access/permission-matrix';
import { traineeView } from '../access/trainee-scope';

/** How many of the organisation's trainees a role sees in each view (counts only, never who). */
export interface ViewCounts {
  full: number;
  roster: number;
  unit: number;
}

/**
 * The counts per view of a role whose scope holds `inScope` of the organisation's `total`
 * trainees: those in scope are seen as `traineeView(role, 'scope')`, the others as
 * `traineeView(role, 'organisation')`, exactly as the permission matrix decides a single view.
 */
export function viewCounts(role: Role, inScope: number, total: number): ViewCounts {
  const counts: ViewCounts = { full: 0, roster: 0, unit: 0 };
  const add = (view: View, n: number) => {
    // A trainee's own record (SELF) is everything FULL is but the staff-internal fields: counted as full.
    if (view === View.FULL || view === View.SELF) counts.full += n;
    else if (view === View.ROSTER) counts.roster += n;
    else if (view === View.UNIT) counts.unit += n;
  };
  const scoped = Math.min(Math.max(inScope, 0), total);
  add(traineeView(role, 'scope'), scoped);
  add(traineeView(role, 'organisation'), total - scoped);
  return counts;
}

/** What the words of a role's scope are made of (names of the scope's row, counts). */
export interface ScopeFacts {
  role: Role;
  /** The organisation's trainees. */
  traineesInOrganisation: number;
  /** Trainees in the role's own scope (the scope SQL of the permission matrix). */
  inScope: number;
  /** COACH, CAREER_AGENT: trainees with a period they coach or agent. */
  caseload?: number | null;
  /** COACH, CAREER_AGENT: whether they process the intake queue (the organisation's intake team, or everyone when it has none). */
  processesIntake?: boolean | null;
  /** People in intake: no coaching period yet. */
  intakeQueue?: number | null;
  staffName?: string | null;
  unitName?: string | null;
  areaName?: string | null;
  companyName?: string | null;
  /** PARTNER: profiles with an active consent reaching the company. */
  consentedProfiles?: number | null;
}

const trainees = (n: number) => `${n} ${n === 1 ? 'trainee' : 'trainees'}`;

/** The role's scope in words, for the data-protection officer (e.g. "coach: own caseload (12 trainees) + intake queue (3 trainees)"). */
export function scopeInWords(facts: ScopeFacts): string {
  switch (facts.role) {
    case Role.ADMIN:
      return `administrator: the whole organisation (${trainees(facts.traineesInOrganisation)})`;
    case Role.COACH:
    case Role.CAREER_AGENT: {
      const who = facts.role === Role.COACH ? 'coach' : 'career agent';
      const intake = facts.processesIntake ? ` + intake queue (${trainees(facts.intakeQueue ?? 0)})` : '';
      const others = facts.traineesInOrganisation - facts.inScope;
      return `${who}${facts.staffName ? ` ${facts.staffName}` : ''}: own caseload (${trainees(facts.caseload ?? 0)})${intake}; others as roster (${trainees(Math.max(others, 0))})`;
    }
    case Role.CASE_MANAGER:
      return `case manager of ${facts.areaName ?? 'an unknown area'} (${trainees(facts.inScope)})`;
    case Role.UNIT_LEAD:
      return `unit lead of ${facts.unitName ?? 'an unknown unit'} (${trainees(facts.inScope)} working there, unit view)`;
    case Role.PARTNER: {
      const n = facts.consentedProfiles ?? 0;
      return `partner ${facts.companyName ?? 'an unknown company'}: consented profiles (${n} ${n === 1 ? 'profile' : 'profiles'}), no trainee records`;
    }
    case Role.ANALYST:
      return 'analyst: aggregates of the organisation only, no personal data';
    case Role.TRAINEE:
      return 'trainee: their own record only';
    case Role.PLATFORM_OPERATOR:
      return 'platform operator: organisations and their administrators, no personal data';
  }
}

/** An AUTH_GROUP_ROLES entry that gives a role in one organisation, with its place in the configuration. */
export interface GroupMapping {
  group: string;
  role: Role;
  issuer: string | null;
  /** How the configuration names the organisation (business ID or id). */
  organisation: string;
  /** 1 for the entry that wins when an identity is in several mapped groups of this organisation. */
  precedence: number;
}

/** The configured group mappings that grant roles in the organisation (by its id or business ID, case-insensitive), in precedence order. */
export function groupMappingsFor(config: readonly GroupRoleConfig[], organisation: { id: string; businessId: string | null }): GroupMapping[] {
  const keys = new Set([organisation.id.toLowerCase(), ...(organisation.businessId ? [organisation.businessId.toLowerCase()] : [])]);
  return config
    .filter((entry) => entry.organisation !== undefined && keys.has(entry.organisation.toLowerCase()))
    .map((entry, index) => ({
      group: entry.group,
      role: entry.role as Role,
      issuer: entry.issuer ?? null,
      organisation: entry.organisation!,
      precedence: index + 1,
    }));
}
