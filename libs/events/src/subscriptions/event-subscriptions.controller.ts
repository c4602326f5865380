import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Principal, ReturnsSecret } from '@liaison/access';
import { ApiPageResponse, Page, PageQueryDto, Refuses } from '@liaison/common';
import {
  CreateEventSubscriptionDto,
  EventDeliveryResponse,
  EventSubscriptionCreatedResponse,
  EventSubscriptionResponse,
  EventSubscriptionSecretResponse,
  PingResponse,
  RedeliveryResponse,
  UpdateEventSubscriptionDto,
} from './event-subscription.dto';
import { EventSubscriptionsService } from './event-subscriptions.service';
import { SubscriptionDeliveriesService } from './subscription-deliveries.service';

/** An organisation's event subscriptions (admins and the organisation's coordinators; docs/event-subscriptions.md). */
@ApiTags('event-subscriptions')
@ApiBearerAuth()
@Controller({ path: 'organizations/:code/event-subscriptions', version: '1' })
export class EventSubscriptionsController {
  constructor(
    private readonly subscriptions: EventSubscriptionsService,
    private readonly deliveries: SubscriptionDeliveriesService,
  ) {}

  @Post()
  @ReturnsSecret('secret')
  @ApiOperation({ summary: 'A new event subscription; its signing secret is shown this once' })
  @ApiCreatedResponse({ type: EventSubscriptionCreatedResponse })
  @Refuses('ORGANIZATION.NOT_FOUND', 'ORGANIZATION.NOT_COORDINATOR', 'WEBHOOK.URL_NOT_ALLOWED', 'WEBHOOK.ADDRESS_NOT_PUBLIC')
  create(
    @Param('code') code: string,
    @Body() dto: CreateEventSubscriptionDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<EventSubscriptionCreatedResponse> {
    return this.subscriptions.create(code, dto, principal);
  }

  @Get()
  @ApiPageResponse(EventSubscriptionResponse, "The organisation's event subscriptions, newest first (never their secrets)")
  @Refuses('ORGANIZATION.NOT_FOUND', 'ORGANIZATION.NOT_COORDINATOR')
  list(
    @Param('code') code: string,
    @Query() page: PageQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Page<EventSubscriptionResponse>> {
    return this.subscriptions.list(code, page, principal);
  }

  @Get(':id')
  @ApiOkResponse({ type: EventSubscriptionResponse })
  @Refuses('ORGANIZATION.NOT_FOUND', 'ORGANIZATION.NOT_COORDINATOR', 'EVENT_SUBSCRIPTION.NOT_FOUND')
  get(
    @Param('code') code: string,
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<EventSubscriptionResponse> {
    return this.subscriptions.get(code, id, principal);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Changes the subscription; `status: active` re-enables a disabled one' })
  @ApiOkResponse({ type: EventSubscriptionResponse })
  @Refuses(
    'ORGANIZATION.NOT_FOUND',
    'ORGANIZATION.NOT_COORDINATOR',
    'EVENT_SUBSCRIPTION.NOT_FOUND',
    'WEBHOOK.URL_NOT_ALLOWED',
    'WEBHOOK.ADDRESS_NOT_PUBLIC',
  )
  update(
    @Param('code') code: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateEventSubscriptionDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<EventSubscriptionResponse> {
    return this.subscriptions.update(code, id, dto, principal);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted, with its secrets and delivery log' })
  @Refuses('ORGANIZATION.NOT_FOUND', 'ORGANIZATION.NOT_COORDINATOR', 'EVENT_SUBSCRIPTION.NOT_FOUND')
  remove(@Param('code') code: string, @Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    return this.subscriptions.remove(code, id, principal);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ReturnsSecret()
  @ApiOperation({ summary: 'A new signing secret, shown once; the previous one still signs beside it for WEBHOOK_SECRET_GRACE' })
  @ApiOkResponse({ type: EventSubscriptionSecretResponse })
  @Refuses('ORGANIZATION.NOT_FOUND', 'ORGANIZATION.NOT_COORDINATOR', 'EVENT_SUBSCRIPTION.NOT_FOUND')
  rotateSecret(
    @Param('code') code: string,
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<EventSubscriptionSecretResponse> {
    return this.subscriptions.rotateSecret(code, id, principal);
  }

  @Get(':id/deliveries')
  @ApiPageResponse(EventDeliveryResponse, "The subscription's deliveries, newest first, with their attempts")
  @Refuses('ORGANIZATION.NOT_FOUND', 'ORGANIZATION.NOT_COORDINATOR', 'EVENT_SUBSCRIPTION.NOT_FOUND')
  deliveriesOf(
    @Param('code') code: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() page: PageQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Page<EventDeliveryResponse>> {
    return this.deliveries.list(code, id, page, principal);
  }

  @Post(':id/deliveries/:deliveryId/redeliver')
  @HttpCode(202)
  @ApiOperation({ summary: 'Sends the delivery again, now (its attempts so far stay in the log)' })
  @ApiAcceptedResponse({ type: RedeliveryResponse })
  @Refuses(
    'ORGANIZATION.NOT_FOUND',
    'ORGANIZATION.NOT_COORDINATOR',
    'EVENT_SUBSCRIPTION.NOT_FOUND',
    'EVENT_SUBSCRIPTION.DELIVERY_NOT_FOUND',
  )
  redeliver(
    @Param('code') code: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('deliveryId', ParseUUIDPipe) deliveryId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<RedeliveryResponse> {
    return this.deliveries.redeliver(code, id, deliveryId, principal);
  }

  @Post(':id/ping')
  @HttpCode(202)
  @ApiOperation({ summary: 'Sends a `ping` event to this subscription alone' })
  @ApiAcceptedResponse({ type: PingResponse })
  @Refuses('ORGANIZATION.NOT_FOUND', 'ORGANIZATION.NOT_COORDINATOR', 'EVENT_SUBSCRIPTION.NOT_FOUND', 'EVENT_SUBSCRIPTION.DISABLED')
  ping(
    @Param('code') code: string,
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PingResponse> {
    return this.deliveries.ping(code, id, principal);
  }
}
