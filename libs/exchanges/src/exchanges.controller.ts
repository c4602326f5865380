import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@liaison/access';
import { ApiPageResponse, Page, PageQueryDto, Refuses } from '@liaison/common';
import { CreateExchangeDto } from './dto/create-exchange.dto';
import { CancelExchangeDto, ConfirmExchangeDto, RescheduleExchangeDto } from './dto/exchange-actions.dto';
import { ListExchangesQuery } from './dto/list-exchanges.query';
import { ExchangeQueryService } from './exchange-query.service';
import { ExchangeTransitionsService } from './exchange-transitions.service';
import { ExchangeResponse, ReminderResponse } from './exchange.response';
import { ExchangesService } from './exchanges.service';

@ApiTags('exchanges')
@ApiBearerAuth()
@Controller({ path: 'exchanges', version: '1' })
export class ExchangesController {
  constructor(
    private readonly exchanges: ExchangesService,
    private readonly query: ExchangeQueryService,
    private readonly transitions: ExchangeTransitionsService,
  ) {}

  @Post()
  @Roles('coordinator')
  @ApiCreatedResponse({
    type: ExchangeResponse,
    description: 'The exchange, `status: "scheduled"`; its workflow is running',
  })
  @Refuses(
    'EXCHANGE.HOST_NOT_PARTICIPATING',
    'EXCHANGE.NOT_COORDINATOR',
    'EXCHANGE.PARTICIPANT_OUTSIDE',
    'EXCHANGE.START_IN_PAST',
    'EXCHANGE.UNKNOWN_AREA',
    'EXCHANGE.UNKNOWN_PARTICIPANT',
    'ORGANIZATION.UNKNOWN',
  )
  create(@Body() dto: CreateExchangeDto, @CurrentPrincipal() principal: Principal): Promise<ExchangeResponse> {
    return this.exchanges.create(dto, principal);
  }

  @Get()
  @ApiPageResponse(ExchangeResponse, 'The exchanges the caller may see, by start time')
  list(@Query() query: ListExchangesQuery, @CurrentPrincipal() principal: Principal): Promise<Page<ExchangeResponse>> {
    return this.query.list(principal, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: ExchangeResponse, description: 'The exchange' })
  @Refuses('EXCHANGE.NOT_FOUND')
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<ExchangeResponse> {
    return this.query.get(id, principal);
  }

  @Post(':id/confirm')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOkResponse({
    type: ExchangeResponse,
    description: 'The exchange; `confirmed` once every participating organisation has confirmed',
  })
  @ApiConflictResponse({
    description: 'Already confirmed by that organisation, or the exchange is not open',
  })
  @Refuses(
    'EXCHANGE.ALREADY_CONFIRMED',
    'EXCHANGE.NOT_COORDINATOR',
    'EXCHANGE.NOT_FOUND',
    'EXCHANGE.NOT_OPEN',
    'EXCHANGE.ORGANIZATION_NOT_PARTICIPATING',
    'EXCHANGE.STARTING',
  )
  confirm(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ConfirmExchangeDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ExchangeResponse> {
    return this.transitions.confirm(id, dto, principal);
  }

  @Post(':id/reschedule')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOkResponse({
    type: ExchangeResponse,
    description: 'The exchange at its new time, its `scheduleRevision` bumped; a series occurrence is `detached` from then on',
  })
  @ApiConflictResponse({ description: 'The exchange is not open' })
  @Refuses('EXCHANGE.BAD_START', 'EXCHANGE.NOT_FOUND', 'EXCHANGE.NOT_OPEN', 'EXCHANGE.STARTING', 'EXCHANGE.START_IN_PAST')
  reschedule(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RescheduleExchangeDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ExchangeResponse> {
    return this.transitions.reschedule(id, dto, principal);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOkResponse({ type: ExchangeResponse, description: 'The exchange, `status: "cancelled"`, with its `cancelReason`' })
  @ApiConflictResponse({ description: 'The exchange is not open' })
  @Refuses('EXCHANGE.NOT_FOUND', 'EXCHANGE.NOT_OPEN', 'EXCHANGE.STARTING')
  cancel(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CancelExchangeDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ExchangeResponse> {
    return this.transitions.cancel(id, dto, principal);
  }

  @Get(':id/reminders')
  @ApiPageResponse(ReminderResponse, 'Every reminder row of the exchange, by due time')
  @Refuses('EXCHANGE.NOT_COORDINATOR', 'EXCHANGE.NOT_FOUND')
  reminders(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() page: PageQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Page<ReminderResponse>> {
    return this.query.reminders(id, principal, page);
  }
}
