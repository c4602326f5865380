import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The eight commitment areas of the A4P Declaration of Shared Commitments. */
export const A4P_AREAS = [
  { code: 'POLITICS', name: 'Politics' },
  { code: 'WPS', name: 'Women, peace and security' },
  { code: 'PROTECTION', name: 'Protection' },
  { code: 'SAFETY-SECURITY', name: 'Safety and security' },
  { code: 'PERFORMANCE-ACCOUNTABILITY', name: 'Performance and accountability' },
  { code: 'PEACEBUILDING', name: 'Peacebuilding and sustaining peace' },
  { code: 'PARTNERSHIPS', name: 'Partnerships' },
  { code: 'CONDUCT', name: 'Conduct of peacekeepers and peacekeeping operations' },
];

/**
 * A4P support requests: the requests, their service-level deadlines and timeline, the A4P
 * commitment areas, each organisation's working calendar, and reminders about a request (which
 * have no exchange).
 */
export class SupportRequests1795836000000 implements MigrationInterface {
  name = 'SupportRequests1795836000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "a4p_areas" ("code" text NOT NULL, "name" text NOT NULL, "position" integer NOT NULL, CONSTRAINT "PK_deefada8c4dda4dc89e1b59a27a" PRIMARY KEY ("code"))`,
    );
    for (const [index, area] of A4P_AREAS.entries()) {
      await queryRunner.query(`INSERT INTO "a4p_areas" ("code", "name", "position") VALUES ($1, $2, $3)`, [
        area.code,
        area.name,
        index + 1,
      ]);
    }
    await queryRunner.query(
      `CREATE TABLE "support_requests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "title" text NOT NULL, "description" text NOT NULL, "requesting_organization_id" uuid NOT NULL, "requesting_unit" text NOT NULL, "providing_organization_id" uuid NOT NULL, "area_code" text NOT NULL, "a4p_area_code" text NOT NULL, "priority" text NOT NULL, "needed_by" date NOT NULL, "marking" text NOT NULL DEFAULT 'UNMARKED', "links" text array NOT NULL DEFAULT '{}', "status" text NOT NULL DEFAULT 'submitted', "submitted_by" uuid, "assignee_id" uuid, "recommendation" text, "recommendation_rationale" text, "recommended_by" uuid, "decision" text, "decision_rationale" text, "decided_by" uuid, "delivery_summary" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a9ce3cdbad0970597a07ab5db97" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "support_requests_status_idx" ON "support_requests"  ("status", "created_at") `);
    await queryRunner.query(
      `CREATE TABLE "support_request_deadlines" ("support_request_id" uuid NOT NULL, "kind" text NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "met_at" TIMESTAMP WITH TIME ZONE, "paused_at" TIMESTAMP WITH TIME ZONE, "revision" integer NOT NULL DEFAULT '1', "breached_at" TIMESTAMP WITH TIME ZONE, "escalated_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_d472696d2e84e020d5e9738bb43" PRIMARY KEY ("support_request_id", "kind"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "support_request_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "support_request_id" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "kind" text NOT NULL, "actor_type" text NOT NULL, "actor_id" uuid, "from_status" text, "to_status" text, "body" text, "details" jsonb, CONSTRAINT "PK_5c6ed2cd712ef44431f6b71647b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "support_request_events_request_idx" ON "support_request_events"  ("support_request_id", "at") `);
    await queryRunner.query(`ALTER TABLE "organizations" ADD "weekend_days" smallint array NOT NULL DEFAULT '{6,7}'`);
    await queryRunner.query(`ALTER TABLE "organizations" ADD "holidays" text array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "agenda_items" ADD "support_request_id" uuid`);
    await queryRunner.query(`ALTER TABLE "reminders" ADD "support_request_id" uuid`);
    await queryRunner.query(`ALTER TABLE "reminders" ALTER COLUMN "exchange_id" DROP NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "support_requests" ADD CONSTRAINT "support_requests_requesting_fk" FOREIGN KEY ("requesting_organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "support_requests" ADD CONSTRAINT "support_requests_providing_fk" FOREIGN KEY ("providing_organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "support_requests" ADD CONSTRAINT "support_requests_a4p_area_fk" FOREIGN KEY ("a4p_area_code") REFERENCES "a4p_areas"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reminders" ADD CONSTRAINT "reminders_support_request_fk" FOREIGN KEY ("support_request_id") REFERENCES "support_requests"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "support_request_deadlines" ADD CONSTRAINT "support_request_deadlines_request_fk" FOREIGN KEY ("support_request_id") REFERENCES "support_requests"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "support_request_events" ADD CONSTRAINT "support_request_events_request_fk" FOREIGN KEY ("support_request_id") REFERENCES "support_requests"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "support_request_events" DROP CONSTRAINT "support_request_events_request_fk"`);
    await queryRunner.query(`ALTER TABLE "support_request_deadlines" DROP CONSTRAINT "support_request_deadlines_request_fk"`);
    await queryRunner.query(`ALTER TABLE "reminders" DROP CONSTRAINT "reminders_support_request_fk"`);
    await queryRunner.query(`ALTER TABLE "support_requests" DROP CONSTRAINT "support_requests_a4p_area_fk"`);
    await queryRunner.query(`ALTER TABLE "support_requests" DROP CONSTRAINT "support_requests_providing_fk"`);
    await queryRunner.query(`ALTER TABLE "support_requests" DROP CONSTRAINT "support_requests_requesting_fk"`);
    await queryRunner.query(`DELETE FROM "reminders" WHERE "exchange_id" IS NULL`);
    await queryRunner.query(`ALTER TABLE "reminders" ALTER COLUMN "exchange_id" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "reminders" DROP COLUMN "support_request_id"`);
    await queryRunner.query(`ALTER TABLE "agenda_items" DROP COLUMN "support_request_id"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "holidays"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "weekend_days"`);
    await queryRunner.query(`DROP INDEX "public"."support_request_events_request_idx"`);
    await queryRunner.query(`DROP TABLE "support_request_events"`);
    await queryRunner.query(`DROP TABLE "support_request_deadlines"`);
    await queryRunner.query(`DROP INDEX "public"."support_requests_status_idx"`);
    await queryRunner.query(`DROP TABLE "support_requests"`);
    await queryRunner.query(`DROP TABLE "a4p_areas"`);
  }
}
