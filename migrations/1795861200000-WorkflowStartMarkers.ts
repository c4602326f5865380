import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The rows whose workflow the API starts after committing them. */
const TABLES = ['exchanges', 'series', 'support_requests'] as const;

/**
 * `workflow_started_at` on exchanges, series and support requests: null from the commit until the
 * row's workflow is known to have started. The API's workflow start relay starts the workflow of a
 * row still null WORKFLOW_START_GRACE after its commit (the API process died between the two), found
 * through a partial index of those rows only. Rows already there had their workflow started: they
 * are marked now.
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
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await queryRunner.query(`DROP INDEX "${table}_workflow_unstarted_idx"`);
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "workflow_started_at"`);
    }
  }
}
