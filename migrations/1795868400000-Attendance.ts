import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attendance: each participant's answer (`needs-action` until they give one), when they gave it,
 * and, for a delegation, the colleague it went to (who becomes a participant, `delegated_from`
 * naming who handed it on). `attendance_check`: how long before a senior exchange's start an
 * organisation with no accepted senior participant has its coordinators reminded.
 */
export class Attendance1795868400000 implements MigrationInterface {
  name = 'Attendance1795868400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "exchange_participants" ADD "attendance" text NOT NULL DEFAULT 'needs-action', ADD "responded_at" TIMESTAMP WITH TIME ZONE, ADD "delegated_to" uuid, ADD "delegated_from" uuid, ADD CONSTRAINT "exchange_participants_attendance_check" CHECK ("attendance" IN ('needs-action', 'accepted', 'tentative', 'declined', 'delegated')), ADD CONSTRAINT "exchange_participants_delegated_to_fk" FOREIGN KEY ("delegated_to") REFERENCES "people"("id") ON DELETE SET NULL, ADD CONSTRAINT "exchange_participants_delegated_from_fk" FOREIGN KEY ("delegated_from") REFERENCES "people"("id") ON DELETE SET NULL`,
    );
    await queryRunner.query(`ALTER TABLE "exchanges" ADD "attendance_check" text NOT NULL DEFAULT 'P2D'`);
    await queryRunner.query(`ALTER TABLE "series" ADD "attendance_check" text NOT NULL DEFAULT 'P2D'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "series" DROP COLUMN "attendance_check"`);
    await queryRunner.query(`ALTER TABLE "exchanges" DROP COLUMN "attendance_check"`);
    await queryRunner.query(
      `ALTER TABLE "exchange_participants" DROP COLUMN "delegated_from", DROP COLUMN "delegated_to", DROP COLUMN "responded_at", DROP COLUMN "attendance"`,
    );
  }
}
