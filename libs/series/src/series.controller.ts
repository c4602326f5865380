import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@liaison/access';
import { Page, PageQueryDto } from '@liaison/common';
import type { ExchangeResponse } from '@liaison/exchanges';
import { AmendSeriesDto, CreateSeriesDto, PreviewSeriesDto } from './dto/series.dto';
import { SeriesResponse } from './series.mapper';
import { SeriesService } from './series.service';

@ApiTags('series')
@ApiBearerAuth()
@Controller({ path: 'series', version: '1' })
export class SeriesController {
  constructor(private readonly series: SeriesService) {}

  @Post('preview')
  @HttpCode(200)
  @ApiOkResponse({ description: '`{ timezone, starts }`: the first `count` starts of the rule, with their offsets; nothing saved' })
  preview(@Body() dto: PreviewSeriesDto): { timezone: string; starts: string[] } {
    return this.series.preview(dto);
  }

  @Post()
  @Roles('coordinator')
  @ApiCreatedResponse({ description: 'The series; its workflow materialises the first `horizon` occurrences' })
  create(@Body() dto: CreateSeriesDto, @CurrentPrincipal() principal: Principal): Promise<SeriesResponse> {
    return this.series.create(dto, principal);
  }

  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<SeriesResponse> {
    return this.series.get(id, principal);
  }

  @Patch(':id')
  @Roles('coordinator')
  @ApiOkResponse({ description: 'Amended; occurrences not yet started and not changed on their own follow' })
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
  pause(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<SeriesResponse> {
    return this.series.setStatus(id, 'pause', principal);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @Roles('coordinator')
  resume(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<SeriesResponse> {
    return this.series.setStatus(id, 'resume', principal);
  }

  @Post(':id/end')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOkResponse({ description: 'Ended; future occurrences not changed on their own are cancelled' })
  end(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<SeriesResponse> {
    return this.series.setStatus(id, 'end', principal);
  }

  @Get(':id/exchanges')
  exchanges(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() page: PageQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Page<ExchangeResponse>> {
    return this.series.occurrences(id, principal, page);
  }
}
