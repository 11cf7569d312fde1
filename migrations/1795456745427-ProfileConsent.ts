import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Consents to show competence profiles to partner companies: at most one active consent per trainee
 * and target (all partners, or one company), by two partial unique indexes; rows are never deleted.
 */
export class ProfileConsent1795456745427 implements MigrationInterface {
  name = 'ProfileConsent1795456745427';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE TYPE "public"."consent_scope" AS ENUM(\'ALL_PARTNERS\', \'ONE_COMPANY\')');
    await queryRunner.query(
      'CREATE TABLE "profile_consent" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "trainee_id" uuid NOT NULL, "scope" "public"."consent_scope" NOT NULL, "partner_company_id" uuid, "profile_id" uuid NOT NULL DEFAULT gen_random_uuid(), "given_at" TIMESTAMP WITH TIME ZONE NOT NULL, "given_by" text NOT NULL, "withdrawn_at" TIMESTAMP WITH TIME ZONE, "withdrawn_by" text, "note" text, CONSTRAINT "UQ_c91cf3e1d0ca6c2c2e0b2d5e5e8" UNIQUE ("profile_id"), CONSTRAINT "CHK_6552d67fedfc8e155a88e5d58e" CHECK ("withdrawn_at" IS NULL OR "withdrawn_at" >= "given_at"), CONSTRAINT "CHK_aefaf3de16f0cc234740ca827e" CHECK (("withdrawn_at" IS NULL) = ("withdrawn_by" IS NULL)), CONSTRAINT "CHK_c4db31006624223695a4ef7fe3" CHECK (("scope" = \'ONE_COMPANY\') = ("partner_company_id" IS NOT NULL)), CONSTRAINT "PK_2a6702b6894ea384a4f5573fa0a" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_8d8ff8e73c8479381f909a7d73" ON "profile_consent"  ("trainee_id") ');
    await queryRunner.query('CREATE INDEX "IDX_8dffc55ea102ea5a8d1126c02e" ON "profile_consent"  ("partner_company_id") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "profile_consent_one_active_per_company" ON "profile_consent"  ("trainee_id", "partner_company_id") WHERE "withdrawn_at" IS NULL AND "scope" = \'ONE_COMPANY\'',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "profile_consent_one_active_for_all_partners" ON "profile_consent"  ("trainee_id") WHERE "withdrawn_at" IS NULL AND "scope" = \'ALL_PARTNERS\'',
    );
    await queryRunner.query(
      'ALTER TABLE "profile_consent" ADD CONSTRAINT "FK_8d8ff8e73c8479381f909a7d73d" FOREIGN KEY ("trainee_id") REFERENCES "trainee"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "profile_consent" ADD CONSTRAINT "FK_8dffc55ea102ea5a8d1126c02ef" FOREIGN KEY ("partner_company_id") REFERENCES "partner_company"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "profile_consent" DROP CONSTRAINT "FK_8dffc55ea102ea5a8d1126c02ef"');
    await queryRunner.query('ALTER TABLE "profile_consent" DROP CONSTRAINT "FK_8d8ff8e73c8479381f909a7d73d"');
    await queryRunner.query('DROP INDEX "public"."profile_consent_one_active_for_all_partners"');
    await queryRunner.query('DROP INDEX "public"."profile_consent_one_active_per_company"');
    await queryRunner.query('DROP INDEX "public"."IDX_8dffc55ea102ea5a8d1126c02e"');
    await queryRunner.query('DROP INDEX "public"."IDX_8d8ff8e73c8479381f909a7d73"');
    await queryRunner.query('DROP TABLE "profile_consent"');
    await queryRunner.query('DROP TYPE "public"."consent_scope"');
  }
}
