import { Inject, Injectable } from '@nestjs/common';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import { PeopleRepository, Transactions } from '@liaison/persistence';
import { AuditService } from '../audit/audit.service';
import { sessionCookie } from '../sessions/session-cookie';
import { SessionsService } from '../sessions/sessions.service';
import { SignInFailed } from './oidc-failures';

/** Who the provider signed in, and where from. */
export interface OidcIdentity {
  /** The provider's subject, for the log and the audit trail. */
  sub: string;
  userAgent?: string;
  ip?: string;
}

/**
 * The Liaison side of a sign-in with OpenID Connect: the active person with the verified e-mail
 * (compared without case), a web session for them and its audit event, in one transaction.
 */
@Injectable()
export class OidcSignIn {
  constructor(
    private readonly people: PeopleRepository,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    private readonly transactions: Transactions,
    @Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig,
  ) {}

  async open(verifiedEmail: string, identity: OidcIdentity, secure: boolean): Promise<{ personId: string; sessionCookie: string }> {
    const person = await this.people.activeByEmail(verifiedEmail);
    if (!person) throw new SignInFailed('oidc_no_account', `no active person has the verified e-mail of subject ${identity.sub}`);
    const { secret, session } = await this.transactions.run(async (uow) => {
      const opened = await this.sessions.open(person.id, { method: 'oidc', userAgent: identity.userAgent, ip: identity.ip }, uow);
      await this.audit.record(
        {
          actor: { type: 'person', id: person.id },
          action: 'auth.session.open',
          entityType: 'person',
          entityId: person.id,
          details: { method: 'oidc', sessionId: opened.session.id, issuer: this.config.oidc?.issuer ?? null, subject: identity.sub },
        },
        uow,
      );
      return opened;
    });
    return { personId: person.id, sessionCookie: sessionCookie(secret, secure, this.sessions.cookieLifetimeMs(session)) };
  }
}
