import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@liaison/access';
import { ApiPageResponse, Page, PageQueryDto } from '@liaison/common';
import { ActionItemResponse, CreateActionItemDto, ListActionItemsQuery, UpdateActionItemDto } from './action-items.dto';
import { ActionItemsService } from './action-items.service';

@ApiTags('action-items')
@ApiBearerAuth()
@Controller({ path: 'exchanges/:id/action-items', version: '1' })
export class ExchangeActionItemsController {
  constructor(private readonly actionItems: ActionItemsService) {}

  @Post()
  @Roles('coordinator')
  @ApiCreatedResponse({ type: ActionItemResponse, description: 'The action item, `open`; its owner is reminded before it is due' })
  @ApiConflictResponse({ description: 'The exchange is cancelled' })
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
  get(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('itemId', ParseUUIDPipe) itemId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ActionItemResponse> {
    return this.actionItems.get(id, itemId, principal);
  }

  @Patch(':itemId')
  @ApiOkResponse({ type: ActionItemResponse, description: 'The action item; a new owner, due time or status starts its follow-up again' })
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
  list(@Query() query: ListActionItemsQuery, @CurrentPrincipal() principal: Principal): Promise<Page<ActionItemResponse>> {
    return this.actionItems.listAll(principal, query);
  }
}
