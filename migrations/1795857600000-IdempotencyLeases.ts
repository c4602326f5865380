import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys with a lease (`lease`, `locked_until`: a key whose request died can be taken over
 * once the lease passes), the resource a create committed under the key (`resource_type`,
 * `resource_id`: a retry completes it instead of creating it again), an index for the purge of
 * expired keys, and no secret kept: answers stored for the routes that return one (person tokens,
 * calendar feed addresses, webhook secrets) are dropped.
 */
export class IdempotencyLeases1795857600000 implements MigrationInterface {
  name = 'IdempotencyLeases1795857600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "idempotency_keys" ADD "lease" uuid`);
    await queryRunner.query(`ALTER TABLE "idempotency_keys" ADD "locked_until" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "idempotency_keys" ADD "resource_type" text`);
    await queryRunner.query(`ALTER TABLE "idempotency_keys" ADD "resource_id" uuid`);
    await queryRunner.query(`CREATE INDEX "idempotency_keys_created_at_idx" ON "idempotency_keys" ("created_at") `);
    await queryRunner.query(
      `UPDATE "idempotency_keys" SET "response" = NULL
        WHERE "path" ~ '^/v1/(people(/[^/]+/tokens)?|me/calendar/rotate|organizations/[^/]+/webhook-secret/rotate)/?$'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idempotency_keys_created_at_idx"`);
    await queryRunner.query(`ALTER TABLE "idempotency_keys" DROP COLUMN "resource_id"`);
    await queryRunner.query(`ALTER TABLE "idempotency_keys" DROP COLUMN "resource_type"`);
    await queryRunner.query(`ALTER TABLE "idempotency_keys" DROP COLUMN "locked_until"`);
    await queryRunner.query(`ALTER TABLE "idempotency_keys" DROP COLUMN "lease"`);
  }
}
