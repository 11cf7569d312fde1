import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Organisation settings in use: an outcome of type EMPLOYED_WAGE_SUBSIDY may name its subsidy
 * type (a national wage subsidy's code or one of the organisation's own subsidy_types). The
 * expense-allowance rate and the retention period were columns already; only the code is new.
 */
export class OrganisationSettingsInUse1796143382967 implements MigrationInterface {
  name = 'OrganisationSettingsInUse1796143382967';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "outcome" ADD "subsidy_type" text');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "outcome" DROP COLUMN "subsidy_type"');
  }
}
