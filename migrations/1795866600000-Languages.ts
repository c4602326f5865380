import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The language each person is written to in: `people.language` (`en`, `fr`; null = their
 * organisation's) and `organizations.default_language` (`en` for the organisations that exist).
 */
export class Languages1795866600000 implements MigrationInterface {
  name = 'Languages1795866600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "organizations" ADD "default_language" text NOT NULL DEFAULT 'en', ADD CONSTRAINT "organizations_default_language_check" CHECK ("default_language" IN ('en', 'fr'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "people" ADD "language" text, ADD CONSTRAINT "people_language_check" CHECK ("language" IN ('en', 'fr'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "people" DROP COLUMN "language"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "default_language"`);
  }
}
