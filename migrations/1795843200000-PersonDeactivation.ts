import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Leavers: a person can be deactivated; while `deactivated_at` is set their tokens, feed, webhook and reminders stop. */
export class PersonDeactivation1795843200000 implements MigrationInterface {
  name = 'PersonDeactivation1795843200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "people" ADD "deactivated_at" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "people" DROP COLUMN "deactivated_at"`);
  }
}
