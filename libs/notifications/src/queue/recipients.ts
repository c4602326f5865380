import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Recipient } from './reminder-dispatcher';

/**
 * The select list of a `Recipient` from the `people` table (aliased `alias`, or unaliased): every
 * query that picks who a reminder goes to uses it, so each channel a person may have comes along,
 * and whether they are active (a deactivated person has none).
 */
export function recipientColumns(alias?: string): string {
  const column = (name: string) => (alias ? `${alias}.${name}` : name);
  return `${column('id')} AS "personId", ${column('email_enabled')} AS "emailEnabled", ${column('webhook_url')} AS "webhookUrl", ${column('deactivated_at')} IS NULL AS "active"`;
}

/** Who a follow-up goes to, by role in an organisation. */
@Injectable()
export class Recipients {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  coordinatorsOf(organizationId: string): Promise<Recipient[]> {
    return this.dataSource.query(
      `SELECT ${recipientColumns()} FROM people
        WHERE organization_id = $1 AND 'coordinator' = ANY(roles) ORDER BY id`,
      [organizationId],
    );
  }

  seniorPeopleOf(organizationId: string): Promise<Recipient[]> {
    return this.dataSource.query(
      `SELECT ${recipientColumns()} FROM people
        WHERE organization_id = $1 AND level = 'senior' ORDER BY id`,
      [organizationId],
    );
  }

  persons(ids: string[]): Promise<Recipient[]> {
    return this.dataSource.query(`SELECT ${recipientColumns()} FROM people WHERE id = ANY($1) ORDER BY id`, [ids]);
  }
}
