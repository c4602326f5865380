import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { CurrentPrincipal, Principal } from '@liaison/access';
import { Page, PageQueryDto } from '@liaison/common';
import { CreatePersonDto, IssuedTokenResponse, PersonResponse, PersonWithTokenResponse, UpdatePersonDto } from './person.dto';
import { PeopleService } from './people.service';

class ListPeopleQuery extends PageQueryDto {
  @ApiPropertyOptional({
    description: 'Organisation code (admins; coordinators see their own)',
  })
  @IsOptional()
  @IsString()
  organization?: string;
}

@ApiTags('people')
@ApiBearerAuth()
@Controller({ path: 'people', version: '1' })
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  @Post()
  @ApiCreatedResponse({
    type: PersonWithTokenResponse,
    description: 'The person and a one-time bearer token',
  })
  create(@Body() dto: CreatePersonDto, @CurrentPrincipal() principal: Principal): Promise<PersonWithTokenResponse> {
    return this.people.create(dto, principal);
  }

  @Get()
  list(@Query() query: ListPeopleQuery, @CurrentPrincipal() principal: Principal): Promise<Page<PersonResponse>> {
    return this.people.list(principal, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: PersonResponse })
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<PersonResponse> {
    return this.people.get(id, principal);
  }

  @Patch(':id')
  @ApiOkResponse({ type: PersonResponse })
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdatePersonDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PersonResponse> {
    return this.people.update(id, dto, principal);
  }

  @Post(':id/tokens')
  @HttpCode(201)
  @ApiCreatedResponse({
    type: IssuedTokenResponse,
    description: '`{ token, expiresAt }`: rotation; the earlier tokens are revoked',
  })
  issueToken(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<IssuedTokenResponse> {
    return this.people.issueToken(id, principal);
  }
}
