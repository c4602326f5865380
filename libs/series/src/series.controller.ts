import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@liaison/access';
import { ApiPageResponse, Page, PageQueryDto } from '@liaison/common';
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
  preview(@Body() dto: PreviewSeriesDto): SeriesPreviewResponse {
    return this.series.preview(dto);
  }

  @Post()
  @Roles('coordinator')
  @ApiCreatedResponse({ type: SeriesResponse, description: 'The series; its workflow materialises the first `horizon` occurrences' })
  create(@Body() dto: CreateSeriesDto, @CurrentPrincipal() principal: Principal): Promise<SeriesResponse> {
    return this.series.create(dto, principal);
  }

  @Get(':id')
  @ApiOkResponse({ type: SeriesResponse, description: 'The series' })
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
  pause(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<SeriesResponse> {
    return this.series.setStatus(id, 'pause', principal);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOkResponse({ type: SeriesResponse, description: 'The series, `status: "active"` again: new occurrences are made as before' })
  resume(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<SeriesResponse> {
    return this.series.setStatus(id, 'resume', principal);
  }

  @Post(':id/end')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOkResponse({ type: SeriesResponse, description: 'Ended; future occurrences not changed on their own are cancelled' })
  end(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<SeriesResponse> {
    return this.series.setStatus(id, 'end', principal);
  }

  @Get(':id/exchanges')
  @ApiPageResponse(ExchangeResponse, "The series' occurrences the caller may see, by start time")
  exchanges(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() page: PageQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Page<ExchangeResponse>> {
    return this.series.occurrences(id, principal, page);
  }
}
