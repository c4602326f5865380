import { randomBytes } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A webhook signing secret per organisation (it was one for the whole deployment): the current one,
 * and those rotated out that still sign until their `expires_at`. Every existing organisation gets
 * a random secret of its own here; its administrators read it by rotating it.
 */
export class WebhookSecrets1795846800000 implements MigrationInterface {
  name = 'WebhookSecrets1795846800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "webhook_secrets" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "secret" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_50b998e9fcc99aa3e0d8123c154" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "webhook_secrets_current_uq" ON "webhook_secrets"  ("organization_id") WHERE "expires_at" IS NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_secrets" ADD CONSTRAINT "webhook_secrets_organization_fk" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    const organizations: Array<{ id: string }> = await queryRunner.query(`SELECT id FROM "organizations"`);
    for (const { id } of organizations) {
      // The same form as WebhookSecretsRepository.newSecret(): 32 random bytes, base64url.
      await queryRunner.query(`INSERT INTO "webhook_secrets" ("organization_id", "secret") VALUES ($1, $2)`, [
        id,
        randomBytes(32).toString('base64url'),
      ]);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "webhook_secrets" DROP CONSTRAINT "webhook_secrets_organization_fk"`);
    await queryRunner.query(`DROP INDEX "public"."webhook_secrets_current_uq"`);
    await queryRunner.query(`DROP TABLE "webhook_secrets"`);
  }
}
