import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Page } from '@liaison/common';
import { A4pAreaEntity, CooperationAreaEntity } from '@liaison/persistence';
import { DataSource } from 'typeorm';

@ApiTags('areas')
@ApiBearerAuth()
@Controller({ version: '1' })
export class AreasController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get('areas')
  @ApiOkResponse({
    description: 'The cooperation-area catalogue of the joint declaration, in its order',
  })
  async list(): Promise<Page<{ code: string; name: string }>> {
    const areas = await this.dataSource.getRepository(CooperationAreaEntity).find({ order: { position: 'ASC' } });
    return {
      items: areas.map((a) => ({ code: a.code, name: a.name })),
      nextCursor: null,
    };
  }

  @Get('a4p-areas')
  @ApiOkResponse({ description: 'The eight commitment areas of the A4P Declaration of Shared Commitments, in its order' })
  async a4pAreas(): Promise<Page<{ code: string; name: string }>> {
    const areas = await this.dataSource.getRepository(A4pAreaEntity).find({ order: { position: 'ASC' } });
    return { items: areas.map((a) => ({ code: a.code, name: a.name })), nextCursor: null };
  }
}
