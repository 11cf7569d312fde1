import { EmploymentAreaOrganisation, Organisation, OrganisationKind } from '../modules/organisation/organisation.entities';
import { localized } from '../modules/shared/localized-text';
import { User, UserChange, UserChangeKind, UserRole } from '../modules/user/user.entities';
import { Role } from '../platform/auth/actor';
import type { SeedContext } from './context';
import type { Organisation as SeededOrganisation } from './organisation';
import { DemoOrganisationKey, personas } from './personas';

/** The demo's controllers: their ids come from a stream of their own, so adding one moves no other demo id. */
export const DEMO_ORGANISATIONS: Record<DemoOrganisationKey, { name: string; businessId: string; municipalityCodes: string[] }> = {
  pori: { name: 'Porin kaupunki', businessId: '0204819-8', municipalityCodes: ['609'] },
  ulvila: { name: 'Ulvilan kaupunki', businessId: '0137421-5', municipalityCodes: ['886'] },
  rauma: { name: 'Rauman kaupunki', businessId: '0135202-4', municipalityCodes: ['684'] },
};

export type DemoOrganisationIds = Record<DemoOrganisationKey, string>;

export async function seedOrganisations(ctx: SeedContext): Promise<DemoOrganisationIds> {
  const ids = ctx.rng('organisation-ids');
  const keys = Object.keys(DEMO_ORGANISATIONS) as DemoOrganisationKey[];
  const organisationIds = Object.fromEntries(keys.map((key) => [key, ids.uuid()])) as DemoOrganisationIds;
  await ctx.insert(
    Organisation,
    keys.map((key) => ({
      id: organisationIds[key],
      name: DEMO_ORGANISATIONS[key].name,
      businessId: DEMO_ORGANISATIONS[key].businessId,
      kind: OrganisationKind.MUNICIPALITY,
      municipalityCodes: DEMO_ORGANISATIONS[key].municipalityCodes,
      // Pori pays a municipal supplement on top of the wage subsidy (kuntalisä): a subsidy type of its own.
      subsidyTypes:
        key === 'pori'
          ? [
              {
                code: 'KUNTALISA',
                name: localized('Porin kuntalisä', 'Björneborgs kommuntillägg', 'Pori municipal supplement'),
                percent: null,
                maxMonths: 12,
              },
            ]
          : [],
    })),
  );
  return organisationIds;
}

/** Which employment areas refer clients to which organisation. */
export async function linkEmploymentAreas(ctx: SeedContext, links: Array<{ areaId: string; organisationId: string }>): Promise<void> {
  await ctx.insert(
    EmploymentAreaOrganisation,
    links.map((link) => ({ employmentAreaId: link.areaId, organisationId: link.organisationId })),
  );
}

/**
 * The personas as users of Polku: an identity of the development signer (`issuer`, the persona's
 * subject) with a role in their organisation, linked to the row the role's scope is made of.
 */
export async function seedPersonaUsers(
  ctx: SeedContext,
  issuer: string,
  organisationIds: DemoOrganisationIds,
  rowsOf: Partial<Record<DemoOrganisationKey, SeededOrganisation>>,
): Promise<void> {
  const ids = ctx.rng('user-ids');
  const users: Array<Record<string, unknown>> = [];
  const roles: Array<{ id: string; userId: string; organisationId: string | null; role: Role } & Record<string, unknown>> = [];
  for (const persona of personas) {
    const organisation = persona.organisation;
    const rows = organisation ? rowsOf[organisation] : undefined;
    if (organisation && !rows) continue;
    const find = <T extends { id: string; name: string }>(list: T[] | undefined, name: string | undefined): string | null => {
      if (!name) return null;
      const found = list?.find((row) => row.name === name);
      if (!found) throw new Error(`the demo has no ${name} for persona ${persona.key}`);
      return found.id;
    };
    const userId = ids.uuid();
    users.push({ id: userId, issuer, subject: persona.subject });
    roles.push({
      id: ids.uuid(),
      userId,
      organisationId: organisation ? organisationIds[organisation] : null,
      role: persona.role,
      displayName: persona.name,
      email: persona.subject,
      staffMemberId: find(rows ? [...rows.coaches, ...rows.careerAgents] : undefined, persona.staffName),
      workUnitId: find(rows?.units, persona.unitName),
      employmentAreaId: find(rows?.areas, persona.areaName),
      partnerCompanyId: find(rows?.companies, persona.companyName),
      traineeId: persona.role === Role.TRAINEE && rows ? await personaTrainee(ctx, rows, persona.name) : null,
    });
  }
  await ctx.insert(User, users);
  await ctx.insert(UserRole, roles);
  // Who may see what has a history from the start: each persona's role as linked when the demo was set up.
  await ctx.insert(
    UserChange,
    roles.map((role) => ({
      id: ids.uuid(),
      at: ctx.setUpAt,
      organisationId: role.organisationId,
      userId: role.userId,
      kind: UserChangeKind.LINKED,
      changedBy: null,
      reason: 'demo data: the persona’s role when the demo was set up',
      before: null,
      after: { role: role.role } as never,
    })),
  );
}

/**
 * The trainee persona is a real client of the demo: the first person of Anna Mäkinen's caseload in
 * the coaching phase, renamed to the persona's name so that `me` and the roster agree.
 */
async function personaTrainee(ctx: SeedContext, rows: SeededOrganisation, name: string): Promise<string> {
  const anna = rows.coaches.find((coach) => coach.name === 'Anna Mäkinen')!;
  const [row] = await ctx.manager.query(
    `SELECT p.trainee_id AS id FROM coaching_period p WHERE p.coach_id = $1 AND p.phase = 'COACHING' ORDER BY p.start_date, p.id LIMIT 1`,
    [anna.id],
  );
  if (!row) throw new Error('the demo has no trainee in coaching with Anna Mäkinen');
  const [firstName, lastName] = name.split(' ');
  await ctx.manager.query('UPDATE trainee SET first_name = $2, last_name = $3 WHERE id = $1', [row.id, firstName, lastName]);
  return row.id;
}
