import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Page } from '@liaison/common';
import { AreaEntry, OrganizationsRepository } from '@liaison/persistence';

@ApiTags('areas')
@ApiBearerAuth()
@Controller({ version: '1' })
export class AreasController {
  constructor(private readonly organizations: OrganizationsRepository) {}

  @Get('areas')
  @ApiOkResponse({
    description: 'The cooperation-area catalogue of the joint declaration, in its order',
  })
  async list(): Promise<Page<AreaEntry>> {
    return { items: await this.organizations.cooperationAreas(), nextCursor: null };
  }

  @Get('a4p-areas')
  @ApiOkResponse({ description: 'The eight commitment areas of the A4P Declaration of Shared Commitments, in its order' })
  async a4pAreas(): Promise<Page<AreaEntry>> {
    return { items: await this.organizations.a4pAreas(), nextCursor: null };
  }
}
