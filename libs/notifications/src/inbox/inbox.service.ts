import { Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DomainError, INSTANT, INSTANT_OR_NULL, isoOrNull, Page } from '@liaison/common';
import { NotificationEntity, NotificationsRepository } from '@liaison/persistence';

/** An entry of a person's in-app inbox. */
export class NotificationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'exchange.reminder', description: 'What it is about: `exchange.…`, `action-item.…` or `support-request.…`' })
  kind!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The exchange it is about, if any' }) exchangeId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The support request it is about, if any' }) supportRequestId?: string;
  @ApiProperty() title!: string;
  @ApiProperty() body!: string;
  @ApiProperty({
    ...INSTANT_OR_NULL,
    description: 'When the reminder fell due (for an exchange: its start less the reminder offset); null if it had no due time',
  })
  dueAt!: string | null;
  @ApiProperty(INSTANT) deliveredAt!: string;
  @ApiProperty({ ...INSTANT_OR_NULL, description: 'When it was marked read; null while unread' }) readAt!: string | null;
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
