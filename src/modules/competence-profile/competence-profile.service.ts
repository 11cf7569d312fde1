import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';

import { notFound } from '../../platform/errors';
import { isUuid } from '../../platform/ids';
import { CompetenceState } from '../competence/competence-state';
import { LocalizedText } from '../shared/localized-text';
import { Connection, connectionFromRows, decodeCursor, encodeCursor, PageArgs, pageSize } from '../shared/pagination';
import { SqlParams } from '../shared/sql-params';
import { WorkField } from '../task-catalogue/task.entity';
import type { CefrLevel } from '../trainee/trainee.entity';
import { WorkOrderState } from '../work-order/work-order-state';
import { CompetenceProfile, CompetenceProfileFilter, PROFILE_OWNER, VerifiedCompetence } from './competence-profile.types';
import { displayName } from './display-name';
import { audienceCondition, ProfileAudience } from './profile-audience';

interface ProfileRow {
  profile_id: string;
  trainee_id: string;
  first_name: string;
  last_name: string;
  work_level: number;
  languages: string[];
  finnish_level: CefrLevel | null;
}

/** Binds values as $1, $2, … in the order they are added. */
/**
 * The work fields a trainee has done work in: tasks of completed work orders they were staffed
 * on, and tasks they demonstrated competence in. `traineeCondition` narrows on `trainee_id`.
 */
function taskFieldsSql(traineeCondition: (column: string) => string): string {
  return `SELECT a.trainee_id, t.field FROM work_order_assignment a
            JOIN work_order w ON w.id = a.work_order_id JOIN task t ON t.id = w.task_id
           WHERE w.state = '${WorkOrderState.COMPLETED}' AND ${traineeCondition('a.trainee_id')}
          UNION
          SELECT r.trainee_id, t.field FROM competence_record r JOIN task t ON t.id = r.task_id
           WHERE r.state IN ('${CompetenceState.DEMONSTRATED}', '${CompetenceState.VERIFIED}') AND ${traineeCondition('r.trainee_id')}`;
}

/**
 * Consented competence profiles for partner companies. Every read goes to the consent table:
 * nothing is cached beyond one request, so a withdrawal hides the profile from the next request
 * on. One profile per trainee: when several active consents reach the caller, a consent to the
 * caller's own company is preferred to one to all partners (its id is then what the company sees).
 */
export class CompetenceProfileService {
  constructor(private readonly dataSource: DataSource) {}

  async profiles(audience: ProfileAudience, filter: CompetenceProfileFilter | undefined, page: PageArgs): Promise<Connection<CompetenceProfile>> {
    const params = new SqlParams();
    const consented = this.consentedProfilesSql(audience, params);
    const conditions = ['TRUE'];
    if (filter?.minimumWorkLevel != null) conditions.push(`p.work_level >= ${params.add(filter.minimumWorkLevel)}`);
    if (filter?.field) {
      const field = params.add(filter.field);
      conditions.push(
        `EXISTS (SELECT 1 FROM (${taskFieldsSql((column) => `${column} = p.trainee_id`)}) done WHERE done.field = ${field}::work_field)`,
      );
    }
    const unitCodes = [
      ...new Set([...(filter?.qualificationUnitCode ? [filter.qualificationUnitCode] : []), ...(filter?.qualificationUnitCodes ?? [])]),
    ];
    for (const code of unitCodes) {
      conditions.push(`EXISTS (SELECT 1 FROM competence_record r WHERE r.trainee_id = p.trainee_id AND r.state = '${CompetenceState.VERIFIED}'
                                 AND r.unit_external_id = ${params.add(code)})`);
    }
    if (filter?.employmentAreaId) conditions.push(`p.employment_area_id = ${params.add(filter.employmentAreaId)}::uuid`);
    const countValues = [...params.values];
    const countSql = `WITH p AS (${consented}) SELECT count(*)::int AS count FROM p WHERE ${conditions.join(' AND ')}`;

    if (page.after) {
      const [after] = decodeCursor(page.after, ['uuid']);
      conditions.push(`p.profile_id > ${params.add(after)}::uuid`);
    }
    const first = pageSize(page);
    const rows: ProfileRow[] = await this.dataSource.query(
      `WITH p AS (${consented}) SELECT * FROM p WHERE ${conditions.join(' AND ')} ORDER BY p.profile_id LIMIT ${params.add(first + 1)}`,
      params.values,
    );
    return connectionFromRows(
      rows,
      first,
      (row) => ({ node: toProfile(row), cursor: encodeCursor([row.profile_id]) }),
      async () => (await this.dataSource.query(countSql, countValues))[0].count,
    );
  }

