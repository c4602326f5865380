import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, ReturnsSecret, Roles } from '@liaison/access';
import { ApiPageResponse, Page, Refuses } from '@liaison/common';
import {
  CreateOrganizationDto,
  OrganizationCalendarDto,
  OrganizationLanguageDto,
  OrganizationCreatedResponse,
  OrganizationResponse,
  WebhookSecretResponse,
} from './organization.dto';
import { OrganizationsService, toOrganizationResponse } from './organizations.service';

@ApiTags('organizations')
@ApiBearerAuth()
@Controller({ path: 'organizations', version: '1' })
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get()
  @ApiPageResponse(OrganizationResponse, 'Every organisation; `{ items, nextCursor }` (one page)')
  async list(): Promise<Page<OrganizationResponse>> {
    const items = await this.organizations.list();
    return { items: items.map(toOrganizationResponse), nextCursor: null };
  }

  @Post()
  @Roles('admin')
  @ReturnsSecret('webhookSecret')
  @ApiCreatedResponse({ type: OrganizationCreatedResponse })
  @Refuses('ORGANIZATION.DUPLICATE')
  async create(@Body() dto: CreateOrganizationDto, @CurrentPrincipal() principal: Principal): Promise<OrganizationCreatedResponse> {
    const { organization, webhookSecret } = await this.organizations.create(dto, principal);
    return { ...toOrganizationResponse(organization), webhookSecret };
  }

  @Post(':code/webhook-secret/rotate')
  @HttpCode(200)
  @ReturnsSecret()
  @ApiOperation({ summary: "A new webhook signing secret for the organisation (admins, the organisation's coordinators), shown once" })
  @ApiOkResponse({ type: WebhookSecretResponse })
  @Refuses('ORGANIZATION.NOT_COORDINATOR', 'ORGANIZATION.NOT_FOUND')
  rotateWebhookSecret(@Param('code') code: string, @CurrentPrincipal() principal: Principal): Promise<WebhookSecretResponse> {
    return this.organizations.rotateWebhookSecret(code, principal);
  }

  @Put(':code/calendar')
  @Roles('admin')
  @ApiOkResponse({ type: OrganizationResponse, description: 'The organisation with its new working calendar' })
  @Refuses('ORGANIZATION.NOT_FOUND')
  async setCalendar(
    @Param('code') code: string,
    @Body() dto: OrganizationCalendarDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<OrganizationResponse> {
    return toOrganizationResponse(await this.organizations.setCalendar(code, dto, principal));
  }

  @Put(':code/language')
  @Roles('admin')
  @ApiOkResponse({ type: OrganizationResponse, description: 'The organisation with its new default language' })
  @Refuses('ORGANIZATION.NOT_FOUND')
  async setLanguage(
    @Param('code') code: string,
    @Body() dto: OrganizationLanguageDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<OrganizationResponse> {
    return toOrganizationResponse(await this.organizations.setLanguage(code, dto, principal));
  }
}
