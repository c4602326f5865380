import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@liaison/access';
import { Refuses } from '@liaison/common';
import { AcceptAgendaItemDto, AgendaItemResponse, AgendaResponse, CreateAgendaItemDto, UpdateAgendaItemDto } from './agenda.dto';
import { AgendaService } from './agenda.service';

@ApiTags('agenda')
@ApiBearerAuth()
@Refuses('EXCHANGE.NOT_FOUND')
@Controller({ path: 'exchanges/:id/agenda', version: '1' })
export class AgendaController {
  constructor(private readonly agenda: AgendaService) {}

  @Get()
  @ApiOkResponse({ type: AgendaResponse, description: 'The agenda: its items in order, whether it is frozen and when it freezes' })
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<AgendaResponse> {
    return this.agenda.get(id, principal);
  }

  @Post()
  @Roles('coordinator')
  @ApiCreatedResponse({ type: AgendaItemResponse, description: 'The item, awaiting the other organisations' })
  @ApiConflictResponse({ description: 'The agenda is frozen, or the exchange no longer open' })
  @Refuses(
    'AGENDA.CLOSED',
    'AGENDA.FROZEN',
    'AGENDA.NOT_COORDINATOR',
    'AGENDA.OWNER_REQUIRED',
    'AGENDA.PROPOSER_NOT_PARTICIPATING',
    'AGENDA.PROPOSER_REQUIRED',
    'FOLLOW_UP.PERSON_OUTSIDE',
    'FOLLOW_UP.UNKNOWN_AREA',
    'FOLLOW_UP.UNKNOWN_PERSON',
  )
  add(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreateAgendaItemDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AgendaItemResponse> {
    return this.agenda.add(id, dto, principal);
  }

  @Patch(':itemId')
  @Roles('coordinator')
  @ApiOkResponse({ type: AgendaItemResponse, description: 'The item; a change awaits the other organisations again' })
  @ApiConflictResponse({ description: 'The agenda is frozen, or the exchange no longer open' })
  @Refuses(
    'AGENDA.CLOSED',
    'AGENDA.FROZEN',
    'AGENDA.ITEM_NOT_FOUND',
    'AGENDA.NOT_PROPOSER',
    'FOLLOW_UP.PERSON_OUTSIDE',
    'FOLLOW_UP.UNKNOWN_AREA',
    'FOLLOW_UP.UNKNOWN_PERSON',
  )
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('itemId', ParseUUIDPipe) itemId: string,
    @Body() dto: UpdateAgendaItemDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AgendaItemResponse> {
    return this.agenda.update(id, itemId, dto, principal);
  }

  @Delete(':itemId')
  @HttpCode(204)
  @Roles('coordinator')
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiConflictResponse({ description: 'The agenda is frozen, or the exchange no longer open' })
  @Refuses('AGENDA.CLOSED', 'AGENDA.FROZEN', 'AGENDA.ITEM_NOT_FOUND', 'AGENDA.NOT_PROPOSER')
  remove(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('itemId', ParseUUIDPipe) itemId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    return this.agenda.remove(id, itemId, principal);
  }

  @Post(':itemId/accept')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOkResponse({ type: AgendaItemResponse, description: 'The item, accepted by one more organisation' })
  @ApiConflictResponse({ description: 'Already accepted by that organisation, or the agenda is frozen' })
  @Refuses(
    'AGENDA.ALREADY_ACCEPTED',
    'AGENDA.CLOSED',
    'AGENDA.FROZEN',
    'AGENDA.ITEM_NOT_FOUND',
    'AGENDA.NOT_COORDINATOR',
    'AGENDA.ORGANIZATION_NOT_PARTICIPATING',
  )
  accept(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('itemId', ParseUUIDPipe) itemId: string,
    @Body() dto: AcceptAgendaItemDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AgendaItemResponse> {
    return this.agenda.accept(id, itemId, dto, principal);
  }

  @Post(':itemId/carry-forward')
  @Roles('coordinator')
  @ApiCreatedResponse({ type: AgendaItemResponse, description: 'The copy on the next occurrence of the series' })
  @ApiConflictResponse({ description: 'Not a series occurrence, no next occurrence, already carried, or the next agenda is frozen' })
  @Refuses(
    'AGENDA.ALREADY_CARRIED',
    'AGENDA.CLOSED',
    'AGENDA.FROZEN',
    'AGENDA.ITEM_NOT_FOUND',
    'AGENDA.NOT_IN_SERIES',
    'AGENDA.NO_NEXT_OCCURRENCE',
  )
  carryForward(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('itemId', ParseUUIDPipe) itemId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AgendaItemResponse> {
    return this.agenda.carryForward(id, itemId, principal);
  }
}
