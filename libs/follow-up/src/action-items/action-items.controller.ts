import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@liaison/access';
import { ApiPageResponse, Page, PageQueryDto, Refuses } from '@liaison/common';
import { ActionItemResponse, CreateActionItemDto, ListActionItemsQuery, UpdateActionItemDto } from './action-items.dto';
import { ActionItemsService } from './action-items.service';

@ApiTags('action-items')
@ApiBearerAuth()
@Refuses('EXCHANGE.NOT_FOUND')
@Controller({ path: 'exchanges/:id/action-items', version: '1' })
export class ExchangeActionItemsController {
  constructor(private readonly actionItems: ActionItemsService) {}

  @Post()
  @Roles('coordinator')
  @ApiCreatedResponse({ type: ActionItemResponse, description: 'The action item, `open`; its owner is reminded before it is due' })
  @ApiConflictResponse({ description: 'The exchange is cancelled' })
  @Refuses('EXCHANGE.NOT_OPEN', 'FOLLOW_UP.PERSON_OUTSIDE', 'FOLLOW_UP.UNKNOWN_PERSON')
  create(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreateActionItemDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ActionItemResponse> {
    return this.actionItems.create(id, dto, principal);
  }

  @Get()
  @ApiPageResponse(ActionItemResponse, 'The exchange’s action items, by due time')
  list(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() page: PageQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Page<ActionItemResponse>> {
    return this.actionItems.list(id, principal, page);
  }

  @Get(':itemId')
  @ApiOkResponse({ type: ActionItemResponse, description: 'The action item' })
  @Refuses('ACTION_ITEM.NOT_FOUND')
  get(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('itemId', ParseUUIDPipe) itemId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ActionItemResponse> {
    return this.actionItems.get(id, itemId, principal);
  }

  @Patch(':itemId')
  @ApiOkResponse({ type: ActionItemResponse, description: 'The action item; a new owner, due time or status starts its follow-up again' })
  @Refuses('ACTION_ITEM.NOT_ALLOWED', 'ACTION_ITEM.NOT_FOUND', 'EXCHANGE.NOT_OPEN', 'FOLLOW_UP.PERSON_OUTSIDE', 'FOLLOW_UP.UNKNOWN_PERSON')
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('itemId', ParseUUIDPipe) itemId: string,
    @Body() dto: UpdateActionItemDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ActionItemResponse> {
    return this.actionItems.update(id, itemId, dto, principal);
  }
}

@ApiTags('action-items')
@ApiBearerAuth()
@Controller({ path: 'action-items', version: '1' })
export class ActionItemsController {
  constructor(private readonly actionItems: ActionItemsService) {}

  @Get()
  @ApiPageResponse(ActionItemResponse, 'Action items of the exchanges the caller may see, by due time; `owner` (an id or `me`), `status`')
  @Refuses('ACTION_ITEM.BAD_OWNER')
  list(@Query() query: ListActionItemsQuery, @CurrentPrincipal() principal: Principal): Promise<Page<ActionItemResponse>> {
    return this.actionItems.listAll(principal, query);
  }
}
