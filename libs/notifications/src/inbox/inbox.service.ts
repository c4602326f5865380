import { Injectable } from '@nestjs/common';
import { DomainError, isoOrNull, Page } from '@liaison/common';
import { NotificationEntity, NotificationsRepository } from '@liaison/persistence';

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
  constructor(private readonly notifications: NotificationsRepository) {}

  async list(personId: string, query: { unread?: boolean; limit: number; cursor?: string }): Promise<Page<NotificationResponse>> {
    const { rows, nextCursor } = await this.notifications.pageOf(personId, query);
    return { items: rows.map(toNotificationResponse), nextCursor };
  }

  async markRead(personId: string, id: string): Promise<NotificationResponse> {
    const notification = await this.notifications.markRead(personId, id);
    if (!notification) throw DomainError.notFound('NOTIFICATION.NOT_FOUND', `notification ${id} not found`);
    return toNotificationResponse(notification);
  }
}
