import type { OpenAPIObject } from '@nestjs/swagger';
import { EVENT_TYPES, EventType, PING_EVENT, SUPPORT_REQUEST_STATUSES, SUPPORT_STEPS } from '@liaison/domain';
import { RESTRICTED_FIELD } from '@liaison/events';

type Schema = Record<string, unknown>;
const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });

/** What each event's `data` is: the resource as the API shows it (docs/events.md). */
const EVENT_DATA: Record<EventType, { schema: Schema; when: string }> = {
  'exchange.created': {
    schema: ref('ExchangeResponse'),
    when: 'An exchange was created (through the API, or as an occurrence of a series).',
  },
  'exchange.confirmed': {
    schema: ref('ExchangeResponse'),
    when: 'One of its organisations confirmed it; `status` is `confirmed` once all have.',
  },
  'exchange.rescheduled': { schema: ref('ExchangeResponse'), when: 'It was moved to another start.' },
  'exchange.cancelled': { schema: ref('ExchangeResponse'), when: 'It was cancelled.' },
  'exchange.held': { schema: ref('ExchangeResponse'), when: 'Its end passed: it has been held.' },
  'exchange.closed': { schema: ref('ExchangeResponse'), when: 'The last organisation approved its minutes: it is closed.' },
  'agenda.item-proposed': { schema: ref('AgendaItemResponse'), when: 'An item was proposed for its agenda (or carried forward onto it).' },
  'agenda.item-accepted': { schema: ref('AgendaItemResponse'), when: 'An organisation accepted an agenda item; `accepted` once all have.' },
  'agenda.frozen': { schema: ref('AgendaResponse'), when: 'Its agenda froze before the start.' },
  'minutes.drafted': { schema: ref('MinutesResponse'), when: 'A version of its minutes was drafted.' },
  'minutes.approved': { schema: ref('MinutesResponse'), when: 'An organisation approved the current version; `locked` once all have.' },
  'action-item.created': { schema: ref('ActionItemResponse'), when: 'An action item was added.' },
  'action-item.updated': { schema: ref('ActionItemResponse'), when: 'An action item was changed (but not to `done`).' },
  'action-item.overdue': { schema: ref('ActionItemResponse'), when: 'An open action item passed its due time.' },
  'action-item.done': { schema: ref('ActionItemResponse'), when: 'An action item was marked done.' },
  'attendance.answered': {
    schema: {
      allOf: [
        ref('ParticipantResponse'),
        { type: 'object', required: ['exchangeId'], properties: { exchangeId: { type: 'string', format: 'uuid' } } },
      ],
    },
    when: "A participant answered whether they attend: their entry in the exchange's `participants`.",
  },
  'series.created': { schema: ref('SeriesResponse'), when: 'A series was created.' },
  'series.amended': { schema: ref('SeriesResponse'), when: 'A series was amended.' },
  'series.paused': { schema: ref('SeriesResponse'), when: 'A series was paused.' },
  'series.resumed': { schema: ref('SeriesResponse'), when: 'A paused series was resumed.' },
  'series.ended': { schema: ref('SeriesResponse'), when: 'A series was ended.' },
  'support-request.submitted': { schema: ref('SupportRequestResponse'), when: 'A support request was submitted.' },
  'support-request.step': { schema: ref('SupportTransitionEventData'), when: 'A step moved the request to a status that is not final.' },
  'support-request.breached': { schema: ref('SupportRequestResponse'), when: 'One of its deadlines passed unmet.' },
  'support-request.escalated': { schema: ref('SupportRequestResponse'), when: 'A breached deadline was escalated to the senior level.' },
  'support-request.closed': {
    schema: ref('SupportTransitionEventData'),
    when: 'A step moved the request to a final status: closed, declined or withdrawn.',
  },
};

/** The schemas the payloads share: the restricted form, a support request's transition, the ping's data. */
const SHARED_SCHEMAS: Record<string, Schema> = {
  RestrictedEventData: {
    type: 'object',
    description:
      "The `data` of an event about a RESTRICTED resource: only its ids (`id`, `…Id`, `…Ids`), status (`status`, `…Status`, `attendance`), times (`…At`, `…Start`) and `timezone`, as the resource's full form has them.",
    patternProperties: {
      [RESTRICTED_FIELD.source]: { anyOf: [{ type: ['string', 'null'] }, { type: 'array', items: { type: 'string' } }] },
    },
    additionalProperties: false,
  },
  SupportTransitionEventData: {
    allOf: [
      ref('SupportRequestResponse'),
      {
        type: 'object',
        required: ['step', 'fromStatus', 'toStatus'],
        properties: {
          step: { type: 'string', enum: Object.keys(SUPPORT_STEPS), description: 'The step taken' },
          fromStatus: { type: 'string', enum: [...SUPPORT_REQUEST_STATUSES], description: 'The status before it' },
          toStatus: { type: 'string', enum: [...SUPPORT_REQUEST_STATUSES], description: 'The status after it' },
        },
      },
    ],
  },
  PingEventData: {
    type: 'object',
    required: ['subscriptionId'],
    properties: { subscriptionId: { type: 'string', format: 'uuid', description: 'The subscription pinged' } },
  },
};

/** `ExchangeCreatedEvent` for `exchange.created`, `PingEvent` for `ping`. */
export function payloadSchemaName(type: string): string {
  return `${type.replace(/(^|[.-])(\w)/g, (_, __, c: string) => c.toUpperCase())}Event`;
}

function envelope(type: string, data: Schema, description: string): Schema {
  return {
    type: 'object',
    description,
    required: ['id', 'type', 'occurredAt', 'organization', 'data'],
    properties: {
      id: {
        type: 'string',
        format: 'uuid',
        description: 'The event’s id, the same on every delivery (also the `webhook-id` header): deduplicate by it',
      },
      type: { type: 'string', enum: [type] },
      occurredAt: { type: 'string', format: 'date-time', description: 'When the change committed' },
      organization: { type: 'string', description: 'The code of the receiving organisation, whose subscription this delivery is for' },
      data,
    },
  };
}

/**
 * The document's `webhooks`: one entry per event type (and `ping`), each the POST a subscription's
 * URL receives, its body the event's payload schema (components `…Event`). The typed client exports
 * them as `EventPayloads`.
 */
export function documentWebhooks(document: OpenAPIObject): OpenAPIObject {
  const schemas: Record<string, Schema> = { ...SHARED_SCHEMAS };
  const webhooks: Record<string, Schema> = {};
  const add = (type: string, data: Schema, when: string) => {
    const name = payloadSchemaName(type);
    schemas[name] = envelope(type, data, when);
    webhooks[type] = {
      post: {
        summary: type,
        description: `${when} See docs/events.md.`,
        requestBody: { required: true, content: { 'application/json': { schema: ref(name) } } },
        responses: { '200': { description: 'Received: any 2xx status counts as delivered; anything else is retried' } },
      },
    };
  };
  for (const type of EVENT_TYPES) {
    add(type, { anyOf: [EVENT_DATA[type].schema, ref('RestrictedEventData')] }, EVENT_DATA[type].when);
  }
  add(PING_EVENT, ref('PingEventData'), 'Sent to one subscription on `POST …/event-subscriptions/{id}/ping`; not subscribed to.');
  return {
    ...document,
    components: { ...document.components, schemas: { ...document.components?.schemas, ...schemas } },
    webhooks,
  };
}
