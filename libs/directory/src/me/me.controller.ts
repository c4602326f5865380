import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '@liaison/access';
import { DomainError } from '@liaison/common';
import { PersonResponse } from '../people/person.dto';
import { toPersonResponse } from '../people/person.mapper';

@ApiTags('me')
@ApiBearerAuth()
@Controller({ path: 'me', version: '1' })
export class MeController {
  @Get()
  @ApiOkResponse({ type: PersonResponse })
  me(@CurrentPrincipal() principal: Principal): PersonResponse {
    if (principal.kind !== 'person') throw DomainError.forbidden('ME.NOT_A_PERSON', 'the admin token is not a person and has no profile');
    return toPersonResponse(principal.person, principal.organizationCode);
  }
}
