import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Access and trust: token expiry and last use; idempotency keys; and an audit trail that Postgres
 * itself keeps append-only (UPDATE, DELETE and TRUNCATE on audit_events raise, whoever asks).
 */
export class AccessAndTrust1795839600000 implements MigrationInterface {
  name = 'AccessAndTrust1795839600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "idempotency_keys" ("caller" text NOT NULL, "key" text NOT NULL, "method" text NOT NULL, "path" text NOT NULL, "body_hash" text NOT NULL, "status" integer, "response" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a661c9488678a6eb48ebb65eb63" PRIMARY KEY ("caller", "key"))`,
    );
    await queryRunner.query(`ALTER TABLE "access_tokens" ADD "expires_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "access_tokens" ADD "last_used_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `CREATE FUNCTION "audit_events_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "audit_events_no_change" BEFORE UPDATE OR DELETE ON "audit_events" FOR EACH ROW EXECUTE FUNCTION "audit_events_append_only"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "audit_events_no_truncate" BEFORE TRUNCATE ON "audit_events" FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_append_only"()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "audit_events_no_truncate" ON "audit_events"`);
    await queryRunner.query(`DROP TRIGGER "audit_events_no_change" ON "audit_events"`);
    await queryRunner.query(`DROP FUNCTION "audit_events_append_only"()`);
    await queryRunner.query(`ALTER TABLE "access_tokens" DROP COLUMN "last_used_at"`);
    await queryRunner.query(`ALTER TABLE "access_tokens" DROP COLUMN "expires_at"`);
    await queryRunner.query(`DROP TABLE "idempotency_keys"`);
  }
}
