import { Inject, Injectable } from '@nestjs/common';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import { SignInMethod, UnitOfWork, WebSessionEntity, WebSessionsRepository } from '@liaison/persistence';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../principal';
import { hashToken, newToken } from '../tokens';

/** Where a sign-in came from, kept with the session so that its owner can tell their sessions apart. */
export interface SignInContext {
  method: SignInMethod;
  userAgent?: string;
  ip?: string;
}

/** What a presented session secret turned out to be. */
export type SessionResolution =
  | { principal: Principal & { kind: 'person' }; session: WebSessionEntity }
  | { refused: 'unknown' | 'revoked' | 'expired' | 'idle' | 'deactivated' };

/** `lastUsedAt` is written at most this often, so that a busy session does not write on every request. */
const TOUCH_EVERY_MS = 60_000;
/** The most of a User-Agent kept: enough to tell browsers apart. */
const USER_AGENT_MAX = 256;

/**
 * The web app's sessions. Opening one makes a secret that only the cookie carries (the table keeps
 * its SHA-256); each request resolves it again, so a revoke, a sign-out or a deactivation takes
 * effect on the next one. A session ends SESSION_LIFETIME after its sign-in, or SESSION_IDLE_TIMEOUT
 * after its last use. Opening and ending one are audited.
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly sessions: WebSessionsRepository,
    private readonly audit: AuditService,
    @Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig,
  ) {}

  async open(personId: string, context: SignInContext, uow?: UnitOfWork): Promise<{ secret: string; session: WebSessionEntity }> {
    const secret = newToken('lss');
    const session = await this.sessions.open(
      {
        personId,
        secretHash: hashToken(secret),
        method: context.method,
        userAgent: context.userAgent?.slice(0, USER_AGENT_MAX) ?? null,
        address: context.ip ?? null,
        expiresAt: new Date(Date.now() + this.config.signIn.sessionLifetimeMs),
      },
      uow,
    );
    await this.audit.record(
      {
        actor: { type: 'person', id: personId },
        action: 'auth.session.open',
        entityType: 'person',
        entityId: personId,
        details: { sessionId: session.id, method: context.method },
      },
      uow,
    );
    return { secret, session };
  }

  /** The person a live session belongs to; or why it is refused. */
  async resolve(secret: string): Promise<SessionResolution> {
    const session = await this.sessions.bySecretHash(hashToken(secret));
    const person = session?.person;
    if (!session || !person?.organization) return { refused: 'unknown' };
    const now = Date.now();
    if (session.revokedAt) return { refused: 'revoked' };
    if (session.expiresAt.getTime() <= now) return { refused: 'expired' };
    if (session.lastUsedAt.getTime() + this.config.signIn.sessionIdleMs <= now) return { refused: 'idle' };
    if (person.deactivatedAt) return { refused: 'deactivated' };
    if (now - session.lastUsedAt.getTime() >= TOUCH_EVERY_MS) void this.sessions.touch(session.id).catch(() => undefined);
    return { principal: { kind: 'person', person, organizationCode: person.organization.code, sessionId: session.id }, session };
  }

  /** How long, in milliseconds, a session's cookie should be kept by the browser. */
  cookieLifetimeMs(session: WebSessionEntity): number {
    return Math.max(0, session.expiresAt.getTime() - Date.now());
  }

  /** The person's live sessions, newest first. */
  live(personId: string): Promise<WebSessionEntity[]> {
    return this.sessions.liveOf(personId);
  }

  /** Ends one of the person's sessions (a sign-out, or a revoke from another); false when it is not theirs or already ended. */
  async end(personId: string, sessionId: string, how: 'sign-out' | 'revoke'): Promise<boolean> {
    if (!(await this.sessions.revoke(personId, sessionId))) return false;
    await this.audit.record({
      actor: { type: 'person', id: personId },
      action: how === 'sign-out' ? 'auth.session.sign-out' : 'auth.session.revoke',
      entityType: 'person',
      entityId: personId,
      details: { sessionId },
    });
    return true;
  }
}
