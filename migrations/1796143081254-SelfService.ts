import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The trainee's self-service: a capacity meter may have a self-assessment form (as Kykyviisari,
 * a self-assessment of functioning), and an assessment answered by the trainee on such a form is
 * stored beside the staff's assessments, marked self-assessed. Stored assessments are the staff's.
 */
export class SelfService1796143081254 implements MigrationInterface {
  name = 'SelfService1796143081254';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "capacity_instrument" ADD "self_assessment_form" boolean NOT NULL DEFAULT false');
    await queryRunner.query('ALTER TABLE "capacity_assessment" ADD "self_assessed" boolean NOT NULL DEFAULT false');
    // A national Kykyviisari meter already stored is a self-assessment form by definition.
    await queryRunner.query(
      `UPDATE "capacity_instrument" SET "self_assessment_form" = true WHERE "organisation_id" IS NULL AND upper("code") = 'KYKYVIISARI'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "capacity_assessment" DROP COLUMN "self_assessed"');
    await queryRunner.query('ALTER TABLE "capacity_instrument" DROP COLUMN "self_assessment_form"');
  }
}
