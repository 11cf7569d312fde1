import type { DataSource } from 'typeorm';

import { StateChange } from '../modules/history/state-change.entity';
import type { PersonalDataCipher } from '../platform/crypto';
import { RateLimitBucket } from '../platform/rate-limit';
import { seedAttendanceAndDiaries, seedCapacityAssessments, seedCompetence, seedWorkOrders } from './activity';
import { seedAttendanceReports } from './attendance-reports';
import { seedCatalogue, seedSelfAssessmentMeter } from './catalogue';
import { seedGroupSessions, seedIndicators } from './community';
import { seedProfileConsents } from './consents';
import { SeedContext } from './context';
import { seedIntegration } from './integration';
import { insertLifecycle, planLifecycle } from './lifecycle';
import { seedNeighbours } from './neighbours';
import { seedOrganisation } from './organisation';
import { linkEmploymentAreas, seedOrganisations, seedPersonaUsers } from './organisations';
import { createTraineeProfiles, insertTrainees } from './people';
import { seedWageSubsidy } from './wage-subsidy';
import { seedWorkTrialAgreements } from './work-trials';

/**
 * How many people the demo's coaching environment holds in Pori. The wage-subsidy cohort
 * (SUBSIDISED_EMPLOYEE_COUNT and SUBSIDY_APPLICANT_COUNT in ./wage-subsidy) and the neighbours'
 * people (NEIGHBOUR_TRAINEE_COUNT) come on top.
 */
export const DEMO_TRAINEE_COUNT = 120;

/** True when no demo-relevant data exists yet (first start). */
export async function isDatabaseEmpty(dataSource: DataSource): Promise<boolean> {
  const [row] = await dataSource.query('SELECT NOT EXISTS (SELECT 1 FROM department) AND NOT EXISTS (SELECT 1 FROM trainee) AS empty');
  return row.empty === true;
}

/**
 * Loads the demo: a Pori-like city with its employment area, units, staff, task catalogue,
 * qualifications, capacity meter, partner companies and 120 trainees spread over the whole
 * lifecycle; about 150 people in wage-subsidised jobs in the city's departments (with the
 * positions, applications and the employment area's decisions) and a few applicants; the
 * integration layer's state (messages sent and received, monthly attendance reports); and two
 * smaller neighbours (Ulvila in the same employment area, Rauma in another) so the organisation
 * boundary can be seen. One transaction: all or nothing. Returns the row count of every table.
 *
 * The data is "as of" an instant (the clock's now at start-up): planned dates are relative to its
 * Finnish day so the demo always looks current, nothing recorded is dated after it, and
 * everything else comes from a fixed-seed PRNG, so two runs as of the same instant are identical
 * (ids included; only the encryption IVs differ).
 */
export async function seedDemoData(
  dataSource: DataSource,
  cipher: PersonalDataCipher,
  asOf: Date,
  /** The development signer's issuer (AUTH_ISSUER): the personas' identities are at it. */
  issuer = 'polku-dev',
): Promise<Record<string, number>> {
  return dataSource.transaction(async (manager) => {
    const ctx = new SeedContext(manager, asOf);
    const organisationIds = await seedOrganisations(ctx);
    ctx.organisationId = organisationIds.pori;
    const org = await seedOrganisation(ctx);
    await linkEmploymentAreas(
      ctx,
      org.areas.map((area) => ({ areaId: area.id, organisationId: organisationIds.pori })),
    );
    const catalogue = await seedCatalogue(ctx);

    const trainees = createTraineeProfiles(ctx, org, DEMO_TRAINEE_COUNT);
    const lifecycle = planLifecycle(ctx, org, trainees);
    await insertTrainees(ctx, cipher, trainees);
    await insertLifecycle(ctx, org, lifecycle);
    await seedWorkTrialAgreements(ctx, org, lifecycle);

    const assignments = await seedWorkOrders(ctx, org, catalogue, lifecycle);
    await seedAttendanceAndDiaries(ctx, catalogue, lifecycle, assignments);
    await seedCapacityAssessments(ctx, catalogue, lifecycle);
    await seedCompetence(ctx, catalogue, lifecycle, assignments);
    await seedGroupSessions(ctx, lifecycle);
    await seedIndicators(ctx, lifecycle, org.coaches.filter((c) => c.active).length);
    await seedProfileConsents(ctx, org, lifecycle);

    // Ulvila shares Pori's employment area; Rauma has its own.
    const neighbours = await seedNeighbours(ctx, cipher, organisationIds, { pori: org.area, rauma: org.areas[1] });
    await linkEmploymentAreas(ctx, [
      { areaId: org.area.id, organisationId: organisationIds.ulvila },
      { areaId: org.areas[1].id, organisationId: organisationIds.rauma },
    ]);

    await ctx.insert(StateChange, ctx.history.rows);
    await seedPersonaUsers(ctx, issuer, organisationIds, { pori: org, ...neighbours });
    await seedSelfAssessmentMeter(ctx);

    // The wage-subsidy cohort and the integration layer come last, so adding them moved no other row's id.
    const recorded = ctx.history.rows.length;
    const subsidy = await seedWageSubsidy(ctx, cipher, org, trainees);
    const reports = await seedAttendanceReports(ctx, lifecycle);
    await seedIntegration(ctx, cipher, subsidy, reports);
    await ctx.insert(StateChange, ctx.history.rows.slice(recorded));

    const counts: Record<string, number> = {};
    // The domain model's tables (and the task–qualification-unit join table); platform tables such as rate limits are not demo data.
    const modelTables = dataSource.entityMetadatas.filter((m) => m.target !== RateLimitBucket);
    for (const metadata of modelTables) {
      const [row] = await manager.query(`SELECT count(*)::int AS count FROM "${metadata.tableName}"`);
      counts[metadata.tableName] = row.count;
    }
    return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
  });
}
