import { MigrationInterface, QueryRunner } from 'typeorm';

/** Retention: a pseudonymised trainee has no identity code; every other trainee still must. */
export class PrivacyRetention1795455364309 implements MigrationInterface {
  name = 'PrivacyRetention1795455364309';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "trainee" ALTER COLUMN "identity_code_ciphertext" DROP NOT NULL');
    await queryRunner.query('ALTER TABLE "trainee" ALTER COLUMN "identity_code_key_id" DROP NOT NULL');
    await queryRunner.query('ALTER TABLE "trainee" ALTER COLUMN "identity_code_hash" DROP NOT NULL');
    await queryRunner.query(
      'ALTER TABLE "trainee" ADD CONSTRAINT "CHK_dedca56f9cd30915244b097ebb" CHECK ("pseudonymised_at" IS NOT NULL OR ("identity_code_ciphertext" IS NOT NULL AND "identity_code_key_id" IS NOT NULL AND "identity_code_hash" IS NOT NULL))',
    );
  }

  /** Fails while pseudonymised trainees exist (their identity code is gone for good). */
  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "trainee" DROP CONSTRAINT "CHK_dedca56f9cd30915244b097ebb"');
    await queryRunner.query('ALTER TABLE "trainee" ALTER COLUMN "identity_code_hash" SET NOT NULL');
    await queryRunner.query('ALTER TABLE "trainee" ALTER COLUMN "identity_code_key_id" SET NOT NULL');
    await queryRunner.query('ALTER TABLE "trainee" ALTER COLUMN "identity_code_ciphertext" SET NOT NULL');
  }
}
