import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, PersonOnly, Principal } from '@liaison/access';
import { WaitingResponse } from '@liaison/follow-up';
import { WaitingService, WAITING_LIMIT } from './waiting.service';

@ApiTags('me')
@ApiBearerAuth()
@PersonOnly()
@Controller({ path: 'me/waiting', version: '1' })
export class WaitingController {
  constructor(private readonly waiting: WaitingService) {}

  @Get()
  @ApiOperation({
    summary: 'What is waiting for me',
    description: `The steps open to the caller, by due time (those without one last), as the resources' own \`actions\` say: exchanges to confirm for an organisation they coordinate for (\`confirmableFor\`), agenda items of open agendas awaiting such an organisation, minutes awaiting its approval, their own open action items (not on cancelled exchanges), and support requests with a step open to them that moves the request on (any step but \`withdraw\`; not \`raise\`). Bounded: at most the next ${WAITING_LIMIT} open exchanges and the ${WAITING_LIMIT} latest held ones with minutes, the ${WAITING_LIMIT} earliest-due open action items, the ${WAITING_LIMIT} open support requests with the earliest deadlines are looked at. A RESTRICTED exchange or request is named by its marking, not its title.`,
  })
  @ApiOkResponse({ type: WaitingResponse })
  get(@CurrentPrincipal() principal: Principal): Promise<WaitingResponse> {
    return this.waiting.of(principal);
  }
}
