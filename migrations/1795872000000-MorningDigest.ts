import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The morning digest: `people.digest_enabled` (opt-in, off by default) and `people.digest_due_at`,
 * the next instant the person's digest is due (null while not yet planned). The notifier's digest
 * pass scans the index for the due (and the unplanned) among the opted-in active people.
 */
export class MorningDigest1795872000000 implements MigrationInterface {
  name = 'MorningDigest1795872000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "people" ADD "digest_enabled" boolean NOT NULL DEFAULT false, ADD "digest_due_at" timestamptz`);
    await queryRunner.query(
      `CREATE INDEX "people_digest_due_idx" ON "people" ("digest_due_at") WHERE "digest_enabled" AND "deactivated_at" IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "people_digest_due_idx"`);
    await queryRunner.query(`ALTER TABLE "people" DROP COLUMN "digest_due_at", DROP COLUMN "digest_enabled"`);
  }
}
