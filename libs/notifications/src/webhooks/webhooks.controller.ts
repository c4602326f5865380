import { Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, PersonOnly, Principal } from '@liaison/access';
import { Refuses } from '@liaison/common';
import { WebhookTestResponse } from './webhook-test.dto';
import { WebhookTestService } from './webhook-test.service';

/**
 * Test sends of the webhook channel: a signed `webhook.test` event, sent while the caller waits. An
 * unreachable receiver is an answer (`delivered: false`), not an error.
 */
@ApiBearerAuth()
@Controller({ version: '1' })
export class WebhooksController {
  constructor(private readonly tests: WebhookTestService) {}

  @Post('me/webhooks/test')
  @PersonOnly()
  @HttpCode(200)
  @ApiTags('me')
  @ApiOperation({ summary: 'Send a signed test event to your own webhook URL (409 WEBHOOK.NOT_CONFIGURED if you have none)' })
  @ApiOkResponse({ type: WebhookTestResponse })
  @Refuses('WEBHOOK.NOT_CONFIGURED')
  testOwn(@CurrentPrincipal() principal: Principal): Promise<WebhookTestResponse> {
    return this.tests.testOwn(principal);
  }

  @Post('people/:id/webhooks/test')
  @HttpCode(200)
  @ApiTags('people')
  @ApiOperation({ summary: "Send a signed test event to a person's webhook URL (admins, coordinators of the person's organisation)" })
  @ApiOkResponse({ type: WebhookTestResponse })
  @Refuses(
    'PERSON.ADMIN_ROLE',
    'PERSON.DEACTIVATED',
    'PERSON.NOT_FOUND',
    'PERSON.ROLE_NOT_HELD',
    'WEBHOOK.NOT_CONFIGURED',
    'WEBHOOK.NOT_COORDINATOR',
  )
  testPerson(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<WebhookTestResponse> {
    return this.tests.testPerson(id, principal);
  }
}
