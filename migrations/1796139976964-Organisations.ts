import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Organisations: the controllers (municipalities, joint authorities) that run coaching
 * environments from one deployment. Staff, units, departments, the task catalogue, group sessions,
 * indicators, partner relations and the client register each belong to one; capacity instruments
 * are national unless an organisation adds its own. Unique codes become unique per organisation.
 */
export class Organisations1796139976964 implements MigrationInterface {
  name = 'Organisations1796139976964';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."IDX_a2a68796461fa67caa876f9e43"');
    await queryRunner.query('DROP INDEX "public"."IDX_2222cec4a3cf351f2290aa0021"');
    await queryRunner.query('DROP INDEX "public"."IDX_67e106546289bb4686273bd56d"');
    await queryRunner.query('DROP INDEX "public"."IDX_0ff5dbd0738f8b3eff7854cb57"');
    await queryRunner.query('CREATE TYPE "public"."organisation_kind" AS ENUM(\'MUNICIPALITY\', \'JOINT_AUTHORITY\')');
    await queryRunner.query(
      'CREATE TABLE "organisation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "name" character varying NOT NULL, "business_id" text, "kind" "public"."organisation_kind" NOT NULL DEFAULT \'MUNICIPALITY\', "municipality_codes" text array NOT NULL DEFAULT \'{}\', "expense_allowance_cents_per_day" integer, "retention_years" integer, "subsidy_types" jsonb NOT NULL DEFAULT \'[]\', "intake_staff_ids" uuid array NOT NULL DEFAULT \'{}\', CONSTRAINT "UQ_1b0529ec6499a6b97e540efb8b7" UNIQUE ("business_id"), CONSTRAINT "CHK_928cfc2eea20afe689bad6c4bb" CHECK ("retention_years" IS NULL OR "retention_years" BETWEEN 1 AND 100), CONSTRAINT "CHK_c4bd258307f03f593c23decb26" CHECK ("expense_allowance_cents_per_day" IS NULL OR "expense_allowance_cents_per_day" >= 0), CONSTRAINT "PK_c725ae234ef1b74cce43d2d00c1" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "employment_area_organisation" ("employment_area_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, CONSTRAINT "PK_8e767bcd429e885887c490e46c1" PRIMARY KEY ("employment_area_id", "organisation_id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_fd3ab0c55c918b163e98b26c7c" ON "employment_area_organisation"  ("organisation_id") ');
    await queryRunner.query('ALTER TABLE "department" ADD "organisation_id" uuid');
    await queryRunner.query('ALTER TABLE "work_unit" ADD "organisation_id" uuid');
    await queryRunner.query('ALTER TABLE "partner_company" ADD "organisation_id" uuid');
    await queryRunner.query('ALTER TABLE "trainee" ADD "organisation_id" uuid');
    await queryRunner.query('ALTER TABLE "staff_member" ADD "organisation_id" uuid');
    await queryRunner.query('ALTER TABLE "task" ADD "organisation_id" uuid');
    await queryRunner.query('ALTER TABLE "capacity_instrument" ADD "organisation_id" uuid');
    await queryRunner.query('ALTER TABLE "group_session" ADD "organisation_id" uuid');
    await queryRunner.query('ALTER TABLE "indicator" ADD "organisation_id" uuid');
    // Existing data becomes the register of one organisation (named "Polku" until its ADMIN or the
    // platform operator renames it); its employment areas refer to it. A fresh database gets none.
    await queryRunner.query(`
      DO $$
      DECLARE org uuid;
      BEGIN
        IF EXISTS (SELECT 1 FROM department) OR EXISTS (SELECT 1 FROM work_unit) OR EXISTS (SELECT 1 FROM partner_company)
           OR EXISTS (SELECT 1 FROM trainee) OR EXISTS (SELECT 1 FROM staff_member) OR EXISTS (SELECT 1 FROM task)
           OR EXISTS (SELECT 1 FROM group_session) OR EXISTS (SELECT 1 FROM indicator) OR EXISTS (SELECT 1 FROM employment_area) THEN
          INSERT INTO organisation (name) VALUES ('Polku') RETURNING id INTO org;
          UPDATE department SET organisation_id = org;
          UPDATE work_unit SET organisation_id = org;
          UPDATE partner_company SET organisation_id = org;
          UPDATE trainee SET organisation_id = org;
          UPDATE staff_member SET organisation_id = org;
          UPDATE task SET organisation_id = org;
          UPDATE group_session SET organisation_id = org;
          UPDATE indicator SET organisation_id = org;
          INSERT INTO employment_area_organisation (employment_area_id, organisation_id) SELECT id, org FROM employment_area;
        END IF;
      END $$`);
    await queryRunner.query('ALTER TABLE "department" ALTER COLUMN "organisation_id" SET NOT NULL');
    await queryRunner.query('ALTER TABLE "work_unit" ALTER COLUMN "organisation_id" SET NOT NULL');
    await queryRunner.query('ALTER TABLE "partner_company" ALTER COLUMN "organisation_id" SET NOT NULL');
    await queryRunner.query('ALTER TABLE "trainee" ALTER COLUMN "organisation_id" SET NOT NULL');
    await queryRunner.query('ALTER TABLE "staff_member" ALTER COLUMN "organisation_id" SET NOT NULL');
    await queryRunner.query('ALTER TABLE "task" ALTER COLUMN "organisation_id" SET NOT NULL');
    await queryRunner.query('ALTER TABLE "group_session" ALTER COLUMN "organisation_id" SET NOT NULL');
    await queryRunner.query('ALTER TABLE "indicator" ALTER COLUMN "organisation_id" SET NOT NULL');
    await queryRunner.query('ALTER TABLE "department" DROP CONSTRAINT "UQ_62690f4fe31da9eb824d909285f"');
    await queryRunner.query('ALTER TABLE "partner_company" DROP CONSTRAINT "UQ_740dcfbcefc5fe18515e7e22313"');
    await queryRunner.query('ALTER TABLE "trainee" DROP CONSTRAINT "UQ_2f4882c6c5d4556e28397d9b0e6"');
    await queryRunner.query('ALTER TABLE "task" DROP CONSTRAINT "UQ_ca4a3a0d8c19b661356df9a83e4"');
    await queryRunner.query('ALTER TABLE "indicator" DROP CONSTRAINT "UQ_843bf8c0de69be8ea15fdc25fb7"');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_5b53702716551ac86b1091917a" ON "department"  ("organisation_id", "code") ');
    await queryRunner.query('CREATE INDEX "IDX_1931c2aa534f55f4227249b56e" ON "work_unit"  ("organisation_id") ');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_f41a5c278ece5e80512d8f985b" ON "partner_company"  ("organisation_id", "business_id") ');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_20a9a74adb2492107ed0614ad7" ON "trainee"  ("organisation_id", "identity_code_hash") ');
    await queryRunner.query('CREATE INDEX "IDX_3fc9dbcf9de8038257399fb44a" ON "trainee"  ("organisation_id", "last_name", "first_name") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_94b9c7592da466d52004d2a272" ON "staff_member"  ("organisation_id", "email") WHERE email IS NOT NULL',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_b35678f93fb06cb2f430c3651c" ON "task"  ("organisation_id", "code") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "capacity_instrument_own_version" ON "capacity_instrument"  ("organisation_id", "code", "version") WHERE "organisation_id" IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "capacity_instrument_national_version" ON "capacity_instrument"  ("code", "version") WHERE "organisation_id" IS NULL',
    );
    await queryRunner.query('CREATE INDEX "IDX_f25d6f878706a6a9c0d5d938a2" ON "group_session"  ("organisation_id", "starts_at") ');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_e3720271a7a650fca5cdb4e7c2" ON "indicator"  ("organisation_id", "code") ');
    await queryRunner.query(
      'ALTER TABLE "employment_area_organisation" ADD CONSTRAINT "FK_16469f1fdf63cd0b95887799ee8" FOREIGN KEY ("employment_area_id") REFERENCES "employment_area"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "employment_area_organisation" ADD CONSTRAINT "FK_fd3ab0c55c918b163e98b26c7c8" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "department" ADD CONSTRAINT "FK_c84ade69c16ffb4806bc12eceaf" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "work_unit" ADD CONSTRAINT "FK_1931c2aa534f55f4227249b56e3" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "partner_company" ADD CONSTRAINT "FK_dd5360219ded41bbe55cec610d7" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "trainee" ADD CONSTRAINT "FK_832d2a1845f0f3dc91a3d4af572" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "staff_member" ADD CONSTRAINT "FK_31e10aafcda9f1d964f6278fe32" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "task" ADD CONSTRAINT "FK_edd05c793be62b6c907bf4563c5" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "capacity_instrument" ADD CONSTRAINT "FK_2513b146d8990e64411204929b1" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "group_session" ADD CONSTRAINT "FK_f97f4fa535bf1f412816b47b625" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "indicator" ADD CONSTRAINT "FK_ce797d366e23efe2bfa1321bdc4" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "indicator" DROP CONSTRAINT "FK_ce797d366e23efe2bfa1321bdc4"');
    await queryRunner.query('ALTER TABLE "group_session" DROP CONSTRAINT "FK_f97f4fa535bf1f412816b47b625"');
    await queryRunner.query('ALTER TABLE "capacity_instrument" DROP CONSTRAINT "FK_2513b146d8990e64411204929b1"');
    await queryRunner.query('ALTER TABLE "task" DROP CONSTRAINT "FK_edd05c793be62b6c907bf4563c5"');
    await queryRunner.query('ALTER TABLE "staff_member" DROP CONSTRAINT "FK_31e10aafcda9f1d964f6278fe32"');
    await queryRunner.query('ALTER TABLE "trainee" DROP CONSTRAINT "FK_832d2a1845f0f3dc91a3d4af572"');
    await queryRunner.query('ALTER TABLE "partner_company" DROP CONSTRAINT "FK_dd5360219ded41bbe55cec610d7"');
    await queryRunner.query('ALTER TABLE "work_unit" DROP CONSTRAINT "FK_1931c2aa534f55f4227249b56e3"');
    await queryRunner.query('ALTER TABLE "department" DROP CONSTRAINT "FK_c84ade69c16ffb4806bc12eceaf"');
    await queryRunner.query('ALTER TABLE "employment_area_organisation" DROP CONSTRAINT "FK_fd3ab0c55c918b163e98b26c7c8"');
    await queryRunner.query('ALTER TABLE "employment_area_organisation" DROP CONSTRAINT "FK_16469f1fdf63cd0b95887799ee8"');
    await queryRunner.query('DROP INDEX "public"."IDX_e3720271a7a650fca5cdb4e7c2"');
    await queryRunner.query('DROP INDEX "public"."IDX_f25d6f878706a6a9c0d5d938a2"');
    await queryRunner.query('DROP INDEX "public"."capacity_instrument_national_version"');
    await queryRunner.query('DROP INDEX "public"."capacity_instrument_own_version"');
    await queryRunner.query('DROP INDEX "public"."IDX_b35678f93fb06cb2f430c3651c"');
    await queryRunner.query('DROP INDEX "public"."IDX_94b9c7592da466d52004d2a272"');
    await queryRunner.query('DROP INDEX "public"."IDX_3fc9dbcf9de8038257399fb44a"');
    await queryRunner.query('DROP INDEX "public"."IDX_20a9a74adb2492107ed0614ad7"');
    await queryRunner.query('DROP INDEX "public"."IDX_f41a5c278ece5e80512d8f985b"');
    await queryRunner.query('DROP INDEX "public"."IDX_1931c2aa534f55f4227249b56e"');
    await queryRunner.query('DROP INDEX "public"."IDX_5b53702716551ac86b1091917a"');
    await queryRunner.query('ALTER TABLE "indicator" ADD CONSTRAINT "UQ_843bf8c0de69be8ea15fdc25fb7" UNIQUE ("code")');
    await queryRunner.query('ALTER TABLE "task" ADD CONSTRAINT "UQ_ca4a3a0d8c19b661356df9a83e4" UNIQUE ("code")');
    await queryRunner.query('ALTER TABLE "trainee" ADD CONSTRAINT "UQ_2f4882c6c5d4556e28397d9b0e6" UNIQUE ("identity_code_hash")');
    await queryRunner.query('ALTER TABLE "partner_company" ADD CONSTRAINT "UQ_740dcfbcefc5fe18515e7e22313" UNIQUE ("business_id")');
    await queryRunner.query('ALTER TABLE "department" ADD CONSTRAINT "UQ_62690f4fe31da9eb824d909285f" UNIQUE ("code")');
    await queryRunner.query('ALTER TABLE "indicator" DROP COLUMN "organisation_id"');
    await queryRunner.query('ALTER TABLE "group_session" DROP COLUMN "organisation_id"');
    await queryRunner.query('ALTER TABLE "capacity_instrument" DROP COLUMN "organisation_id"');
    await queryRunner.query('ALTER TABLE "task" DROP COLUMN "organisation_id"');
    await queryRunner.query('ALTER TABLE "staff_member" DROP COLUMN "organisation_id"');
    await queryRunner.query('ALTER TABLE "trainee" DROP COLUMN "organisation_id"');
    await queryRunner.query('ALTER TABLE "partner_company" DROP COLUMN "organisation_id"');
    await queryRunner.query('ALTER TABLE "work_unit" DROP COLUMN "organisation_id"');
    await queryRunner.query('ALTER TABLE "department" DROP COLUMN "organisation_id"');
    await queryRunner.query('DROP INDEX "public"."IDX_fd3ab0c55c918b163e98b26c7c"');
    await queryRunner.query('DROP TABLE "employment_area_organisation"');
    await queryRunner.query('DROP TABLE "organisation"');
    await queryRunner.query('DROP TYPE "public"."organisation_kind"');
    await queryRunner.query('CREATE INDEX "IDX_0ff5dbd0738f8b3eff7854cb57" ON "group_session" USING btree ("starts_at") ');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_67e106546289bb4686273bd56d" ON "capacity_instrument" USING btree ("code", "version") ');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_2222cec4a3cf351f2290aa0021" ON "staff_member" USING btree ("email") WHERE (email IS NOT NULL)');
    await queryRunner.query('CREATE INDEX "IDX_a2a68796461fa67caa876f9e43" ON "trainee" USING btree ("first_name", "last_name") ');
  }
}
