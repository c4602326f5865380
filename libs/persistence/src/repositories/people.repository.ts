import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, Not } from 'typeorm';
import { OrganizationEntity, PersonEntity } from '../entities';
import { keysetPage } from '../keyset';
import { managerOf, UnitOfWork } from '../unit-of-work';

/** A person as created. */
export type NewPerson = Pick<
  PersonEntity,
  | 'name'
  | 'email'
  | 'organizationId'
  | 'level'
  | 'roles'
  | 'timezone'
  | 'emailEnabled'
  | 'webhookUrl'
  | 'quietHoursStart'
  | 'quietHoursEnd'
  | 'language'
>;

/** What an edit of a person may change. */
export type PersonChanges = Partial<Omit<NewPerson, 'organizationId'> & Pick<PersonEntity, 'digestEnabled' | 'digestDueAt'>>;

/**
 * The people of the directory. A person read "with organisation" carries it on `organization`
 * (their code is what the API shows). A unique e-mail is enforced by the database: create and
 * change fail with a unique violation on a duplicate.
 */
@Injectable()
export class PeopleRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Creates the person; their id. */
  async create(person: NewPerson, uow?: UnitOfWork): Promise<string> {
    const result = await managerOf(this.dataSource, uow).insert(PersonEntity, person);
    return result.identifiers[0].id as string;
  }

  async change(id: string, changes: PersonChanges, uow?: UnitOfWork): Promise<void> {
    await managerOf(this.dataSource, uow).update(PersonEntity, { id }, changes);
  }

  findById(id: string): Promise<PersonEntity | null> {
    return this.dataSource.getRepository(PersonEntity).findOneBy({ id });
  }

  /** Those of these ids that exist. */
  byIds(ids: string[]): Promise<PersonEntity[]> {
    return this.dataSource.getRepository(PersonEntity).findBy({ id: In(ids) });
  }

  /** The person, who must exist. */
  byId(id: string, uow?: UnitOfWork): Promise<PersonEntity> {
    return managerOf(this.dataSource, uow).findOneByOrFail(PersonEntity, { id });
  }

  /** The person, who must exist, their row locked (`FOR UPDATE`) for the rest of the transaction. */
  lock(id: string, uow: UnitOfWork): Promise<PersonEntity> {
    return managerOf(this.dataSource, uow).findOneOrFail(PersonEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The person with their organisation, or null. */
  withOrganization(id: string): Promise<PersonEntity | null> {
    return this.dataSource
      .getRepository(PersonEntity)
      .createQueryBuilder('p')
      .innerJoinAndMapOne('p.organization', OrganizationEntity, 'o', 'o.id = p.organization_id')
      .where('p.id = :id', { id })
      .getOne();
  }

  /** The active (not deactivated) person with this e-mail, compared without case, with their organisation; or null. */
  activeByEmail(email: string): Promise<PersonEntity | null> {
    return this.dataSource
      .getRepository(PersonEntity)
      .createQueryBuilder('p')
      .innerJoinAndMapOne('p.organization', OrganizationEntity, 'o', 'o.id = p.organization_id')
      .where('lower(p.email) = lower(:email) AND p.deactivated_at IS NULL', { email })
      .getOne();
  }

  /** People with their organisation (only that organisation's when a code is given), oldest first, one keyset page. */
  listWithOrganization(
    organizationCode: string | undefined,
    page: { limit: number; cursor?: string },
  ): Promise<{ rows: PersonEntity[]; nextCursor: string | null }> {
    const qb = this.dataSource
      .getRepository(PersonEntity)
      .createQueryBuilder('p')
      .innerJoinAndMapOne('p.organization', OrganizationEntity, 'o', 'o.id = p.organization_id');
    if (organizationCode) qb.andWhere('o.code = :scope', { scope: organizationCode });
    return keysetPage(qb, {
      column: 'p.created_at',
      value: (p) => p.createdAt,
      idColumn: 'p.id',
      direction: 'ASC',
      limit: page.limit,
      cursor: page.cursor,
    });
  }

  /** Deactivates the person now; false when they were deactivated already. */
  async deactivate(id: string, uow?: UnitOfWork): Promise<boolean> {
    const result = await managerOf(this.dataSource, uow).update(
      PersonEntity,
      { id, deactivatedAt: IsNull() },
      { deactivatedAt: () => 'now()' },
    );
    return (result.affected ?? 0) > 0;
  }

  /** Reactivates the person; false when they were active already. */
  async reactivate(id: string, uow?: UnitOfWork): Promise<boolean> {
    const result = await managerOf(this.dataSource, uow).update(
      PersonEntity,
      { id, deactivatedAt: Not(IsNull()) },
      { deactivatedAt: null },
    );
    return (result.affected ?? 0) > 0;
  }
}
