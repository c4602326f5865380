import { Injectable } from '@nestjs/common';
import { actorOf, actsOnPerson, AuditService, PERSON_REFUSALS, Principal, NOT_A_PERSON } from '@liaison/access';
import { PeopleService, PERSON_DEACTIVATED } from '@liaison/directory';
import { DomainError } from '@liaison/common';
import { PeopleRepository, PersonEntity } from '@liaison/persistence';
import { randomUUID } from 'node:crypto';
import { WebhookChannel } from '../channels/webhook.channel';
import { WebhookTestResponse } from './webhook-test.dto';

export const WEBHOOK_TEST_EVENT = 'webhook.test';
/** The audit action of a test send (and the `attempted` of a refused one). */
const WEBHOOK_TEST_ACTION = 'webhook.test';

/** Sends a signed `webhook.test` event to a person's webhook URL, at once, and says how the receiver answered. */
@Injectable()
export class WebhookTestService {
  constructor(
    private readonly persons: PeopleRepository,
    private readonly webhooks: WebhookChannel,
    private readonly audit: AuditService,
    private readonly people: PeopleService,
  ) {}

  /** The caller's own URL. */
  async testOwn(principal: Principal): Promise<WebhookTestResponse> {
    if (principal.kind !== 'person') throw DomainError.forbidden(NOT_A_PERSON, 'the admin token is not a person and has no webhook');
    const person = await this.persons.byId(principal.person.id);
    return this.ping(person, principal);
  }

  /**
   * Someone's URL: admins, and the coordinators of that person's organisation who may act on them
   * (`actsOnPerson`: not on a person holding a role they do not hold); a person one cannot see is a
   * 404, a refusal an audited 403, a deactivated person a 409 (their webhook gets nothing).
   */
  async testPerson(id: string, principal: Principal): Promise<WebhookTestResponse> {
    const person = await this.people.findVisible(id, principal);
    const refusal = actsOnPerson(principal, { organizationCode: person.organization!.code, roles: person.roles });
    if (refusal?.code === PERSON_REFUSALS.notManager) {
      const reason = "only admins and coordinators of the person's organisation may test their webhook";
      await this.people.refuse(principal, { code: 'WEBHOOK.NOT_COORDINATOR', reason }, this.about(id));
    }
    if (refusal) await this.people.refuse(principal, refusal, this.about(id));
    if (person.deactivatedAt) throw DomainError.conflict(PERSON_DEACTIVATED, `person ${id} is deactivated: their webhook gets nothing`);
    return this.ping(person, principal);
  }

  private about(personId: string) {
    return { attempted: WEBHOOK_TEST_ACTION, entityType: 'person', entityId: personId };
  }

  private async ping(person: PersonEntity, principal: Principal): Promise<WebhookTestResponse> {
    if (!person.webhookUrl) throw DomainError.conflict('WEBHOOK.NOT_CONFIGURED', `person ${person.id} has no webhook URL`);
    const result = await this.webhooks.send(person, `test.${randomUUID()}`, {
      type: WEBHOOK_TEST_EVENT,
      data: { personId: person.id, message: 'A test event from Liaison: your receiver is reachable if it answers 2xx.' },
    });
    await this.audit.record({
      actor: actorOf(principal),
      action: WEBHOOK_TEST_ACTION,
      entityType: 'person',
      entityId: person.id,
      details: {
        webhookId: result.webhookId,
        delivered: result.delivered,
        status: result.status,
        ...(result.delivered ? {} : { error: result.error }),
      },
    });
    return { delivered: result.delivered, ...(result.status !== null ? { status: result.status } : {}), webhookId: result.webhookId };
  }
}
