import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Events for integrators (docs/events.md): an organisation's subscriptions and their signing
 * secrets, the transactional outbox the state changes write their events to, and the delivery log
 * the relay fills from it.
 */
export class EventSubscriptions1795875600000 implements MigrationInterface {
  name = 'EventSubscriptions1795875600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "event_subscriptions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "organization_id" uuid NOT NULL,
        "url" text NOT NULL,
        "events" text array NOT NULL,
        "description" text,
        "status" text NOT NULL DEFAULT 'active',
        "failing_since" timestamptz,
        "disabled_at" timestamptz,
        "disabled_reason" text,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_event_subscriptions" PRIMARY KEY ("id"),
        CONSTRAINT "event_subscriptions_status_check" CHECK ("status" IN ('active', 'disabled')),
        CONSTRAINT "event_subscriptions_organization_fk" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX "event_subscriptions_organization_idx" ON "event_subscriptions" ("organization_id", "created_at")`);
    await queryRunner.query(`
      CREATE TABLE "event_subscription_secrets" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "subscription_id" uuid NOT NULL,
        "secret" text NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "expires_at" timestamptz,
        CONSTRAINT "PK_event_subscription_secrets" PRIMARY KEY ("id"),
        CONSTRAINT "event_subscription_secrets_subscription_fk" FOREIGN KEY ("subscription_id") REFERENCES "event_subscriptions"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "event_subscription_secrets_current_uq" ON "event_subscription_secrets" ("subscription_id") WHERE "expires_at" IS NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE "event_outbox" (
        "id" uuid NOT NULL,
        "seq" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "type" text NOT NULL,
        "occurred_at" timestamptz NOT NULL,
        "lane" text NOT NULL,
        "organization_ids" uuid array NOT NULL,
        "subscription_id" uuid,
        "data" jsonb NOT NULL,
        "relayed_at" timestamptz,
        CONSTRAINT "PK_event_outbox" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_event_outbox_seq" UNIQUE ("seq")
      )`);
    await queryRunner.query(`CREATE INDEX "event_outbox_unrelayed_idx" ON "event_outbox" ("seq") WHERE "relayed_at" IS NULL`);
    await queryRunner.query(`
      CREATE TABLE "event_deliveries" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "subscription_id" uuid NOT NULL,
        "event_id" uuid NOT NULL,
        "lane" text NOT NULL,
        "seq" bigint NOT NULL,
        "status" text NOT NULL DEFAULT 'pending',
        "attempts" integer NOT NULL DEFAULT 0,
        "next_attempt_at" timestamptz NOT NULL,
        "last_attempt_at" timestamptz,
        "last_status" integer,
        "last_error" text,
        "duration_ms" integer,
        "delivered_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_event_deliveries" PRIMARY KEY ("id"),
        CONSTRAINT "event_deliveries_status_check" CHECK ("status" IN ('pending', 'delivered', 'failed')),
        CONSTRAINT "event_deliveries_subscription_fk" FOREIGN KEY ("subscription_id") REFERENCES "event_subscriptions"("id") ON DELETE CASCADE,
        CONSTRAINT "event_deliveries_event_fk" FOREIGN KEY ("event_id") REFERENCES "event_outbox"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "event_deliveries_event_uq" ON "event_deliveries" ("subscription_id", "event_id")`);
    await queryRunner.query(
      `CREATE INDEX "event_deliveries_lane_idx" ON "event_deliveries" ("subscription_id", "lane", "seq") WHERE "status" = 'pending'`,
    );
    await queryRunner.query(`CREATE INDEX "event_deliveries_due_idx" ON "event_deliveries" ("next_attempt_at") WHERE "status" = 'pending'`);
    await queryRunner.query(`CREATE INDEX "event_deliveries_log_idx" ON "event_deliveries" ("subscription_id", "created_at")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "event_deliveries"`);
    await queryRunner.query(`DROP TABLE "event_outbox"`);
    await queryRunner.query(`DROP TABLE "event_subscription_secrets"`);
    await queryRunner.query(`DROP TABLE "event_subscriptions"`);
  }
}
