import { registerEnumType } from 'type-graphql';

export enum Role {
  /** Administers one organisation: its users, catalogue, units and settings. */
  ADMIN = 'ADMIN',
  /** Työvalmentaja. */
  COACH = 'COACH',
  /** Ura-agentti. */
  CAREER_AGENT = 'CAREER_AGENT',
  /** Asiakasvastaava of the employment area. */
  CASE_MANAGER = 'CASE_MANAGER',
  /** Yksikön esihenkilö of a municipal work unit. */
  UNIT_LEAD = 'UNIT_LEAD',
  /** A partner company's user. */
  PARTNER = 'PARTNER',
  /** Aggregates of their organisation only. */
  ANALYST = 'ANALYST',
  /** The trainee (valmentautuja) themselves: their own data only. */
  TRAINEE = 'TRAINEE',
  /** Runs the deployment: creates organisations and their first administrators; reads no personal data. */
  PLATFORM_OPERATOR = 'PLATFORM_OPERATOR',
}
registerEnumType(Role, { name: 'Role' });

/**
 * Who an access token proves the caller to be: an identity at an identity provider, never a role
 * or a Polku id (those are Polku's own data, looked up per organisation).
 */
export interface Identity {
  /** `iss`: the identity provider. */
  issuer: string;
  /** `sub`: the person's stable id at that provider. */
  subject: string;
  email?: string;
  /** Identity-provider groups, mapped to roles by configuration (AUTH_GROUP_ROLES). */
  groups: string[];
}

/**
 * Who is calling, as Polku's user directory resolved the token's identity: the user, the role they
 * hold in the organisation they act in, and the rows that role's scope is made of.
 */
export interface Actor {
  /** The Polku user's id (recorded in the access log and history). */
  userId: string;
  role: Role;
  /** The organisation the caller acts in; none only for PLATFORM_OPERATOR. */
  organisationId?: string;
  staffId?: string;
  unitId?: string;
  companyId?: string;
  areaId?: string;
  /** TRAINEE: the caller's own client record in the organisation. */
  traineeId?: string;
}
