import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Recipient } from './reminder-dispatcher';

/** Who a follow-up goes to, by role in an organisation. */
@Injectable()
export class Recipients {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  coordinatorsOf(organizationId: string): Promise<Recipient[]> {
    return this.dataSource.query(
      `SELECT id AS "personId", email_enabled AS "emailEnabled" FROM people
        WHERE organization_id = $1 AND 'coordinator' = ANY(roles) ORDER BY id`,
      [organizationId],
    );
  }

  seniorPeopleOf(organizationId: string): Promise<Recipient[]> {
    return this.dataSource.query(
      `SELECT id AS "personId", email_enabled AS "emailEnabled" FROM people
        WHERE organization_id = $1 AND level = 'senior' ORDER BY id`,
      [organizationId],
    );
  }

  persons(ids: string[]): Promise<Recipient[]> {
    return this.dataSource.query(`SELECT id AS "personId", email_enabled AS "emailEnabled" FROM people WHERE id = ANY($1) ORDER BY id`, [
      ids,
    ]);
  }
}
