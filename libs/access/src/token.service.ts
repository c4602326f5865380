import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessTokenEntity, OrganizationEntity, PersonEntity } from '@liaison/persistence';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import type { Principal } from './principal';
import { hashToken, newToken } from './tokens';

@Injectable()
export class TokenService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The person a live token belongs to, or null. */
  async resolve(token: string): Promise<Principal | null> {
    const row = await this.dataSource
      .getRepository(AccessTokenEntity)
      .createQueryBuilder('t')
      .innerJoinAndMapOne('t.person', PersonEntity, 'p', 'p.id = t.person_id')
      .innerJoinAndMapOne('p.organization', OrganizationEntity, 'o', 'o.id = p.organization_id')
      .where('t.token_hash = :hash AND t.revoked_at IS NULL', {
        hash: hashToken(token),
      })
      .getOne();
    if (!row?.person?.organization) return null;
    return {
      kind: 'person',
      person: row.person,
      organizationCode: row.person.organization.code,
    };
  }

  /** Revokes the person's live tokens and issues a new one; the secret is returned once, never stored. */
  async issue(personId: string, manager: EntityManager = this.dataSource.manager): Promise<string> {
    const token = newToken();
    await manager.update(AccessTokenEntity, { personId, revokedAt: IsNull() }, { revokedAt: new Date() });
    await manager.insert(AccessTokenEntity, {
      personId,
      tokenHash: hashToken(token),
      revokedAt: null,
    });
    return token;
  }
}
