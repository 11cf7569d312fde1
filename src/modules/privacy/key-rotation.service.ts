import type { DataSource } from 'typeorm';

import { KeyRing, PersonalDataCipher } from '../../platform/crypto';
import type { Logger } from '../../platform/logger';

export interface KeyRotationOptions {
  /** Rows per transaction. */
  batchSize?: number;
  /**
   * The key the caller expects to be current. A job carries the key id of the instance that
   * scheduled it; an instance whose configuration names another current key (an old instance in a
   * rolling deploy) refuses instead of moving rows back to its own key.
   */
  expectedKeyId?: string;
  /** Checked between batches; a stopping server ends the run after the current batch. */
  signal?: AbortSignal;
}

export interface KeyRotationReport {
  currentKeyId: string;
  /** Rows moved to the current key by this run. */
  rotated: number;
  batches: number;
  /** Rows that could not be decrypted with their configured key (corrupt or wrong key material); left as they were. */
  failed: number;
  /** Rotated rows whose stored look-up hash does not match the code: look-up by identity code is broken for them. */
  hashMismatches: number;
  /** Rows still on another key after the run, by key id (locked rows, failures, or keys missing from the ring). */
  remainingByKey: Record<string, number>;
  /** Key ids found on rows but not configured: those rows cannot be decrypted until the key is added back. */
  unknownKeyIds: string[];
  skipped?: 'NOT_CURRENT_KEY';
  aborted: boolean;
  durationMs: number;
}

export const DEFAULT_ROTATION_BATCH_SIZE = 500;

/**
 * A batch of rows still encrypted with one of the configured older keys, locked for this
 * transaction; SKIP LOCKED lets two instances rotate at once and never waits on a row someone is
 * editing. $1 = older key ids, $2 = ids that failed earlier in this run, $3 = batch size.
 */
export function rotationBatchSql(): string {
  return `SELECT id, identity_code_ciphertext AS ciphertext, identity_code_key_id AS key_id, identity_code_hash AS hash
    FROM trainee
    WHERE identity_code_ciphertext IS NOT NULL
      AND identity_code_key_id = ANY($1::text[])
      AND NOT (id = ANY($2::uuid[]))
    ORDER BY id
    LIMIT $3
    FOR UPDATE SKIP LOCKED`;
}

/** Writes the new ciphertexts of one batch in one statement. $1 = ids, $2 = ciphertexts, $3 = key id. */
export function rotationUpdateSql(): string {
  return `UPDATE trainee t SET identity_code_ciphertext = v.ciphertext, identity_code_key_id = $3
    FROM unnest($1::uuid[], $2::bytea[]) AS v(id, ciphertext)
    WHERE t.id = v.id`;
}

/**
 * Moves every identity code still encrypted with an older key to the current key (the first of
 * IDENTITY_CODE_KEYS), one transaction per batch. Resumable by construction: a row's key id says
 * whether it is done, so a stopped run continues where it was. Codes exist only in memory for
 * the duration of a batch and are never logged; the report holds counts and key ids only.
 */
export class IdentityKeyRotation {
  private readonly cipher: PersonalDataCipher;

  constructor(
    private readonly dataSource: DataSource,
    private readonly ring: KeyRing,
    private readonly logger?: Logger,
  ) {
    this.cipher = new PersonalDataCipher(ring);
  }

  async run(options: KeyRotationOptions = {}): Promise<KeyRotationReport> {
    const started = performance.now();
    const batchSize = options.batchSize ?? DEFAULT_ROTATION_BATCH_SIZE;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batch size must be a positive integer, got ${batchSize}`);
    const current = this.ring.currentKeyId;
    const report: KeyRotationReport = {
      currentKeyId: current,
      rotated: 0,
      batches: 0,
      failed: 0,
      hashMismatches: 0,
      remainingByKey: {},
      unknownKeyIds: [],
      aborted: false,
      durationMs: 0,
    };
    if (options.expectedKeyId && options.expectedKeyId !== current) {
      this.logger?.warn(
        { expectedKeyId: options.expectedKeyId, currentKeyId: current },
        'identity-key rotation skipped: this instance has another current key',
      );
      return { ...report, skipped: 'NOT_CURRENT_KEY', durationMs: Math.round(performance.now() - started) };
    }
    const olderKeys = [...this.ring.keys.keys()].filter((id) => id !== current);
    const failedIds: string[] = [];

    while (olderKeys.length) {
      if (options.signal?.aborted) {
        report.aborted = true;
        break;
      }
      const batch = await this.dataSource.transaction(async (manager) => {
        const rows: Array<{ id: string; ciphertext: Buffer; key_id: string; hash: Buffer | null }> = await manager.query(rotationBatchSql(), [
          olderKeys,
          failedIds,
          batchSize,
        ]);
        const ids: string[] = [];
        const ciphertexts: Buffer[] = [];
        let mismatches = 0;
        for (const row of rows) {
          let plain: string;
          try {
            plain = this.cipher.decrypt(row.ciphertext, row.key_id);
          } catch {
            failedIds.push(row.id);
            continue;
          }
          const { ciphertext, keyId } = this.cipher.encrypt(plain);
          // Belt and braces: never write a ciphertext that does not decrypt to the same code.
          if (keyId !== current || this.cipher.decrypt(ciphertext, keyId) !== plain) throw new Error('re-encryption check failed');
          if (!row.hash || !this.cipher.hash(plain).equals(row.hash)) mismatches += 1;
          ids.push(row.id);
          ciphertexts.push(ciphertext);
        }
        if (ids.length) await manager.query(rotationUpdateSql(), [ids, ciphertexts, current]);
        return { selected: rows.length, rotated: ids.length, mismatches };
      });
      if (batch.selected === 0) break;
      report.batches += 1;
      report.rotated += batch.rotated;
      report.hashMismatches += batch.mismatches;
      this.logger?.debug({ batch: report.batches, rotated: batch.rotated }, 'identity-key rotation batch committed');
    }
    report.failed = failedIds.length;

    const remaining: Array<{ key_id: string; count: number }> = await this.dataSource.query(
      `SELECT identity_code_key_id AS key_id, count(*)::int AS count FROM trainee
       WHERE identity_code_ciphertext IS NOT NULL AND identity_code_key_id <> $1
       GROUP BY identity_code_key_id ORDER BY identity_code_key_id`,
      [current],
    );
    report.remainingByKey = Object.fromEntries(remaining.map((r) => [r.key_id, r.count]));
    report.unknownKeyIds = remaining.map((r) => r.key_id).filter((id) => !this.ring.keys.has(id));
    report.durationMs = Math.round(performance.now() - started);
    this.logger?.info(
      {
        currentKeyId: current,
        rotated: report.rotated,
        batches: report.batches,
        failed: report.failed,
        hashMismatches: report.hashMismatches,
        remainingByKey: report.remainingByKey,
        durationMs: report.durationMs,
      },
      'identity-key rotation finished',
    );
    return report;
  }
}
