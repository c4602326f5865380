import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { CurrentPrincipal, PersonOnly, Principal, NOT_A_PERSON } from '@liaison/access';
import { ApiPageResponse, DomainError, Page, PageQueryDto, Refuses } from '@liaison/common';
import { InboxService, NotificationResponse } from './inbox.service';

class InboxQuery extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only notifications not yet read' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;
}

function personId(principal: Principal): string {
  if (principal.kind !== 'person') throw DomainError.forbidden(NOT_A_PERSON, 'the admin token is not a person and has no inbox');
  return principal.person.id;
}

@ApiTags('me')
@ApiBearerAuth()
@PersonOnly()
@Controller({ path: 'me/notifications', version: '1' })
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  @ApiPageResponse(NotificationResponse, "The caller's inbox, newest first; only the unread entries with `unread=true`")
  list(@Query() query: InboxQuery, @CurrentPrincipal() principal: Principal): Promise<Page<NotificationResponse>> {
    return this.inbox.list(personId(principal), query);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOkResponse({
    type: NotificationResponse,
    description: 'The notification, `readAt` set (to the first read, if it had been read before)',
  })
  @Refuses('NOTIFICATION.NOT_FOUND')
  markRead(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<NotificationResponse> {
    return this.inbox.markRead(personId(principal), id);
  }
}
