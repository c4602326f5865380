import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Public } from '@liaison/access';
import { Refuses } from '@liaison/common';
import { ExchangeResponse } from '../exchange.response';
import { AnswerAttendanceDto, AnswerAttendanceLinkDto, AttendanceLinkQuery } from './attendance.dto';
import { AttendanceLinkResponse, DelegateResponse } from './attendance.response';
import { AttendanceLinkService } from './attendance-link.service';
import { AttendanceService } from './attendance.service';

/** Whether participants attend: answered signed in, or from the links of the invitation e-mail (no sign-in). */
@ApiTags('attendance')
@Controller({ version: '1' })
export class AttendanceController {
  constructor(
    private readonly attendance: AttendanceService,
    private readonly links: AttendanceLinkService,
  ) {}

  @Post('exchanges/:id/attendance')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOkResponse({ type: ExchangeResponse, description: 'The exchange, the caller’s answer in their `participants` entry' })
  @Refuses(
    'ATTENDANCE.ALREADY_DELEGATED',
    'ATTENDANCE.DELEGATE_OUTSIDE',
    'ATTENDANCE.DELEGATE_PARTICIPATING',
    'ATTENDANCE.DELEGATE_REQUIRED',
    'ATTENDANCE.DELEGATE_SELF',
    'ATTENDANCE.DELEGATE_UNEXPECTED',
    'ATTENDANCE.NOT_PARTICIPANT',
    'ATTENDANCE.UNKNOWN_DELEGATE',
    'EXCHANGE.NOT_FOUND',
    'EXCHANGE.NOT_OPEN',
  )
  answer(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AnswerAttendanceDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ExchangeResponse> {
    return this.attendance.answer(id, dto, principal);
  }

  @Get('exchanges/:id/attendance/delegates')
  @ApiBearerAuth()
  @ApiOkResponse({
    type: DelegateResponse,
    isArray: true,
    description: 'The active people of the caller’s organisation who do not take part yet, by name: whom the caller may delegate to',
  })
  @Refuses('ATTENDANCE.NOT_PARTICIPANT', 'EXCHANGE.NOT_FOUND')
  delegates(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<DelegateResponse[]> {
    return this.attendance.delegates(id, principal);
  }

  @Get('attendance/link')
  @Public()
  @ApiOkResponse({ type: AttendanceLinkResponse, description: 'What the link is for and the answer now; nothing changes' })
  @Refuses('ATTENDANCE.LINK_EXPIRED', 'ATTENDANCE.LINK_NOT_VALID', 'ATTENDANCE.LINK_SUPERSEDED', 'ATTENDANCE.NOT_PARTICIPANT')
  inspect(@Query() query: AttendanceLinkQuery): Promise<AttendanceLinkResponse> {
    return this.links.inspect(query.token);
  }

  @Post('attendance/link')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: AttendanceLinkResponse, description: 'The answer recorded for the person the link was made for' })
  @Refuses(
    'ATTENDANCE.ALREADY_DELEGATED',
    'ATTENDANCE.LINK_EXPIRED',
    'ATTENDANCE.LINK_NOT_VALID',
    'ATTENDANCE.LINK_SUPERSEDED',
    'ATTENDANCE.NOT_PARTICIPANT',
    'EXCHANGE.NOT_OPEN',
  )
  answerByLink(@Body() dto: AnswerAttendanceLinkDto): Promise<AttendanceLinkResponse> {
    return this.links.answer(dto.token, dto.answer);
  }
}
