import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Page } from '@liaison/common';
import { CooperationAreaEntity } from '@liaison/persistence';
import { DataSource } from 'typeorm';

@ApiTags('areas')
@ApiBearerAuth()
@Controller({ path: 'areas', version: '1' })
export class AreasController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get()
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
}
