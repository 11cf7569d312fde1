import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Users of Polku: an identity (issuer and subject at an identity provider) and the roles it holds,
 * one per organisation, with the row each role's scope is made of. Every change of a role is a
 * row of user_change, which, like the access log, can only be appended to.
 */
export class Users1796140839811 implements MigrationInterface {
  name = 'Users1796140839811';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "app_user" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "issuer" character varying NOT NULL, "subject" character varying NOT NULL, CONSTRAINT "PK_22a5c4a3d9b2fb8e4e73fc4ada1" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_cb6a44b32885604a1a003c46ad" ON "app_user"  ("issuer", "subject") ');
    await queryRunner.query(
      "CREATE TYPE \"public\".\"user_role_kind\" AS ENUM('ADMIN', 'COACH', 'CAREER_AGENT', 'CASE_MANAGER', 'UNIT_LEAD', 'PARTNER', 'ANALYST', 'TRAINEE', 'PLATFORM_OPERATOR')",
    );
    await queryRunner.query('CREATE TYPE "public"."role_source" AS ENUM(\'LINKED\', \'GROUP\')');
    await queryRunner.query(
      'CREATE TABLE "user_role" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "user_id" uuid NOT NULL, "organisation_id" uuid, "role" "public"."user_role_kind" NOT NULL, "display_name" character varying NOT NULL, "email" text, "staff_member_id" uuid, "work_unit_id" uuid, "employment_area_id" uuid, "partner_company_id" uuid, "trainee_id" uuid, "source" "public"."role_source" NOT NULL DEFAULT \'LINKED\', "group_name" text, "active" boolean NOT NULL DEFAULT true, "deactivated_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_b2aba33c00d687a43a17cd33dc" CHECK ("active" OR "deactivated_at" IS NOT NULL), CONSTRAINT "CHK_a0c5cfbc538ff189170271caa5" CHECK (("role" = \'TRAINEE\') = ("trainee_id" IS NOT NULL)), CONSTRAINT "CHK_375c9f8d1e5e58e8e95417efa2" CHECK (("role" = \'PARTNER\') = ("partner_company_id" IS NOT NULL)), CONSTRAINT "CHK_460da5ac87a93ecc92bfd1cecd" CHECK (("role" = \'CASE_MANAGER\') = ("employment_area_id" IS NOT NULL)), CONSTRAINT "CHK_cf9a0a146d2c8e5ba2d150d8f2" CHECK (("role" = \'UNIT_LEAD\') = ("work_unit_id" IS NOT NULL)), CONSTRAINT "CHK_f109c3b47f0bea1baeb6fec037" CHECK (("role" IN (\'COACH\', \'CAREER_AGENT\')) = ("staff_member_id" IS NOT NULL)), CONSTRAINT "CHK_68286563470a54f48b2dcbfb92" CHECK (("role" = \'PLATFORM_OPERATOR\') = ("organisation_id" IS NULL)), CONSTRAINT "PK_fb2e442d14add3cefbdf33c4561" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_fe76718250bdec1ebff3494c99" ON "user_role"  ("organisation_id") ');
    await queryRunner.query('CREATE INDEX "IDX_8adb2c733fa1de83d1f44d581d" ON "user_role"  ("staff_member_id") ');
    await queryRunner.query('CREATE INDEX "IDX_d57f7672f70ec7160802c162fe" ON "user_role"  ("trainee_id") ');
    await queryRunner.query('CREATE UNIQUE INDEX "user_role_one_platform_role" ON "user_role"  ("user_id") WHERE "organisation_id" IS NULL');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "user_role_one_per_organisation" ON "user_role"  ("user_id", "organisation_id") WHERE "organisation_id" IS NOT NULL',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"user_change_kind\" AS ENUM('LINKED', 'CHANGED', 'DEACTIVATED', 'REACTIVATED', 'JOINED_BY_GROUP')",
    );
    await queryRunner.query(
      'CREATE TABLE "user_change" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "at" TIMESTAMP WITH TIME ZONE NOT NULL, "organisation_id" uuid, "user_id" uuid NOT NULL, "kind" "public"."user_change_kind" NOT NULL, "changed_by" uuid, "reason" text NOT NULL, "before" jsonb, "after" jsonb, CONSTRAINT "PK_18e4233055e48b6eef322c622f1" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_4bc1cda284f67fe7a72a74e542" ON "user_change"  ("user_id", "at") ');
    await queryRunner.query('CREATE INDEX "IDX_77b5366774bdf1797ff853599c" ON "user_change"  ("organisation_id", "at") ');
    await queryRunner.query(`CREATE FUNCTION user_change_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'user_change is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(
      'CREATE TRIGGER user_change_no_update_or_delete BEFORE UPDATE OR DELETE ON "user_change" FOR EACH ROW EXECUTE FUNCTION user_change_append_only()',
    );
    await queryRunner.query(
      'CREATE TRIGGER user_change_no_truncate BEFORE TRUNCATE ON "user_change" FOR EACH STATEMENT EXECUTE FUNCTION user_change_append_only()',
    );
    await queryRunner.query(
      'ALTER TABLE "user_role" ADD CONSTRAINT "FK_d0e5815877f7395a198a4cb0a46" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "user_role" ADD CONSTRAINT "FK_fe76718250bdec1ebff3494c99b" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "user_role" ADD CONSTRAINT "FK_8adb2c733fa1de83d1f44d581dc" FOREIGN KEY ("staff_member_id") REFERENCES "staff_member"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "user_role" ADD CONSTRAINT "FK_89c800fa60a97c7dbb7c79c66fb" FOREIGN KEY ("work_unit_id") REFERENCES "work_unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "user_role" ADD CONSTRAINT "FK_bb52bbb6f948cc9a9fc351348af" FOREIGN KEY ("employment_area_id") REFERENCES "employment_area"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "user_role" ADD CONSTRAINT "FK_b5cdedbc7e7cd1972637d71bd54" FOREIGN KEY ("partner_company_id") REFERENCES "partner_company"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "user_role" ADD CONSTRAINT "FK_d57f7672f70ec7160802c162fe2" FOREIGN KEY ("trainee_id") REFERENCES "trainee"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER user_change_no_truncate ON "user_change"');
    await queryRunner.query('DROP TRIGGER user_change_no_update_or_delete ON "user_change"');
    await queryRunner.query('DROP FUNCTION user_change_append_only()');
    await queryRunner.query('ALTER TABLE "user_role" DROP CONSTRAINT "FK_d57f7672f70ec7160802c162fe2"');
    await queryRunner.query('ALTER TABLE "user_role" DROP CONSTRAINT "FK_b5cdedbc7e7cd1972637d71bd54"');
    await queryRunner.query('ALTER TABLE "user_role" DROP CONSTRAINT "FK_bb52bbb6f948cc9a9fc351348af"');
    await queryRunner.query('ALTER TABLE "user_role" DROP CONSTRAINT "FK_89c800fa60a97c7dbb7c79c66fb"');
    await queryRunner.query('ALTER TABLE "user_role" DROP CONSTRAINT "FK_8adb2c733fa1de83d1f44d581dc"');
    await queryRunner.query('ALTER TABLE "user_role" DROP CONSTRAINT "FK_fe76718250bdec1ebff3494c99b"');
    await queryRunner.query('ALTER TABLE "user_role" DROP CONSTRAINT "FK_d0e5815877f7395a198a4cb0a46"');
    await queryRunner.query('DROP INDEX "public"."IDX_77b5366774bdf1797ff853599c"');
    await queryRunner.query('DROP INDEX "public"."IDX_4bc1cda284f67fe7a72a74e542"');
    await queryRunner.query('DROP TABLE "user_change"');
    await queryRunner.query('DROP TYPE "public"."user_change_kind"');
    await queryRunner.query('DROP INDEX "public"."user_role_one_per_organisation"');
    await queryRunner.query('DROP INDEX "public"."user_role_one_platform_role"');
    await queryRunner.query('DROP INDEX "public"."IDX_d57f7672f70ec7160802c162fe"');
    await queryRunner.query('DROP INDEX "public"."IDX_8adb2c733fa1de83d1f44d581d"');
    await queryRunner.query('DROP INDEX "public"."IDX_fe76718250bdec1ebff3494c99"');
    await queryRunner.query('DROP TABLE "user_role"');
    await queryRunner.query('DROP TYPE "public"."role_source"');
    await queryRunner.query('DROP TYPE "public"."user_role_kind"');
    await queryRunner.query('DROP INDEX "public"."IDX_cb6a44b32885604a1a003c46ad"');
    await queryRunner.query('DROP TABLE "app_user"');
  }
}
