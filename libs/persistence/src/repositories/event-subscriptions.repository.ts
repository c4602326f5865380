import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Event subscriptions and their signing secrets (tables `event_subscriptions`, `event_subscription_secrets`). */
@Injectable()
export class EventSubscriptionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}
}
