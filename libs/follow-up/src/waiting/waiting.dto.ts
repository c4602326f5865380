import { ApiProperty } from '@nestjs/swagger';
import { INSTANT_OR_NULL } from '@liaison/common';

/** What can be waiting for a person. */
export const WAITING_KINDS = ['confirmation', 'agenda-item', 'minutes', 'action-item', 'support-request'] as const;
export type WaitingKind = (typeof WAITING_KINDS)[number];

/** One thing waiting for the caller: a step open to them, as the resource's own `actions` say. */
export class WaitingItemResponse {
  @ApiProperty({
    enum: WAITING_KINDS,
    description:
      '`confirmation`: an exchange the caller may confirm for an organisation; `agenda-item`: an agenda item awaiting acceptance by an organisation the caller coordinates for; `minutes`: a minutes version awaiting its approval; `action-item`: an open action item the caller owns; `support-request`: a support request with a step open to the caller',
  })
  kind!: WaitingKind;
  @ApiProperty({
    description:
      'What is waiting: the exchange’s, item’s or request’s title; for a RESTRICTED exchange or request, only its marking and the start of its id',
  })
  title!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The exchange it is on; null for a support request' })
  exchangeId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The support request; null for the other kinds' })
  supportRequestId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The organisation code the caller would act for; null for an action item' })
  organization!: string | null;
  @ApiProperty({
    description:
      '`confirm`, `accept`, `approve`, `update` (an action item: its status), or the support step (`acknowledge`, `provide-information`, `decide`, …)',
  })
  action!: string;
  @ApiProperty({
    ...INSTANT_OR_NULL,
    description:
      'When it is due: the confirmation deadline, the agenda freeze, the action item’s due time, the request’s earliest running deadline; null when there is none (minutes approval, a request without one)',
  })
  dueAt!: string | null;
}

export class WaitingResponse {
  @ApiProperty({ type: () => WaitingItemResponse, isArray: true, description: 'By due time, those without one last' })
  items!: WaitingItemResponse[];
}
