import { Inject, Injectable } from '@nestjs/common';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import { TokensRepository, UnitOfWork } from '@liaison/persistence';
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
    private readonly tokens: TokensRepository,
    @Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig,
  ) {}

  /**
   * The person a live token belongs to; or why it is refused (unknown, revoked, expired, or its
   * person deactivated). Read on every request, so a deactivation takes effect on the next one.
   */
  async resolve(token: string): Promise<Resolution> {
    const row = await this.tokens.byHash(hashToken(token));
    if (!row?.person?.organization) return { refused: 'unknown' };
    if (row.revokedAt) return { refused: 'revoked' };
    if (row.expiresAt && row.expiresAt.getTime() <= Date.now()) return { refused: 'expired' };
    if (row.person.deactivatedAt) return { refused: 'deactivated' };
    if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() >= TOUCH_EVERY_MS) void this.touch(row.id);
    return { principal: { kind: 'person', person: row.person, organizationCode: row.person.organization.code, tokenId: row.id } };
  }

  /** Revokes the person's live tokens and issues a new one; the secret is returned once, never stored. */
  async issue(personId: string, uow?: UnitOfWork): Promise<{ token: string; expiresAt: Date }> {
    const token = newToken();
    const expiresAt = new Date(Date.now() + this.config.tokenTtlMs);
    await this.tokens.replaceLive(personId, hashToken(token), expiresAt, uow);
    return { token, expiresAt };
  }

  /** The person's tokens, newest first, without their secrets. */
  async list(personId: string): Promise<TokenInfo[]> {
    const rows = await this.tokens.ofPerson(personId);
    return rows.map(({ id, createdAt, expiresAt, revokedAt, lastUsedAt }) => ({ id, createdAt, expiresAt, revokedAt, lastUsedAt }));
  }

  /** Revokes one of the person's tokens; false when it is not theirs or already revoked. */
  revoke(personId: string, tokenId: string, uow?: UnitOfWork): Promise<boolean> {
    return this.tokens.revoke(personId, tokenId, uow);
  }

  /** Notes the token's use without holding the request up (the condition keeps racing requests to one write). */
  private async touch(id: string): Promise<void> {
    await this.tokens.touch(id).catch(() => undefined);
  }
}
