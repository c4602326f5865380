import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CalendarFeedEntity, ExchangeEntity, OrganizationEntity, PersonEntity } from '../entities';
import { managerOf, UnitOfWork } from '../unit-of-work';

/**
 * Every query of `calendar_feeds` (one row per person with a live feed, holding the SHA-256 of its
 * token), and the exchanges a feed shows.
 */
@Injectable()
export class CalendarFeedsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Makes the person's feed with this token hash unless they have one: when it was made, or null if one was there. */
  async createIfAbsent(personId: string, tokenHash: string, uow?: UnitOfWork): Promise<Date | null> {
    const rows: Array<{ created_at: Date }> = await managerOf(this.dataSource, uow).query(
      `INSERT INTO calendar_feeds (person_id, token_hash) VALUES ($1, $2) ON CONFLICT (person_id) DO NOTHING RETURNING created_at`,
      [personId, tokenHash],
    );
    return rows[0]?.created_at ?? null;
  }

  /** Puts this token hash in place of the person's current one (or makes the feed); when it was made. */
  async replace(personId: string, tokenHash: string, uow?: UnitOfWork): Promise<Date> {
    const rows: Array<{ created_at: Date }> = await managerOf(this.dataSource, uow).query(
      `INSERT INTO calendar_feeds (person_id, token_hash) VALUES ($1, $2)
       ON CONFLICT (person_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = now() RETURNING created_at`,
      [personId, tokenHash],
    );
    return rows[0].created_at;
  }

  /** Revokes the person's feed; false when they had none. */
  async remove(personId: string, uow?: UnitOfWork): Promise<boolean> {
    const result = await managerOf(this.dataSource, uow).delete(CalendarFeedEntity, { personId });
    return (result.affected ?? 0) > 0;
  }

  /** When the person's live feed was made, or null when they have none. */
  async createdAt(personId: string): Promise<Date | null> {
    const feed = await this.dataSource.getRepository(CalendarFeedEntity).findOneBy({ personId });
    return feed?.createdAt ?? null;
  }

  /**
   * The person whose live feed token has this hash, if it is the person of the address and they are
   * active; else null. The token is found by its hash (an index lookup), never compared as text.
   */
  personByToken(personId: string, tokenHash: string): Promise<PersonEntity | null> {
    return this.dataSource
      .getRepository(PersonEntity)
      .createQueryBuilder('p')
      .innerJoin(CalendarFeedEntity, 'f', 'f.person_id = p.id AND f.token_hash = :tokenHash', { tokenHash })
      // With their organisation: the feed is written in their language, which may be its default.
      .innerJoinAndMapOne('p.organization', OrganizationEntity, 'o', 'o.id = p.organization_id')
      .where('p.id = :personId', { personId })
      .andWhere('p.deactivated_at IS NULL')
      .getOne();
  }

  /** The exchanges the person takes part in that start at most `pastDays` days ago or later, earliest first. */
  exchangesOf(personId: string, pastDays: number): Promise<ExchangeEntity[]> {
    return this.dataSource
      .getRepository(ExchangeEntity)
      .createQueryBuilder('e')
      .innerJoin('exchange_participants', 'p', 'p.exchange_id = e.id AND p.person_id = :personId', { personId })
      .where(`e.starts_at >= now() - interval '${Math.trunc(pastDays)} days'`)
      .orderBy('e.starts_at', 'ASC')
      .getMany();
  }
}
