import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The web app's sign-in: `sign_in_links`, the single-use links sent by e-mail (the SHA-256 of the
 * secret, never the secret; `used_at` set once, by the redemption that wins), and `web_sessions`,
 * the sessions a sign-in opens (the SHA-256 of the cookie's secret; revoked by sign-out or by their
 * owner). Both go with their person.
 */
export class WebSessions1795864800000 implements MigrationInterface {
  name = 'WebSessions1795864800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "sign_in_links" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "token_hash" text NOT NULL, "next" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "sign_in_links_pk" PRIMARY KEY ("id"), CONSTRAINT "sign_in_links_token_hash_unique" UNIQUE ("token_hash"), CONSTRAINT "sign_in_links_person_fk" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE)`,
    );
    await queryRunner.query(`CREATE INDEX "sign_in_links_expires_idx" ON "sign_in_links" ("expires_at")`);
    await queryRunner.query(
      `CREATE TABLE "web_sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "secret_hash" text NOT NULL, "method" text NOT NULL, "user_agent" text, "address" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "web_sessions_pk" PRIMARY KEY ("id"), CONSTRAINT "web_sessions_secret_hash_unique" UNIQUE ("secret_hash"), CONSTRAINT "web_sessions_person_fk" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE)`,
    );
    await queryRunner.query(`CREATE INDEX "web_sessions_person_idx" ON "web_sessions" ("person_id", "created_at")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "web_sessions"`);
    await queryRunner.query(`DROP TABLE "sign_in_links"`);
  }
}
