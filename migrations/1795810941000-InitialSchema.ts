import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The cooperation areas of the joint declaration, in its order, with stable codes. */
export const COOPERATION_AREAS: ReadonlyArray<{ code: string; name: string }> = [
  { code: 'C-IED', name: 'Countering improvised explosive devices' },
  { code: 'TRAINING', name: 'Training and preparedness' },
  { code: 'CAPACITY-DSR', name: 'Capacity building and defence sector reform' },
  { code: 'POC', name: 'Protection of civilians' },
  { code: 'WPS', name: 'Women, peace and security' },
  { code: 'YPS', name: 'Youth, peace and security' },
  { code: 'CAAC', name: 'Children and armed conflict' },
  { code: 'CT-PVE', name: 'Countering terrorism and preventing violent extremism' },
  { code: 'LESSONS-PLANNING', name: 'Lessons learned, planning and support for contingencies' },
  { code: 'CYBER', name: 'Cyber defence' },
  { code: 'OPS-COORDINATION', name: 'Operational coordination and support' },
  { code: 'A4P', name: 'Support to peace operations (A4P)' },
];

export class InitialSchema1795810941000 implements MigrationInterface {
  name = 'InitialSchema1795810941000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "organizations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" text NOT NULL, "name" text NOT NULL, "timezone" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_7e27c3b62c681fbe3e2322535f2" UNIQUE ("code"), CONSTRAINT "PK_6b031fcd0863e3f6b44230163f9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "people" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "email" text NOT NULL, "organization_id" uuid NOT NULL, "level" text NOT NULL, "roles" text array NOT NULL, "timezone" text NOT NULL, "email_enabled" boolean NOT NULL DEFAULT false, "webhook_url" text, "quiet_hours_start" text, "quiet_hours_end" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_aa866e71353ee94c6cc51059c5b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "people_organization_idx" ON "people"("organization_id") `);
    await queryRunner.query(
      `CREATE TABLE "access_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "token_hash" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_9bbf8c3c1a897742f78d50e729b" UNIQUE ("token_hash"), CONSTRAINT "PK_65140f59763ff994a0252488166" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "access_tokens_person_idx" ON "access_tokens"("person_id") `);
    await queryRunner.query(
      `CREATE TABLE "audit_events" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_type" text NOT NULL, "actor_id" text, "action" text NOT NULL, "entity_type" text NOT NULL, "entity_id" text NOT NULL, "from_state" text, "to_state" text, "details" jsonb, CONSTRAINT "PK_910f64d901a5c3e9878f0d4a407" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "audit_events_entity_idx" ON "audit_events"("entity_type", "entity_id", "at") `);
    await queryRunner.query(
      `CREATE TABLE "cooperation_areas" ("code" text NOT NULL, "name" text NOT NULL, "position" integer NOT NULL, CONSTRAINT "PK_f69bf8d61e74767bc2c69a2af65" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "exchanges" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "title" text NOT NULL, "level" text NOT NULL, "areas" text array NOT NULL, "host_organization_id" uuid NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "duration_minutes" integer NOT NULL, "timezone" text NOT NULL, "location" text, "marking" text NOT NULL DEFAULT 'UNMARKED', "reminder_offsets" text array NOT NULL, "status" text NOT NULL DEFAULT 'scheduled', "schedule_revision" integer NOT NULL DEFAULT '1', "created_by" uuid, "cancel_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_17ccd29473f939c68de98c2cea3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "exchanges_status_idx" ON "exchanges"("status") `);
    await queryRunner.query(`CREATE INDEX "exchanges_starts_at_idx" ON "exchanges"("starts_at", "id") `);
    await queryRunner.query(
      `CREATE TABLE "exchange_organizations" ("exchange_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "confirmed_at" TIMESTAMP WITH TIME ZONE, "confirmed_by" uuid, CONSTRAINT "PK_39280ed84397e5c62930cf51963" PRIMARY KEY ("exchange_id", "organization_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "exchange_participants" ("exchange_id" uuid NOT NULL, "person_id" uuid NOT NULL, CONSTRAINT "PK_e2f540c8b628403c2c067ea5047" PRIMARY KEY ("exchange_id", "person_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "exchange_participants_person_idx" ON "exchange_participants"("person_id") `);
    await queryRunner.query(
      `CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "kind" text NOT NULL, "exchange_id" uuid, "support_request_id" uuid, "reminder_id" uuid, "title" text NOT NULL, "body" text NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE, "delivered_at" TIMESTAMP WITH TIME ZONE NOT NULL, "read_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_aee0b650dc7d27fff5bc0cb906c" UNIQUE ("reminder_id"), CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "notifications_person_idx" ON "notifications"("person_id", "delivered_at", "id") `);
    await queryRunner.query(
      `CREATE TABLE "reminders" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "key" text NOT NULL, "exchange_id" uuid NOT NULL, "revision" integer NOT NULL, "person_id" uuid NOT NULL, "channel" text NOT NULL, "offset" text NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" text NOT NULL DEFAULT 'scheduled', "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "queued_at" TIMESTAMP WITH TIME ZONE, "sent_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_0c7b5f38a007bfc3392375faf7e" UNIQUE ("key"), CONSTRAINT "PK_38715fec7f634b72c6cf7ea4893" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "reminders_status_due_idx" ON "reminders"("status", "due_at") `);
    await queryRunner.query(`CREATE INDEX "reminders_exchange_idx" ON "reminders"("exchange_id", "due_at") `);
    await queryRunner.query(
      `ALTER TABLE "people" ADD CONSTRAINT "people_organization_fk" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "access_tokens" ADD CONSTRAINT "access_tokens_person_fk" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "exchanges" ADD CONSTRAINT "exchanges_host_organization_fk" FOREIGN KEY ("host_organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "exchange_organizations" ADD CONSTRAINT "exchange_organizations_exchange_fk" FOREIGN KEY ("exchange_id") REFERENCES "exchanges"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "exchange_organizations" ADD CONSTRAINT "exchange_organizations_organization_fk" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "exchange_participants" ADD CONSTRAINT "exchange_participants_exchange_fk" FOREIGN KEY ("exchange_id") REFERENCES "exchanges"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "exchange_participants" ADD CONSTRAINT "exchange_participants_person_fk" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notifications" ADD CONSTRAINT "notifications_person_fk" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reminders" ADD CONSTRAINT "reminders_exchange_fk" FOREIGN KEY ("exchange_id") REFERENCES "exchanges"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reminders" ADD CONSTRAINT "reminders_person_fk" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "people_email_unique" ON "people" (lower("email"))`);
    for (const [position, area] of COOPERATION_AREAS.entries()) {
      await queryRunner.query(`INSERT INTO "cooperation_areas" ("code", "name", "position") VALUES ($1, $2, $3)`, [
        area.code,
        area.name,
        position + 1,
      ]);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."people_email_unique"`);
    await queryRunner.query(`ALTER TABLE "reminders" DROP CONSTRAINT "reminders_person_fk"`);
    await queryRunner.query(`ALTER TABLE "reminders" DROP CONSTRAINT "reminders_exchange_fk"`);
    await queryRunner.query(`ALTER TABLE "notifications" DROP CONSTRAINT "notifications_person_fk"`);
    await queryRunner.query(`ALTER TABLE "exchange_participants" DROP CONSTRAINT "exchange_participants_person_fk"`);
    await queryRunner.query(`ALTER TABLE "exchange_participants" DROP CONSTRAINT "exchange_participants_exchange_fk"`);
    await queryRunner.query(`ALTER TABLE "exchange_organizations" DROP CONSTRAINT "exchange_organizations_organization_fk"`);
    await queryRunner.query(`ALTER TABLE "exchange_organizations" DROP CONSTRAINT "exchange_organizations_exchange_fk"`);
    await queryRunner.query(`ALTER TABLE "exchanges" DROP CONSTRAINT "exchanges_host_organization_fk"`);
    await queryRunner.query(`ALTER TABLE "access_tokens" DROP CONSTRAINT "access_tokens_person_fk"`);
    await queryRunner.query(`ALTER TABLE "people" DROP CONSTRAINT "people_organization_fk"`);
    await queryRunner.query(`DROP INDEX "public"."reminders_exchange_idx"`);
    await queryRunner.query(`DROP INDEX "public"."reminders_status_due_idx"`);
    await queryRunner.query(`DROP TABLE "reminders"`);
    await queryRunner.query(`DROP INDEX "public"."notifications_person_idx"`);
    await queryRunner.query(`DROP TABLE "notifications"`);
    await queryRunner.query(`DROP INDEX "public"."exchange_participants_person_idx"`);
    await queryRunner.query(`DROP TABLE "exchange_participants"`);
    await queryRunner.query(`DROP TABLE "exchange_organizations"`);
    await queryRunner.query(`DROP INDEX "public"."exchanges_starts_at_idx"`);
    await queryRunner.query(`DROP INDEX "public"."exchanges_status_idx"`);
    await queryRunner.query(`DROP TABLE "exchanges"`);
    await queryRunner.query(`DROP TABLE "cooperation_areas"`);
    await queryRunner.query(`DROP INDEX "public"."audit_events_entity_idx"`);
    await queryRunner.query(`DROP TABLE "audit_events"`);
    await queryRunner.query(`DROP INDEX "public"."access_tokens_person_idx"`);
    await queryRunner.query(`DROP TABLE "access_tokens"`);
    await queryRunner.query(`DROP INDEX "public"."people_organization_idx"`);
    await queryRunner.query(`DROP TABLE "people"`);
    await queryRunner.query(`DROP TABLE "organizations"`);
  }
}
