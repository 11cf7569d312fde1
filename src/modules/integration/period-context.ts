import type { EntityManager } from 'typeorm';

export interface PeriodContext {
  organisationId: string;
  /** The referral the period came from, by its id in the client system (null: opened without one). */
  referralExternalId: string | null;
  caseManagerEmail: string | null;
}

/** What a message to the employment area about a period names (one statement, in the caller's transaction). */
export async function periodContext(manager: EntityManager, periodId: string): Promise<PeriodContext> {
  const [row]: Array<{ organisation_id: string; external_id: string | null; email: string | null }> = await manager.query(
    `SELECT t.organisation_id, r.external_id, cm.email
       FROM coaching_period p
       JOIN trainee t ON t.id = p.trainee_id
       LEFT JOIN referral r ON r.id = p.referral_id
       LEFT JOIN case_manager cm ON cm.id = r.case_manager_id
      WHERE p.id = $1`,
    [periodId],
  );
  return { organisationId: row.organisation_id, referralExternalId: row.external_id, caseManagerEmail: row.email };
}
