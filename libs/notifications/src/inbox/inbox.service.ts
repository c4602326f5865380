import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError, isoOrNull, Page } from '@liaison/common';
import { keysetPage, NotificationEntity } from '@liaison/persistence';
import { DataSource } from 'typeorm';

export interface NotificationResponse {
  id: string;
  kind: string;
  exchangeId?: string;
  supportRequestId?: string;
  title: string;
  body: string;
  dueAt: string | null;
  deliveredAt: string;
  readAt: string | null;
}

export function toNotificationResponse(n: NotificationEntity): NotificationResponse {
  return {
    id: n.id,
    kind: n.kind,
    ...(n.exchangeId ? { exchangeId: n.exchangeId } : {}),
    ...(n.supportRequestId ? { supportRequestId: n.supportRequestId } : {}),
    title: n.title,
    body: n.body,
    dueAt: isoOrNull(n.dueAt),
    deliveredAt: isoOrNull(n.deliveredAt)!,
    readAt: isoOrNull(n.readAt),
  };
}

/** A person's in-app inbox: newest first. */
@Injectable()
export class InboxService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(personId: string, query: { unread?: boolean; limit: number; cursor?: string }): Promise<Page<NotificationResponse>> {
    const qb = this.dataSource.getRepository(NotificationEntity).createQueryBuilder('n').where('n.person_id = :personId', { personId });
    if (query.unread) qb.andWhere('n.read_at IS NULL');
    const { rows, nextCursor } = await keysetPage(qb, {
      column: 'n.delivered_at',
      value: (n) => n.deliveredAt,
      idColumn: 'n.id',
      direction: 'DESC',
      limit: query.limit,
      cursor: query.cursor,
    });
    return { items: rows.map(toNotificationResponse), nextCursor };
  }

  async markRead(personId: string, id: string): Promise<NotificationResponse> {
    const repository = this.dataSource.getRepository(NotificationEntity);
    await repository
      .createQueryBuilder()
      .update()
      .set({ readAt: () => 'COALESCE(read_at, now())' })
      .where('id = :id AND person_id = :personId', { id, personId })
      .execute();
    const notification = await repository.findOneBy({ id, personId });
    if (!notification) throw DomainError.notFound('NOTIFICATION.NOT_FOUND', `notification ${id} not found`);
    return toNotificationResponse(notification);
  }
}
