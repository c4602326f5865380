import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import { AccessTokenEntity, OrganizationEntity, PersonEntity } from '@liaison/persistence';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import type { Principal } from './principal';
import { hashToken, newToken } from './tokens';

/** A bearer token as its holder may see it: never the secret. */
export interface TokenInfo {
  id: string;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

/** What a presented token turned out to be. */
export type Resolution = { principal: Principal } | { refused: 'unknown' | 'deactivated' | 'revoked' | 'expired' };

/** `lastUsedAt` is written at most this often, so that a busy token does not write on every request. */
const TOUCH_EVERY_MS = 60_000;

@Injectable()
export class TokenService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig,
  ) {}

  /**
   * The person a live token belongs to; or why it is refused (unknown, revoked, expired, or its
   * person deactivated). Read on every request, so a deactivation takes effect on the next one.
   */
  async resolve(token: string): Promise<Resolution> {
    const row = await this.dataSource
      .getRepository(AccessTokenEntity)
      .createQueryBuilder('t')
      .innerJoinAndMapOne('t.person', PersonEntity, 'p', 'p.id = t.person_id')
      .innerJoinAndMapOne('p.organization', OrganizationEntity, 'o', 'o.id = p.organization_id')
      .where('t.token_hash = :hash', { hash: hashToken(token) })
      .getOne();
    if (!row?.person?.organization) return { refused: 'unknown' };
    if (row.revokedAt) return { refused: 'revoked' };
    if (row.expiresAt && row.expiresAt.getTime() <= Date.now()) return { refused: 'expired' };
    if (row.person.deactivatedAt) return { refused: 'deactivated' };
    if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() >= TOUCH_EVERY_MS) void this.touch(row.id);
    return { principal: { kind: 'person', person: row.person, organizationCode: row.person.organization.code, tokenId: row.id } };
  }

  /** Revokes the person's live tokens and issues a new one; the secret is returned once, never stored. */
  async issue(personId: string, manager: EntityManager = this.dataSource.manager): Promise<{ token: string; expiresAt: Date }> {
    const token = newToken();
    const expiresAt = new Date(Date.now() + this.config.tokenTtlMs);
    await manager.update(AccessTokenEntity, { personId, revokedAt: IsNull() }, { revokedAt: new Date() });
    await manager.insert(AccessTokenEntity, { personId, tokenHash: hashToken(token), revokedAt: null, expiresAt });
    return { token, expiresAt };
  }

  /** The person's tokens, newest first, without their secrets. */
  async list(personId: string): Promise<TokenInfo[]> {
    const rows = await this.dataSource.getRepository(AccessTokenEntity).find({ where: { personId }, order: { createdAt: 'DESC' } });
    return rows.map(({ id, createdAt, expiresAt, revokedAt, lastUsedAt }) => ({ id, createdAt, expiresAt, revokedAt, lastUsedAt }));
  }

  /** Revokes one of the person's tokens; false when it is not theirs or already revoked. */
  async revoke(personId: string, tokenId: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const result = await manager.update(AccessTokenEntity, { id: tokenId, personId, revokedAt: IsNull() }, { revokedAt: new Date() });
    return (result.affected ?? 0) > 0;
  }

  /** Notes the token's use without holding the request up (the condition keeps racing requests to one write). */
  private async touch(id: string): Promise<void> {
    await this.dataSource
      .query(
        `UPDATE access_tokens SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
        [id],
      )
      .catch(() => undefined);
  }
}
