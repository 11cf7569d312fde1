import { PSEUDONYM_FIRST_NAME, pseudonymSql } from './pseudonym';
import { ColumnShape, ownedRowsCondition, PlannedTable, quoteIdentifier, TableShape } from './trainee-data-plan';

/**
 * What retention does to each column of each table about a trainee. Every table of the trainee
 * data plan must be listed, and every column that can hold free text or identifiers (text,
 * varchar, char, json, bytea, and arrays of them) must be classified, either cleared or kept with
 * a reason: `unclassifiedColumns` finds the gaps and a test fails on them, so a column or table
 * added later cannot slip past retention.
 *
 * Kept: everything statistics and indicators need (dates, phases, states, service forms,
 * participation bases, hours, absence reasons, capacity scores, competence states and their
 * qualification snapshot, outcome types, ratings) and the ids of staff users (who did what).
 * Cleared: names, identity code, contact details, and free text that can describe the person.
 */
export enum Treatment {
  KEEP = 'KEEP',
  /** Set to NULL (the column must be nullable). */
  NULL = 'NULL',
  /** Set to '' (for NOT NULL text). */
  EMPTY_TEXT = 'EMPTY_TEXT',
  /** Set to '{}' (text arrays). */
  EMPTY_ARRAY = 'EMPTY_ARRAY',
  /** Trainee names: 'Pseudonym' and the derived stable part. */
  PSEUDONYM_FIRST = 'PSEUDONYM_FIRST',
  PSEUDONYM_LAST = 'PSEUDONYM_LAST',
  /** A date reduced to 1 January of its year. */
  YEAR_ONLY = 'YEAR_ONLY',
  /** An identifier from an outside system replaced by one derived from the row id (keeps uniqueness). */
  LOCAL_ID = 'LOCAL_ID',
}

export type TablePolicy = Record<string, Treatment>;

