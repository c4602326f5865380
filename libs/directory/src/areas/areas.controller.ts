import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiPageResponse, Page } from '@liaison/common';
import { OrganizationsRepository } from '@liaison/persistence';
import { AreaResponse } from './area.response';

@ApiTags('areas')
@ApiBearerAuth()
@Controller({ version: '1' })
export class AreasController {
  constructor(private readonly organizations: OrganizationsRepository) {}

  @Get('areas')
  @ApiPageResponse(AreaResponse, 'The cooperation-area catalogue of the joint declaration, in its order')
  async list(): Promise<Page<AreaResponse>> {
    return { items: await this.organizations.cooperationAreas(), nextCursor: null };
  }

  @Get('a4p-areas')
  @ApiPageResponse(AreaResponse, 'The eight commitment areas of the A4P Declaration of Shared Commitments, in its order')
  async a4pAreas(): Promise<Page<AreaResponse>> {
    return { items: await this.organizations.a4pAreas(), nextCursor: null };
  }
}
