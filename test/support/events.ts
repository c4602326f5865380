import { DataSource } from 'typeorm';
import { TestStack } from './stack';

/** One row of the transactional outbox, as a test reads it. */
export interface OutboxRow {
  type: string;
  lane: string;
  organizationIds: string[];
  data: Record<string, any>;
  seq: number;
}

/** The events of `lane` (`exchange:<id>`, `series:<id>`, `support-request:<id>`) in the outbox, in their order. */
export async function eventsOf(stack: TestStack, lane: string): Promise<OutboxRow[]> {
  const rows: Array<OutboxRow & { seq: string }> = await stack.api
    .get(DataSource)
    .query(`SELECT type, lane, organization_ids AS "organizationIds", data, seq FROM event_outbox WHERE lane = $1 ORDER BY seq`, [lane]);
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

/** The types of `lane`'s events, in their order. */
export async function eventTypesOf(stack: TestStack, lane: string): Promise<string[]> {
  return (await eventsOf(stack, lane)).map((e) => e.type);
}

/** The id of each organisation code, to compare with an event's `organizationIds`. */
export async function organizationIdsOf(stack: TestStack, codes: string[]): Promise<string[]> {
  const rows: Array<{ id: string }> = await stack.api
    .get(DataSource)
    .query(`SELECT id FROM organizations WHERE code = ANY($1) ORDER BY id`, [codes]);
  return rows.map((r) => r.id);
}
