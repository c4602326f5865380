import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Calendar feed tokens are random and stored hashed (`calendar_feeds`), no longer an HMAC of the
 * person's id and `people.feed_version`, which this drops. Every feed address given out before
 * stops working here (a 404); a person gets a new one the next time they read it
 * (`GET /v1/me/calendar`) or rotate it.
 */
export class CalendarFeedTokens1795850400000 implements MigrationInterface {
  name = 'CalendarFeedTokens1795850400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "calendar_feeds" ("person_id" uuid NOT NULL, "token_hash" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "calendar_feeds_pkey" PRIMARY KEY ("person_id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "calendar_feeds_token_hash_uq" ON "calendar_feeds" ("token_hash")`);
    await queryRunner.query(
      `ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_person_fk" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE "people" DROP COLUMN "feed_version"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "people" ADD "feed_version" integer NOT NULL DEFAULT '1'`);
    await queryRunner.query(`DROP TABLE "calendar_feeds"`);
  }
}
