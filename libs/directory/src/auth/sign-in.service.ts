import { Inject, Injectable, Logger } from '@nestjs/common';
import { hashToken, newToken, SessionsService, SignInContext } from '@liaison/access';
import { DomainError } from '@liaison/common';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import { PAGES, pageUrl } from '@liaison/domain';
import { PeopleRepository, PersonEntity, SignInLinksRepository, Transactions, WebSessionEntity } from '@liaison/persistence';

/** How long a sign-in link works. */
export const SIGN_IN_LINK_MINUTES = 15;

/** A session just opened: its secret goes into the cookie, once. */
export interface OpenedSession {
  secret: string;
  session: WebSessionEntity;
  person: PersonEntity;
  next: string | null;
}

/**
 * Sign-in by a link sent by e-mail. Asking is answered the same whoever asks (202), and the link is
 * made and sent after the answer, so neither the answer nor its timing tells whether the address is
 * anyone's. A link works once (its use is one conditional UPDATE), for SIGN_IN_LINK_MINUTES, and only
 * while its person is active; using it opens a session.
 */
@Injectable()
export class SignInService {
  private readonly logger = new Logger(SignInService.name);

  constructor(
    private readonly people: PeopleRepository,
    private readonly links: SignInLinksRepository,
    private readonly sessions: SessionsService,
    private readonly transactions: Transactions,
    @Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig,
  ) {}

  /**
   * Makes a link for the active person with this e-mail, if there is one, and hands it to `send`.
   * Never throws: it runs after the answer, so a failure is logged (the person can ask again).
   */
  async sendLink(email: string, next: string | null, send: (person: PersonEntity, link: string) => Promise<void>): Promise<void> {
    try {
      const person = await this.people.activeByEmail(email);
      if (!person) {
        this.logger.log('sign-in link asked for an address that is no active person’s; nothing sent');
        return;
      }
      const token = newToken('lsl');
      const expiresAt = new Date(Date.now() + SIGN_IN_LINK_MINUTES * 60_000);
      await this.links.create({ personId: person.id, tokenHash: hashToken(token), next, expiresAt });
      await send(person, pageUrl(this.config.publicBaseUrl, PAGES.signInLink(token)));
      this.logger.log({ personId: person.id }, 'sign-in link sent');
    } catch (error) {
      this.logger.error({ err: error }, 'could not send a sign-in link');
    }
  }

  /** Uses the link and opens a session for its person; a 422 when the link is unknown, used, expired or its person gone. */
  async redeem(token: string, context: Omit<SignInContext, 'method'>): Promise<OpenedSession> {
    const opened = await this.transactions.run(async (uow) => {
      const link = await this.links.use(hashToken(token), uow);
      const person = link && (await this.people.withOrganization(link.personId));
      if (!link || !person || person.deactivatedAt) return null;
      const { secret, session } = await this.sessions.open(person.id, { ...context, method: 'email-link' }, uow);
      return { secret, session, person, next: link.next };
    });
    if (!opened) {
      throw DomainError.unprocessable(
        'AUTH.LINK_NOT_VALID',
        `this sign-in link is unknown, already used or expired (links work once, for ${SIGN_IN_LINK_MINUTES} minutes): ask for a new one`,
      );
    }
    return opened;
  }
}
