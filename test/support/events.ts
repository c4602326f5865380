import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { payloadSchemaName } from '../../apps/api/src/openapi/webhooks';
import { TestStack } from './stack';

/** One row of the transactional outbox, as a test reads it. */
export interface OutboxRow {
  id: string;
  type: string;
  lane: string;
  occurredAt: Date;
  organizationIds: string[];
  data: Record<string, any>;
  seq: number;
}

/**
 * The events of `lane` (`exchange:<id>`, `series:<id>`, `support-request:<id>`) in the outbox, in
 * their order; each checked against its payload schema in docs/openapi.json's `webhooks` (throws if
 * one does not match it).
 */
export async function eventsOf(stack: TestStack, lane: string): Promise<OutboxRow[]> {
  const rows: Array<OutboxRow & { seq: string }> = await stack.api.get(DataSource).query(
    `SELECT id, type, lane, occurred_at AS "occurredAt", organization_ids AS "organizationIds", data, seq
         FROM event_outbox WHERE lane = $1 ORDER BY seq`,
    [lane],
  );
  const events = rows.map((r) => ({ ...r, seq: Number(r.seq) }));
  for (const event of events) {
    const problems = payloadProblems(event);
    if (problems.length > 0) throw new Error(`${event.type} on ${lane} does not match its payload schema: ${problems.join('; ')}`);
  }
  return events;
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

let ajv: Ajv2020 | undefined;
const validators = new Map<string, ValidateFunction>();

/** What is wrong with the event as a receiving organisation would get it, by its schema in the document; empty when nothing. */
export function payloadProblems(event: Pick<OutboxRow, 'id' | 'type' | 'occurredAt' | 'data'>): string[] {
  if (!ajv) {
    const document = JSON.parse(readFileSync(join(__dirname, '..', '..', 'docs', 'openapi.json'), 'utf8')) as { components: object };
    ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ $id: 'openapi', components: document.components });
  }
  const name = payloadSchemaName(event.type);
  let validate = validators.get(name);
  if (!validate) validators.set(name, (validate = ajv.compile({ $ref: `openapi#/components/schemas/${name}` })));
  const payload = {
    id: event.id,
    type: event.type,
    occurredAt: new Date(event.occurredAt).toISOString(),
    organization: 'ANY',
    data: event.data,
  };
  return validate(payload) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}
