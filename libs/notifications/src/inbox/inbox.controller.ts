import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { CurrentPrincipal, Principal } from '@liaison/access';
import { DomainError, Page, PageQueryDto } from '@liaison/common';
import { InboxService, NotificationResponse } from './inbox.service';

class InboxQuery extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only notifications not yet read' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;
}

function personId(principal: Principal): string {
  if (principal.kind !== 'person') throw DomainError.forbidden('ME.NOT_A_PERSON', 'the admin token is not a person and has no inbox');
  return principal.person.id;
}

@ApiTags('me')
@ApiBearerAuth()
@Controller({ path: 'me/notifications', version: '1' })
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  list(@Query() query: InboxQuery, @CurrentPrincipal() principal: Principal): Promise<Page<NotificationResponse>> {
    return this.inbox.list(personId(principal), query);
  }

  @Post(':id/read')
  @HttpCode(200)
  markRead(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<NotificationResponse> {
    return this.inbox.markRead(personId(principal), id);
  }
}
