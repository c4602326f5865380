import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { INSTANT, IsLine, MAX_AREA, MAX_CODE } from '@liaison/common';
import { AGENDA_ITEM_SOURCES, AGENDA_ITEM_STATES, type AgendaItemSource, type AgendaItemState } from '@liaison/domain';

export class CreateAgendaItemDto {
  @ApiProperty({ example: 'Protection of civilians in mission areas' })
  @IsLine()
  title!: string;

  @ApiProperty({ example: 'POC', description: 'A cooperation area code' })
  @IsString()
  @Length(1, MAX_AREA)
  area!: string;

  @ApiPropertyOptional({ description: 'The person who owns the item; the caller when omitted' })
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @ApiPropertyOptional({ example: 'UN', description: "The proposing organisation; the caller's own when omitted (admins must give it)" })
  @IsOptional()
  @IsString()
  @Length(1, MAX_CODE)
  proposingOrganization?: string;
}

/** Any of its title, area and owner. */
export class UpdateAgendaItemDto extends PartialType(PickType(CreateAgendaItemDto, ['title', 'area', 'ownerId'] as const)) {}

export class AcceptAgendaItemDto {
  @ApiProperty({ example: 'NATO', description: 'The organisation accepting the item' })
  @IsString()
  @Length(1, MAX_CODE)
  organization!: string;
}

/**
 * One agenda entry. `source`: `proposed` by an organisation, `carried` from an earlier occurrence,
 * or `action-item`: an open action item of an earlier occurrence (no `id` while the agenda is open:
 * it follows its action item; the freeze makes it an item of its own), or `support-request`: a
 * request raised onto it, or an open overdue request listed on the next senior-level exchange.
 */
export class AgendaItemResponse {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Null for an entry the open agenda takes in by itself (an action item, an overdue request); the freeze gives it one',
  })
  id!: string | null;
  @ApiProperty({ format: 'uuid' }) exchangeId!: string;
  @ApiProperty({ type: 'integer', description: 'Its place on the agenda; items come in this order' }) position!: number;
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'Cooperation-area code' }) area!: string;
  @ApiProperty({ description: 'Code of the organisation that proposed it' }) proposingOrganization!: string;
  @ApiProperty({ format: 'uuid' }) ownerId!: string;
  @ApiProperty({ type: [String], description: 'Codes of the organisations that accepted it' }) acceptedBy!: string[];
  @ApiProperty({ type: [String], description: 'Codes of the organisations that have still to accept it; empty once accepted' })
  awaiting!: string[];
  @ApiProperty({ description: 'Every organisation that decides on it has accepted it' }) accepted!: boolean;
  @ApiProperty({ enum: AGENDA_ITEM_STATES, description: '`carried` once carried forward to the next occurrence' })
  state!: AgendaItemState;
  @ApiProperty({ enum: AGENDA_ITEM_SOURCES }) source!: AgendaItemSource;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The item it was carried from' }) carriedFromId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The action item it follows up' }) actionItemId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The support request it puts before the meeting' })
  supportRequestId!: string | null;
}

export class AgendaResponse {
  @ApiProperty({ format: 'uuid' }) exchangeId!: string;
  @ApiProperty({ description: 'True once frozen: no item is added, changed or accepted any more' }) frozen!: boolean;
  @ApiProperty({ ...INSTANT, description: 'When it freezes (or froze), in the exchange’s zone' }) freezesAt!: string;
  @ApiProperty({ type: () => AgendaItemResponse, isArray: true, description: 'Its items in order, then the entries it takes in by itself' })
  items!: AgendaItemResponse[];
}
