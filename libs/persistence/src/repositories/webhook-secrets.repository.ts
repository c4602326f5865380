import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { WebhookSecretEntity } from '../entities';
import { updateReturning } from '../postgres';
import { managerOf, UnitOfWork } from '../unit-of-work';

/**
 * The webhook signing secrets of organisations (table `webhook_secrets`). Each organisation has one
 * current secret, made with it; a rotation makes a new one and lets the old one sign beside it for
 * WEBHOOK_SECRET_GRACE. A secret leaves this class only to sign, and once to the API caller who
 * created or rotated it.
 */
@Injectable()
export class WebhookSecretsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig,
  ) {}

  /** 32 random bytes, base64url (43 characters); the key is its UTF-8 bytes, as docs/WEBHOOKS.md says. */
  static newSecret(): string {
    return randomBytes(32).toString('base64url');
  }

  /** The first secret of a new organisation, in its creating transaction. */
  async issue(organizationId: string, uow: UnitOfWork): Promise<string> {
    const secret = WebhookSecretsRepository.newSecret();
    await managerOf(this.dataSource, uow).insert(WebhookSecretEntity, { organizationId, secret, expiresAt: null });
    return secret;
  }

  /**
   * A new current secret; the one it replaces signs until `previousValidUntil`. The caller holds the
   * organisation's row lock, so that two rotations take turns. Secrets whose grace has passed are removed.
   */
  async rotate(organizationId: string, uow: UnitOfWork): Promise<{ secret: string; previousValidUntil: Date }> {
    const manager = managerOf(this.dataSource, uow);
    // updateReturning: a raw UPDATE answers [rows, count], whose first element has no expires_at.
    const [retired] = await updateReturning<{ expires_at: Date }>(
      manager,
      `UPDATE webhook_secrets SET expires_at = now() + make_interval(secs => $2::double precision / 1000)
        WHERE organization_id = $1 AND expires_at IS NULL RETURNING expires_at`,
      [organizationId, this.config.webhooks.secretGraceMs],
    );
    await manager.query(`DELETE FROM webhook_secrets WHERE organization_id = $1 AND expires_at <= now()`, [organizationId]);
    const secret = WebhookSecretsRepository.newSecret();
    await manager.insert(WebhookSecretEntity, { organizationId, secret, expiresAt: null });
    return { secret, previousValidUntil: retired?.expires_at ?? new Date() };
  }

  /**
   * The secrets that sign a webhook of the organisation's people now: the current one first, then
   * any still in their grace period, newest first. An organisation without one (made by hand in
   * the database) gets one here.
   */
  async signingSecrets(organizationId: string): Promise<string[]> {
    const rows: Array<{ secret: string }> = await this.dataSource.query(
      `SELECT secret FROM webhook_secrets
        WHERE organization_id = $1 AND (expires_at IS NULL OR expires_at > now())
        ORDER BY expires_at DESC NULLS FIRST, created_at DESC`,
      [organizationId],
    );
    if (rows.length > 0) return rows.map((r) => r.secret);
    await this.dataSource.query(
      `INSERT INTO webhook_secrets (organization_id, secret) VALUES ($1, $2)
       ON CONFLICT (organization_id) WHERE expires_at IS NULL DO NOTHING`,
      [organizationId, WebhookSecretsRepository.newSecret()],
    );
    return this.signingSecrets(organizationId);
  }
}
