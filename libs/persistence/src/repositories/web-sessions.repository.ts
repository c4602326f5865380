import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { OrganizationEntity, PersonEntity, SignInMethod, WebSessionEntity } from '../entities';
import { managerOf, UnitOfWork } from '../unit-of-work';

/** A session as opened. */
export interface NewWebSession {
  personId: string;
  secretHash: string;
  method: SignInMethod;
  userAgent: string | null;
  address: string | null;
  expiresAt: Date;
}

/** `web_sessions`: the web app's sessions, by the hash of their cookie's secret. */
@Injectable()
export class WebSessionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async open(session: NewWebSession, uow?: UnitOfWork): Promise<WebSessionEntity> {
    const manager = managerOf(this.dataSource, uow);
    const result = await manager.insert(WebSessionEntity, { ...session, revokedAt: null });
    return manager.findOneByOrFail(WebSessionEntity, { id: result.identifiers[0].id as string });
  }

  /** The session with this hash, with its person and the person's organisation mapped on. */
  bySecretHash(secretHash: string): Promise<WebSessionEntity | null> {
    return this.dataSource
      .getRepository(WebSessionEntity)
      .createQueryBuilder('s')
      .innerJoinAndMapOne('s.person', PersonEntity, 'p', 'p.id = s.person_id')
      .innerJoinAndMapOne('p.organization', OrganizationEntity, 'o', 'o.id = p.organization_id')
      .where('s.secret_hash = :secretHash', { secretHash })
      .getOne();
  }

  /** The person's sessions still live (neither revoked nor expired), newest first. */
  liveOf(personId: string): Promise<WebSessionEntity[]> {
    return this.dataSource
      .getRepository(WebSessionEntity)
      .createQueryBuilder('s')
      .where('s.person_id = :personId AND s.revoked_at IS NULL AND s.expires_at > now()', { personId })
      .orderBy('s.created_at', 'DESC')
      .addOrderBy('s.id', 'DESC')
      .getMany();
  }

  /** Revokes one of the person's sessions; false when it is not theirs or already revoked. */
  async revoke(personId: string, sessionId: string, uow?: UnitOfWork): Promise<boolean> {
    const result = await managerOf(this.dataSource, uow).update(
      WebSessionEntity,
      { id: sessionId, personId, revokedAt: IsNull() },
      { revokedAt: new Date() },
    );
    return (result.affected ?? 0) > 0;
  }

  /** Notes the session's use (the condition keeps racing requests to one write a minute). */
  async touch(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE web_sessions SET last_used_at = now() WHERE id = $1 AND last_used_at < now() - interval '1 minute'`,
      [id],
    );
  }
}
