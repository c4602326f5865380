import { Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Public } from '@liaison/access';
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
  @ApiQuery({ name: 'token', description: 'The feed token from GET /v1/me/calendar' })
  @ApiOkResponse({ description: "The person's exchanges as an iCalendar feed" })
  feed(@Param('personId', ParseUUIDPipe) personId: string, @Query('token') token?: string): Promise<string> {
    return this.calendar.feed(personId, token);
  }

  @Get('me/calendar')
  @ApiBearerAuth()
  @ApiOkResponse({ description: '`{ url }`: the address of your calendar feed, token included' })
  address(@CurrentPrincipal() principal: Principal): { url: string } {
    return this.calendar.address(principal);
  }

  @Post('me/calendar/rotate')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOkResponse({ description: '`{ url }` with a new token; the old address stops working' })
  rotate(@CurrentPrincipal() principal: Principal): Promise<{ url: string }> {
    return this.calendar.rotate(principal);
  }
}
