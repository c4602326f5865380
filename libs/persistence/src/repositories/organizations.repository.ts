import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { A4pAreaEntity, CooperationAreaEntity, OrganizationEntity } from '../entities';
import { managerOf, UnitOfWork } from '../unit-of-work';

/** An organisation as created: its working calendar given in full. */
export type NewOrganization = Pick<OrganizationEntity, 'code' | 'name' | 'timezone' | 'weekendDays' | 'holidays'> &
  Partial<Pick<OrganizationEntity, 'defaultLanguage'>>;

/** An entry of a catalogue (cooperation areas, A4P commitment areas). */
export interface AreaEntry {
  code: string;
  name: string;
}

/**
 * Organisations with their working calendars (weekend days and holidays, which support-request
 * service levels count on), and the two area catalogues requests and agenda items point at.
 */
@Injectable()
export class OrganizationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every organisation, by code. */
  list(): Promise<OrganizationEntity[]> {
    return this.dataSource.getRepository(OrganizationEntity).find({ order: { code: 'ASC' } });
  }

  /** Creates the organisation and reads it back (a duplicate code fails as a unique violation). */
  async create(organization: NewOrganization, uow?: UnitOfWork): Promise<OrganizationEntity> {
    const manager = managerOf(this.dataSource, uow);
    const inserted = await manager.insert(OrganizationEntity, organization);
    return manager.findOneByOrFail(OrganizationEntity, { id: inserted.identifiers[0].id as string });
  }

  /** The organisation with this code, its row locked (`FOR UPDATE`) for the rest of the transaction; null when there is none. */
  lockByCode(code: string, uow: UnitOfWork): Promise<OrganizationEntity | null> {
    return managerOf(this.dataSource, uow).findOne(OrganizationEntity, { where: { code }, lock: { mode: 'pessimistic_write' } });
  }

  /** Writes the organisation's settings (working calendar, default language) as they stand on the entity. */
  async save(organization: OrganizationEntity, uow?: UnitOfWork): Promise<void> {
    await managerOf(this.dataSource, uow).save(organization);
  }

  byId(id: string, uow?: UnitOfWork): Promise<OrganizationEntity> {
    return managerOf(this.dataSource, uow).findOneByOrFail(OrganizationEntity, { id });
  }

  /** Those of these ids that exist. */
  byIds(ids: string[]): Promise<OrganizationEntity[]> {
    return this.dataSource.getRepository(OrganizationEntity).findBy({ id: In(ids) });
  }

  /** Those of these codes that exist. */
  byCodes(codes: string[]): Promise<OrganizationEntity[]> {
    return this.dataSource.getRepository(OrganizationEntity).findBy({ code: In(codes) });
  }

  /** The cooperation-area catalogue of the joint declaration, in its order. */
  async cooperationAreas(): Promise<AreaEntry[]> {
    const areas = await this.dataSource.getRepository(CooperationAreaEntity).find({ order: { position: 'ASC' } });
    return areas.map((a) => ({ code: a.code, name: a.name }));
  }

  /** The A4P commitment areas, in the declaration's order. */
  async a4pAreas(): Promise<AreaEntry[]> {
    const areas = await this.dataSource.getRepository(A4pAreaEntity).find({ order: { position: 'ASC' } });
    return areas.map((a) => ({ code: a.code, name: a.name }));
  }

  /** Those of these cooperation-area codes that exist. */
  cooperationAreasByCodes(codes: string[]): Promise<CooperationAreaEntity[]> {
    return this.dataSource.getRepository(CooperationAreaEntity).findBy({ code: In(codes) });
  }

  isCooperationArea(code: string): Promise<boolean> {
    return this.dataSource.getRepository(CooperationAreaEntity).existsBy({ code });
  }

  isA4pArea(code: string): Promise<boolean> {
    return this.dataSource.getRepository(A4pAreaEntity).existsBy({ code });
  }
}
