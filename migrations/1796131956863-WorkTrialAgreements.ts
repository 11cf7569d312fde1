import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Written work-trial agreements (parties, dates, tasks, schedule, each party's signature, who
 * recorded it) and the organiser's written feedback, one per agreement.
 *
 * Legacy rows are left as they are: rehabilitative-work and work-trial periods stored without a
 * planned end, or longer than the law allows, are not given invented dates here, and no CHECK is
 * added to coaching_period for them (a NOT VALID check would still refuse every later update of
 * such a row, ending it included). The services refuse new ones, and the API shows the old ones
 * as period warnings (PLANNED_END_MISSING, LEGAL_MAXIMUM_EXCEEDED) until a coach sets the planned
 * end or ends the period within the legal maximum.
 */
export class WorkTrialAgreements1796131956863 implements MigrationInterface {
  name = 'WorkTrialAgreements1796131956863';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TYPE \"public\".\"work_trial_organiser_kind\" AS ENUM('COACHING_ENVIRONMENT', 'WORK_UNIT', 'PARTNER_COMPANY')");
    await queryRunner.query(
      'CREATE TABLE "work_trial_agreement" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "period_id" uuid NOT NULL, "trainee_id" uuid NOT NULL, "placement_id" uuid, "organiser_kind" "public"."work_trial_organiser_kind" NOT NULL, "organiser_name" text NOT NULL, "work_unit_id" uuid, "partner_company_id" uuid, "employment_area_id" uuid NOT NULL, "start_date" date NOT NULL, "end_date" date NOT NULL, "tasks" text array NOT NULL, "days_per_week" smallint NOT NULL, "hours_per_day" numeric(4,2) NOT NULL, "participant_signed_on" date, "authority_signer_name" text, "authority_case_manager_id" uuid, "authority_signed_on" date, "organiser_signer_name" text, "organiser_signed_on" date, "recorded_by" text NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "CHK_4f8b3c2b89544b37b40d8711b9" CHECK ("organiser_signed_on" IS NOT NULL OR "organiser_signer_name" IS NULL), CONSTRAINT "CHK_9dce04b33dbce84b64f5ad6ac1" CHECK ("authority_signed_on" IS NOT NULL OR "authority_signer_name" IS NULL), CONSTRAINT "CHK_ed660376f56fdfea07c4c455d7" CHECK (("organiser_kind" = \'PARTNER_COMPANY\') = ("partner_company_id" IS NOT NULL)), CONSTRAINT "CHK_d27974729ff910cb9e51d4ccb0" CHECK (("organiser_kind" = \'WORK_UNIT\') = ("work_unit_id" IS NOT NULL)), CONSTRAINT "CHK_2e92385ade34e01054bc5e7bf5" CHECK (("organiser_kind" = \'COACHING_ENVIRONMENT\') = ("placement_id" IS NULL)), CONSTRAINT "CHK_53fed9a703a0b2bdf8375dff88" CHECK ("hours_per_day" > 0 AND "hours_per_day" <= 8), CONSTRAINT "CHK_b09edaebb71c109816c57ee548" CHECK ("days_per_week" BETWEEN 1 AND 5), CONSTRAINT "CHK_048dc479067a010b3b3cfe7722" CHECK ("end_date" >= "start_date"), CONSTRAINT "PK_3dc82a1e421e17e1ff1ac1b5eae" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_5b4f019cf3204367a2be2caa6a" ON "work_trial_agreement"  ("trainee_id") ');
    await queryRunner.query('CREATE INDEX "IDX_1ebaf2424df59de61f61542e9c" ON "work_trial_agreement"  ("placement_id") ');
    await queryRunner.query('CREATE INDEX "IDX_fe17bd982f1d9607bed35c9679" ON "work_trial_agreement"  ("work_unit_id") ');
    await queryRunner.query('CREATE INDEX "IDX_5567a0cc56f1f1163959061600" ON "work_trial_agreement"  ("partner_company_id") ');
    await queryRunner.query('CREATE INDEX "IDX_1600941757e3f5e24ca8825926" ON "work_trial_agreement"  ("employment_area_id") ');
    await queryRunner.query('CREATE INDEX "IDX_93e0378b766230ffaee4a4d01e" ON "work_trial_agreement"  ("authority_case_manager_id") ');
    await queryRunner.query('CREATE INDEX "IDX_41d9bdb3516790d6bcc66485f7" ON "work_trial_agreement"  ("period_id", "start_date") ');
    await queryRunner.query(
      'CREATE TABLE "work_trial_feedback" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "agreement_id" uuid NOT NULL, "trainee_id" uuid NOT NULL, "text" text NOT NULL, "given_by" text NOT NULL, "given_on" date NOT NULL, "recorded_by" text NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "UQ_1a074ce5b1d63ae59fe465d9a1e" UNIQUE ("agreement_id"), CONSTRAINT "REL_1a074ce5b1d63ae59fe465d9a1" UNIQUE ("agreement_id"), CONSTRAINT "PK_2bc9d0f9a394c77ba093361ac2a" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_4d3dd526bcc0046b9177945594" ON "work_trial_feedback"  ("trainee_id") ');
    await queryRunner.query(
      'ALTER TABLE "work_trial_agreement" ADD CONSTRAINT "FK_483d09833cc95580fc905a77fe6" FOREIGN KEY ("period_id") REFERENCES "coaching_period"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "work_trial_agreement" ADD CONSTRAINT "FK_5b4f019cf3204367a2be2caa6a6" FOREIGN KEY ("trainee_id") REFERENCES "trainee"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "work_trial_agreement" ADD CONSTRAINT "FK_1ebaf2424df59de61f61542e9c1" FOREIGN KEY ("placement_id") REFERENCES "placement"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "work_trial_agreement" ADD CONSTRAINT "FK_fe17bd982f1d9607bed35c96792" FOREIGN KEY ("work_unit_id") REFERENCES "work_unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "work_trial_agreement" ADD CONSTRAINT "FK_5567a0cc56f1f11639590616006" FOREIGN KEY ("partner_company_id") REFERENCES "partner_company"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "work_trial_agreement" ADD CONSTRAINT "FK_1600941757e3f5e24ca88259263" FOREIGN KEY ("employment_area_id") REFERENCES "employment_area"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "work_trial_agreement" ADD CONSTRAINT "FK_93e0378b766230ffaee4a4d01ef" FOREIGN KEY ("authority_case_manager_id") REFERENCES "case_manager"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "work_trial_feedback" ADD CONSTRAINT "FK_1a074ce5b1d63ae59fe465d9a1e" FOREIGN KEY ("agreement_id") REFERENCES "work_trial_agreement"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "work_trial_feedback" ADD CONSTRAINT "FK_4d3dd526bcc0046b9177945594d" FOREIGN KEY ("trainee_id") REFERENCES "trainee"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "work_trial_feedback" DROP CONSTRAINT "FK_4d3dd526bcc0046b9177945594d"');
    await queryRunner.query('ALTER TABLE "work_trial_feedback" DROP CONSTRAINT "FK_1a074ce5b1d63ae59fe465d9a1e"');
    await queryRunner.query('ALTER TABLE "work_trial_agreement" DROP CONSTRAINT "FK_93e0378b766230ffaee4a4d01ef"');
    await queryRunner.query('ALTER TABLE "work_trial_agreement" DROP CONSTRAINT "FK_1600941757e3f5e24ca88259263"');
    await queryRunner.query('ALTER TABLE "work_trial_agreement" DROP CONSTRAINT "FK_5567a0cc56f1f11639590616006"');
    await queryRunner.query('ALTER TABLE "work_trial_agreement" DROP CONSTRAINT "FK_fe17bd982f1d9607bed35c96792"');
    await queryRunner.query('ALTER TABLE "work_trial_agreement" DROP CONSTRAINT "FK_1ebaf2424df59de61f61542e9c1"');
    await queryRunner.query('ALTER TABLE "work_trial_agreement" DROP CONSTRAINT "FK_5b4f019cf3204367a2be2caa6a6"');
    await queryRunner.query('ALTER TABLE "work_trial_agreement" DROP CONSTRAINT "FK_483d09833cc95580fc905a77fe6"');
    await queryRunner.query('DROP INDEX "public"."IDX_4d3dd526bcc0046b9177945594"');
    await queryRunner.query('DROP TABLE "work_trial_feedback"');
    await queryRunner.query('DROP INDEX "public"."IDX_41d9bdb3516790d6bcc66485f7"');
    await queryRunner.query('DROP INDEX "public"."IDX_93e0378b766230ffaee4a4d01e"');
    await queryRunner.query('DROP INDEX "public"."IDX_1600941757e3f5e24ca8825926"');
    await queryRunner.query('DROP INDEX "public"."IDX_5567a0cc56f1f1163959061600"');
    await queryRunner.query('DROP INDEX "public"."IDX_fe17bd982f1d9607bed35c9679"');
    await queryRunner.query('DROP INDEX "public"."IDX_1ebaf2424df59de61f61542e9c"');
    await queryRunner.query('DROP INDEX "public"."IDX_5b4f019cf3204367a2be2caa6a"');
    await queryRunner.query('DROP TABLE "work_trial_agreement"');
    await queryRunner.query('DROP TYPE "public"."work_trial_organiser_kind"');
  }
}
