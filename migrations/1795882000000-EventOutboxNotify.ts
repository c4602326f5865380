import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Wakes the event relay (docs/event-delivery.md) at the commit of every transaction that wrote to
 * the outbox: a statement-level trigger NOTIFYs channel `event_outbox`, which Postgres delivers only
 * on commit (and once per transaction, identical notifications being folded).
 */
export class EventOutboxNotify1795882000000 implements MigrationInterface {
  name = 'EventOutboxNotify1795882000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION "event_outbox_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('event_outbox', '');
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "event_outbox_notify" AFTER INSERT ON "event_outbox" FOR EACH STATEMENT EXECUTE FUNCTION "event_outbox_notify"()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "event_outbox_notify" ON "event_outbox"`);
    await queryRunner.query(`DROP FUNCTION "event_outbox_notify"()`);
  }
}
