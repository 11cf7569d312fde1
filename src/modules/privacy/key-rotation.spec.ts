import { rotationBatchSql, rotationUpdateSql } from './key-rotation.service';

describe('identity-key rotation SQL', () => {
  it('takes only rows on a configured older key, skipping earlier failures, locked with SKIP LOCKED', () => {
    const sql = rotationBatchSql();
    expect(sql).toContain('identity_code_key_id = ANY($1::text[])');
    expect(sql).toContain('identity_code_ciphertext IS NOT NULL');
    expect(sql).toContain('NOT (id = ANY($2::uuid[]))');
    expect(sql).toMatch(/ORDER BY id\s+LIMIT \$3\s+FOR UPDATE SKIP LOCKED$/);
  });

  it('writes a whole batch in one statement and leaves the look-up hash alone', () => {
    const sql = rotationUpdateSql();
    expect(sql).toContain('unnest($1::uuid[], $2::bytea[])');
    expect(sql).toContain('identity_code_key_id = $3');
    expect(sql).not.toContain('identity_code_hash');
  });
});
