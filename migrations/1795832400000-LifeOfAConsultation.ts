import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The life of a consultation after scheduling: agenda items, minutes versions and approvals,
 * action items (and their reminders), and the follow-up times of exchanges and series.
 */
export class LifeOfAConsultation1795832400000 implements MigrationInterface {
  name = 'LifeOfAConsultation1795832400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "action_items" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "exchange_id" uuid NOT NULL, "title" text NOT NULL, "owner_id" uuid NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" text NOT NULL DEFAULT 'open', "revision" integer NOT NULL DEFAULT '1', "revised_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "reminded_at" TIMESTAMP WITH TIME ZONE, "overdue_at" TIMESTAMP WITH TIME ZONE, "escalated_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5a84b168b001636b379312104ab" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "action_items_owner_idx" ON "action_items"  ("owner_id", "status", "due_at")`);
    await queryRunner.query(`CREATE INDEX "action_items_exchange_idx" ON "action_items"  ("exchange_id", "due_at")`);
    await queryRunner.query(
      `CREATE TABLE "agenda_items" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "exchange_id" uuid NOT NULL, "position" integer NOT NULL, "title" text NOT NULL, "area_code" text NOT NULL, "proposing_organization_id" uuid NOT NULL, "owner_id" uuid NOT NULL, "accepted_by" text array NOT NULL DEFAULT '{}', "state" text NOT NULL DEFAULT 'open', "carried_from_id" uuid, "action_item_id" uuid, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7274c40301175b4b4b347820d0c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "agenda_items_exchange_idx" ON "agenda_items"  ("exchange_id", "position")`);
    await queryRunner.query(
      `CREATE TABLE "minutes_versions" ("exchange_id" uuid NOT NULL, "version" integer NOT NULL, "text" text NOT NULL, "drafted_by" uuid, "drafted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_48a6cf34617bf6233d81cc3e525" PRIMARY KEY ("exchange_id", "version"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "minutes_approvals" ("exchange_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "version" integer NOT NULL, "approved_by" uuid, "approved_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3b4d56f84cb4b448922059af5b1" PRIMARY KEY ("exchange_id", "organization_id", "version"))`,
    );
    await queryRunner.query(`ALTER TABLE "series" ADD "agenda_freeze" text NOT NULL DEFAULT 'P1D'`);
    await queryRunner.query(`ALTER TABLE "series" ADD "minutes_due" text NOT NULL DEFAULT 'P5D'`);
    await queryRunner.query(`ALTER TABLE "series" ADD "action_item_notice" text NOT NULL DEFAULT 'P2D'`);
    await queryRunner.query(`ALTER TABLE "series" ADD "action_item_grace" text NOT NULL DEFAULT 'P3D'`);
    await queryRunner.query(`ALTER TABLE "exchanges" ADD "agenda_frozen_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "exchanges" ADD "minutes_locked_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "exchanges" ADD "agenda_freeze" text NOT NULL DEFAULT 'P1D'`);
    await queryRunner.query(`ALTER TABLE "exchanges" ADD "minutes_due" text NOT NULL DEFAULT 'P5D'`);
    await queryRunner.query(`ALTER TABLE "exchanges" ADD "action_item_notice" text NOT NULL DEFAULT 'P2D'`);
    await queryRunner.query(`ALTER TABLE "exchanges" ADD "action_item_grace" text NOT NULL DEFAULT 'P3D'`);
    await queryRunner.query(`ALTER TABLE "reminders" ADD "action_item_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "action_items" ADD CONSTRAINT "action_items_exchange_fk" FOREIGN KEY ("exchange_id") REFERENCES "exchanges"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_items" ADD CONSTRAINT "action_items_owner_fk" FOREIGN KEY ("owner_id") REFERENCES "people"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_exchange_fk" FOREIGN KEY ("exchange_id") REFERENCES "exchanges"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_organization_fk" FOREIGN KEY ("proposing_organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_owner_fk" FOREIGN KEY ("owner_id") REFERENCES "people"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "minutes_versions" ADD CONSTRAINT "minutes_versions_exchange_fk" FOREIGN KEY ("exchange_id") REFERENCES "exchanges"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "minutes_approvals" ADD CONSTRAINT "minutes_approvals_exchange_fk" FOREIGN KEY ("exchange_id") REFERENCES "exchanges"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "minutes_approvals" ADD CONSTRAINT "minutes_approvals_organization_fk" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reminders" ADD CONSTRAINT "reminders_action_item_fk" FOREIGN KEY ("action_item_id") REFERENCES "action_items"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "reminders" DROP CONSTRAINT "reminders_action_item_fk"`);
    await queryRunner.query(`ALTER TABLE "minutes_approvals" DROP CONSTRAINT "minutes_approvals_organization_fk"`);
    await queryRunner.query(`ALTER TABLE "minutes_approvals" DROP CONSTRAINT "minutes_approvals_exchange_fk"`);
    await queryRunner.query(`ALTER TABLE "minutes_versions" DROP CONSTRAINT "minutes_versions_exchange_fk"`);
    await queryRunner.query(`ALTER TABLE "agenda_items" DROP CONSTRAINT "agenda_items_owner_fk"`);
    await queryRunner.query(`ALTER TABLE "agenda_items" DROP CONSTRAINT "agenda_items_organization_fk"`);
    await queryRunner.query(`ALTER TABLE "agenda_items" DROP CONSTRAINT "agenda_items_exchange_fk"`);
    await queryRunner.query(`ALTER TABLE "action_items" DROP CONSTRAINT "action_items_owner_fk"`);
    await queryRunner.query(`ALTER TABLE "action_items" DROP CONSTRAINT "action_items_exchange_fk"`);
    await queryRunner.query(`ALTER TABLE "reminders" DROP COLUMN "action_item_id"`);
    await queryRunner.query(`ALTER TABLE "exchanges" DROP COLUMN "action_item_grace"`);
    await queryRunner.query(`ALTER TABLE "exchanges" DROP COLUMN "action_item_notice"`);
    await queryRunner.query(`ALTER TABLE "exchanges" DROP COLUMN "minutes_due"`);
    await queryRunner.query(`ALTER TABLE "exchanges" DROP COLUMN "agenda_freeze"`);
    await queryRunner.query(`ALTER TABLE "exchanges" DROP COLUMN "minutes_locked_at"`);
    await queryRunner.query(`ALTER TABLE "exchanges" DROP COLUMN "agenda_frozen_at"`);
    await queryRunner.query(`ALTER TABLE "series" DROP COLUMN "action_item_grace"`);
    await queryRunner.query(`ALTER TABLE "series" DROP COLUMN "action_item_notice"`);
    await queryRunner.query(`ALTER TABLE "series" DROP COLUMN "minutes_due"`);
    await queryRunner.query(`ALTER TABLE "series" DROP COLUMN "agenda_freeze"`);
    await queryRunner.query(`DROP TABLE "minutes_approvals"`);
    await queryRunner.query(`DROP TABLE "minutes_versions"`);
    await queryRunner.query(`DROP INDEX "public"."agenda_items_exchange_idx"`);
    await queryRunner.query(`DROP TABLE "agenda_items"`);
    await queryRunner.query(`DROP INDEX "public"."action_items_exchange_idx"`);
    await queryRunner.query(`DROP INDEX "public"."action_items_owner_idx"`);
    await queryRunner.query(`DROP TABLE "action_items"`);
  }
}
