import type { DataSource } from 'typeorm';

import type { Clock } from '../../platform/clock';
import type { AppConfig } from '../../platform/config';
import { PersonalDataCipher } from '../../platform/crypto';
import { conflict, notFound } from '../../platform/errors';
import type { Logger } from '../../platform/logger';
import { isUuid } from '../shared/loaders';
import { IdentityKeyRotation } from './key-rotation.service';
import { PrivacyReason } from './privacy.reasons';
import { RetentionService } from './retention.service';
import { describeTables, ownedRowsCondition, PlannedTable, planTraineeData, quoteIdentifier, TableShape, TRAINEE_TABLE } from './trainee-data-plan';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonRow = Record<string, JsonValue>;

export interface TraineeDataExport {
  traineeId: string;
  generatedAt: Date;
  /** Table name → rows (JSON keys are the entity property names); `trainee` holds the one trainee row with `identityCode` decrypted. */
  data: Record<string, JsonRow[]>;
  tables: Array<{ table: string; rows: number }>;
}

/** Trainee columns that never leave the database as such: the code is exported decrypted instead. */
const SECRET_TRAINEE_COLUMNS = new Set(['identity_code_ciphertext', 'identity_code_hash', 'identity_code_key_id']);

/**
 * The data subject's rights: right of access (an export of every row about one trainee, from every
 * table the entity metadata links to the trainee), retention (pseudonymisation), and the
 * identity-code key rotation that keeps the encryption of the most sensitive field current.
 */
export class PrivacyService {
  readonly retention: RetentionService;
  readonly keyRotation: IdentityKeyRotation;
  private readonly cipher: PersonalDataCipher;
  private planCache?: PlannedTable[];

  constructor(
    private readonly dataSource: DataSource,
    config: Pick<AppConfig, 'keyRing' | 'RETENTION_YEARS'>,
    private readonly clock: Clock,
    logger?: Logger,
  ) {
    this.cipher = new PersonalDataCipher(config.keyRing);
    this.retention = new RetentionService(dataSource, config.RETENTION_YEARS, clock, logger);
    this.keyRotation = new IdentityKeyRotation(dataSource, config.keyRing, logger);
  }

  /** The tables an export covers, in the order they are read. */
  exportPlan(): PlannedTable[] {
    this.planCache ??= planTraineeData(describeTables(this.dataSource));
    return this.planCache;
  }

  /**
   * Every row about the trainee, read in one REPEATABLE READ transaction so the tables agree with
   * each other. One statement per table; the identity code is decrypted, its ciphertext, key id
   * and hash are left out, other binary values come as base64.
   */
  async exportTraineeData(traineeId: string): Promise<TraineeDataExport> {
    if (!isUuid(traineeId)) throw notFound('Trainee', traineeId);
    const plan = this.exportPlan();
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      // Nested IN-subqueries over big tables can tempt the planner into JIT compiling, which costs
      // far more than these single-trainee reads.
      await manager.query('SET LOCAL jit = off');
      const data: Record<string, JsonRow[]> = {};
      for (const { table } of plan) {
        const order = orderColumns(table).map(quoteIdentifier).join(', ');
        const rows: Array<Record<string, unknown>> = await manager.query(
          `SELECT * FROM ${quoteIdentifier(table.tableName)} WHERE ${ownedRowsCondition(plan, table.tableName, '$1')} ORDER BY ${order}`,
          [[traineeId]],
        );
        if (table.tableName === TRAINEE_TABLE && rows.length === 0) throw notFound('Trainee', traineeId);
        data[table.tableName] = rows.map((row) => (table.tableName === TRAINEE_TABLE ? this.traineeRow(table, row) : toJsonRow(table, row)));
      }
      return {
        traineeId,
        generatedAt: this.clock.now(),
        data,
        tables: plan.map(({ table }) => ({ table: table.tableName, rows: data[table.tableName].length })),
      };
    });
  }

  private traineeRow(table: TableShape, row: Record<string, unknown>): JsonRow {
    let identityCode: string | null = null;
    const ciphertext = row.identity_code_ciphertext as Buffer | null;
    const keyId = row.identity_code_key_id as string | null;
    if (ciphertext && keyId) {
      try {
        identityCode = this.cipher.decrypt(ciphertext, keyId);
      } catch {
        // The key is missing from IDENTITY_CODE_KEYS (or the row is damaged): an operator must fix it.
        throw conflict(PrivacyReason.IDENTITY_CODE_KEY_UNAVAILABLE, 'The identity code cannot be decrypted with the configured keys', {
          details: { keyId },
        });
      }
    }
    const visible = Object.fromEntries(Object.entries(row).filter(([column]) => !SECRET_TRAINEE_COLUMNS.has(column)));
    return { ...toJsonRow(table, visible), identityCode };
  }
}

function orderColumns(table: TableShape): string[] {
  const names = new Set(table.columns.map((c) => c.name));
  const first = ['created_at', 'changed_at', 'date'].filter((c) => names.has(c));
  return [...first.slice(0, 1), ...table.primaryKey];
}

/** Column names become property names; dates become ISO strings, binary values base64. */
export function toJsonRow(table: TableShape, row: Record<string, unknown>): JsonRow {
  const propertyOf = new Map(table.columns.map((c) => [c.name, c.property]));
  return Object.fromEntries(Object.entries(row).map(([column, value]) => [propertyOf.get(column) ?? column, toJson(value)]));
}

function toJson(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, toJson(v)]));
  if (typeof value === 'bigint') return value.toString();
  return value as JsonValue;
}