  /** NOT_FOUND unless an active consent reaching the caller carries this profile id. */
  async profile(audience: ProfileAudience, id: string): Promise<CompetenceProfile> {
    if (isUuid(id)) {
      const params = new SqlParams();
      const condition = audienceCondition(audience, params.add);
      const [row]: ProfileRow[] = await this.dataSource.query(
        `SELECT c.profile_id, t.id AS trainee_id, t.first_name, t.last_name, t.work_level, t.languages, t.finnish_level
           FROM profile_consent c JOIN trainee t ON t.id = c.trainee_id
          WHERE c.profile_id = ${params.add(id)}::uuid AND c.withdrawn_at IS NULL AND t.pseudonymised_at IS NULL AND ${condition}`,
        params.values,
      );
      if (row) return toProfile(row);
    }
    throw notFound('CompetenceProfile', id);
  }

  /** Per-request loaders keyed by trainee id; reached only from profiles built above. */
  createLoaders() {
    return {
      verifiedCompetencesByTrainee: new DataLoader<string, VerifiedCompetence[]>(async (traineeIds) => {
        const rows: Array<VerifiedCompetence & { trainee_id: string }> = await this.dataSource.query(
          `SELECT * FROM (
             SELECT DISTINCT ON (r.trainee_id, r.qualification_external_id, r.unit_external_id, r.requirement_code)
                    r.trainee_id, r.qualification_external_id AS "qualificationCode", q.name AS "qualificationName",
                    r.unit_external_id AS "unitCode", u.name AS "unitName", r.requirement_code AS "requirementCode",
                    r.requirement_text AS "requirementText",
                    to_char((r.verified_at AT TIME ZONE 'Europe/Helsinki')::date, 'YYYY-MM-DD') AS "verifiedOn"
               FROM competence_record r
               LEFT JOIN qualification q ON q.external_id = r.qualification_external_id
               LEFT JOIN qualification_unit u ON u.qualification_id = q.id AND u.external_id = r.unit_external_id
              WHERE r.trainee_id = ANY($1::uuid[]) AND r.state = $2 AND r.verified_at IS NOT NULL
              ORDER BY r.trainee_id, r.qualification_external_id, r.unit_external_id, r.requirement_code, r.verified_at
           ) verified ORDER BY "verifiedOn", "qualificationCode", "unitCode", "requirementCode"`,
          [traineeIds, CompetenceState.VERIFIED],
        );
        const byTrainee = new Map<string, VerifiedCompetence[]>(traineeIds.map((id) => [id, []]));
        for (const { trainee_id, ...competence } of rows) {
          byTrainee.get(trainee_id)?.push({
            ...competence,
            qualificationName: (competence.qualificationName as LocalizedText | null) ?? null,
            unitName: (competence.unitName as LocalizedText | null) ?? null,
          });
        }
        return traineeIds.map((id) => byTrainee.get(id) ?? []);
      }),
      taskFieldsByTrainee: new DataLoader<string, WorkField[]>(async (traineeIds) => {
        const rows: Array<{ trainee_id: string; field: WorkField }> = await this.dataSource.query(
          `SELECT DISTINCT done.trainee_id, done.field FROM (${taskFieldsSql((column) => `${column} = ANY($1::uuid[])`)}) done ORDER BY done.field`,
          [traineeIds],
        );
        const byTrainee = new Map<string, WorkField[]>(traineeIds.map((id) => [id, []]));
        for (const row of rows) byTrainee.get(row.trainee_id)?.push(row.field);
        return traineeIds.map((id) => byTrainee.get(id) ?? []);
      }),
    };
  }

  /** One row per trainee with an active consent reaching the audience, with the preferred consent's profile id. */
  private consentedProfilesSql(audience: ProfileAudience, params: SqlParams): string {
    return `SELECT DISTINCT ON (c.trainee_id) c.profile_id, c.trainee_id, t.first_name, t.last_name, t.work_level, t.languages, t.finnish_level,
                   t.employment_area_id
              FROM profile_consent c JOIN trainee t ON t.id = c.trainee_id
             WHERE c.withdrawn_at IS NULL AND t.pseudonymised_at IS NULL AND ${audienceCondition(audience, params.add)}
             ORDER BY c.trainee_id, (c.scope = 'ONE_COMPANY') DESC, c.given_at, c.id`;
  }
}

function toProfile(row: ProfileRow): CompetenceProfile {
  return {
    id: row.profile_id,
    displayName: displayName(row.first_name, row.last_name),
    workLevel: Number(row.work_level),
    languages: row.languages ?? [],
    finnishLevel: row.finnish_level ?? null,
    [PROFILE_OWNER]: row.trainee_id,
  };
}

export type CompetenceProfileLoaders = ReturnType<CompetenceProfileService['createLoaders']>;
