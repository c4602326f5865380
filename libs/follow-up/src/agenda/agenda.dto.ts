import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { IsLine, MAX_AREA, MAX_CODE } from '@liaison/common';
import type { AgendaItemSource, AgendaItemState } from '@liaison/domain';

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
export interface AgendaItemResponse {
  id: string | null;
  exchangeId: string;
  position: number;
  title: string;
  area: string;
  proposingOrganization: string;
  ownerId: string;
  acceptedBy: string[];
  /** Organisations that have still to accept it; empty once accepted. */
  awaiting: string[];
  accepted: boolean;
  state: AgendaItemState;
  source: AgendaItemSource;
  carriedFromId: string | null;
  actionItemId: string | null;
  supportRequestId: string | null;
}

export interface AgendaResponse {
  exchangeId: string;
  frozen: boolean;
  freezesAt: string;
  items: AgendaItemResponse[];
}
