import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@liaison/access';
import { Page } from '@liaison/common';
import { CreateOrganizationDto, OrganizationCalendarDto, OrganizationResponse } from './organization.dto';
import { OrganizationsService, toOrganizationResponse } from './organizations.service';

@ApiTags('organizations')
@ApiBearerAuth()
@Controller({ path: 'organizations', version: '1' })
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get()
  @ApiOkResponse({
    description: 'Every organisation; `{ items, nextCursor }` (one page)',
  })
  async list(): Promise<Page<OrganizationResponse>> {
    const items = await this.organizations.list();
    return { items: items.map(toOrganizationResponse), nextCursor: null };
  }

  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: OrganizationResponse })
  async create(@Body() dto: CreateOrganizationDto, @CurrentPrincipal() principal: Principal): Promise<OrganizationResponse> {
    return toOrganizationResponse(await this.organizations.create(dto, principal));
  }

  @Put(':code/calendar')
  @Roles('admin')
  @ApiOkResponse({ type: OrganizationResponse, description: 'The organisation with its new working calendar' })
  async setCalendar(
    @Param('code') code: string,
    @Body() dto: OrganizationCalendarDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<OrganizationResponse> {
    return toOrganizationResponse(await this.organizations.setCalendar(code, dto, principal));
  }
}
