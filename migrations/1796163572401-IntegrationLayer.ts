import { MigrationInterface, QueryRunner } from 'typeorm';

export class IntegrationLayer1796163572401 implements MigrationInterface {
  name = 'IntegrationLayer1796163572401';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "attendance_report" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "period_id" uuid NOT NULL, "month" character(7) NOT NULL, "version" integer NOT NULL, "days_present" integer NOT NULL, "days_absent" integer NOT NULL, "expense_allowance_cents" integer NOT NULL, CONSTRAINT "PK_9d68e6d50509c56723547544934" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_113f60f34abad035de231ee31f" ON "attendance_report"  ("period_id", "month", "version") ');
    await queryRunner.query('CREATE TYPE "public"."integration_system" AS ENUM(\'EMPLOYMENT_AREA\', \'WAGE_SUBSIDY\')');
    await queryRunner.query("CREATE TYPE \"public\".\"outbox_status\" AS ENUM('PENDING', 'DELIVERED', 'FAILED')");
    await queryRunner.query(
      'CREATE TABLE "outbox_message" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "organisation_id" uuid NOT NULL, "system" "public"."integration_system" NOT NULL, "kind" character varying NOT NULL, "subject_type" character varying NOT NULL, "subject_id" uuid NOT NULL, "idempotency_key" character varying NOT NULL, "payload_ciphertext" bytea NOT NULL, "payload_key_id" character varying NOT NULL, "status" "public"."outbox_status" NOT NULL DEFAULT \'PENDING\', "attempts" integer NOT NULL DEFAULT \'0\', "last_error" text, "next_attempt_at" TIMESTAMP WITH TIME ZONE, "delivered_at" TIMESTAMP WITH TIME ZONE, "locked_until" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_561d969df672397b5f9a456bed8" UNIQUE ("idempotency_key"), CONSTRAINT "PK_2f36ee5236f2793f3e7bd554589" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_8c847e68758eb3ed8df23c1420" ON "outbox_message"  ("subject_id") ');
    await queryRunner.query('CREATE INDEX "IDX_738366bb471ba9e2240f78c955" ON "outbox_message"  ("organisation_id", "status", "created_at") ');
    await queryRunner.query(
      'CREATE TABLE "inbound_message" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "organisation_id" uuid NOT NULL, "system" "public"."integration_system" NOT NULL, "kind" character varying NOT NULL, "external_id" character varying NOT NULL, "deliveries" integer NOT NULL DEFAULT \'1\', "result" character varying NOT NULL, "refusal" text, "subject_id" uuid, CONSTRAINT "PK_a013d32c89ba79e84f4d371bd1b" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_2ef52f6ad686a18e5d6f2fee8c" ON "inbound_message"  ("system", "organisation_id", "kind", "external_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "integration_cursor" ("organisation_id" uuid NOT NULL, "system" "public"."integration_system" NOT NULL, "cursor" text, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_5b812748cc6c1ab672a516027b1" PRIMARY KEY ("organisation_id", "system"))',
    );
    await queryRunner.query(
      'CREATE TABLE "webhook_receipt" ("signature_hash" bytea NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_de4f96da41ae88228569fbc044b" PRIMARY KEY ("signature_hash"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_bd2e450c2d9580b3c18fd836fb" ON "webhook_receipt"  ("received_at") ');
    await queryRunner.query("CREATE TYPE \"public\".\"subsidised_position_state\" AS ENUM('OPEN', 'FILLED', 'CLOSED')");
    await queryRunner.query(
      'CREATE TABLE "subsidised_position" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "organisation_id" uuid NOT NULL, "work_unit_id" uuid NOT NULL, "title" character varying NOT NULL, "description" text, "hours_per_week" numeric(4,1) NOT NULL, "monthly_pay_cents" integer, "tailored" boolean NOT NULL DEFAULT false, "available_from" date NOT NULL, "state" "public"."subsidised_position_state" NOT NULL DEFAULT \'OPEN\', CONSTRAINT "PK_0c3cad6ed65ee079c9adfaf3d5d" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_bedc7b6c771dbc6876d7250307" ON "subsidised_position"  ("work_unit_id") ');
    await queryRunner.query('CREATE INDEX "IDX_bfcc94123b361196eab769703f" ON "subsidised_position"  ("organisation_id", "state") ');
    await queryRunner.query("CREATE TYPE \"public\".\"subsidy_application_state\" AS ENUM('DRAFT', 'SUBMITTED', 'DECIDED', 'WITHDRAWN')");
    await queryRunner.query(
      'CREATE TABLE "subsidy_application" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "organisation_id" uuid NOT NULL, "trainee_id" uuid NOT NULL, "period_id" uuid NOT NULL, "position_id" uuid, "work_unit_id" uuid, "partner_company_id" uuid, "hours_per_week" numeric(4,1) NOT NULL, "monthly_pay_cents" integer NOT NULL, "requested_type_code" character varying NOT NULL, "requested_percent" integer NOT NULL, "requested_start" date NOT NULL, "requested_end" date NOT NULL, "state" "public"."subsidy_application_state" NOT NULL DEFAULT \'DRAFT\', "submitted_at" TIMESTAMP WITH TIME ZONE, "withdrawal_reason" text, CONSTRAINT "CHK_00097d0b2f6e60f8b13323f3d4" CHECK ("requested_end" >= "requested_start"), CONSTRAINT "CHK_17295d72a780f5deb00cebe70b" CHECK (("work_unit_id" IS NULL) <> ("partner_company_id" IS NULL)), CONSTRAINT "PK_926b2e4d5d9412007bda0323b42" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_a91d672229e4afc9297cacfc00" ON "subsidy_application"  ("trainee_id") ');
    await queryRunner.query('CREATE INDEX "IDX_70f71900c6a1db8173e34f4fcc" ON "subsidy_application"  ("period_id") ');
    await queryRunner.query('CREATE INDEX "IDX_b481a68007610b5d1ccf0b9e88" ON "subsidy_application"  ("position_id") ');
    await queryRunner.query('CREATE INDEX "IDX_6e63239ab3332505a90026c788" ON "subsidy_application"  ("work_unit_id") ');
    await queryRunner.query('CREATE INDEX "IDX_80f9770fbc48613d04606e8a17" ON "subsidy_application"  ("partner_company_id") ');
    await queryRunner.query('CREATE INDEX "IDX_b6a2b65cd2f790d766c3ccb715" ON "subsidy_application"  ("organisation_id", "state", "created_at") ');
    await queryRunner.query("CREATE TYPE \"public\".\"subsidy_decision_outcome\" AS ENUM('GRANTED', 'PARTLY_GRANTED', 'DENIED')");
    await queryRunner.query(
      'CREATE TABLE "subsidy_decision" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "application_id" uuid NOT NULL, "trainee_id" uuid NOT NULL, "decision_id" character varying NOT NULL, "authority" character varying NOT NULL, "outcome" "public"."subsidy_decision_outcome" NOT NULL, "percent" integer, "subsidy_type_code" text, "start_date" date, "end_date" date, "monthly_cap_cents" integer, "denial_reason" text, "decided_on" date NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "UQ_d9980629f1ee9104945cc4f36f0" UNIQUE ("application_id"), CONSTRAINT "REL_d9980629f1ee9104945cc4f36f" UNIQUE ("application_id"), CONSTRAINT "CHK_727831498fe74362eaf33d8e9d" CHECK ("outcome" = \'DENIED\' OR ("start_date" IS NOT NULL AND "end_date" IS NOT NULL AND "end_date" >= "start_date" AND "percent" IS NOT NULL)), CONSTRAINT "PK_d03bf9840f256f305be4ce8b43b" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_40446fab2ab56182c4f5211ca5" ON "subsidy_decision"  ("trainee_id") ');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_60aee3e6c8c0813d2ff4396cf9" ON "subsidy_decision"  ("authority", "decision_id") ');
    await queryRunner.query('ALTER TABLE "placement" ADD "subsidy_application_id" uuid');
    await queryRunner.query('CREATE INDEX "IDX_38ae45aff69bbdf628ff241e18" ON "placement"  ("subsidy_application_id") ');
    await queryRunner.query(
      'ALTER TABLE "attendance_report" ADD CONSTRAINT "FK_83ffe8c36ea04a246ef89b22014" FOREIGN KEY ("period_id") REFERENCES "coaching_period"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "subsidised_position" ADD CONSTRAINT "FK_bedc7b6c771dbc6876d72503078" FOREIGN KEY ("work_unit_id") REFERENCES "work_unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "subsidy_application" ADD CONSTRAINT "FK_a91d672229e4afc9297cacfc000" FOREIGN KEY ("trainee_id") REFERENCES "trainee"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "subsidy_application" ADD CONSTRAINT "FK_70f71900c6a1db8173e34f4fccc" FOREIGN KEY ("period_id") REFERENCES "coaching_period"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "subsidy_application" ADD CONSTRAINT "FK_b481a68007610b5d1ccf0b9e889" FOREIGN KEY ("position_id") REFERENCES "subsidised_position"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "subsidy_application" ADD CONSTRAINT "FK_6e63239ab3332505a90026c788a" FOREIGN KEY ("work_unit_id") REFERENCES "work_unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "subsidy_application" ADD CONSTRAINT "FK_80f9770fbc48613d04606e8a175" FOREIGN KEY ("partner_company_id") REFERENCES "partner_company"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "subsidy_decision" ADD CONSTRAINT "FK_d9980629f1ee9104945cc4f36f0" FOREIGN KEY ("application_id") REFERENCES "subsidy_application"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "placement" ADD CONSTRAINT "FK_38ae45aff69bbdf628ff241e181" FOREIGN KEY ("subsidy_application_id") REFERENCES "subsidy_application"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "placement" DROP CONSTRAINT "FK_38ae45aff69bbdf628ff241e181"');
    await queryRunner.query('ALTER TABLE "subsidy_decision" DROP CONSTRAINT "FK_d9980629f1ee9104945cc4f36f0"');
    await queryRunner.query('ALTER TABLE "subsidy_application" DROP CONSTRAINT "FK_80f9770fbc48613d04606e8a175"');
    await queryRunner.query('ALTER TABLE "subsidy_application" DROP CONSTRAINT "FK_6e63239ab3332505a90026c788a"');
    await queryRunner.query('ALTER TABLE "subsidy_application" DROP CONSTRAINT "FK_b481a68007610b5d1ccf0b9e889"');
    await queryRunner.query('ALTER TABLE "subsidy_application" DROP CONSTRAINT "FK_70f71900c6a1db8173e34f4fccc"');
    await queryRunner.query('ALTER TABLE "subsidy_application" DROP CONSTRAINT "FK_a91d672229e4afc9297cacfc000"');
    await queryRunner.query('ALTER TABLE "subsidised_position" DROP CONSTRAINT "FK_bedc7b6c771dbc6876d72503078"');
    await queryRunner.query('ALTER TABLE "attendance_report" DROP CONSTRAINT "FK_83ffe8c36ea04a246ef89b22014"');
    await queryRunner.query('DROP INDEX "public"."IDX_38ae45aff69bbdf628ff241e18"');
    await queryRunner.query('ALTER TABLE "placement" DROP COLUMN "subsidy_application_id"');
    await queryRunner.query('DROP INDEX "public"."IDX_60aee3e6c8c0813d2ff4396cf9"');
    await queryRunner.query('DROP INDEX "public"."IDX_40446fab2ab56182c4f5211ca5"');
    await queryRunner.query('DROP TABLE "subsidy_decision"');
    await queryRunner.query('DROP TYPE "public"."subsidy_decision_outcome"');
    await queryRunner.query('DROP INDEX "public"."IDX_b6a2b65cd2f790d766c3ccb715"');
    await queryRunner.query('DROP INDEX "public"."IDX_80f9770fbc48613d04606e8a17"');
    await queryRunner.query('DROP INDEX "public"."IDX_6e63239ab3332505a90026c788"');
    await queryRunner.query('DROP INDEX "public"."IDX_b481a68007610b5d1ccf0b9e88"');
    await queryRunner.query('DROP INDEX "public"."IDX_70f71900c6a1db8173e34f4fcc"');
    await queryRunner.query('DROP INDEX "public"."IDX_a91d672229e4afc9297cacfc00"');
    await queryRunner.query('DROP TABLE "subsidy_application"');
    await queryRunner.query('DROP TYPE "public"."subsidy_application_state"');
    await queryRunner.query('DROP INDEX "public"."IDX_bfcc94123b361196eab769703f"');
    await queryRunner.query('DROP INDEX "public"."IDX_bedc7b6c771dbc6876d7250307"');
    await queryRunner.query('DROP TABLE "subsidised_position"');
    await queryRunner.query('DROP TYPE "public"."subsidised_position_state"');
    await queryRunner.query('DROP INDEX "public"."IDX_bd2e450c2d9580b3c18fd836fb"');
    await queryRunner.query('DROP TABLE "webhook_receipt"');
    await queryRunner.query('DROP TABLE "integration_cursor"');
    await queryRunner.query('DROP INDEX "public"."IDX_2ef52f6ad686a18e5d6f2fee8c"');
    await queryRunner.query('DROP TABLE "inbound_message"');
    await queryRunner.query('DROP INDEX "public"."IDX_738366bb471ba9e2240f78c955"');
    await queryRunner.query('DROP INDEX "public"."IDX_8c847e68758eb3ed8df23c1420"');
    await queryRunner.query('DROP TABLE "outbox_message"');
    await queryRunner.query('DROP TYPE "public"."outbox_status"');
    await queryRunner.query('DROP TYPE "public"."integration_system"');
    await queryRunner.query('DROP INDEX "public"."IDX_113f60f34abad035de231ee31f"');
    await queryRunner.query('DROP TABLE "attendance_report"');
  }
}