export const RETENTION_POLICY: Readonly<Record<string, TablePolicy>> = {
  trainee: {
    first_name: Treatment.PSEUDONYM_FIRST,
    last_name: Treatment.PSEUDONYM_LAST,
    identity_code_ciphertext: Treatment.NULL,
    identity_code_key_id: Treatment.NULL,
    identity_code_hash: Treatment.NULL,
    birth_date: Treatment.YEAR_ONLY,
    email: Treatment.NULL,
    phone: Treatment.NULL,
    // Statistics by language, municipality and employment area (e.g. the immigrant share).
    languages: Treatment.KEEP,
    municipality_code: Treatment.KEEP,
  },
  referral: {
    // The referral's id in the employment area's client system links straight back to the person.
    external_id: Treatment.LOCAL_ID,
    background: Treatment.NULL,
    rejection_reason: Treatment.NULL,
  },
  coaching_period: {
    goals: Treatment.NULL,
    caseload_override_reason: Treatment.NULL,
  },
  check_point: {
    difficulty: Treatment.EMPTY_TEXT,
    reassessment: Treatment.NULL,
    agreed_actions: Treatment.NULL,
    opened_by: Treatment.KEEP,
  },
  attendance_entry: {
    note: Treatment.NULL,
    recorded_by: Treatment.KEEP,
  },
  diary_entry: {
    text: Treatment.EMPTY_TEXT,
    // Names of catalogue tasks; the diary text is what describes the person.
    tasks_done: Treatment.KEEP,
    author_id: Treatment.KEEP,
  },
  placement: {
    supervisor_name: Treatment.NULL,
    supervisor_contact: Treatment.NULL,
    notes: Treatment.NULL,
  },
  capacity_assessment: {
    summary: Treatment.NULL,
    assessor_id: Treatment.KEEP,
  },
  capacity_score: {
    note: Treatment.NULL,
  },
  competence_record: {
    evidence: Treatment.EMPTY_TEXT,
    // The qualification snapshot: what was shown, not who showed it.
    qualification_external_id: Treatment.KEEP,
    diary_number: Treatment.KEEP,
    unit_external_id: Treatment.KEEP,
    requirement_code: Treatment.KEEP,
    requirement_text: Treatment.KEEP,
    verified_by: Treatment.KEEP,
  },
  final_summary: {
    capacity_statement: Treatment.NULL,
    competence_summary: Treatment.NULL,
    recommendations: Treatment.EMPTY_ARRAY,
    continuation_plan: Treatment.NULL,
    unit_representative: Treatment.NULL,
    finalised_by: Treatment.KEEP,
  },
  outcome: {
    note: Treatment.NULL,
    recorded_by: Treatment.KEEP,
    // A code of the subsidy (national or the organisation's own): statistics, not the person.
    subsidy_type: Treatment.KEEP,
  },
  // Monthly figures sent to the employment area: counts and money, kept for statistics.
  attendance_report: {
    month: Treatment.KEEP,
  },
  subsidy_application: {
    // Subsidy codes and amounts are statistics (subsidised employment by type); the reason may describe the person.
    requested_type_code: Treatment.KEEP,
    withdrawal_reason: Treatment.NULL,
  },
  subsidy_decision: {
    // The authority's decision id leads straight back to the person in its register.
    decision_id: Treatment.LOCAL_ID,
    authority: Treatment.KEEP,
    subsidy_type_code: Treatment.KEEP,
    denial_reason: Treatment.NULL,
  },
  group_session_participant: {},
  work_order_assignment: {},
  profile_consent: {
    // Who recorded the consent and its withdrawal (staff user ids); the note may describe the person.
    given_by: Treatment.KEEP,
    withdrawn_by: Treatment.KEEP,
    note: Treatment.NULL,
  },
  work_trial_agreement: {
    // The organiser as an organisation (municipality, unit, company) and who recorded it in Polku.
    organiser_name: Treatment.KEEP,
    recorded_by: Treatment.KEEP,
    // The tasks are free text about this person's trial; the signers are named people.
    tasks: Treatment.EMPTY_ARRAY,
    authority_signer_name: Treatment.NULL,
    organiser_signer_name: Treatment.NULL,
  },
  work_trial_feedback: {
    // The organiser's assessment of the person, and the named person who gave it.
    text: Treatment.EMPTY_TEXT,
    given_by: Treatment.EMPTY_TEXT,
    recorded_by: Treatment.KEEP,
  },
  // Who processed the person's data, kept as it was: it names staff users and field names only, and
  // the table is append-only by trigger (migration AccessLog), so retention must not touch it.
  access_log_entry: {
    user_id: Treatment.KEEP,
    role: Treatment.KEEP,
    kind: Treatment.KEEP,
    purpose: Treatment.KEEP,
    operation_name: Treatment.KEEP,
    fields: Treatment.KEEP,
    request_id: Treatment.KEEP,
  },
  // The trainee's own user role: how the organisation named them and their address go; the role,
  // its dates and whether it was active stay. The directory refuses a role whose record is
  // pseudonymised, so the person cannot sign in to it any more.
  user_role: {
    display_name: Treatment.EMPTY_TEXT,
    email: Treatment.NULL,
    group_name: Treatment.NULL,
  },
  state_change: {
    // E.g. a rejection reason or why a period ended early.
    reason: Treatment.NULL,
    subject_type: Treatment.KEEP,
    from_state: Treatment.KEEP,
    to_state: Treatment.KEEP,
    actor_id: Treatment.KEEP,
    actor_role: Treatment.KEEP,
  },
};

/**
 * Free text about a work order is shared by all trainees staffed on it, so the unit's feedback is
 * cleared only once every trainee assigned to the order is pseudonymised (see RetentionService).
 */
export const SHARED_FEEDBACK = { table: 'work_order', column: 'unit_feedback', assignmentTable: 'work_order_assignment' } as const;

const TEXT_LIKE = /^(text|character varying|varchar|character|char|json|jsonb|bytea|citext)$/;

/** Columns that can hold free text or identifiers, and so must be classified. */
export function needsClassification(column: ColumnShape): boolean {
  return TEXT_LIKE.test(column.type);
}

