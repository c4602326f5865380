import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Recipient } from '@liaison/domain';
import { DataSource } from 'typeorm';
import { managerOf, UnitOfWork } from '../unit-of-work';

/**
 * The select list of a `Recipient` from the `people` table (aliased `alias`, or unaliased): every
 * query that picks who a reminder goes to uses it, so each channel a person may have comes along,
 * whether they are active (a deactivated person has none), and their zone and quiet hours (when a
 * reminder to them is sent; quiet hours only when both ends are set, as the API shows them).
 */
function recipientColumns(alias?: string): string {
  const column = (name: string) => (alias ? `${alias}.${name}` : name);
  return [
    `${column('id')} AS "personId"`,
    `${column('email_enabled')} AS "emailEnabled"`,
    `${column('webhook_url')} AS "webhookUrl"`,
    `${column('deactivated_at')} IS NULL AS "active"`,
    `${column('timezone')} AS "timezone"`,
    `CASE WHEN ${column('quiet_hours_start')} IS NOT NULL AND ${column('quiet_hours_end')} IS NOT NULL
       THEN json_build_object('start', ${column('quiet_hours_start')}, 'end', ${column('quiet_hours_end')}) END AS "quietHours"`,
  ].join(', ');
}

/** Who reminders go to (people, as `Recipient`s): by role or level in an organisation, by part in an exchange, or by id. */
@Injectable()
export class RecipientsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  coordinatorsOf(organizationId: string, uow?: UnitOfWork): Promise<Recipient[]> {
    return managerOf(this.dataSource, uow).query(
      `SELECT ${recipientColumns()} FROM people
        WHERE organization_id = $1 AND 'coordinator' = ANY(roles) ORDER BY id`,
      [organizationId],
    );
  }

  seniorPeopleOf(organizationId: string, uow?: UnitOfWork): Promise<Recipient[]> {
    return managerOf(this.dataSource, uow).query(
      `SELECT ${recipientColumns()} FROM people
        WHERE organization_id = $1 AND level = 'senior' ORDER BY id`,
      [organizationId],
    );
  }

  persons(ids: string[], uow?: UnitOfWork): Promise<Recipient[]> {
    return managerOf(this.dataSource, uow).query(`SELECT ${recipientColumns()} FROM people WHERE id = ANY($1) ORDER BY id`, [ids]);
  }

  /** One person with their organisation; undefined when there is no such person. */
  async withOrganization(personId: string, uow?: UnitOfWork): Promise<(Recipient & { organizationId: string }) | undefined> {
    const [row]: Array<Recipient & { organizationId: string }> = await managerOf(this.dataSource, uow).query(
      `SELECT organization_id AS "organizationId", ${recipientColumns()} FROM people WHERE id = $1`,
      [personId],
    );
    return row;
  }

  /** The exchange's participants. */
  participantsOf(exchangeId: string, uow?: UnitOfWork): Promise<Recipient[]> {
    return managerOf(this.dataSource, uow).query(
      `SELECT ${recipientColumns('p')} FROM exchange_participants ep JOIN people p ON p.id = ep.person_id WHERE ep.exchange_id = $1`,
      [exchangeId],
    );
  }

  /** The exchange's senior-level participants from one organisation. */
  seniorParticipantsOf(exchangeId: string, organizationId: string, uow?: UnitOfWork): Promise<Recipient[]> {
    return managerOf(this.dataSource, uow).query(
      `SELECT ${recipientColumns('p')}
         FROM exchange_participants ep JOIN people p ON p.id = ep.person_id
        WHERE ep.exchange_id = $1 AND p.organization_id = $2 AND p.level = 'senior' ORDER BY p.id`,
      [exchangeId, organizationId],
    );
  }
}
