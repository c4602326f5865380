import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { IsInstant, IsLine, PageQueryDto } from '@liaison/common';
import { ACTION_ITEM_STATUSES, ActionItemStatus } from '@liaison/domain';

export class CreateActionItemDto {
  @ApiProperty({ example: 'Share the draft joint framework with NATO' })
  @IsLine()
  title!: string;

  @ApiProperty({ description: 'The person who owns it, of a participating organisation' })
  @IsUUID()
  ownerId!: string;

  @ApiProperty({ example: '2027-04-01T17:00:00+02:00', description: 'When it is due, with its offset' })
  @IsInstant()
  dueAt!: string;
}

/** Any of the fields it was created with, and its status. */
export class UpdateActionItemDto extends PartialType(CreateActionItemDto) {
  @ApiPropertyOptional({ enum: ACTION_ITEM_STATUSES })
  @IsOptional()
  @IsIn(ACTION_ITEM_STATUSES)
  status?: ActionItemStatus;
}

export class ListActionItemsQuery extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Owner: a person id, or `me`' })
  @IsOptional()
  @IsString()
  @Length(2, 40)
  owner?: string;

  @ApiPropertyOptional({ enum: ACTION_ITEM_STATUSES })
  @IsOptional()
  @IsIn(ACTION_ITEM_STATUSES)
  status?: ActionItemStatus;
}

/** An action item; `remindedAt`, `overdueAt`, `escalatedAt`: the follow-up of its current revision. */
export interface ActionItemResponse {
  id: string;
  exchangeId: string;
  title: string;
  ownerId: string;
  dueAt: string;
  status: ActionItemStatus;
  revision: number;
  remindedAt: string | null;
  overdueAt: string | null;
  escalatedAt: string | null;
  createdAt: string;
  updatedAt: string;
}
