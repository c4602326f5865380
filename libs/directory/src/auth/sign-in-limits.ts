import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import type { ErrorCodeOf } from '@liaison/domain';
import type { Response } from 'express';
import { createHash } from 'node:crypto';

const HOUR = 3_600_000;
const NAME = 'sign-in-link';

/**
 * How many sign-in links may be asked for in an hour: per e-mail address (whether or not it is
 * anyone's, so that the limit says nothing of who has an account) and per client address. Counted
 * on the API's rate-limit store, like its other limits.
 */
@Injectable()
export class SignInLimits {
  constructor(
    @Inject(ThrottlerStorage) private readonly storage: ThrottlerStorage,
    @Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig,
  ) {}

  /** Counts one ask; a 429 with Retry-After when it is over either limit. */
  async admit(email: string, address: string, response: Response): Promise<void> {
    const byEmail = createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
    await this.count(`${NAME}:address:${address}`, this.config.signIn.linksPerAddress, 'RATE_LIMIT.SIGN_IN_ADDRESS', 'address', response);
    await this.count(`${NAME}:email:${byEmail}`, this.config.signIn.linksPerEmail, 'RATE_LIMIT.SIGN_IN_EMAIL', 'e-mail', response);
  }

  private async count(key: string, limit: number, code: ErrorCodeOf<429>, per: string, response: Response): Promise<void> {
    const record = await this.storage.increment(key, HOUR, limit, HOUR, NAME);
    if (!record.isBlocked) return;
    response.setHeader('Retry-After', String(Math.max(1, Math.ceil(record.timeToBlockExpire))));
    throw new HttpException(
      { message: `too many sign-in links asked for this ${per}: at most ${limit} an hour; retry after the Retry-After seconds`, code },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
