import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { CurrentPrincipal, Principal, ReturnsSecret } from '@liaison/access';
import { ApiPageResponse, MAX_FILTER, Page, PageQueryDto, Refuses } from '@liaison/common';
import { CreatePersonDto, IssuedTokenResponse, PersonResponse, PersonWithTokenResponse, UpdatePersonDto } from './person.dto';
import { PeopleService } from './people.service';
import { PersonActivationService } from './person-activation.service';

class ListPeopleQuery extends PageQueryDto {
  @ApiPropertyOptional({
    description: 'Organisation code (admins; coordinators see their own)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_FILTER)
  organization?: string;
}

@ApiTags('people')
@ApiBearerAuth()
@Controller({ path: 'people', version: '1' })
export class PeopleController {
  constructor(
    private readonly people: PeopleService,
    private readonly activation: PersonActivationService,
  ) {}

  @Post()
  @ReturnsSecret('token')
  @ApiCreatedResponse({
    type: PersonWithTokenResponse,
    description: 'The person and a one-time bearer token',
  })
  @Refuses(
    'ORGANIZATION.UNKNOWN',
    'PERSON.ADMIN_ROLE',
    'PERSON.DUPLICATE_EMAIL',
    'PERSON.NOT_MANAGER',
    'PERSON.ROLE_NOT_HELD',
    'WEBHOOK.ADDRESS_NOT_PUBLIC',
    'WEBHOOK.URL_NOT_ALLOWED',
  )
  create(@Body() dto: CreatePersonDto, @CurrentPrincipal() principal: Principal): Promise<PersonWithTokenResponse> {
    return this.people.create(dto, principal);
  }

  @Get()
  @ApiPageResponse(
    PersonResponse,
    'The people the caller may list (a coordinator: their organisation; an admin: all, or `organization`), oldest first',
  )
  @Refuses('PERSON.NOT_MANAGER')
  list(@Query() query: ListPeopleQuery, @CurrentPrincipal() principal: Principal): Promise<Page<PersonResponse>> {
    return this.people.list(principal, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: PersonResponse })
  @Refuses('PERSON.NOT_FOUND')
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<PersonResponse> {
    return this.people.get(id, principal);
  }

  @Patch(':id')
  @ApiOkResponse({ type: PersonResponse })
  @Refuses(
    'PERSON.ADMIN_ROLE',
    'PERSON.DUPLICATE_EMAIL',
    'PERSON.NOT_FOUND',
    'PERSON.NOT_MANAGER',
    'PERSON.ROLE_NOT_HELD',
    'WEBHOOK.ADDRESS_NOT_PUBLIC',
    'WEBHOOK.URL_NOT_ALLOWED',
  )
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdatePersonDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PersonResponse> {
    return this.people.update(id, dto, principal);
  }

  @Post(':id/tokens')
  @HttpCode(201)
  @ReturnsSecret()
  @ApiCreatedResponse({
    type: IssuedTokenResponse,
    description: '`{ token, expiresAt }`: rotation; the earlier tokens are revoked',
  })
  @Refuses('PERSON.ADMIN_ROLE', 'PERSON.NOT_FOUND', 'PERSON.ROLE_NOT_HELD')
  issueToken(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<IssuedTokenResponse> {
    return this.people.issueToken(id, principal);
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Deactivate a leaver: their tokens, calendar feed, webhook and reminders stop at once (a no-op if already inactive)',
  })
  @ApiOkResponse({ type: PersonResponse })
  @Refuses('PERSON.ADMIN_ROLE', 'PERSON.NOT_FOUND', 'PERSON.NOT_MANAGER', 'PERSON.ROLE_NOT_HELD')
  deactivate(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<PersonResponse> {
    return this.activation.deactivate(id, principal);
  }

  @Post(':id/reactivate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reactivate a deactivated person: their unexpired tokens and feed work again (a no-op if active)' })
  @ApiOkResponse({ type: PersonResponse })
  @Refuses('PERSON.ADMIN_ROLE', 'PERSON.NOT_FOUND', 'PERSON.NOT_MANAGER', 'PERSON.ROLE_NOT_HELD')
  reactivate(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<PersonResponse> {
    return this.activation.reactivate(id, principal);
  }
}
