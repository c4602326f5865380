import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { INSTANT, INSTANT_OR_NULL, IsInstant, IsLine, PageQueryDto } from '@liaison/common';
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
export class ActionItemResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) exchangeId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'uuid' }) ownerId!: string;
  @ApiProperty({ ...INSTANT, description: 'When it is due, in the exchange’s zone' }) dueAt!: string;
  @ApiProperty({ enum: ACTION_ITEM_STATUSES }) status!: ActionItemStatus;
  @ApiProperty({ type: 'integer', description: 'Bumped by a new owner, due time or status: its follow-up starts again' })
  revision!: number;
  @ApiProperty({ ...INSTANT_OR_NULL, description: 'When its owner was reminded before it was due; null until then' })
  remindedAt!: string | null;
  @ApiProperty({ ...INSTANT_OR_NULL, description: 'When its owner was told it is overdue; null until then' }) overdueAt!: string | null;
  @ApiProperty({ ...INSTANT_OR_NULL, description: 'When its owner’s senior level was told; null until then' }) escalatedAt!: string | null;
  @ApiProperty(INSTANT) createdAt!: string;
  @ApiProperty(INSTANT) updatedAt!: string;
}
