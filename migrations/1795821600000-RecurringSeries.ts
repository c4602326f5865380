import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Recurring consultations: the series table, and each occurrence's series, slot and detached flag. */
export class RecurringSeries1795821600000 implements MigrationInterface {
  name = 'RecurringSeries1795821600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "series" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "title" text NOT NULL, "level" text NOT NULL, "areas" text array NOT NULL, "organizations" text array NOT NULL, "host_rotation" text array NOT NULL, "participant_ids" uuid array NOT NULL, "reminder_offsets" text array NOT NULL, "rrule" text NOT NULL, "dtstart" text NOT NULL, "timezone" text NOT NULL, "exdates" text array NOT NULL DEFAULT '{}', "duration_minutes" integer NOT NULL, "location" text, "marking" text NOT NULL DEFAULT 'UNMARKED', "horizon" integer NOT NULL DEFAULT '2', "status" text NOT NULL DEFAULT 'active', "revision" integer NOT NULL DEFAULT '1', "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e725676647382eb54540d7128ba" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`ALTER TABLE "exchanges" ADD "series_id" uuid`);
    await queryRunner.query(`ALTER TABLE "exchanges" ADD "slot_start" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "exchanges" ADD "detached" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`CREATE UNIQUE INDEX "exchanges_series_slot_unique" ON "exchanges" ("series_id", "slot_start")`);
    await queryRunner.query(
      `ALTER TABLE "exchanges" ADD CONSTRAINT "exchanges_series_fk" FOREIGN KEY ("series_id") REFERENCES "series"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "exchanges" DROP CONSTRAINT "exchanges_series_fk"`);
    await queryRunner.query(`DROP INDEX "public"."exchanges_series_slot_unique"`);
    await queryRunner.query(`ALTER TABLE "exchanges" DROP COLUMN "detached"`);
    await queryRunner.query(`ALTER TABLE "exchanges" DROP COLUMN "slot_start"`);
    await queryRunner.query(`ALTER TABLE "exchanges" DROP COLUMN "series_id"`);
    await queryRunner.query(`DROP TABLE "series"`);
  }
}
