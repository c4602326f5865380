import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The rows whose workflow the API starts after committing them. */
const TABLES = ['exchanges', 'series', 'support_requests'] as const;

/**
 * `workflow_started_at` on exchanges, series and support requests: null from the commit until the
 * row's workflow is known to have started. The API's workflow start relay starts the workflow of a
 * row still null WORKFLOW_START_GRACE after its commit (the API process died between the two), found
 * through a partial index of those rows only. Likewise `workflow_signalled_at` on action items: null
 * from a create or a revision until the exchange's workflow has been told of it, the relay telling
 * it when the API died first. Rows already there had their workflow started or told: marked now.
 */
export class WorkflowStartMarkers1795861200000 implements MigrationInterface {
  name = 'WorkflowStartMarkers1795861200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await queryRunner.query(`ALTER TABLE "${table}" ADD "workflow_started_at" TIMESTAMP WITH TIME ZONE`);
      await queryRunner.query(`UPDATE "${table}" SET "workflow_started_at" = now()`);
      await queryRunner.query(
        `CREATE INDEX "${table}_workflow_unstarted_idx" ON "${table}" ("created_at") WHERE workflow_started_at IS NULL`,
      );
    }
    await queryRunner.query(`ALTER TABLE "action_items" ADD "workflow_signalled_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`UPDATE "action_items" SET "workflow_signalled_at" = now()`);
    await queryRunner.query(
      `CREATE INDEX "action_items_workflow_unsignalled_idx" ON "action_items" ("revised_at") WHERE workflow_signalled_at IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "action_items_workflow_unsignalled_idx"`);
    await queryRunner.query(`ALTER TABLE "action_items" DROP COLUMN "workflow_signalled_at"`);
    for (const table of TABLES) {
      await queryRunner.query(`DROP INDEX "${table}_workflow_unstarted_idx"`);
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "workflow_started_at"`);
    }
  }
}
