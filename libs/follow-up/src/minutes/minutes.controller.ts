import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@liaison/access';
import { Refuses } from '@liaison/common';
import { ApproveMinutesDto, DraftMinutesDto, MinutesResponse } from './minutes.dto';
import { MinutesService } from './minutes.service';

@ApiTags('minutes')
@ApiBearerAuth()
@Refuses('EXCHANGE.NOT_FOUND')
@Controller({ path: 'exchanges/:id/minutes', version: '1' })
export class MinutesController {
  constructor(private readonly minutes: MinutesService) {}

  @Get()
  @ApiOkResponse({ type: MinutesResponse, description: 'The current version, its approvals, and who has still to approve' })
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<MinutesResponse> {
    return this.minutes.get(id, principal);
  }

  @Put()
  @Roles('coordinator')
  @ApiOkResponse({ type: MinutesResponse, description: 'The minutes, one version further; earlier approvals no longer count' })
  @ApiConflictResponse({ description: 'The exchange is not held (or closed, the minutes locked), or baseVersion is stale' })
  @Refuses('EXCHANGE.NOT_HELD', 'EXCHANGE.NOT_OPEN', 'EXCHANGE.STARTING', 'MINUTES.LOCKED', 'MINUTES.STALE_VERSION')
  draft(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DraftMinutesDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<MinutesResponse> {
    return this.minutes.draft(id, dto, principal);
  }

  @Post('approve')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOkResponse({
    type: MinutesResponse,
    description: 'The minutes; `locked` and the exchange `closed` once every organisation approved the current version',
  })
  @ApiConflictResponse({ description: 'A stale version, already approved, nothing drafted, or the exchange not held' })
  @Refuses(
    'EXCHANGE.NOT_HELD',
    'EXCHANGE.NOT_OPEN',
    'EXCHANGE.ORGANIZATION_NOT_PARTICIPATING',
    'EXCHANGE.STARTING',
    'MINUTES.ALREADY_APPROVED',
    'MINUTES.LOCKED',
    'MINUTES.NOT_COORDINATOR',
    'MINUTES.NOT_DRAFTED',
    'MINUTES.STALE_VERSION',
  )
  approve(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ApproveMinutesDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<MinutesResponse> {
    return this.minutes.approve(id, dto, principal);
  }
}
