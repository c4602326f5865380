import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { AccessTokenEntity, OrganizationEntity, PersonEntity } from '../entities';
import { managerOf, UnitOfWork } from '../unit-of-work';

/** `access_tokens`: bearer tokens by the hash of their secret (the secret itself is never stored). */
@Injectable()
export class TokensRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The token with this hash, with its person and the person's organisation mapped on. */
  byHash(tokenHash: string): Promise<AccessTokenEntity | null> {
    return this.dataSource
      .getRepository(AccessTokenEntity)
      .createQueryBuilder('t')
      .innerJoinAndMapOne('t.person', PersonEntity, 'p', 'p.id = t.person_id')
      .innerJoinAndMapOne('p.organization', OrganizationEntity, 'o', 'o.id = p.organization_id')
      .where('t.token_hash = :hash', { hash: tokenHash })
      .getOne();
  }

  /** Revokes the person's live tokens, then adds one. */
  async replaceLive(personId: string, tokenHash: string, expiresAt: Date, uow?: UnitOfWork): Promise<void> {
    const manager = managerOf(this.dataSource, uow);
    await manager.update(AccessTokenEntity, { personId, revokedAt: IsNull() }, { revokedAt: new Date() });
    await manager.insert(AccessTokenEntity, { personId, tokenHash, revokedAt: null, expiresAt });
  }

  /** The person's tokens, newest first. */
  ofPerson(personId: string): Promise<AccessTokenEntity[]> {
    return this.dataSource.getRepository(AccessTokenEntity).find({ where: { personId }, order: { createdAt: 'DESC' } });
  }

  /** Revokes one of the person's live tokens; false when it is not theirs or already revoked. */
  async revoke(personId: string, tokenId: string, uow?: UnitOfWork): Promise<boolean> {
    const result = await managerOf(this.dataSource, uow).update(
      AccessTokenEntity,
      { id: tokenId, personId, revokedAt: IsNull() },
      { revokedAt: new Date() },
    );
    return (result.affected ?? 0) > 0;
  }

  /** Notes the token's use (the condition keeps racing requests to one write a minute). */
  async touch(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE access_tokens SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [id],
    );
  }
}
