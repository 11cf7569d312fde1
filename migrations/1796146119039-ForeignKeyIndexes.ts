import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every foreign key has an index (a delete of the referenced row, and the joins the access checks
 * and lists make, would otherwise scan the table): the four that had none.
 */
export class ForeignKeyIndexes1796146119039 implements MigrationInterface {
  name = 'ForeignKeyIndexes1796146119039';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX "IDX_c43799f4ef09da2411ed58442f" ON "capacity_assessment"  ("instrument_id") ');
    await queryRunner.query('CREATE INDEX "IDX_89c800fa60a97c7dbb7c79c66f" ON "user_role"  ("work_unit_id") ');
    await queryRunner.query('CREATE INDEX "IDX_bb52bbb6f948cc9a9fc351348a" ON "user_role"  ("employment_area_id") ');
    await queryRunner.query('CREATE INDEX "IDX_b5cdedbc7e7cd1972637d71bd5" ON "user_role"  ("partner_company_id") ');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."IDX_b5cdedbc7e7cd1972637d71bd5"');
    await queryRunner.query('DROP INDEX "public"."IDX_bb52bbb6f948cc9a9fc351348a"');
    await queryRunner.query('DROP INDEX "public"."IDX_89c800fa60a97c7dbb7c79c66f"');
    await queryRunner.query('DROP INDEX "public"."IDX_c43799f4ef09da2411ed58442f"');
  }
}
