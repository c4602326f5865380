import { Inject, Injectable } from '@nestjs/common';
import { DigestExchangeRow, DigestsRepository, PersonEntity } from '@liaison/persistence';
import { DateTime } from 'luxon';

/** How far ahead the digest looks for the person's action items. */
export const ACTION_ITEMS_AHEAD_MS = 3 * 24 * 3600 * 1000;

/** One step waiting for the person, as `GET /v1/me/waiting` lists it. */
export interface DigestWaitingItem {
  kind: string;
  title: string;
  exchangeId: string | null;
  supportRequestId: string | null;
  organization: string | null;
  action: string;
  /** ISO instant with offset, or null when it has no due time. */
  dueAt: string | null;
}

/**
 * Where the digest learns what waits for a person: the same sources as `GET /v1/me/waiting` (the
 * exchanges' follow-up and the support requests), which this library may not import (they import
 * it), so the notifier app hands them in (`DigestModule.register`).
 */
export interface DigestWaitingSource {
  waitingFor(person: PersonEntity): Promise<DigestWaitingItem[]>;
}

export const DIGEST_WAITING = Symbol('DIGEST_WAITING');

/** What one morning's digest holds; empty sections are left out of the e-mail, an empty digest is not sent. */
export interface DigestContent {
  exchanges: DigestExchangeRow[];
  actionItems: DigestWaitingItem[];
  steps: DigestWaitingItem[];
}

export function isEmptyDigest(content: DigestContent): boolean {
  return content.exchanges.length + content.actionItems.length + content.steps.length === 0;
}

/**
 * Gathers a person's digest for `day` (a local date in their zone): the exchanges they take part in
 * that start that day, their open action items due before `at` + three days (those overdue too: they
 * are still due), and the other steps waiting for them.
 */
@Injectable()
export class DigestComposer {
  constructor(
    private readonly digests: DigestsRepository,
    @Inject(DIGEST_WAITING) private readonly waiting: DigestWaitingSource,
  ) {}

  async compose(person: PersonEntity, day: string, at: Date): Promise<DigestContent> {
    const start = DateTime.fromISO(day, { zone: person.timezone }).startOf('day');
    const [exchanges, waiting] = await Promise.all([
      this.digests.exchangesOf(person.id, start.toJSDate(), start.plus({ days: 1 }).toJSDate()),
      this.waiting.waitingFor(person),
    ]);
    const horizon = at.getTime() + ACTION_ITEMS_AHEAD_MS;
    return {
      exchanges,
      actionItems: waiting.filter((item) => item.kind === 'action-item' && item.dueAt !== null && Date.parse(item.dueAt) < horizon),
      steps: waiting.filter((item) => item.kind !== 'action-item'),
    };
  }
}
