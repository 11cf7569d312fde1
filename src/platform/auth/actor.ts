import { registerEnumType } from 'type-graphql';

export enum Role {
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
  /** Aggregates and pseudonymous data only. */
  ANALYST = 'ANALYST',
}
registerEnumType(Role, { name: 'Role' });

/** Who is calling, from a verified token. Scope ids decide which rows the caller may see. */
export interface Actor {
  /** Token subject: the user's stable id at the identity provider. */
  userId: string;
  role: Role;
  staffId?: string;
  unitId?: string;
  companyId?: string;
  areaId?: string;
}

export const tokenClaims = {
  role: 'polku_role',
  staffId: 'polku_staff_id',
  unitId: 'polku_unit_id',
  companyId: 'polku_company_id',
  areaId: 'polku_area_id',
} as const;