export interface PolicyProblem {
  table: string;
  column?: string;
  problem: string;
}

/** Tables and columns the policy does not cover, or covers wrongly; empty when all is well. */
export function policyProblems(plan: readonly PlannedTable[], policy: Readonly<Record<string, TablePolicy>> = RETENTION_POLICY): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const planned = new Set(plan.map((p) => p.table.tableName));
  for (const { table } of plan) {
    const tablePolicy = policy[table.tableName];
    if (!tablePolicy) {
      problems.push({ table: table.tableName, problem: 'table holds trainee data but has no retention policy' });
      continue;
    }
    const columns = new Map(table.columns.map((c) => [c.name, c]));
    for (const column of table.columns) {
      if (needsClassification(column) && !(column.name in tablePolicy)) {
        problems.push({ table: table.tableName, column: column.name, problem: `unclassified ${column.type}${column.isArray ? '[]' : ''} column` });
      }
    }
    for (const [name, treatment] of Object.entries(tablePolicy)) {
      const column = columns.get(name);
      if (!column) problems.push({ table: table.tableName, column: name, problem: 'no such column' });
      else if (treatment === Treatment.NULL && !column.nullable)
        problems.push({ table: table.tableName, column: name, problem: 'NULL treatment on a NOT NULL column' });
      else if (treatment === Treatment.EMPTY_ARRAY && !column.isArray)
        problems.push({ table: table.tableName, column: name, problem: 'EMPTY_ARRAY treatment on a column that is not an array' });
    }
  }
  for (const table of Object.keys(policy)) {
    if (!planned.has(table)) problems.push({ table, problem: 'policy names a table that is not part of the trainee data' });
  }
  return problems;
}

/** SQL expression of a treatment for column `column` of the row being updated (null for KEEP). */
export function treatmentSql(treatment: Treatment, column: string, table: TableShape): string | null {
  const col = quoteIdentifier(column);
  const id = quoteIdentifier(table.primaryKey[0]);
  switch (treatment) {
    case Treatment.KEEP:
      return null;
    case Treatment.NULL:
      return 'NULL';
    case Treatment.EMPTY_TEXT:
      return `''`;
    case Treatment.EMPTY_ARRAY:
      return `'{}'`;
    case Treatment.PSEUDONYM_FIRST:
      return `'${PSEUDONYM_FIRST_NAME}'`;
    case Treatment.PSEUDONYM_LAST:
      return pseudonymSql(id);
    case Treatment.YEAR_ONLY:
      return `make_date(extract(year FROM ${col})::int, 1, 1)`;
    case Treatment.LOCAL_ID:
      return `'pseudonymised:' || ${id}::text`;
  }
}

/**
 * The UPDATE that applies the policy to one table's rows of the trainees in `$1` (uuid[]), or null
 * when nothing in the table is cleared. The trainee table's own statement is built by the caller.
 */
export function retentionUpdateSql(
  plan: readonly PlannedTable[],
  tableName: string,
  policy: Readonly<Record<string, TablePolicy>> = RETENTION_POLICY,
): string | null {
  const planned = plan.find((p) => p.table.tableName === tableName);
  if (!planned) throw new Error(`table ${tableName} is not part of the trainee data plan`);
  const assignments = policyAssignments(planned.table, policy);
  if (!assignments.length) return null;
  if (planned.table.columns.some((c) => c.name === 'updated_at')) assignments.push(`"updated_at" = now()`);
  return `UPDATE ${quoteIdentifier(tableName)} SET ${assignments.join(', ')} WHERE ${ownedRowsCondition(plan, tableName, '$1')}`;
}

/** `"column" = expression` for every cleared column of the table. */
export function policyAssignments(table: TableShape, policy: Readonly<Record<string, TablePolicy>> = RETENTION_POLICY): string[] {
  return Object.entries(policy[table.tableName] ?? {})
    .map(([column, treatment]) => {
      const sql = treatmentSql(treatment, column, table);
      return sql === null ? null : `${quoteIdentifier(column)} = ${sql}`;
    })
    .filter((a): a is string => a !== null);
}
