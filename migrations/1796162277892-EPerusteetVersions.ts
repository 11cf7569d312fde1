import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ePerusteet importer keeps every requirement a competence record was made against. A
 * requirement row is never rewritten: a new text under the same code retires the old row
 * (`retired_at`, `superseded_by_id`) and adds a new one, so only the current row of a unit and
 * code is unique; a unit no longer published is retired rather than deleted. A record's
 * requirement can no longer be deleted under it (RESTRICT instead of SET NULL). Units get their
 * national code and qualifications the source's version marker. Existing rows are all current:
 * the new columns start empty.
 *
 * Down restores the earlier model as its importer would have left the data: records lose the link
 * to retired requirements (their snapshot columns keep the text) and retired rows are deleted.
 */
export class EPerusteetVersions1796162277892 implements MigrationInterface {
  name = 'EPerusteetVersions1796162277892';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "qualification" ADD "source_version" text');
    await queryRunner.query('ALTER TABLE "qualification_unit" ADD "code" text');
    await queryRunner.query('ALTER TABLE "qualification_unit" ADD "retired_at" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query('ALTER TABLE "competence_requirement" ADD "retired_at" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query('ALTER TABLE "competence_requirement" ADD "superseded_by_id" uuid');
    await queryRunner.query('CREATE INDEX "IDX_dacc07f9ee6c255a0ba9a391f8" ON "competence_requirement"  ("superseded_by_id") ');
    await queryRunner.query('DROP INDEX "public"."IDX_c8eccf3b0482e3e80f72b3512e"');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_2448ddc392e93703ee7b8f9b79" ON "competence_requirement"  ("unit_id", "code") WHERE "retired_at" IS NULL',
    );
    await queryRunner.query(
      'ALTER TABLE "competence_requirement" ADD CONSTRAINT "FK_dacc07f9ee6c255a0ba9a391f84" FOREIGN KEY ("superseded_by_id") REFERENCES "competence_requirement"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query('ALTER TABLE "competence_record" DROP CONSTRAINT "FK_a51687d1ea3b1691bb159b71803"');
    await queryRunner.query(
      'ALTER TABLE "competence_record" ADD CONSTRAINT "FK_a51687d1ea3b1691bb159b71803" FOREIGN KEY ("requirement_id") REFERENCES "competence_requirement"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'UPDATE "competence_record" SET "requirement_id" = NULL WHERE "requirement_id" IN (SELECT "id" FROM "competence_requirement" WHERE "retired_at" IS NOT NULL)',
    );
    await queryRunner.query('DELETE FROM "competence_requirement" WHERE "retired_at" IS NOT NULL');
    await queryRunner.query('DELETE FROM "qualification_unit" WHERE "retired_at" IS NOT NULL');
    await queryRunner.query('ALTER TABLE "competence_record" DROP CONSTRAINT "FK_a51687d1ea3b1691bb159b71803"');
    await queryRunner.query(
      'ALTER TABLE "competence_record" ADD CONSTRAINT "FK_a51687d1ea3b1691bb159b71803" FOREIGN KEY ("requirement_id") REFERENCES "competence_requirement"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query('ALTER TABLE "competence_requirement" DROP CONSTRAINT "FK_dacc07f9ee6c255a0ba9a391f84"');
    await queryRunner.query('DROP INDEX "public"."IDX_2448ddc392e93703ee7b8f9b79"');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_c8eccf3b0482e3e80f72b3512e" ON "competence_requirement" USING btree ("unit_id", "code") ');
    await queryRunner.query('DROP INDEX "public"."IDX_dacc07f9ee6c255a0ba9a391f8"');
    await queryRunner.query('ALTER TABLE "competence_requirement" DROP COLUMN "superseded_by_id"');
    await queryRunner.query('ALTER TABLE "competence_requirement" DROP COLUMN "retired_at"');
    await queryRunner.query('ALTER TABLE "qualification_unit" DROP COLUMN "retired_at"');
    await queryRunner.query('ALTER TABLE "qualification_unit" DROP COLUMN "code"');
    await queryRunner.query('ALTER TABLE "qualification" DROP COLUMN "source_version"');
  }
}
