import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { actorOf, AuditService, coordinatesFor, Principal } from '@liaison/access';
import { PeopleService } from '@liaison/directory';
import { DomainError } from '@liaison/common';
import { PersonEntity } from '@liaison/persistence';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { WebhookChannel } from '../channels/webhook.channel';
import { WebhookTestResponse } from './webhook-test.dto';

export const WEBHOOK_TEST_EVENT = 'webhook.test';

/** Sends a signed `webhook.test` event to a person's webhook URL, at once, and says how the receiver answered. */
@Injectable()
export class WebhookTestService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly webhooks: WebhookChannel,
    private readonly audit: AuditService,
    private readonly people: PeopleService,
  ) {}

  /** The caller's own URL. */
  async testOwn(principal: Principal): Promise<WebhookTestResponse> {
    if (principal.kind !== 'person') throw DomainError.forbidden('ME.NOT_A_PERSON', 'the admin token is not a person and has no webhook');
    const person = await this.dataSource.getRepository(PersonEntity).findOneByOrFail({ id: principal.person.id });
    return this.ping(person, principal);
  }

  /** Someone's URL: admins, and the coordinators of that person's organisation; a person one cannot see is a 404. */
  async testPerson(id: string, principal: Principal): Promise<WebhookTestResponse> {
    const person = await this.people.findVisible(id, principal);
    if (!coordinatesFor(principal, person.organization!.code)) {
      throw DomainError.forbidden(
        'WEBHOOK.NOT_COORDINATOR',
        "only admins and coordinators of the person's organisation may test their webhook",
      );
    }
    return this.ping(person, principal);
  }

  private async ping(person: PersonEntity, principal: Principal): Promise<WebhookTestResponse> {
    if (!person.webhookUrl) throw DomainError.conflict('WEBHOOK.NOT_CONFIGURED', `person ${person.id} has no webhook URL`);
    const result = await this.webhooks.send(person.webhookUrl, `test.${randomUUID()}`, {
      type: WEBHOOK_TEST_EVENT,
      data: { personId: person.id, message: 'A test event from Liaison: your receiver is reachable if it answers 2xx.' },
    });
    await this.audit.record({
      actor: actorOf(principal),
      action: 'webhook.test',
      entityType: 'person',
      entityId: person.id,
      details: {
        webhookId: result.webhookId,
        delivered: result.delivered,
        status: result.status,
        ...(result.delivered ? {} : { error: result.error }),
      },
    });
    return result;
  }
}
