import { applyDecorators, Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@liaison/access';
import { ApiPageResponse, Page, Refuses } from '@liaison/common';
import type { ErrorCode } from '@liaison/domain';
import { CreateSupportRequestDto } from './dto/create-support-request.dto';
import { ListSupportRequestsQuery } from './dto/list-support-requests.query';
import {
  AcknowledgeDto,
  CloseDto,
  DecideDto,
  DeliverDto,
  MessageDto,
  ProvideInformationDto,
  RaiseDto,
  RecommendDto,
  RequestInformationDto,
  StartDeliveryDto,
  WithdrawDto,
} from './dto/support-request-steps.dto';
import { SupportRequestQueryService } from './support-request-query.service';
import { SupportRequestStepsService } from './support-request-steps.service';
import { SupportRequestSubmissionService } from './support-request-submission.service';
import { SupportRequestThreadService } from './support-request-thread.service';
import { SupportRequestResponse, TimelineEntry } from './support-request.mapper';

/**
 * A step of a request (`POST /v1/support-requests/:id/<step>`): 200 with the request as it stands
 * after the step, or a refusal: no such request (or not visible), its workflow not started yet, a
 * state that does not allow the step, and `codes`, the step's own.
 */
function Step(path: string, description: string, ...codes: ErrorCode[]): MethodDecorator {
  return applyDecorators(
    Post(path),
    HttpCode(200),
    ApiOkResponse({ type: SupportRequestResponse, description }),
    ApiForbiddenResponse({ description: 'The caller is not on the side that takes this step' }),
    ApiConflictResponse({ description: 'The request’s state does not allow this step (the message names the state)' }),
    Refuses('SUPPORT.NOT_FOUND', 'SUPPORT.STARTING', 'SUPPORT.WRONG_STATE', ...codes),
  );
}

@ApiTags('support-requests')
@ApiBearerAuth()
@Controller({ path: 'support-requests', version: '1' })
export class SupportRequestsController {
  constructor(
    private readonly submission: SupportRequestSubmissionService,
    private readonly query: SupportRequestQueryService,
    private readonly steps: SupportRequestStepsService,
    private readonly thread: SupportRequestThreadService,
  ) {}

  @Post()
  @Roles('coordinator')
  @ApiCreatedResponse({
    type: SupportRequestResponse,
    description: 'The request, `status: "submitted"`, with its acknowledgement deadline; its workflow is running',
  })
  @Refuses(
    'ORGANIZATION.UNKNOWN',
    'SUPPORT.BAD_NEEDED_BY',
    'SUPPORT.NOT_REQUESTING_COORDINATOR',
    'SUPPORT.SAME_ORGANIZATION',
    'SUPPORT.UNKNOWN_AREA',
  )
  async create(@Body() dto: CreateSupportRequestDto, @CurrentPrincipal() principal: Principal): Promise<SupportRequestResponse> {
    return this.query.get(await this.submission.submit(dto, principal), principal);
  }

  @Get()
  @ApiPageResponse(
    SupportRequestResponse,
    'Requests the caller may see, newest first, without their timelines; filters status, priority, organization, area, a4pArea, overdue',
  )
  list(@Query() query: ListSupportRequestsQuery, @CurrentPrincipal() principal: Principal): Promise<Page<SupportRequestResponse>> {
    return this.query.list(principal, query);
  }

  @Get(':id')
  @ApiOkResponse({
    type: SupportRequestResponse,
    description: 'The request with its deadlines and its timeline (steps, messages, reminders, breaches)',
  })
  @Refuses('SUPPORT.NOT_FOUND')
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<SupportRequestResponse> {
    return this.query.get(id, principal);
  }

  @Step(
    ':id/acknowledge',
    'The request, `acknowledged`, with its assignee; the decision deadline runs',
    'SUPPORT.BAD_ASSIGNEE',
    'SUPPORT.NOT_PROVIDING_COORDINATOR',
  )
  acknowledge(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AcknowledgeDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<SupportRequestResponse> {
    return this.steps.take(id, 'acknowledge', { assigneeId: dto.assigneeId }, p);
  }

  @Step(
    ':id/request-information',
    'The request, `information_requested`; its deadline pauses until the answer',
    'SUPPORT.NOT_PROVIDING_COORDINATOR',
  )
  requestInformation(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RequestInformationDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<SupportRequestResponse> {
    return this.steps.take(id, 'request-information', { question: dto.question }, p);
  }

  @Step(':id/provide-information', 'The request, `under_review`; its deadline runs again', 'SUPPORT.NOT_REQUESTING_SIDE')
  provideInformation(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ProvideInformationDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<SupportRequestResponse> {
    return this.steps.take(id, 'provide-information', { answer: dto.answer }, p);
  }

  @Step(':id/recommend', 'The request, `recommended`, awaiting the senior level’s decision', 'SUPPORT.NOT_PROVIDING_COORDINATOR')
  recommend(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RecommendDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<SupportRequestResponse> {
    return this.steps.take(id, 'recommend', { recommendation: dto.recommendation, rationale: dto.rationale }, p);
  }

  @Step(':id/decide', 'The request, `approved` or `declined`', 'SUPPORT.NOT_PROVIDING_SENIOR', 'SUPPORT.RATIONALE_REQUIRED')
  decide(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DecideDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<SupportRequestResponse> {
    return this.steps.take(id, 'decide', { decision: dto.decision, rationale: dto.rationale }, p);
  }

  @Step(':id/start-delivery', 'The request, `in_delivery`', 'SUPPORT.NOT_PROVIDING_COORDINATOR')
  startDelivery(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() _dto: StartDeliveryDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<SupportRequestResponse> {
    return this.steps.take(id, 'start-delivery', {}, p);
  }

  @Step(':id/deliver', 'The request, `delivered`, with its delivery summary', 'SUPPORT.NOT_PROVIDING_COORDINATOR')
  deliver(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DeliverDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<SupportRequestResponse> {
    return this.steps.take(id, 'deliver', { summary: dto.summary }, p);
  }

  @Step(':id/close', 'The request, `closed`', 'SUPPORT.NOT_REQUESTING_SIDE')
  close(@Param('id', ParseUUIDPipe) id: string, @Body() _dto: CloseDto, @CurrentPrincipal() p: Principal): Promise<SupportRequestResponse> {
    return this.steps.take(id, 'close', {}, p);
  }

  @Step(':id/withdraw', 'The request, `withdrawn`', 'SUPPORT.NOT_REQUESTING_SIDE')
  withdraw(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: WithdrawDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<SupportRequestResponse> {
    return this.steps.take(id, 'withdraw', { reason: dto.reason }, p);
  }

  @Post(':id/messages')
  @ApiCreatedResponse({ type: TimelineEntry, description: 'The message, as it stands in the timeline' })
  @Refuses('SUPPORT.NOT_FOUND')
  message(@Param('id', ParseUUIDPipe) id: string, @Body() dto: MessageDto, @CurrentPrincipal() p: Principal): Promise<TimelineEntry> {
    return this.thread.post(id, dto.body, p);
  }

  @Post(':id/raise')
  @ApiCreatedResponse({ type: TimelineEntry, description: 'The timeline entry; the request is an item on the exchange’s agenda' })
  @ApiConflictResponse({
    description: 'The request is closed, already on that agenda, the agenda frozen, or a third organisation takes part in the exchange',
  })
  @Refuses(
    'AGENDA.CLOSED',
    'AGENDA.FROZEN',
    'SUPPORT.ALREADY_RAISED',
    'SUPPORT.EXCHANGE_NOT_SHARED',
    'SUPPORT.NOT_COORDINATOR',
    'SUPPORT.NOT_FOUND',
    'SUPPORT.NO_OWNER',
    'SUPPORT.THIRD_ORGANIZATION',
    'SUPPORT.UNKNOWN_EXCHANGE',
    'SUPPORT.WRONG_STATE',
  )
  raise(@Param('id', ParseUUIDPipe) id: string, @Body() dto: RaiseDto, @CurrentPrincipal() p: Principal): Promise<TimelineEntry> {
    return this.thread.raise(id, dto.exchangeId, p);
  }
}
