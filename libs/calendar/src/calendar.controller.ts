import { Controller, Delete, Get, Header, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiProduces, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, PersonOnly, Principal, Public, ReturnsSecret } from '@liaison/access';
import { Refuses } from '@liaison/common';
import { CalendarAddressResponse } from './calendar.dto';
import { CalendarService } from './calendar.service';

@ApiTags('calendar')
@Controller({ version: '1' })
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get('calendar/:personId.ics')
  @Public()
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Cache-Control', 'private, max-age=300')
  @ApiProduces('text/calendar')
  // The feed token of the address from GET /v1/me/calendar or its rotation, as `?token=`.
  @ApiSecurity('feedToken')
  @ApiOkResponse({ description: "The person's exchanges as an iCalendar feed", schema: { type: 'string' } })
  @Refuses('CALENDAR.NOT_FOUND')
  feed(@Param('personId', ParseUUIDPipe) personId: string, @Query('token') token?: unknown): Promise<string> {
    return this.calendar.feed(personId, token);
  }

  @Get('me/calendar')
  @PersonOnly()
  @Header('Cache-Control', 'no-store')
  @ApiBearerAuth()
  @ApiOkResponse({
    type: CalendarAddressResponse,
    description:
      'The first read makes your feed and shows its address, token included; later reads show when it was made (rotate for a new address)',
  })
  address(@CurrentPrincipal() principal: Principal): Promise<CalendarAddressResponse> {
    return this.calendar.address(principal);
  }

  @Post('me/calendar/rotate')
  @PersonOnly()
  @HttpCode(200)
  @ReturnsSecret()
  @Header('Cache-Control', 'no-store')
  @ApiBearerAuth()
  @ApiOkResponse({ type: CalendarAddressResponse, description: 'A new address, token included; the old one stops working' })
  rotate(@CurrentPrincipal() principal: Principal): Promise<CalendarAddressResponse> {
    return this.calendar.rotate(principal);
  }

  @Delete('me/calendar')
  @PersonOnly()
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: 'Your feed address stops working; the next GET /v1/me/calendar makes a new one' })
  revokeOwn(@CurrentPrincipal() principal: Principal): Promise<void> {
    return this.calendar.revokeOwn(principal);
  }

  @Delete('people/:id/calendar')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: "The person's feed address stops working (the person, their coordinator, an admin)" })
  @Refuses('PERSON.ADMIN_ROLE', 'PERSON.NOT_FOUND', 'PERSON.ROLE_NOT_HELD')
  revoke(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    return this.calendar.revokeFor(id, principal);
  }
}
