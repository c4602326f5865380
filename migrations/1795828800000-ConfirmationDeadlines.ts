import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Confirmation deadlines: per exchange and series, per-organisation reminder/escalation times, reminder kinds. */
export class ConfirmationDeadlines1795828800000 implements MigrationInterface {
  name = 'ConfirmationDeadlines1795828800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "exchanges" ADD "confirmation_deadline" text NOT NULL DEFAULT 'P7D'`);
    await queryRunner.query(`ALTER TABLE "exchanges" ADD "escalate_after" text NOT NULL DEFAULT 'P2D'`);
    await queryRunner.query(`ALTER TABLE "series" ADD "confirmation_deadline" text NOT NULL DEFAULT 'P7D'`);
    await queryRunner.query(`ALTER TABLE "series" ADD "escalate_after" text NOT NULL DEFAULT 'P2D'`);
    await queryRunner.query(`ALTER TABLE "exchange_organizations" ADD "reminded_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "exchange_organizations" ADD "escalated_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "reminders" ADD "kind" text NOT NULL DEFAULT 'exchange'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "reminders" DROP COLUMN "kind"`);
    await queryRunner.query(`ALTER TABLE "exchange_organizations" DROP COLUMN "escalated_at"`);
    await queryRunner.query(`ALTER TABLE "exchange_organizations" DROP COLUMN "reminded_at"`);
    await queryRunner.query(`ALTER TABLE "series" DROP COLUMN "escalate_after"`);
    await queryRunner.query(`ALTER TABLE "series" DROP COLUMN "confirmation_deadline"`);
    await queryRunner.query(`ALTER TABLE "exchanges" DROP COLUMN "escalate_after"`);
    await queryRunner.query(`ALTER TABLE "exchanges" DROP COLUMN "confirmation_deadline"`);
  }
}
