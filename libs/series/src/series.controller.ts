import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@liaison/access';
import { ApiPageResponse, Page, PageQueryDto, Refuses } from '@liaison/common';
import { ExchangeResponse } from '@liaison/exchanges';
import { AmendSeriesDto, CreateSeriesDto, PreviewSeriesDto } from './dto/series.dto';
import { SeriesPreviewResponse, SeriesResponse } from './series.mapper';
import { SeriesService } from './series.service';

@ApiTags('series')
@ApiBearerAuth()
@Controller({ path: 'series', version: '1' })
export class SeriesController {
  constructor(private readonly series: SeriesService) {}

  @Post('preview')
  @HttpCode(200)
  @ApiOkResponse({
    type: SeriesPreviewResponse,
    description: '`{ timezone, starts }`: the first `count` starts of the rule, with their offsets; nothing saved',
  })
  @Refuses('SERIES.BAD_RULE', 'SERIES.NO_OCCURRENCE')
  preview(@Body() dto: PreviewSeriesDto): SeriesPreviewResponse {
    return this.series.preview(dto);
  }

  @Post()
  @Roles('coordinator')
  @ApiCreatedResponse({ type: SeriesResponse, description: 'The series; its workflow materialises the first `horizon` occurrences' })
  @Refuses(
    'EXCHANGE.PARTICIPANT_OUTSIDE',
    'EXCHANGE.UNKNOWN_AREA',
    'EXCHANGE.UNKNOWN_PARTICIPANT',
    'ORGANIZATION.UNKNOWN',
    'SERIES.BAD_RULE',
    'SERIES.HOST_NOT_PARTICIPATING',
    'SERIES.NOT_COORDINATOR',
    'SERIES.NO_OCCURRENCE',
  )
  create(@Body() dto: CreateSeriesDto, @CurrentPrincipal() principal: Principal): Promise<SeriesResponse> {
    return this.series.create(dto, principal);
  }

  @Get()
  @ApiPageResponse(
    SeriesResponse,
    'The series the caller may see (admins every one; coordinators those of their organisation; anyone those naming them), newest first',
  )
  list(@Query() page: PageQueryDto, @CurrentPrincipal() principal: Principal): Promise<Page<SeriesResponse>> {
    return this.series.list(principal, page);
  }

  @Get(':id')
  @ApiOkResponse({ type: SeriesResponse, description: 'The series' })
  @Refuses('SERIES.NOT_FOUND')
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<SeriesResponse> {
    return this.series.get(id, principal);
  }

  @Patch(':id')
  @Roles('coordinator')
  @ApiOkResponse({
    type: SeriesResponse,
    description: 'Amended; occurrences not yet started and not changed on their own follow',
  })
  @ApiConflictResponse({ description: 'The series has ended' })
  @Refuses(
    'EXCHANGE.PARTICIPANT_OUTSIDE',
    'EXCHANGE.UNKNOWN_PARTICIPANT',
    'SERIES.BAD_RULE',
    'SERIES.ENDED',
    'SERIES.HOST_NOT_PARTICIPATING',
    'SERIES.NOT_FOUND',
    'SERIES.NO_OCCURRENCE',
    'SERIES.STARTING',
  )
  amend(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AmendSeriesDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SeriesResponse> {
    return this.series.amend(id, dto, principal);
  }

  @Post(':id/pause')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOkResponse({ type: SeriesResponse, description: 'The series, `status: "paused"`: no new occurrences are made until it resumes' })
  @Refuses('SERIES.ENDED', 'SERIES.NOT_ACTIVE', 'SERIES.NOT_FOUND', 'SERIES.STARTING')
  pause(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<SeriesResponse> {
    return this.series.setStatus(id, 'pause', principal);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOkResponse({ type: SeriesResponse, description: 'The series, `status: "active"` again: new occurrences are made as before' })
  @Refuses('SERIES.ENDED', 'SERIES.NOT_FOUND', 'SERIES.NOT_PAUSED', 'SERIES.STARTING')
  resume(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<SeriesResponse> {
    return this.series.setStatus(id, 'resume', principal);
  }

  @Post(':id/end')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOkResponse({ type: SeriesResponse, description: 'Ended; future occurrences not changed on their own are cancelled' })
  @Refuses('SERIES.ENDED', 'SERIES.NOT_FOUND', 'SERIES.STARTING')
  end(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<SeriesResponse> {
    return this.series.setStatus(id, 'end', principal);
  }

  @Get(':id/exchanges')
  @ApiPageResponse(ExchangeResponse, "The series' occurrences the caller may see, by start time")
  @Refuses('SERIES.NOT_FOUND')
  exchanges(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() page: PageQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Page<ExchangeResponse>> {
    return this.series.occurrences(id, principal, page);
  }
}
