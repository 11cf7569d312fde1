import { MigrationInterface, QueryRunner } from 'typeorm';

export class AccessLog1795456396890 implements MigrationInterface {
  name = 'AccessLog1795456396890';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "access_log_entry" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "trainee_id" uuid NOT NULL, "user_id" text NOT NULL, "role" text NOT NULL, "kind" text NOT NULL, "purpose" text NOT NULL, "operation_name" text, "fields" text array NOT NULL, "request_id" text NOT NULL, CONSTRAINT "PK_74f816949105fc3145ad45ca8cd" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_5892f64ae5ab36475073aaafda" ON "access_log_entry"  ("user_id", "at") ');
    await queryRunner.query('CREATE INDEX "IDX_70ac03bef57e2b324742fb2d73" ON "access_log_entry"  ("trainee_id", "at") ');
    await queryRunner.query(
      'ALTER TABLE "access_log_entry" ADD CONSTRAINT "FK_ccd597138730ab9aa0348cdfaa2" FOREIGN KEY ("trainee_id") REFERENCES "trainee"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    // Append-only for every role, the application's included: rows can be added and read, never changed.
    await queryRunner.query(`CREATE FUNCTION access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'access_log_entry is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(
      'CREATE TRIGGER access_log_no_update_or_delete BEFORE UPDATE OR DELETE ON "access_log_entry" FOR EACH ROW EXECUTE FUNCTION access_log_append_only()',
    );
    await queryRunner.query(
      'CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON "access_log_entry" FOR EACH STATEMENT EXECUTE FUNCTION access_log_append_only()',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER access_log_no_truncate ON "access_log_entry"');
    await queryRunner.query('DROP TRIGGER access_log_no_update_or_delete ON "access_log_entry"');
    await queryRunner.query('DROP FUNCTION access_log_append_only()');
    await queryRunner.query('ALTER TABLE "access_log_entry" DROP CONSTRAINT "FK_ccd597138730ab9aa0348cdfaa2"');
    await queryRunner.query('DROP INDEX "public"."IDX_70ac03bef57e2b324742fb2d73"');
    await queryRunner.query('DROP INDEX "public"."IDX_5892f64ae5ab36475073aaafda"');
    await queryRunner.query('DROP TABLE "access_log_entry"');
  }
}
