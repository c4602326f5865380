import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Calendar feeds: a per-person version that the feed token is derived from; bumping it revokes the token. */
export class CalendarFeedVersion1795825200000 implements MigrationInterface {
  name = 'CalendarFeedVersion1795825200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "people" ADD "feed_version" integer NOT NULL DEFAULT '1'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "people" DROP COLUMN "feed_version"`);
  }
}
