import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SignInLinkEntity } from '../entities';
import { managerOf, UnitOfWork } from '../unit-of-work';

/** `sign_in_links`: the single-use links sent by e-mail, by the hash of their secret. */
@Injectable()
export class SignInLinksRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(link: Pick<SignInLinkEntity, 'personId' | 'tokenHash' | 'next' | 'expiresAt'>, uow?: UnitOfWork): Promise<void> {
    await managerOf(this.dataSource, uow).insert(SignInLinkEntity, { ...link, usedAt: null });
  }

  /**
   * Uses the link with this hash, if it is unused and unexpired: one statement, so of two requests
   * racing with the same link exactly one gets it. The link as it was, or null.
   */
  async use(tokenHash: string, uow?: UnitOfWork): Promise<Pick<SignInLinkEntity, 'personId' | 'next'> | null> {
    const result = await managerOf(this.dataSource, uow)
      .createQueryBuilder()
      .update(SignInLinkEntity)
      .set({ usedAt: () => 'now()' })
      .where('token_hash = :tokenHash AND used_at IS NULL AND expires_at > now()', { tokenHash })
      .returning('person_id, next')
      .execute();
    const rows = result.raw as Array<{ person_id: string; next: string | null }>;
    return rows.length === 0 ? null : { personId: rows[0].person_id, next: rows[0].next };
  }
}
